"""Plain-text search across documents (case-insensitive substring), for "find in project"."""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.domain.lines import LineIndex
from qualcode.store.project import Project


@dataclass(frozen=True)
class Hit:
    """One occurrence: ``[start, end)`` in code points, 1-based ``line``, and context."""

    document_id: int
    document: str
    start: int
    end: int
    line: int
    context: str


def find_in_text(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of every case-insensitive occurrence of ``query`` in ``text`` (non-overlapping).

    Uses :meth:`str.casefold` per character so offsets stay those of ``text``.
    """
    if not query:
        return []
    folded = "".join(c.casefold() if len(c.casefold()) == 1 else c for c in text)
    needle = "".join(c.casefold() if len(c.casefold()) == 1 else c for c in query)
    spans = []
    position = folded.find(needle)
    while position != -1:
        spans.append((position, position + len(needle)))
        position = folded.find(needle, position + len(needle))
    return spans


def find_in_project(project: Project, query: str, limit: int = 1000, context: int = 40
                    ) -> list[Hit]:
    """Occurrences of ``query`` in every document, in document order (at most ``limit``)."""
    hits: list[Hit] = []
    rows = project.db.execute("SELECT id, name, text FROM documents ORDER BY position, id")
    for document_id, name, text in rows:
        spans = find_in_text(text, query)
        if not spans:
            continue
        lines = LineIndex(text)
        for start, end in spans:
            before = text[max(0, start - context):start].split("\n")[-1]
            after = text[end:end + context].split("\n")[0]
            hits.append(Hit(document_id, name, start, end, lines.line_of(start),
                            f"{before}[{text[start:end]}]{after}"))
            if len(hits) >= limit:
                return hits
    return hits
