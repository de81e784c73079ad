"""Transcript structure: header variables, speaker turns and time marks.

Conventions recognised (Dresing & Pehl, *Praxisbuch Interview, Transkription & Analyse*, 8th ed.
2018; f4/f5 transcription software):

* A speaker turn is a paragraph (line) that starts with a speaker label and a colon:
  ``I:``, ``B:``, ``B1:``, ``IP:``, ``S01:`` or a name of up to 63 characters.
  Lines without a label that follow a turn belong to it.
* A label counts as a speaker when it starts at least two paragraphs of the document, or is a
  conventional label (``I``, ``B``, ``B1``, ``IP``, ``Interviewer``, ``S01`` ...) that occurs
  after the first recurring speaker. This keeps header lines such as ``Datum: 2020-04-28`` or
  ``Interviewerin: I`` from being read as turns.
* ``Key: value`` lines before the first turn form the header block and become document
  variables; they stay in the stored text.
* An f4 time mark ``#hh:mm:ss-d#`` at the end of a paragraph is the time at that point (the end
  of the turn); noScribe's ``[hh:mm:ss]`` right after the label is the start of the turn.

Notation such as ``/``, ``(...)``, ``[...]``, ``//mhm//``, ``(lacht)`` and ``(unv.)`` is text and
is kept verbatim.
"""

from __future__ import annotations

import re
from collections import Counter
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass, field
from typing import NamedTuple

from qualcode.domain.timemarks import BRACKET_MARK, F4_MARK, mark_to_ms

MAX_LABEL_LENGTH = 63
#: A speaker label at the start of a line (matched line by line).
_LABEL = re.compile(r"(?P<label>[^\W\d_][^:\n]{0,62}?)[ ]*:(?:[ ]+|$)")
_KEY_VALUE = re.compile(r"(?P<key>[^\W\d_][^:\n]{0,62}?)[ ]*:[ ]*(?P<value>\S.*?)[ ]*")
_NOT_IN_LABEL = re.compile(r"[,;!?\"„“”»«#\[\]/]")
_CONVENTIONAL = re.compile(
    r"(?:I|B|IP|IV|TN|Int|Interviewer(?:in)?|Interviewte[rn]?|Befragte[rn]?|"
    r"Moderat(?:or|orin|ion)|[IB]\d{1,2}|IP\d{1,2}|TN\d{1,2}|S\d{1,3}|SPEAKER_\d{1,3}|"
    r"Sprecher(?:in)? ?\d{1,3}|Speaker ?\d{1,3})"
)
#: An f4 mark ending a line (blanks may follow), found in one pass over the whole text.
_TRAILING_ANYWHERE = re.compile(F4_MARK.pattern + r"[ ]*$", re.MULTILINE)
_LEADING_BRACKET = re.compile(r"[ ]*" + BRACKET_MARK.pattern + r"[ ]*")


class ParsedTurn(NamedTuple):
    """One speaker turn.

    ``start``/``end``: the whole paragraph (label included), 0-based code points, half-open.
    ``body_start``/``body_end``: the speech only (label, leading ``[hh:mm:ss]`` and trailing
    ``#..#`` mark excluded). ``time_mark_ms``: the mark written in the turn, if any.
    ``start_ms``/``end_ms``: the turn's position in the recording (inferred from neighbouring
    marks; ``None`` when unknown). ``line_start``/``line_end``: 1-based, inclusive.
    """

    start: int
    end: int
    body_start: int
    body_end: int
    speaker: str
    time_mark_ms: int | None
    start_ms: int | None
    end_ms: int | None
    line_start: int
    line_end: int


@dataclass(frozen=True)
class TranscriptStructure:
    """Turns in document order and header variables (key -> raw string value, in file order)."""

    turns: tuple[ParsedTurn, ...]
    variables: dict[str, str] = field(default_factory=dict)


def _checked_label(match: re.Match[str], line_start: int) -> tuple[str, int] | None:
    """``(label, offset in its line just past the colon and blanks)``, or ``None`` when the
    text before the colon cannot be a speaker label."""
    label = match.group("label").rstrip()
    if (
        len(label) > MAX_LABEL_LENGTH
        or len(label.split()) > 5
        or _NOT_IN_LABEL.search(label)
    ):
        return None
    return label, match.end() - line_start


def _speaker_labels(candidates: list[tuple[int, str]], marked: set[str],
                    known: frozenset[str]) -> set[str]:
    """Labels that are speakers: recurring ones, conventional ones after the first recurring
    one, labels of paragraphs that end with an f4 time mark (``marked``: a header line never
    does), and the ``known`` speakers the file format names."""
    counts = Counter(label for _, label in candidates)
    recurring = {label for label, count in counts.items() if count >= 2}
    sure = (marked | known) & counts.keys()
    if not recurring:
        return {label for label in counts if _CONVENTIONAL.fullmatch(label)} | sure
    first = next(i for i, (_, label) in enumerate(candidates) if label in recurring)
    late_conventional = {
        label for _, label in candidates[first:] if _CONVENTIONAL.fullmatch(label)
    }
    return recurring | late_conventional | sure


def _header_match(line: str) -> re.Match[str] | None:
    """The ``Key: value`` match of a header line, or ``None``."""
    match = _KEY_VALUE.fullmatch(line)
    return match if match and not _NOT_IN_LABEL.search(match.group("key")) else None


def header_lines(text: str, first_turn_start: int | None) -> list[tuple[int, int]]:
    """``[start, end)`` (0-based code points) of the header lines of normalised ``text``: the
    ``Key: value`` lines before ``first_turn_start`` (the first speaker turn's start; ``None``
    when the text has no turns, then every such line counts). These lines hold document
    variables, not speech (see :func:`parse_transcript`)."""
    stop = len(text) if first_turn_start is None else first_turn_start
    spans, offset = [], 0
    for line in text[:stop].split("\n"):
        if _header_match(line):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def parse_transcript(text: str, speakers: frozenset[str] = frozenset()) -> TranscriptStructure:
    """Find header variables and speaker turns in normalised ``text``.

    ``speakers``: labels known to be speakers (e.g. WebVTT voice tags), turns even when they
    start only one paragraph. Pure function of its arguments; never raises on odd input (a
    text without speaker labels has no turns and may still have header variables).
    """
    lines = text.split("\n")
    # Line starts, computed in C: 0, then one past every line's LF.
    offsets = [0, *accumulate(map((1).__add__, map(len, lines[:-1])))]

    # A match per line: a MULTILINE "^" pattern over the whole text would try every position.
    candidates: list[tuple[int, str]] = []
    label_ends: dict[int, int] = {}
    checked: dict[str, str | None] = {}  # the same few labels recur on every turn
    match_label = _LABEL.match
    for number, line in enumerate(lines):
        match = match_label(line)
        if match is None:
            continue
        raw = match.group("label")
        if raw not in checked:
            found = _checked_label(match, 0)
            checked[raw] = found[0] if found else None
        label = checked[raw]
        if label is not None:
            candidates.append((number, label))
            label_ends[number] = match.end()
    # One pass for the f4 marks that end a line (the pattern starts with a literal "#", so
    # the scan is fast): line number -> match.
    trailing_marks = {bisect_right(offsets, m.start()) - 1: m
                      for m in _TRAILING_ANYWHERE.finditer(text)}
    marked = {label for n, label in candidates if n in trailing_marks}
    speaker_labels = _speaker_labels(candidates, marked, speakers)
    turn_lines = [(n, label) for n, label in candidates if label in speaker_labels]

    first_turn_line = turn_lines[0][0] if turn_lines else len(lines)
    variables: dict[str, str] = {}
    for line in lines[:first_turn_line]:
        match = _header_match(line)
        if match:
            variables.setdefault(match.group("key").rstrip(), match.group("value"))

    raw_turns = []
    stops = [n for n, _ in turn_lines[1:]] + [len(lines)]
    for (number, label), stop in zip(turn_lines, stops):
        last = stop - 1
        while last > number and not lines[last].strip():
            last -= 1
        start = offsets[number]
        end = offsets[last] + len(lines[last].rstrip(" "))

        body_start = min(start + label_ends[number], end)
        bracket_ms = None
        if text.startswith("[", body_start) or text.startswith(" ", body_start):
            start_mark = _LEADING_BRACKET.match(text, body_start, end)
            if start_mark:
                bracket_ms = mark_to_ms(BRACKET_MARK.search(start_mark.group()))
                body_start = start_mark.end()

        mark_ms = None
        trailing = None
        if last == number:
            trailing = trailing_marks.get(number)
            if trailing is not None:
                mark_ms = mark_to_ms(trailing)
        else:
            for line_no in range(number, last + 1):
                if line_no in trailing_marks:
                    mark_ms = mark_to_ms(trailing_marks[line_no])
            trailing = trailing_marks.get(last)
        body_end = trailing.start() if trailing is not None else end
        while body_end > body_start and text[body_end - 1].isspace():
            body_end -= 1
        raw_turns.append([start, end, body_start, max(body_end, body_start), label, mark_ms,
                          bracket_ms, number + 1, last + 1])

    has_end_marks = any(t[5] is not None and t[6] is None for t in raw_turns)
    previous_mark: int | None = 0 if has_end_marks else None
    for values in raw_turns:
        mark_ms, bracket_ms = values[5], values[6]
        if bracket_ms is not None:
            start_ms, end_ms = bracket_ms, None
        else:
            start_ms, end_ms = previous_mark, mark_ms
            if mark_ms is not None:
                previous_mark = mark_ms
        # ParsedTurn's field order from here on: written mark, start_ms, end_ms.
        values[5] = mark_ms if mark_ms is not None else bracket_ms
        values[6] = start_ms
        values.insert(7, end_ms)
    # A turn without its own end time ends where the next one starts.
    for values, following in zip(raw_turns, raw_turns[1:]):
        if values[7] is None and following[6] is not None:
            values[7] = following[6]
    return TranscriptStructure(tuple(ParsedTurn(*values) for values in raw_turns), variables)
