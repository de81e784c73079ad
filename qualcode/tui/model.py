"""View models: plain data the workbench widgets draw, loaded on the database thread."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from qualcode.domain.codesystem import descendants_of
from qualcode.domain.lines import LineIndex
from qualcode.domain.models import Code, Document, Turn
from qualcode.domain.spans import Span
from qualcode.store.segments import SegmentSpan


@dataclass
class DocumentView:
    """An open document: its text, line index, turns, segments and (once computed) sentences.

    Offsets are 0-based code points; ``segments`` are sorted by start.
    """

    document: Document
    text: str
    lines: LineIndex
    turns: list[Turn]
    segments: list[SegmentSpan]
    sentences: list[Span] | None = None
    _turn_starts: list[int] = field(default_factory=list, repr=False)
    line_texts: list[str] = field(default_factory=list, repr=False)
    line_ascii: list[bool] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._turn_starts = [t.start for t in self.turns]
        self.line_texts = self.text.split("\n")
        self.line_ascii = [line.isascii() for line in self.line_texts]

    @property
    def id(self) -> int:
        return self.document.id

    def location(self, offset: int) -> tuple[int, int]:
        """TextArea location ``(row, column)`` (both 0-based) of ``offset``."""
        line, column = self.lines.to_line_col(offset)
        return line - 1, column

    def offset(self, location: tuple[int, int]) -> int:
        """Offset of a TextArea location ``(row, column)``."""
        return self.lines.to_offset(location[0] + 1, location[1])

    def turn_at(self, offset: int) -> Turn | None:
        """The speaker turn whose paragraph contains ``offset``, or ``None``."""
        index = bisect_right(self._turn_starts, offset) - 1
        if index >= 0 and offset <= self.turns[index].end:
            return self.turns[index]
        return None

    def segments_at(self, offset: int) -> list[SegmentSpan]:
        """Segments covering ``offset`` (or ending right at it), shortest first."""
        found = [s for s in self.segments if s.start <= offset < s.end
                 or (offset == s.end and s.end > s.start)]
        return sorted(found, key=lambda s: s.end - s.start)

    def segments_overlapping(self, start: int, end: int) -> list[SegmentSpan]:
        """Segments sharing at least one code point with ``[start, end)``, shortest first."""
        if start == end:
            return self.segments_at(start)
        found = [s for s in self.segments if s.start < end and start < s.end]
        return sorted(found, key=lambda s: s.end - s.start)

    def sentence_around(self, start: int, end: int) -> Span | None:
        """The smallest run of whole sentences covering ``[start, end)`` (the next sentence when
        the cursor is between two), kept inside the speech of its turn; ``None`` until sentences
        are computed."""
        sentences = self.sentences
        if not sentences:
            return None
        i = min(bisect_right([s.end for s in sentences], start), len(sentences) - 1)
        j = max(bisect_left([s.start for s in sentences], max(end, start + 1)) - 1, i)
        span = Span(min(start, sentences[i].start) if sentences[i].start <= start
                    else sentences[i].start, max(end, sentences[j].end))
        turn = self.turn_at(span.start)
        if turn is not None and turn.body_end > turn.body_start:
            # within a turn: never the speaker label or the closing time mark
            start = max(span.start, turn.body_start)
            end = min(span.end, turn.body_end) if start < turn.body_end else span.end
            span = Span(start, max(end, start + 1))
        return span


@dataclass(frozen=True)
class CodeSystemView:
    """Codes in code-system order with segment counts (for the active coder filter).

    ``counts`` are each code's own coded segments; :attr:`totals` add those of every
    subcode (MAXQDA shows both for a parent code).
    """

    codes: list[Code]
    counts: dict[int, int]
    memo_codes: frozenset[int] = frozenset()

    def by_id(self) -> dict[int, Code]:
        return {c.id: c for c in self.codes}

    @cached_property
    def children(self) -> dict[int | None, list[int]]:
        """Ids of the subcodes of each code (``None``: the top-level codes), in order."""
        children: dict[int | None, list[int]] = {}
        for code in self.codes:
            children.setdefault(code.parent_id, []).append(code.id)
        return children

    def descendants(self, code_id: int) -> list[int]:
        """Every code below ``code_id``, depth-first (not ``code_id`` itself)."""
        return descendants_of(self.children, code_id)

    @cached_property
    def totals(self) -> dict[int, int]:
        """Coded segments of each code together with those of all its subcodes."""
        totals = {c.id: self.counts.get(c.id, 0) for c in self.codes}
        for code in reversed(self.codes):  # depth-first order: subcodes come after parents
            if code.parent_id in totals:
                totals[code.parent_id] += totals[code.id]
        return totals
