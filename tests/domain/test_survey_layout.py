"""Survey rules in the domain: column types and a respondent's document."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualcode.domain.survey import ColumnType, column_value, infer_column, respondent_text
from qualcode.domain.text import is_normalized, normalize_text


def test_checkbox_columns_are_booleans_and_an_empty_box_is_false():
    column = infer_column(["x", None, "X", "  "])
    assert column == ColumnType("boolean", blank_is_false=True)
    assert [column_value(c, column) for c in ["x", None, "X", " "]] == [True, False, True, False]


def test_yes_no_columns_are_booleans_and_an_empty_cell_is_no_answer():
    column = infer_column(["ja", "Nein", None, True])
    assert column == ColumnType("boolean", blank_is_false=False)
    assert [column_value(c, column) for c in ["ja", "Nein", None]] == [True, False, None]


@pytest.mark.parametrize(("cells", "expected"), [
    ([7, 11.0, None, "4"], "integer"),
    ([7, 2.5], "float"),
    (["3,5", "2"], "float"),
    ([date(2020, 6, 2), "2020-06-05", datetime(2020, 6, 9)], "date"),
    (["ja, Erfahrungen", "nein"], "text"),
    (["007", "12"], "text"),
    ([None, ""], "text"),
])
def test_other_columns_take_the_narrowest_type(cells, expected):
    assert infer_column(cells).type == expected


def test_values_convert_to_their_column_type():
    assert column_value(11.0, ColumnType("integer")) == 11
    assert column_value("3,5", ColumnType("float")) == 3.5
    assert column_value(datetime(2020, 6, 9), ColumnType("date")) == "2020-06-09"
    assert column_value(3.0, ColumnType("text")) == "3"
    with pytest.raises(ValueError):
        column_value("viele", ColumnType("integer"))
    with pytest.raises(ValueError):
        column_value("vielleicht", ColumnType("boolean"))


def test_a_respondent_document_and_the_spans_of_its_answers():
    text, spans = respondent_text("Bündnis", "B07", [
        ("1.3 Anpassung", "  Termine verschoben.\r\nZweite Zeile. "),
        ("1.11 Herausforderungen", ""),
        ("3.3 Trägersuche", "Ein Träger fehlt."),
    ])
    assert text == ("Bündnis: B07\n\n1.3 Anpassung\nTermine verschoben.\nZweite Zeile.\n"
                    "\n3.3 Trägersuche\nEin Träger fehlt.\n")
    assert [(s.question, text[s.start:s.end]) for s in spans] == [
        ("1.3 Anpassung", "Termine verschoben.\nZweite Zeile."),
        ("3.3 Trägersuche", "Ein Träger fehlt.")]


@given(st.text(max_size=10), st.lists(st.tuples(st.text(max_size=15), st.text(max_size=40)),
                                      max_size=4))
def test_respondent_documents_are_normalised_and_spans_hold_the_answers(id_value, answers):
    text, spans = respondent_text("ID", id_value, answers)
    assert is_normalized(text)
    assert all(text[s.start:s.end].strip() == text[s.start:s.end] != "" for s in spans)
    assert len(spans) == sum(1 for _, answer in answers if normalize_text(answer).strip())
