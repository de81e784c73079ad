"""Offsets in foreign text -> offsets in qualcode's stored text.

Other programs count positions in the text *as they wrote it*: with CRLF line ends, a byte-order
mark, decomposed accents, or in UTF-16 code units (NVivo for Windows). qualcode stores the
normalised text (:func:`qualcode.domain.text.normalize_text`: LF, no control characters, NFC)
and counts 0-based code points of it, half-open. This module maps positions from the one to the
other, as pure functions.

An :class:`OffsetMap` maps every *boundary* ``0..n`` of a source string to a boundary of a
target string. A boundary inside a unit the target does not split (the middle of CRLF, between
a base letter and the accent NFC merges into it, inside a UTF-16 surrogate pair) has two images:
``lo`` (the unit's start in the target) and ``hi`` (its end); :meth:`OffsetMap.span` uses
``lo`` for a span's start and ``hi`` for its end, so a mapped span always covers at least the
characters of the original one. Everywhere else ``lo == hi``.

Sources: REFI-QDA 1.5 (2019), section 10.2: "Selections in a text file are defined by the first
and the last character (Unicode codepoint) in the file. The first codepoint in the file has the
number 0"; exporters write the end exclusive (``text[start:end]``). Unicode Standard Annex #15
(Normalization Forms), section 9 "Detecting Normalization Forms" / "Stable Code Points", for
where NFC may be applied piecewise.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from qualcode.domain.text import normalize_text

# The same classes as qualcode.domain.text, matched in one pass: CRLF first, then the other
# line breaks, then tabs, then the control characters that normalisation removes.
_EDITS = re.compile(
    "(?P<crlf>\r\n)|(?P<br>[\r\u0085\u000b\u000c\u2028\u2029])|(?P<tab>\t)"
    "|(?P<drop>[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufeff])"
)


class OffsetMap:
    """Boundary map from a source string of ``source_length`` code units to a target string.

    ``lo(i) <= hi(i)``, both monotone in ``i``; ``lo(0) == 0`` and ``hi(n)`` is the target's
    length. Build one with :func:`normalize_with_map`, :func:`utf16_map` or :func:`compose`.
    """

    __slots__ = ("_hi", "_lo", "source_length", "target_length")

    def __init__(self, source_length: int, target_length: int,
                 lo: Sequence[int] | None = None, hi: Sequence[int] | None = None) -> None:
        # lo/hi None: the identity (source and target are the same string).
        self.source_length = source_length
        self.target_length = target_length
        self._lo = lo
        self._hi = hi if hi is not None else lo

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a string onto itself."""
        return cls(length, length)

    @property
    def is_identity(self) -> bool:
        return self._lo is None

    def _check(self, offset: int) -> None:
        if not 0 <= offset <= self.source_length:
            raise ValueError(f"position {offset} outside the text (0..{self.source_length})")

    def lo(self, offset: int) -> int:
        """Image of boundary ``offset`` when it starts a span (rounded down)."""
        self._check(offset)
        return offset if self._lo is None else self._lo[offset]

    def hi(self, offset: int) -> int:
        """Image of boundary ``offset`` when it ends a span (rounded up)."""
        self._check(offset)
        return offset if self._hi is None else self._hi[offset]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The half-open span ``[start, end)`` of the source in target offsets.

        Raises ``ValueError`` when a position lies outside ``0..source_length``.
        """
        return self.lo(start), self.hi(end)


def _from_chunks(chunks: Iterable[tuple[int, int, bool]], source_length: int,
                 target_length: int) -> OffsetMap:
    """Map from consecutive chunks ``(source_len, target_len, same)`` that cover both strings.

    Inside a chunk marked ``same`` (the target piece is the source piece) every boundary maps
    one to one; inside any other chunk interior boundaries map to the chunk's start (``lo``)
    and end (``hi``).
    """
    lo = [0] * (source_length + 1)
    hi = [0] * (source_length + 1)
    s = t = 0
    for s_len, t_len, same in chunks:
        if same:
            lo[s:s + s_len + 1] = hi[s:s + s_len + 1] = range(t, t + t_len + 1)
        else:
            lo[s] = hi[s] = t
            for k in range(1, s_len):
                lo[s + k] = t
                hi[s + k] = t + t_len
            lo[s + s_len] = hi[s + s_len] = t + t_len
        s += s_len
        t += t_len
    assert s == source_length and t == target_length, "chunks do not cover the strings"
    return OffsetMap(source_length, target_length, lo, hi)


def compose(first: OffsetMap, second: OffsetMap) -> OffsetMap:
    """The map ``A -> C`` from ``first: A -> B`` and ``second: B -> C``."""
    if first.target_length != second.source_length:
        raise ValueError("maps do not chain: lengths differ")
    if first.is_identity:
        return second
    if second.is_identity:
        return first
    n = first.source_length
    lo = [second.lo(first.lo(i)) for i in range(n + 1)]
    hi = [second.hi(first.hi(i)) for i in range(n + 1)]
    return OffsetMap(n, second.target_length, lo, hi)


def _line_and_control_map(raw: str) -> tuple[str, OffsetMap]:
    """First normalisation step: line breaks to LF, tabs to spaces, control characters out."""
    pieces: list[str] = []
    chunks: list[tuple[int, int, bool]] = []
    position = 0
    for match in _EDITS.finditer(raw):
        if match.start() > position:
            pieces.append(raw[position:match.start()])
            chunks.append((match.start() - position, match.start() - position, True))
        kind = match.lastgroup
        replacement = {"crlf": "\n", "br": "\n", "tab": " ", "drop": ""}[kind]  # type: ignore[index]
        pieces.append(replacement)
        chunks.append((match.end() - match.start(), len(replacement), False))
        position = match.end()
    if not chunks:
        return raw, OffsetMap.identity(len(raw))
    if position < len(raw):
        pieces.append(raw[position:])
        chunks.append((len(raw) - position, len(raw) - position, True))
    text = "".join(pieces)
    return text, _from_chunks(chunks, len(raw), len(text))


@cache
def _composes_with_previous() -> frozenset[str]:
    """Starters that NFC may merge with the character before them (NFC_Quick_Check=Maybe):
    second characters of two-character canonical decompositions, and the Hangul vowel and
    trailing-consonant jamo (UAX #15, section 16 / Unicode 3.12 Hangul composition)."""
    found = {chr(cp) for cp in range(0x1161, 0x1176)} | {chr(cp) for cp in range(0x11A8, 0x11C3)}
    # Canonical decompositions end at U+2FA1D (CJK compatibility ideographs supplement).
    for cp in range(0x30000):
        decomposition = unicodedata.decomposition(chr(cp))
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            if len(parts) == 2:
                found.add(chr(int(parts[1], 16)))
    return frozenset(found)


def _is_stable_start(char: str) -> bool:
    """True when NFC never changes ``char`` nor merges it with anything before it, so NFC may
    be applied separately to the text before and from ``char`` on (UAX #15 stable code point)."""
    if char < "\u0300":
        return True
    decomposition = unicodedata.decomposition(char)
    canonical = bool(decomposition) and not decomposition.startswith("<")
    return (unicodedata.combining(char) == 0 and not canonical
            and char not in _composes_with_previous())


def _nfc_map(text: str) -> tuple[str, OffsetMap]:
    """Second normalisation step: Unicode NFC, applied piece by piece between stable starts."""
    if unicodedata.is_normalized("NFC", text):
        return text, OffsetMap.identity(len(text))
    pieces: list[str] = []
    chunks: list[tuple[int, int, bool]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or _is_stable_start(text[index]):
            original = text[start:index]
            piece = unicodedata.normalize("NFC", original)
            pieces.append(piece)
            chunks.append((index - start, len(piece), piece == original))
            start = index
    result = "".join(pieces)
    return result, _from_chunks(chunks, len(text), len(result))


def normalize_with_map(raw: str) -> tuple[str, OffsetMap]:
    """``(normalize_text(raw), map)``: the stored form of ``raw`` and the map from code-point
    boundaries of ``raw`` to boundaries of the stored form.

    ``map.span(s, e)`` of a span of ``raw`` covers the same characters in the stored text
    (CRLF counts as one LF, removed control characters and BOMs vanish, NFC-merged characters
    are covered whole).
    """
    step1, first = _line_and_control_map(raw)
    text, second = _nfc_map(step1)
    assert text == normalize_text(raw), "normalize_with_map disagrees with normalize_text"
    return text, compose(first, second)


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (characters above U+FFFF count twice)."""
    return len(text) + sum(1 for char in text if char > "\uffff")


def utf16_map(text: str) -> OffsetMap:
    """Map from UTF-16 code-unit boundaries of ``text`` to its code-point boundaries.

    A boundary between the two halves of a surrogate pair maps to the character's start
    (``lo``) and end (``hi``).
    """
    units = utf16_length(text)
    if units == len(text):
        return OffsetMap.identity(len(text))
    return _from_chunks(((2, 1, False) if c > "\uffff" else (1, 1, True) for c in text),
                        units, len(text))


def crlf_as_lf_map(raw: str) -> tuple[str, OffsetMap]:
    """``(lf_text, map)`` where ``lf_text`` has every CRLF of ``raw`` as LF and ``map`` goes from
    ``lf_text`` back to ``raw`` boundaries (an LF that was CRLF maps to the CRLF pair)."""
    if "\r\n" not in raw:
        return raw, OffsetMap.identity(len(raw))
    lf_text = raw.replace("\r\n", "\n")
    chunks = []
    for line in re.split("(\r\n)", raw):
        if line == "\r\n":
            chunks.append((1, 2, False))
        elif line:
            chunks.append((len(line), len(line), True))
    return lf_text, _from_chunks(chunks, len(lf_text), len(raw))


# -- which counting did the exporter use? ------------------------------------------------

#: Ways of counting positions in a source text, as exporters do it.
CODE_POINTS = "code points of the file's text"
CODE_POINTS_LF = "code points with CRLF counted as one character"
UTF16_UNITS = "UTF-16 code units with CRLF counted as two characters"
BASES = (CODE_POINTS, CODE_POINTS_LF, UTF16_UNITS)


@dataclass(frozen=True)
class Selection:
    """A selection as a file states it: positions in the exporter's counting and, when the
    exporter wrote one, the selected text (REFI-QDA's ``name`` attribute often holds it)."""

    start: int
    end: int
    label: str = ""


def base_map(raw: str, base: str) -> OffsetMap:
    """Map from positions counted in ``base`` (one of :data:`BASES`) over ``raw`` (the source
    text as decoded, BOM removed) to offsets in ``normalize_text(raw)``."""
    _, to_stored = normalize_with_map(raw)
    if base == CODE_POINTS:
        return to_stored
    if base == CODE_POINTS_LF:
        _, lf_to_raw = crlf_as_lf_map(raw)
        return compose(lf_to_raw, to_stored)
    if base == UTF16_UNITS:
        return compose(utf16_map(raw), to_stored)
    raise ValueError(f"unknown position base {base!r}")


def distinct_bases(raw: str) -> tuple[str, ...]:
    """The bases that give different positions for ``raw``: just :data:`CODE_POINTS` for a
    text without CRLF and without characters above U+FFFF."""
    bases = [CODE_POINTS]
    if "\r\n" in raw:
        bases.append(CODE_POINTS_LF)
    if "\r\n" in raw or any(c > "\uffff" for c in raw):
        bases.append(UTF16_UNITS)
    return tuple(bases)


def _squash(text: str) -> str:
    return " ".join(normalize_text(text).split()).casefold()


def _evidence(raw: str, base: str, selections: Sequence[Selection]) -> tuple[bool, int]:
    """``(fits, matches)``: whether every selection lies inside the text when counted in
    ``base``, and how many selections' labels agree with the text they select."""
    length = {CODE_POINTS: len(raw), CODE_POINTS_LF: len(raw.replace("\r\n", "\n")),
              UTF16_UNITS: utf16_length(raw)}[base]
    if any(not 0 <= s.start <= s.end <= length for s in selections):
        return False, 0
    labelled = [s for s in selections if len(_squash(s.label)) >= 8]
    if not labelled:
        return True, 0
    stored, to_stored = normalize_with_map(raw)
    mapping = compose({CODE_POINTS: OffsetMap.identity(len(raw)),
                       CODE_POINTS_LF: crlf_as_lf_map(raw)[1],
                       UTF16_UNITS: utf16_map(raw)}[base], to_stored)
    matches = 0
    for selection in labelled:
        start, end = mapping.span(selection.start, selection.end)
        label = _squash(selection.label).rstrip(".…")[:40]
        if _squash(stored[start:end]).startswith(label):
            matches += 1
    return True, matches


def detect_base(raw: str, selections: Sequence[Selection], prefer: str = CODE_POINTS) -> str:
    """The counting an exporter used for the positions of ``selections`` over ``raw``.

    Evidence, strongest first: a counting under which some selection would lie outside the
    text is ruled out; then the counting under which most selection labels agree with the
    selected text wins; on a tie ``prefer`` (e.g. :data:`UTF16_UNITS` for NVivo for Windows)
    wins if still possible, else :data:`CODE_POINTS` (the standard's counting). Pure; never
    raises.
    """
    candidates = distinct_bases(raw)
    if len(candidates) == 1:
        return CODE_POINTS
    scored = {base: _evidence(raw, base, selections) for base in candidates}
    possible = [b for b in candidates if scored[b][0]] or list(candidates)
    best = max(scored[b][1] for b in possible)
    winners = [b for b in possible if scored[b][1] == best]
    if prefer in winners:
        return prefer
    return CODE_POINTS if CODE_POINTS in winners else winners[0]
