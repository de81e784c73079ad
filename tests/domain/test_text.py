"""Text normalisation: the one transformation applied to every imported text."""

from __future__ import annotations

import hashlib
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.domain.text import find_occurrences, is_normalized, normalize_text, sha256_text

# Characters that must never survive normalisation (LF is the only line break kept).
_FORBIDDEN_BREAKS = "\r\u0085\u000b\u000c\u2028\u2029"


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch != "\n" for ch in text)


def test_every_line_break_convention_becomes_lf():
    raw = "eins\r\nzwei\rdrei\u2028vier\u2029fünf\u0085sechs\x0bsieben\x0cacht\n"
    assert normalize_text(raw) == "eins\nzwei\ndrei\nvier\nfünf\nsechs\nsieben\nacht\n"


def test_crlf_counts_as_one_line_break_not_two():
    assert normalize_text("I: Hallo\r\n\r\nB: Moin") == "I: Hallo\n\nB: Moin"


def test_tab_becomes_one_space():
    assert normalize_text("Spalte\tSpalte") == "Spalte Spalte"


def test_bom_and_control_characters_are_removed():
    raw = "\ufeffDatum: heute\x00\x07\x1b\x7f\x9f ok"
    assert normalize_text(raw) == "Datum: heute ok"


def test_decomposed_umlauts_become_composed():
    decomposed = "Gru\u0308ße aus Mu\u0308nster"
    result = normalize_text(decomposed)
    assert result == "Grüße aus Münster"
    assert len(result) == len("Grüße aus Münster")


def test_transcript_notation_and_typographic_quotes_are_kept():
    text = "B: „Na ja“ – also (lacht) //Mhm.// (unv.) [...] #00:01:02-3#"
    assert normalize_text(text) == text


def test_is_normalized():
    assert is_normalized("Zeile eins\nZeile zwei")
    assert not is_normalized("Zeile eins\r\nZeile zwei")
    assert not is_normalized("A\u0308rger")


def test_sha256_is_of_the_utf8_bytes_in_lower_case_hex():
    # FIPS 180-2 test vector for "abc".
    assert sha256_text("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    assert sha256_text("ä") == hashlib.sha256(b"\xc3\xa4").hexdigest()


def test_find_occurrences_finds_every_start_including_overlaps():
    assert find_occurrences("ja ja ja", "ja") == [0, 3, 6]
    assert find_occurrences("aaaa", "aaa") == [0, 1]
    assert find_occurrences("Termin", "Treffen") == []
    assert find_occurrences("Termin", "") == []


@settings(database=None)
@given(st.text())
def test_normalize_text_is_idempotent(raw):
    once = normalize_text(raw)
    assert normalize_text(once) == once
    assert is_normalized(once)


@settings(database=None)
@given(st.text(alphabet=st.characters(codec=None)) | st.text(
    alphabet="ab \t\r\n\u2028\u2029\u0085\x0b\x0c\x00\ufeff\u0308\u00e4\u200b"))
def test_normalized_text_has_no_cr_separators_or_control_characters_and_is_nfc(raw):
    result = normalize_text(raw)
    assert not any(ch in result for ch in _FORBIDDEN_BREAKS)
    assert "\t" not in result and "\ufeff" not in result
    assert not _has_control(result)
    assert unicodedata.is_normalized("NFC", result)


@settings(database=None)
@given(st.lists(st.text(alphabet="abcäöü ß„“–", max_size=8), min_size=1, max_size=6),
       st.sampled_from(["\n", "\r\n", "\r", "\u2028"]))
def test_line_count_is_kept(lines, separator):
    assert normalize_text(separator.join(lines)).split("\n") == lines
