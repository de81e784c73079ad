"""Line numbers as users see them in quote collections (Z. 12) and JSON (line_start)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.domain.lines import LineIndex

# Offsets:     0123 4 5678 9 10 11..14
TEXT = "eins\nzwei\n\ndrei"


def test_line_count_counts_blank_lines_and_a_final_empty_line():
    assert LineIndex(TEXT).line_count == 4
    assert LineIndex("").line_count == 1
    assert LineIndex("ohne Umbruch").line_count == 1
    assert LineIndex("eine Zeile\n").line_count == 2


def test_line_of_each_offset():
    index = LineIndex(TEXT)
    assert index.line_of(0) == 1
    assert index.line_of(4) == 1  # the LF ends line 1
    assert index.line_of(5) == 2
    assert index.line_of(9) == 2
    assert index.line_of(10) == 3  # the blank line
    assert index.line_of(11) == 4
    assert index.line_of(len(TEXT)) == 4  # end of text: last line


def test_offset_outside_the_text_is_refused():
    index = LineIndex(TEXT)
    with pytest.raises(ValueError):
        index.line_of(-1)
    with pytest.raises(ValueError):
        index.line_of(len(TEXT) + 1)


def test_line_range_of_half_open_spans():
    index = LineIndex(TEXT)
    assert index.line_range(5, 9) == (2, 2)  # "zwei"
    assert index.line_range(5, 10) == (2, 2)  # "zwei\n": the LF is still line 2
    assert index.line_range(0, 9) == (1, 2)
    assert index.line_range(2, 15) == (1, 4)
    assert index.line_range(11, 11) == (4, 4)  # empty span: its start line


def test_line_start_and_end():
    index = LineIndex(TEXT)
    assert [index.line_start(n) for n in (1, 2, 3, 4)] == [0, 5, 10, 11]
    assert [index.line_end(n) for n in (1, 2, 3, 4)] == [4, 9, 10, 15]
    assert TEXT[index.line_start(2):index.line_end(2)] == "zwei"
    with pytest.raises(ValueError):
        index.line_start(0)
    with pytest.raises(ValueError):
        index.line_start(5)
    with pytest.raises(ValueError):
        index.line_end(5)


def test_line_and_column_conversion():
    index = LineIndex(TEXT)
    assert index.to_line_col(7) == (2, 2)
    assert index.to_line_col(10) == (3, 0)
    assert index.to_offset(2, 2) == 7
    # A column past the line's end is clamped to the end of that line (before its LF).
    assert index.to_offset(1, 99) == 4
    assert index.to_offset(4, 99) == 15
    assert index.to_offset(2, -3) == 5


def test_columns_count_code_points_not_bytes():
    text = "Grüße\nÄrger"
    index = LineIndex(text)
    assert index.to_line_col(text.index("Ä")) == (2, 0)
    assert index.to_line_col(text.index("ß")) == (1, 3)


_texts = st.text(alphabet="ab \nä", max_size=40)


@settings(database=None)
@given(st.data())
def test_line_of_counts_preceding_line_feeds(data):
    text = data.draw(_texts)
    offset = data.draw(st.integers(0, len(text)))
    assert LineIndex(text).line_of(offset) == text.count("\n", 0, offset) + 1


@settings(database=None)
@given(st.data())
def test_to_offset_inverts_to_line_col(data):
    text = data.draw(_texts)
    offset = data.draw(st.integers(0, len(text)))
    index = LineIndex(text)
    line, column = index.to_line_col(offset)
    assert index.to_offset(line, column) == offset
    assert 1 <= line <= index.line_count
    assert column == offset - (text.rfind("\n", 0, offset) + 1)


@settings(database=None)
@given(_texts)
def test_lines_partition_the_text(text):
    index = LineIndex(text)
    pieces = [text[index.line_start(n):index.line_end(n)] for n in range(1, index.line_count + 1)]
    assert pieces == text.split("\n")
