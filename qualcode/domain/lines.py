"""Line index over stored text: offset <-> line number in O(log n).

Line numbers are 1-based and count every LF-separated line, blank lines included, as an
editor with line numbers shows them. Offsets are 0-based code points.
"""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Positions of line starts in a text.

    ``LineIndex(text).line_of(offset)`` is the 1-based line containing the code point at
    ``offset``; an offset equal to ``len(text)`` belongs to the last line.
    """

    __slots__ = ("_starts", "_length")

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        self._length = len(text)

    @property
    def line_count(self) -> int:
        """Number of lines (a text without LF has one line)."""
        return len(self._starts)

    def line_of(self, offset: int) -> int:
        """1-based line number of ``offset``.

        Raises ``ValueError`` when ``offset`` is outside ``[0, len(text)]``.
        """
        if offset < 0 or offset > self._length:
            raise ValueError(f"offset {offset} outside the text (0..{self._length})")
        return bisect_right(self._starts, offset)

    def line_range(self, start: int, end: int) -> tuple[int, int]:
        """First and last 1-based line touched by the half-open span ``[start, end)``."""
        last = end - 1 if end > start else start
        return self.line_of(start), self.line_of(last)

    def line_start(self, line: int) -> int:
        """Offset of the first code point of 1-based ``line``."""
        if line < 1 or line > len(self._starts):
            raise ValueError(f"line {line} outside the text (1..{len(self._starts)})")
        return self._starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset just past the last code point of ``line`` (its LF excluded)."""
        if line < len(self._starts):
            return self._starts[line] - 1
        if line == len(self._starts):
            return self._length
        raise ValueError(f"line {line} outside the text (1..{len(self._starts)})")

    def to_line_col(self, offset: int) -> tuple[int, int]:
        """``(line, column)``: 1-based line, 0-based column in code points."""
        line = self.line_of(offset)
        return line, offset - self._starts[line - 1]

    def to_offset(self, line: int, column: int) -> int:
        """Offset of 0-based ``column`` on 1-based ``line`` (clamped to the line's end)."""
        start = self.line_start(line)
        return min(start + max(column, 0), self.line_end(line))
