"""What one coder already coded with one code, to keep autocoding from coding it twice.

A passage counts as already coded when it lies inside (or is) a segment of the same code by
the same coder; a passage that only overlaps one is new.
"""

from __future__ import annotations

from bisect import bisect_right

from qualcode.store.project import Project


class CodedSpans:
    """The ``[start, end)`` spans of one code by one coder, per document."""

    def __init__(self, spans: dict[int, list[tuple[int, int]]]) -> None:
        self._spans = {doc: sorted(found) for doc, found in spans.items()}
        # Per document, the largest end among the spans sorted up to each index: a span
        # holding [start, end) must begin at or before start and reach at least end.
        self._reach: dict[int, list[int]] = {}
        for doc, found in self._spans.items():
            reach, best = [], -1
            for _, end in found:
                best = max(best, end)
                reach.append(best)
            self._reach[doc] = reach

    @classmethod
    def load(cls, project: Project, code_id: int, coder_name: str) -> CodedSpans:
        """The spans coded with the code ``code_id`` by the coder named ``coder_name`` (none
        when that coder does not exist yet)."""
        spans: dict[int, list[tuple[int, int]]] = {}
        for document_id, start, end in project.db.execute(
                """SELECT s.document_id, s.start, s."end" FROM segments s
                   JOIN coders c ON c.id = s.coder_id WHERE s.code_id = ? AND c.name = ?""",
                [code_id, coder_name]):
            spans.setdefault(document_id, []).append((start, end))
        return cls(spans)

    def covers(self, document_id: int, start: int, end: int) -> bool:
        """True when ``[start, end)`` of the document lies inside one coded span."""
        found = self._spans.get(document_id)
        if not found:
            return False
        index = bisect_right(found, (start, float("inf"))) - 1
        return index >= 0 and self._reach[document_id][index] >= end
