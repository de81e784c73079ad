"""Positions in foreign text -> offsets in the stored text (qualcode.domain.positions)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualcode.domain.positions import (
    CODE_POINTS,
    CODE_POINTS_LF,
    UTF16_UNITS,
    OffsetMap,
    Selection,
    base_map,
    crlf_as_lf_map,
    detect_base,
    normalize_with_map,
    utf16_length,
    utf16_map,
)
from qualcode.domain.text import normalize_text

# Text with what exporters write: CRLF, lone CR, tabs, BOMs, control characters, decomposed
# accents, marks NFC reorders, Hangul jamo, characters above U+FFFF.
_PIECES = st.sampled_from(["a", "ß", "e", "\u0301", "\u0323", "\u0308", "\r\n", "\r", "\n",
                           "\t", "\ufeff", "\x01", "\x85", "\u2028", "\U0001F600", "\u1100",
                           "\u1161", "\u11a8", "\u212b", " ", "Ä"])
raw_text = st.lists(_PIECES, max_size=40).map("".join) | st.text(max_size=40)
normalize_with_map("e\u0301")  # builds the composition table once, outside any deadline


def _bases(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@given(raw_text)
def test_the_mapped_text_is_the_stored_text(raw):
    text, _ = normalize_with_map(raw)
    assert text == normalize_text(raw)


@given(raw_text)
def test_the_map_is_monotone_and_covers_both_texts(raw):
    text, mapping = normalize_with_map(raw)
    assert mapping.lo(0) == 0 and mapping.hi(len(raw)) == len(text)
    for i in range(len(raw)):
        assert mapping.lo(i) <= mapping.hi(i)
        assert mapping.lo(i) <= mapping.lo(i + 1) and mapping.hi(i) <= mapping.hi(i + 1)


@given(raw_text, st.data())
def test_exact_boundaries_split_the_stored_text_as_normalising_the_parts_would(raw, data):
    text, mapping = normalize_with_map(raw)
    i = data.draw(st.integers(0, len(raw)))
    if mapping.lo(i) == mapping.hi(i):
        assert text[:mapping.lo(i)] == normalize_text(raw[:i])
        assert text[mapping.lo(i):] == normalize_text(raw[i:])


@given(raw_text, st.data())
def test_a_mapped_span_covers_the_normalised_characters_it_held(raw, data):
    text, mapping = normalize_with_map(raw)
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, len(raw)))
    lo, hi = mapping.span(start, end)
    assert 0 <= lo <= hi <= len(text)
    # The base characters the span held are inside the mapped span (NFC may merge or reorder
    # the marks on them with marks outside the span).
    assert _bases(normalize_text(raw[start:end])) in _bases(text[lo:hi])


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), st.data())
def test_utf16_positions_map_to_code_points(text, data):
    mapping = utf16_map(text)
    encoded = text.encode("utf-16-le")
    assert mapping.source_length == utf16_length(text) == len(encoded) // 2
    unit = data.draw(st.integers(0, mapping.source_length))
    # The code point boundary at or before a unit boundary decodes the same prefix.
    prefix = encoded[:2 * unit].decode("utf-16-le", errors="ignore")
    assert mapping.lo(unit) == len(prefix)


def test_crlf_counted_as_one_maps_back_to_the_pair():
    lf_text, mapping = crlf_as_lf_map("ab\r\ncd\r\n")
    assert lf_text == "ab\ncd\n"
    assert [mapping.lo(i) for i in range(7)] == [0, 1, 2, 4, 5, 6, 8]


def test_known_text_in_three_countings():
    # "Z" is at position 7 in code points of the file (CRLF counts two), at 5 with CRLF
    # counted once, and at 8 in UTF-16 units (the emoji counts two as well).
    raw = "\U0001F600\r\nab\r\nZ"
    stored = normalize_text(raw)
    assert stored == "\U0001F600\nab\nZ" and stored.index("Z") == 5
    assert base_map(raw, CODE_POINTS).span(7, 8) == (5, 6)
    assert base_map(raw, CODE_POINTS_LF).span(5, 6) == (5, 6)
    assert base_map(raw, UTF16_UNITS).span(8, 9) == (5, 6)
    assert base_map(raw, CODE_POINTS_LF).span(3, 4) == (3, 4) and stored[3] == "b"


def test_a_span_ending_inside_crlf_or_a_surrogate_pair_covers_it_whole():
    mapping = base_map("x\r\ny", CODE_POINTS)
    assert mapping.span(0, 2) == (0, 2)       # up to the middle of CRLF: includes the LF
    units = base_map("\U0001F600z", UTF16_UNITS)
    assert units.span(1, 3) == (0, 2)         # from the middle of the pair: the whole emoji


def test_positions_outside_the_text_are_refused():
    with pytest.raises(ValueError):
        OffsetMap.identity(3).span(0, 4)
    with pytest.raises(ValueError):
        normalize_with_map("a\r\nb")[1].lo(-1)


def test_detection_rules_out_counts_that_run_past_the_end():
    raw = "Erste Zeile\r\nZweite Zeile\r\nDritte Zeile"
    # The last selection ends at the end of the text counted with CRLF as two characters.
    assert detect_base(raw, [Selection(0, 5), Selection(27, len(raw))]) == CODE_POINTS
    lf_length = len(raw.replace("\r\n", "\n"))
    # Counted with CRLF as one, the same words end 2 characters earlier: both fit, the labels
    # decide.
    assert detect_base(raw, [Selection(25, lf_length, "Dritte Zeile")]) == CODE_POINTS_LF


def test_detection_reads_labels_and_prefers_the_hint_on_a_tie():
    raw = "\ufeffEin Satz über \U0001F4DE Telefon.\r\nUnd noch ein zweiter Satz hier."
    text = normalize_text(raw)
    start = text.index("Und noch")
    # NVivo for Windows: UTF-16 units over the file text (BOM not counted, CRLF as two).
    units_start = utf16_length(raw[1:raw.index("Und noch")])
    label = Selection(units_start, units_start + 8, "Und noch")
    assert detect_base(raw[1:], [label]) == UTF16_UNITS
    assert base_map(raw[1:], UTF16_UNITS).span(label.start, label.end) == (start, start + 8)
    # Without a label every counting fits: the hint decides, else the standard's code points.
    bare = Selection(0, 3)
    assert detect_base(raw[1:], [bare], prefer=UTF16_UNITS) == UTF16_UNITS
    assert detect_base(raw[1:], [bare]) == CODE_POINTS


def test_plain_lf_text_needs_no_detection():
    assert detect_base("nur LF\nhier", [Selection(0, 99)], prefer=UTF16_UNITS) == CODE_POINTS
