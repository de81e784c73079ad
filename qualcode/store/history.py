"""Audit trail and undo/redo, both read from the append-only event log.

Every change to a logged table (see :data:`qualcode.store.schema.LOGGED_TABLES`) is written
by SQLite triggers to ``events``, grouped into ``batches`` (one per user action). Undo applies
the inverse of a batch's events in reverse order as a new batch that ``undoes`` it; redo
re-applies the original events as a batch that ``redoes`` it. Nothing is ever deleted from the log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from qualcode.domain.errors import ConflictError
from qualcode.store.project import CREATE_ACTION, Project
from qualcode.store.schema import LOGGED_TABLES

#: Tables whose events hold complete rows, so their changes can be inverted.
UNDOABLE_TABLES = frozenset(LOGGED_TABLES) - {"documents"}


@dataclass(frozen=True)
class Batch:
    """One user action in the event log."""

    id: int
    created: str
    actor: str | None
    action: str
    events: int


def _stacks(project: Project) -> tuple[list[Batch], list[Batch]]:
    """``(undoable, redoable)``: batches that undo and redo would apply next, last on top."""
    rows = project.db.query(
        """SELECT b.id, b.created, b.actor, b.action, b.undoes, b.redoes,
                  (SELECT count(*) FROM events e WHERE e.batch_id = b.id) AS events
           FROM batches b ORDER BY b.id""")
    done: list[Batch] = []
    undone: list[Batch] = []
    by_id: dict[int, Batch] = {}
    for row in rows:
        batch = Batch(row["id"], row["created"], row["actor"], row["action"], row["events"])
        by_id[batch.id] = batch
        if row["undoes"] is not None:
            done = [b for b in done if b.id != row["undoes"]]
            undone.append(by_id[row["undoes"]])
        elif row["redoes"] is not None:
            undone = [b for b in undone if b.id != row["redoes"]]
            done.append(batch)
        elif batch.events and batch.action != CREATE_ACTION:
            done.append(batch)
            undone.clear()
    return done, undone


def next_changes(project: Project) -> tuple[Batch | None, Batch | None]:
    """``(undo, redo)``: the change :func:`undo` would take back next and the one :func:`redo`
    would re-apply next (``None`` when there is none), e.g. to check what a key would undo."""
    done, undone = _stacks(project)
    return (done[-1] if done else None), (undone[-1] if undone else None)


def history(project: Project, limit: int = 50) -> list[Batch]:
    """The most recent batches, newest first (the audit trail)."""
    rows = project.db.query(
        """SELECT b.id, b.created, b.actor, b.action,
                  (SELECT count(*) FROM events e WHERE e.batch_id = b.id) AS events
           FROM batches b ORDER BY b.id DESC LIMIT ?""", [limit])
    return [Batch(**r) for r in rows]


def _events(project: Project, batch_id: int) -> list[dict]:
    return list(project.db.query(
        "SELECT op, table_name, row_id, old, new FROM events WHERE batch_id = ? ORDER BY id",
        [batch_id]))


def _key(table: str) -> str:
    return "rowid" if "rowid" in LOGGED_TABLES[table] else "id"


def _apply(project: Project, op: str, table: str, row_id: int, values: dict | None) -> None:
    db = project.db
    key = _key(table)
    if op == "delete":
        db.execute(f'DELETE FROM {table} WHERE {key} = ?', [row_id])
    elif op == "insert":
        assert values is not None
        columns = ", ".join(f'"{c}"' if c != "rowid" else "rowid" for c in values)
        db.execute(f"INSERT INTO {table} ({columns}) VALUES ({','.join('?' * len(values))})",
                   list(values.values()))
    else:
        assert values is not None
        settable = {c: v for c, v in values.items() if c not in ("rowid", "id")}
        assignments = ", ".join(f'"{c}" = ?' for c in settable)
        db.execute(f"UPDATE {table} SET {assignments} WHERE {key} = ?",
                   [*settable.values(), row_id])


def _check_undoable(project: Project, batch: Batch) -> list[dict]:
    events = _events(project, batch.id)
    tables = {e["table_name"] for e in events}
    if not tables <= UNDOABLE_TABLES:
        raise ConflictError(f"the last change ({batch.action}) cannot be undone")
    return events


def undo(project: Project, actor: str | None = None) -> Batch:
    """Undo the most recent change that is not undone yet; returns that change.

    Raises :class:`ConflictError` when there is nothing to undo or the change is an import.
    """
    done, _ = _stacks(project)
    if not done:
        raise ConflictError("nothing to undo")
    batch = done[-1]
    events = _check_undoable(project, batch)
    with project.transaction(f"undo: {batch.action}", actor, undoes=batch.id):
        for event in reversed(events):
            inverse = {"insert": "delete", "delete": "insert", "update": "update"}[event["op"]]
            old = json.loads(event["old"]) if event["old"] else None
            _apply(project, inverse, event["table_name"], event["row_id"], old)
    return batch


def redo(project: Project, actor: str | None = None) -> Batch:
    """Redo the most recently undone change; raises :class:`ConflictError` when there is none."""
    _, undone = _stacks(project)
    if not undone:
        raise ConflictError("nothing to redo")
    batch = undone[-1]
    events = _check_undoable(project, batch)
    with project.transaction(f"redo: {batch.action}", actor, redoes=batch.id):
        for event in events:
            new = json.loads(event["new"]) if event["new"] else None
            _apply(project, event["op"], event["table_name"], event["row_id"], new)
    return batch
