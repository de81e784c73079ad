"""What the reading view of Retrieved Segments shows: the scope (activated codes and
documents, coder filter), the order and the filters, and the database jobs that page through
it in SQL (a page of segments and the total), so 10,000 segments open as fast as 50."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from qualcode.domain.models import Segment
from qualcode.exports import retrieved_text
from qualcode.store.project import Project
from qualcode.store.segments import ORDERS, SegmentFilter, count_segments, query_segments

#: Segments fetched per page; the next page is fetched as the cursor nears the last one.
READING_PAGE = 50
ORDER_NAMES = {"document": "document order", "code": "code", "weight": "weight"}


@dataclass(frozen=True)
class ReadingQuery:
    """Activated codes and documents (empty: all), the coder filter (``None``: everyone),
    the order (``document``, ``code``, ``weight``), the least weight shown (0: any) and
    whether only segments with a comment are shown."""

    code_ids: frozenset[int] = frozenset()
    document_ids: frozenset[int] = frozenset()
    coder: str | None = None
    order: str = "document"
    min_weight: int = 0
    commented: bool = False

    def segment_filter(self, offset: int = 0, limit: int | None = None) -> SegmentFilter:
        """The store's filter for this query (a page when ``limit`` is given)."""
        return SegmentFilter(code_ids=tuple(sorted(self.code_ids)) or None,
                             document_ids=tuple(sorted(self.document_ids)) or None,
                             coder=self.coder, min_weight=self.min_weight or None,
                             commented=self.commented, order=self.order,
                             limit=limit, offset=offset)

    def next_order(self) -> ReadingQuery:
        """The same query in the next order (document order → code → weight → …)."""
        return replace(self, order=ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)])

    def describe(self) -> str:
        """One line: scope, order and filters, e.g. ``2 codes · all documents · by weight``."""
        parts = [f"{len(self.code_ids)} code(s)" if self.code_ids else "all codes",
                 f"{len(self.document_ids)} document(s)" if self.document_ids
                 else "all documents"]
        if self.coder is not None:
            parts.append(f"only {self.coder}")
        parts.append(f"by {ORDER_NAMES[self.order]}")
        if self.min_weight:
            parts.append(f"weight ≥ {self.min_weight}")
        if self.commented:
            parts.append(f"with {retrieved_text.COMMENT_MARK} comment")
        return " · ".join(parts)


def read_page(project: Project, query: ReadingQuery, offset: int,
              limit: int = READING_PAGE) -> tuple[list[Segment], int]:
    """Segments ``offset``..``offset + limit`` of ``query`` in its order, and how many match."""
    flt = query.segment_filter(offset, limit)
    return query_segments(project, flt), count_segments(project, flt)


def export_reading(project: Project, query: ReadingQuery, path: Path) -> int:
    """Write every segment of ``query`` as the reading view shows it (see
    :func:`qualcode.exports.retrieved_text.write`); returns how many were written."""
    segments = query_segments(project, query.segment_filter())
    retrieved_text.write(segments, path, f"Retrieved Segments — {query.describe()}")
    return len(segments)


def check_weight(text: str) -> str | None:
    """Why ``text`` is not a weight (a whole number 0..100), or ``None`` when it is one."""
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or not 0 <= int(value) <= 100:
        return f"“{text}” is not a weight: type a whole number from 0 to 100."
    return None
