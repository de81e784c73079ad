"""Text normalisation applied once, on import.

Stored text is the normalised text; it never changes afterwards, so coded-segment offsets
(0-based Unicode code points, half-open ``[start, end)``) never drift.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Line separators other than LF that editors and Textual's TextArea would rewrite:
# CRLF and lone CR, NEL (U+0085), VT, FF, LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029).
_LINE_BREAKS = re.compile("\r\n|[\r\u0085\u000b\u000c\u2028\u2029]")
# Remaining C0/C1 control characters (LF excepted) and stray byte-order marks.
_CONTROL = re.compile("[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufeff]")
# Every character normalize_text removes or replaces (those of the two patterns above, and
# tabs): clean text, the common case, is recognised with one fast scan.
_NOT_STORED = re.compile("[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]")


def normalize_text(raw: str) -> str:
    """Return the canonical stored form of ``raw``.

    Steps: every line-break convention becomes LF; tabs become one space; other control
    characters and byte-order marks (U+FEFF) are removed; the result is Unicode NFC
    (Unicode Standard Annex #15). The function is idempotent:
    ``normalize_text(normalize_text(s)) == normalize_text(s)``.
    """
    text = raw
    if _has_unstored(text):
        text = _LINE_BREAKS.sub("\n", text)
        text = text.replace("\t", " ")
        text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def is_normalized(text: str) -> bool:
    """True when ``text`` is already in stored form (see :func:`normalize_text`)."""
    return not _has_unstored(text) and unicodedata.is_normalized("NFC", text)


def _has_unstored(text: str) -> bool:
    # Every character normalize_text removes or replaces is non-printable (categories Cc, Cf,
    # Zl, Zp), and str.isprintable() scans in C at about twice the speed of the regex; the
    # regex decides only when something non-printable (e.g. a no-break space) is present.
    if text.replace("\n", " ").isprintable():
        return False
    return _NOT_STORED.search(text) is not None


def sha256_text(text: str) -> str:
    """SHA-256 (FIPS 180-4) of the UTF-8 encoding of ``text``, as 64 lower-case hex digits.

    Applied to normalised text, it identifies a document across project files.
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``needle`` in ``text``."""
    if not needle:
        return []
    found = []
    position = text.find(needle)
    while position != -1:
        found.append(position)
        position = text.find(needle, position + 1)
    return found
