"""The token cache: per document, the lexical analysis (tokens, lemmas, sentences) as JSON.

It is derived data: never logged, never undone, recomputed when the language pipeline
changes. Writing it must not fail a reading command, so a read-only project simply keeps
no cache.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from qualcode.store.project import Project, utc_now


def read_token_cache(
    project: Project, pipeline: str, documents: Iterable[tuple[int, str]]
) -> dict[int, str]:
    """Cached payloads for ``documents`` (``(id, sha256)`` pairs) made by ``pipeline``.

    Returns ``{document_id: payload}`` for the documents whose cache is current.
    """
    wanted = dict(documents)
    if not wanted:
        return {}
    found: dict[int, str] = {}
    rows = project.db.execute(
        "SELECT document_id, sha256, payload FROM token_cache WHERE pipeline = ?", [pipeline])
    for document_id, sha256, payload in rows:
        if wanted.get(document_id) == sha256:
            found[document_id] = payload
    return found


def write_token_cache(project: Project, pipeline: str, entries: dict[int, tuple[str, str]]
                      ) -> bool:
    """Store ``{document_id: (sha256, payload)}``; returns ``False`` when the project file
    cannot be written (read-only file or folder, locked), which is not an error."""
    if not entries:
        return True
    now = utc_now()
    try:
        with project.db.atomic():
            project.db.conn.executemany(
                """INSERT INTO token_cache (document_id, pipeline, sha256, payload, created)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (document_id) DO UPDATE SET pipeline = excluded.pipeline,
                       sha256 = excluded.sha256, payload = excluded.payload,
                       created = excluded.created""",
                [(doc, pipeline, sha, payload, now) for doc, (sha, payload) in entries.items()],
            )
    except sqlite3.OperationalError:
        return False
    return True


def clear_token_cache(project: Project) -> int:
    """Delete every cached analysis; returns how many documents had one."""
    with project.db.atomic():
        return project.db.execute("DELETE FROM token_cache").rowcount
