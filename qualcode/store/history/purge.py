"""Purging the history: removed text leaves the project file for good.

The event log records every changed row before and after the change, so text removed from a
memo, a comment or a definition, and the text of a document whose import was undone, stay in
the file. A purge sets the recorded values (``events.old``/``events.new``) of every change so
far to NULL, then rewrites the file (``secure_delete``, ``VACUUM``, a truncating WAL
checkpoint) so that no freed page and no WAL frame keeps a copy.

What stays: every batch (who, when, which action) and every event's operation, table and row
id, so the audit trail is complete. What goes: undo and redo of every change made before the
purge (they need the values); the purge is recorded as a batch of its own
(:data:`~qualcode.store.history.log.PURGE_ACTION`), which empties every undo and redo stack.
The log stays append-only outside a purge: the trigger that forbids updating events is
dropped only inside the purge's transaction and created again before it commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qualcode.store.history.log import PURGE_ACTION
from qualcode.store.project import Project

_GUARD = "events_append_only_update"


@dataclass(frozen=True)
class PurgeReport:
    """What a purge did: ``events`` whose values it dropped (in ``batches`` changes), the
    size of the project file with its WAL before and after (bytes), and whether the WAL
    could be emptied (``complete``; false while another program reads the project, then the
    old pages may linger until the next purge or checkpoint)."""

    events: int
    batches: int
    bytes_before: int
    bytes_after: int
    complete: bool


def pending(project: Project) -> tuple[int, int]:
    """``(events, batches)`` whose recorded values a purge would drop now."""
    events, batches = project.db.execute(
        "SELECT count(*), count(DISTINCT batch_id) FROM events "
        "WHERE old IS NOT NULL OR new IS NOT NULL").fetchone()
    return events, batches


def purge(project: Project, actor: str | None = None) -> PurgeReport:
    """Drop the recorded values of every change so far and rewrite the file without them.

    ``actor``: who purges (recorded in the log). Raises :class:`sqlite3.OperationalError`
    ("database is locked") when another process writes for longer than the busy timeout.
    """
    before = _size(project.path)
    db = project.db
    secure = db.execute("PRAGMA secure_delete").fetchone()[0]
    db.execute("PRAGMA secure_delete = ON")  # freed cells and pages are zeroed
    try:
        with project.write_lock():
            events, batches = pending(project)
            if events:
                with project.transaction(PURGE_ACTION, actor):
                    found = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                       "AND name = ?", [_GUARD]).fetchone()
                    if found:
                        db.execute(f"DROP TRIGGER {_GUARD}")
                    db.execute("UPDATE events SET old = NULL, new = NULL "
                               "WHERE old IS NOT NULL OR new IS NOT NULL")
                    if found:
                        db.execute(found[0])
        db.execute("VACUUM")
        busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        db.execute(f"PRAGMA secure_delete = {int(secure)}")
    return PurgeReport(events, batches, before, _size(project.path), complete=busy == 0)


def _size(path: Path) -> int:
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
