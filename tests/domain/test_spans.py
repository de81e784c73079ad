"""Span maths on half-open [start, end) intervals."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.domain.errors import InputError
from qualcode.domain.spans import (
    Span,
    check_span,
    merge_spans,
    overlap,
    trim_whitespace,
    union_length,
)


def test_check_span_accepts_spans_inside_the_text():
    assert check_span(0, 10, 10) == Span(0, 10)
    assert check_span(3, 4, 10).length == 1


@pytest.mark.parametrize("start,end", [(5, 5), (6, 5), (-1, 3), (0, 11), (11, 12)])
def test_check_span_refuses_empty_reversed_or_outside_spans(start, end):
    with pytest.raises(InputError) as error:
        check_span(start, end, 10)
    assert "\n" not in str(error.value)
    assert f"[{start}, {end})" in str(error.value)


def test_overlap_counts_shared_code_points():
    assert overlap(0, 10, 5, 15) == 5
    assert overlap(5, 15, 0, 10) == 5
    assert overlap(0, 5, 5, 10) == 0  # touching spans share nothing
    assert overlap(0, 3, 7, 9) == 0
    assert overlap(2, 8, 3, 4) == 1  # one inside the other


def test_merge_spans_unions_overlapping_and_touching_spans():
    merged = merge_spans([(5, 8), (1, 3), (2, 4), (8, 9), (10, 10), (12, 11), (20, 25)])
    assert merged == [Span(1, 4), Span(5, 9), Span(20, 25)]


def test_merge_of_nothing_is_empty():
    assert merge_spans([]) == []
    assert union_length([]) == 0


def test_union_length_counts_each_code_point_once():
    assert union_length([(0, 10), (5, 15)]) == 15
    assert union_length([(0, 2), (4, 6)]) == 4
    assert union_length([(3, 3)]) == 0


def test_trim_whitespace():
    text = "  Wir haben telefoniert.\n  "
    span = trim_whitespace(text, 0, len(text))
    assert text[span.start:span.end] == "Wir haben telefoniert."
    # Nothing but whitespace: unchanged.
    assert trim_whitespace("a   b", 1, 4) == Span(1, 4)


_spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=12)


def _points(spans):
    return {p for s, e in spans for p in range(s, e)}


@settings(database=None)
@given(_spans)
def test_merged_spans_are_sorted_disjoint_non_adjacent_and_cover_the_same_points(spans):
    merged = merge_spans(spans)
    for span in merged:
        assert span.start < span.end
    for left, right in pairwise(merged):
        assert left.end < right.start
    assert _points(merged) == _points(spans)
    assert merge_spans(merged) == merged


@settings(database=None)
@given(_spans)
def test_union_length_is_the_number_of_covered_points(spans):
    assert union_length(spans) == len(_points(spans))
    assert union_length(spans) <= sum(max(0, e - s) for s, e in spans)


@settings(database=None)
@given(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50), st.integers(0, 50))
def test_overlap_is_symmetric_and_counts_common_points(a, b, c, d):
    a_start, a_end = sorted((a, b))
    b_start, b_end = sorted((c, d))
    assert overlap(a_start, a_end, b_start, b_end) == overlap(b_start, b_end, a_start, a_end)
    common = set(range(a_start, a_end)) & set(range(b_start, b_end))
    assert overlap(a_start, a_end, b_start, b_end) == len(common)
