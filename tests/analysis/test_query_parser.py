"""The lexical search query language."""

from __future__ import annotations

import pytest

from qualcode.analysis.query import DEFAULT_NEAR, And, Near, Or, Term, parse_query
from qualcode.domain.errors import InputError


def test_precedence_near_and_or():
    assert parse_query('a OR b c NEAR/3 "d e"') == Or((
        Term(("a",)),
        And((Term(("b",)), Near(Term(("c",)), Term(("d", "e")), 3))),
    ))


def test_parentheses_and_default_distance():
    assert parse_query("(a OR b) NEAR c") == Near(Or((Term(("a",)), Term(("b",)))),
                                                  Term(("c",)), DEFAULT_NEAR)


def test_german_quotes_and_punctuation():
    assert parse_query("„per Video“ AND Ausländerbehörde?") == And((
        Term(("per", "Video")), Term(("Ausländerbehörde",))))


def test_lower_case_operators_are_words():
    assert parse_query("or and") == And((Term(("or",)), Term(("and",))))


@pytest.mark.parametrize("query", ["", "   ", "a OR", "AND a", "(a", "a)", '"?"'])
def test_malformed(query):
    with pytest.raises(InputError):
        parse_query(query)
