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
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

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
    Stored sparsely: runs the map shifts unchanged, and the units that change; a look-up is a
    binary search.
    """

    __slots__ = ("_hi_of", "_lo_of", "source_length", "target_length")

    def __init__(self, source_length: int, target_length: int) -> None:
        self.source_length = source_length
        self.target_length = target_length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a string onto itself."""
        return OffsetMap(length, length)

    @property
    def is_identity(self) -> bool:
        return type(self) is OffsetMap

    def _check(self, offset: int) -> None:
        if not 0 <= offset <= self.source_length:
            raise ValueError(f"position {offset} outside the text (0..{self.source_length})")

    def _lo(self, offset: int) -> int:
        return offset

    def _hi(self, offset: int) -> int:
        return offset

    def lo(self, offset: int) -> int:
        """Image of boundary ``offset`` when it starts a span (rounded down)."""
        self._check(offset)
        return self._lo(offset)

    def hi(self, offset: int) -> int:
        """Image of boundary ``offset`` when it ends a span (rounded up)."""
        self._check(offset)
        return self._hi(offset)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The half-open span ``[start, end)`` of the source in target offsets.

        Raises ``ValueError`` when a position lies outside ``0..source_length``.
        """
        return self.lo(start), self.hi(end)


class _ChunkMap(OffsetMap):
    """A map given by consecutive chunks; see :func:`_from_chunks`."""

    __slots__ = ("_same", "_source_lengths", "_source_starts", "_target_lengths",
                 "_target_starts")

    def __init__(self, source_length: int, target_length: int,
                 chunks: list[tuple[int, int, bool]]) -> None:
        super().__init__(source_length, target_length)
        self._source_starts: list[int] = []
        self._target_starts: list[int] = []
        self._source_lengths: list[int] = []
        self._target_lengths: list[int] = []
        self._same: list[bool] = []
        s = t = 0
        for s_len, t_len, same in chunks:
            if same and self._same and self._same[-1]:
                self._source_lengths[-1] += s_len       # merge runs of unchanged text
                self._target_lengths[-1] += t_len
            elif s_len or t_len:
                self._source_starts.append(s)
                self._target_starts.append(t)
                self._source_lengths.append(s_len)
                self._target_lengths.append(t_len)
                self._same.append(same)
            s += s_len
            t += t_len
        if s != source_length or t != target_length:
            raise ValueError("chunks do not cover the strings")

    def _image(self, offset: int, upper: bool) -> int:
        # The last chunk starting at or before offset; a boundary between two chunks is the
        # end of the one and the start of the next, both map to the same target offset.
        index = bisect_right(self._source_starts, offset) - 1
        if index < 0:
            return 0
        start, target = self._source_starts[index], self._target_starts[index]
        inside = offset - start
        if self._same[index]:
            return target + inside
        if inside == 0:
            return target
        if inside >= self._source_lengths[index]:
            return target + self._target_lengths[index]
        return target + self._target_lengths[index] if upper else target

    def _lo(self, offset: int) -> int:
        return self._image(offset, upper=False)

    def _hi(self, offset: int) -> int:
        return self._image(offset, upper=True)


class _Composed(OffsetMap):
    __slots__ = ("_first", "_second")

    def __init__(self, first: OffsetMap, second: OffsetMap) -> None:
        super().__init__(first.source_length, second.target_length)
        self._first, self._second = first, second

    def _lo(self, offset: int) -> int:
        return self._second.lo(self._first.lo(offset))

    def _hi(self, offset: int) -> int:
        return self._second.hi(self._first.hi(offset))


def _from_chunks(chunks: Iterable[tuple[int, int, bool]], source_length: int,
                 target_length: int) -> OffsetMap:
    """Map from consecutive chunks ``(source_len, target_len, same)`` that cover both strings.

    Inside a chunk marked ``same`` (the target piece is the source piece) every boundary maps
    one to one; inside any other chunk interior boundaries map to the chunk's start (``lo``)
    and end (``hi``).
    """
    return _ChunkMap(source_length, target_length, list(chunks))


def compose(first: OffsetMap, second: OffsetMap) -> OffsetMap:
    """The map ``A -> C`` from ``first: A -> B`` and ``second: B -> C``."""
    if first.target_length != second.source_length:
        raise ValueError("maps do not chain: lengths differ")
    if first.is_identity:
        return second
    if second.is_identity:
        return first
    return _Composed(first, second)


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


@lru_cache(maxsize=4)
def normalize_with_map(raw: str) -> tuple[str, OffsetMap]:
    """``(normalize_text(raw), map)``: the stored form of ``raw`` and the map from code-point
    boundaries of ``raw`` to boundaries of the stored form.

    ``map.span(s, e)`` of a span of ``raw`` covers the same characters in the stored text
    (CRLF counts as one LF, removed control characters and BOMs vanish, NFC-merged characters
    are covered whole). The last few results are cached (importers ask for the same text
    several times).
    """
    step1, first = _line_and_control_map(raw)
    text, second = _nfc_map(step1)
    assert text == normalize_text(raw), "normalize_with_map disagrees with normalize_text"
    return text, compose(first, second)


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (characters above U+FFFF count twice)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def utf16_map(text: str) -> OffsetMap:
    """Map from UTF-16 code-unit boundaries of ``text`` to its code-point boundaries.

    A boundary between the two halves of a surrogate pair maps to the character's start
    (``lo``) and end (``hi``).
    """
    units = utf16_length(text)
    if units == len(text):
        return OffsetMap.identity(len(text))
    chunks: list[tuple[int, int, bool]] = []
    position = 0
    for match in _ASTRAL.finditer(text):
        chunks += [(match.start() - position,) * 2 + (True,), (2, 1, False)]
        position = match.end()
    chunks.append((len(text) - position,) * 2 + (True,))
    return _from_chunks(chunks, units, len(text))


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


@lru_cache(maxsize=8)
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
    if "\r\n" in raw or _ASTRAL.search(raw):
        bases.append(UTF16_UNITS)
    return tuple(bases)


def _squash(text: str) -> str:
    return " ".join(normalize_text(text).split()).casefold()


def _evidence(raw: str, base: str, selections: Sequence[Selection]) -> tuple[bool, int]:
    """``(fits, matches)``: whether every selection lies inside the text when counted in
    ``base``, and how many selections' labels agree with the text they select."""
    length = {CODE_POINTS: len(raw), CODE_POINTS_LF: len(raw) - raw.count("\r\n"),
              UTF16_UNITS: utf16_length(raw)}[base]
    if any(not 0 <= s.start <= s.end <= length for s in selections):
        return False, 0
    # Fifty labelled selections decide as well as thousands do.
    labelled = [s for s in selections if len(s.label.strip()) >= 8][:50]
    if not labelled:
        return True, 0
    stored, _ = normalize_with_map(raw)
    mapping = base_map(raw, base)
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
