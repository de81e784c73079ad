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
from dataclasses import dataclass, field, replace

from qualcode.domain.timemarks import BRACKET_MARK, F4_MARK, mark_to_ms

MAX_LABEL_LENGTH = 63
_LABEL_ANYWHERE = re.compile(r"^(?P<label>[^\W\d_][^:\n]{0,62}?)[ ]*:(?:[ ]+|$)", re.MULTILINE)
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


@dataclass(frozen=True)
class ParsedTurn:
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


def _speaker_labels(candidates: list[tuple[int, str]]) -> set[str]:
    counts = Counter(label for _, label in candidates)
    recurring = {label for label, count in counts.items() if count >= 2}
    if not recurring:
        return {label for label in counts if _CONVENTIONAL.fullmatch(label)}
    first = next(i for i, (_, label) in enumerate(candidates) if label in recurring)
    late_conventional = {
        label for _, label in candidates[first:] if _CONVENTIONAL.fullmatch(label)
    }
    return recurring | late_conventional


def parse_transcript(text: str) -> TranscriptStructure:
    """Find header variables and speaker turns in normalised ``text``.

    Pure function of the text; never raises on odd input (a text without speaker labels has
    no turns and may still have header variables).
    """
    lines = text.split("\n")
    # Line starts, computed in C: 0, then one past every line's LF.
    offsets = [0, *accumulate(len(line) + 1 for line in lines[:-1])]
    line_at = {offset: number for number, offset in enumerate(offsets)}

    # One regex pass over the whole text finds every label-like line start, instead of a
    # Python-level match per line.
    candidates: list[tuple[int, str]] = []
    label_ends: dict[int, int] = {}
    checked: dict[str, str | None] = {}  # the same few labels recur on every turn
    for match in _LABEL_ANYWHERE.finditer(text):
        raw = match.group("label")
        if raw not in checked:
            found = _checked_label(match, match.start())
            checked[raw] = found[0] if found else None
        if checked[raw] is not None:
            number = line_at[match.start()]
            candidates.append((number, checked[raw]))
            label_ends[number] = match.end() - match.start()
    # Likewise one pass for the f4 marks that end a line: line number -> match.
    trailing_marks = {bisect_right(offsets, m.start()) - 1: m
                      for m in _TRAILING_ANYWHERE.finditer(text)}
    speakers = _speaker_labels(candidates)
    turn_lines = [(n, label) for n, label in candidates if label in speakers]

    first_turn_line = turn_lines[0][0] if turn_lines else len(lines)
    variables: dict[str, str] = {}
    for line in lines[:first_turn_line]:
        match = _KEY_VALUE.fullmatch(line)
        if match and not _NOT_IN_LABEL.search(match.group("key")):
            variables.setdefault(match.group("key").rstrip(), match.group("value"))

    raw_turns = []
    for index, (number, label) in enumerate(turn_lines):
        stop = turn_lines[index + 1][0] if index + 1 < len(turn_lines) else len(lines)
        last = stop - 1
        while last > number and not lines[last].strip():
            last -= 1
        start = offsets[number]
        end = offsets[last] + len(lines[last].rstrip(" "))

        body_start = min(start + label_ends[number], end)
        start_mark = _LEADING_BRACKET.match(text, body_start, end)
        bracket_ms = None
        if start_mark:
            bracket_ms = mark_to_ms(BRACKET_MARK.search(start_mark.group()))
            body_start = start_mark.end()

        mark_ms = None
        for line_no in range(number, last + 1):
            if line_no in trailing_marks:
                mark_ms = mark_to_ms(trailing_marks[line_no])
        body_end = end
        trailing = trailing_marks.get(last)
        if trailing:
            body_end = trailing.start()
        while body_end > body_start and text[body_end - 1].isspace():
            body_end -= 1
        body_end = max(body_end, body_start)
        raw_turns.append((start, end, body_start, body_end, label, mark_ms, bracket_ms,
                          number + 1, last + 1))

    has_end_marks = any(t[5] is not None and t[6] is None for t in raw_turns)
    turns: list[ParsedTurn] = []
    previous_mark: int | None = 0 if has_end_marks else None
    for start, end, b_start, b_end, label, mark_ms, bracket_ms, l1, l2 in raw_turns:
        if bracket_ms is not None:
            start_ms = bracket_ms
            end_ms = None
        else:
            start_ms = previous_mark
            end_ms = mark_ms
        if mark_ms is not None and bracket_ms is None:
            previous_mark = mark_ms
        written = mark_ms if mark_ms is not None else bracket_ms
        turns.append(
            ParsedTurn(start, end, b_start, b_end, label, written, start_ms, end_ms, l1, l2)
        )
    # A turn without its own end time ends where the next one starts.
    for index, turn in enumerate(turns):
        if turn.end_ms is None and index + 1 < len(turns) and turns[index + 1].start_ms is not None:
            turns[index] = replace(turn, end_ms=turns[index + 1].start_ms)
    return TranscriptStructure(tuple(turns), variables)
