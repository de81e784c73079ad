"""Applying the inverse of a batch, refusing when that would touch someone else's work.

Undo reverts a change; redo reverts the undo (the undo's DELETE events hold the complete
rows, a document's text and speaker turns included, which the change's own INSERT events
leave out). Before each step the row must be exactly as the batch left it, and a row about to
be deleted must have no dependent row left (a coded segment on a code, a memo on a segment,
a segment in a document …): every one of those was made by another batch, and deleting the
row would delete or orphan it. Such a step raises :class:`ConflictError` naming the row and
the change that blocks it (who, what, when); the caller's transaction then keeps nothing.

A row the inverse puts back whose id another row has taken meanwhile (SQLite reuses the
highest id after a delete) is inserted under a new id, and the rows of the same batch that
refer to it follow.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

from qualcode.domain.errors import ConflictError
from qualcode.store.history.log import PURGE_ACTION, Batch
from qualcode.store.history.rows import (
    EVENT_TABLES,
    Schema,
    current_row,
    key_column,
    label,
    last_change,
    named_row,
    read_schema,
    unique_clash,
)
from qualcode.store.project import Project

_INVERSE = {"insert": "delete", "delete": "insert", "update": "update"}


def revert(project: Project, batch: Batch, verb: str, action: str) -> Counter:
    """Apply the inverse of ``batch``'s events, newest first, inside the caller's transaction.

    ``verb`` (``undo``/``redo``) and ``action`` (the change undone or redone) word the
    messages. Returns how many rows each ``(operation, table)`` got, e.g.
    ``{("delete", "documents"): 3, ...}``. Raises
    :class:`ConflictError` (before anything is kept: the caller rolls back) when a row was
    changed since, a dependent row would go, a row it needs is gone, or a unique name is
    taken again, and when the batch's values were purged.
    """
    return _Reverter(project, batch, verb, action).run()


class _Reverter:
    def __init__(self, project: Project, batch: Batch, verb: str, action: str) -> None:
        self.project = project
        self.action = action
        self.db = project.db
        self.batch = batch
        self.verb = verb
        self.schema: Schema = read_schema(project)
        self.events = [dict(e) for e in self.db.query(
            "SELECT id, op, table_name, row_id, old, new FROM events WHERE batch_id = ? "
            "ORDER BY id", [batch.id])]
        self.since = max((e["id"] for e in self.events), default=0)
        self.moved: dict[tuple[str, int], int] = {}  # (table, id in the events) -> new id
        self.touched: set[tuple[str, int]] = set()
        self.counts: Counter = Counter()

    def run(self) -> Counter:
        for event in reversed(self.events):
            table = event["table_name"]
            if table not in EVENT_TABLES:
                raise self._refuse(f"it changed {table}, which qualcode cannot restore")
            op = _INVERSE[event["op"]]
            if (table, event["row_id"]) not in self.touched:
                self.touched.add((table, event["row_id"]))
                self._check_unchanged(event)
            values = None
            if op != "delete":
                if event["old"] is None:
                    raise self._purged()
                values = self._follow_moves(table, json.loads(event["old"]))
            row_id = self.moved.get((table, event["row_id"]), event["row_id"])
            try:
                getattr(self, f"_{op}")(table, event["row_id"], row_id, values)
            except sqlite3.IntegrityError as error:
                other_than = row_id if op == "update" else None
                raise self._clash(table, values, other_than, error) from None
            self.counts[op, table] += 1
        return self.counts

    # -- checks ---------------------------------------------------------------------------
    def _refuse(self, reason: str) -> ConflictError:
        return ConflictError(f"cannot {self.verb} “{self.action}”: {reason}")

    def _purged(self) -> ConflictError:
        found = self.db.execute(
            "SELECT created FROM batches WHERE action = ? AND id > ? "
            "ORDER BY id LIMIT 1", [PURGE_ACTION, self.batch.id]).fetchone()
        when = f" on {found[0][:10]}" if found else ""
        return self._refuse(f"its recorded values were purged{when} (qualcode purge)")

    def _check_unchanged(self, event: dict) -> None:
        """The row must be as the batch left it: its last image, or absent after a delete."""
        table, row_id = event["table_name"], event["row_id"]
        if event["op"] == "delete":
            old = json.loads(event["old"]) if event["old"] else {}
            if table in self.schema.guid and old.get("guid"):
                now = current_row(self.project, table, row_id, ["guid"])
                if now is not None and now["guid"] == old["guid"]:
                    change = last_change(self.project, table, row_id, self.since)
                    raise self._refuse(f"{label(table, row_id, old)} exists again since "
                                       f"{change.who() if change else ''}".rstrip())
            return  # another row with this id: _insert puts the row back under a new id
        if event["new"] is None:
            raise self._purged()
        left = json.loads(event["new"])
        now = current_row(self.project, table, row_id, list(left))
        if now == left:
            return
        change = last_change(self.project, table, row_id, self.since)
        what = label(table, row_id, now or left)
        if now is None:
            raise self._refuse(f"{what} was deleted since {_who(change)}")
        raise self._refuse(f"{what} was changed since {_who(change)}")

    def _check_parents(self, table: str, values: dict) -> None:
        for column, parent in self.schema.parents.get(table, []):
            value = values.get(column)
            if value is None or parent not in EVENT_TABLES:
                continue
            if self.db.execute(f"SELECT 1 FROM {parent} WHERE {key_column(parent)} = ?",
                               [value]).fetchone():
                continue
            change = last_change(self.project, parent, value, 0)
            gone = label(parent, value, change.old if change else None)
            raise self._refuse(f"{gone} was deleted since {_who(change)}")

    def _check_no_dependents(self, table: str, row_id: int) -> None:
        for child, column in self.schema.children.get(table, []):
            found = self.db.execute(
                f'SELECT {key_column(child)} FROM {child} WHERE "{column}" = ? LIMIT 1',
                [row_id]).fetchone()
            if found is None:
                continue
            change = last_change(self.project, child, found[0], 0)
            used = label(table, row_id, named_row(self.project, table, row_id))
            user = label(child, found[0], named_row(self.project, child, found[0]))
            raise self._refuse(f"{used} is used by {user} {_who(change)}")

    def _clash(self, table: str, values: dict | None, row_id: int | None,
               error: sqlite3.IntegrityError) -> ConflictError:
        """Name the row that holds a unique name or place ``values`` need (``row_id``: the
        row being updated, which does not count)."""
        if values is not None and "UNIQUE" in str(error):
            now = current_row(self.project, table, row_id, list(values)) if row_id else None
            other = unique_clash(self.project, table, {**(now or {}), **values}, row_id)
            if other is not None:
                change = last_change(self.project, table, other, 0)
                now = named_row(self.project, table, other)
                return self._refuse(f"{label(table, other, now)} takes its place since "
                                    f"{_who(change)}")
        return self._refuse(f"it clashes with a later change ({error})")

    # -- steps ----------------------------------------------------------------------------
    def _follow_moves(self, table: str, values: dict) -> dict:
        for column, parent in self.schema.parents.get(table, []):
            moved = self.moved.get((parent, values.get(column)))
            if moved is not None:
                values[column] = moved
        return values

    def _delete(self, table: str, logged_id: int, row_id: int, values: None) -> None:
        self._check_no_dependents(table, row_id)
        self.db.execute(f"DELETE FROM {table} WHERE {key_column(table)} = ?", [row_id])

    def _insert(self, table: str, logged_id: int, row_id: int, values: dict) -> None:
        if table == "documents" and "text" not in values:
            raise self._refuse(f"the text of {label(table, row_id, values)} was not recorded "
                               "(it was deleted by an older qualcode)")
        self._check_parents(table, values)
        key = key_column(table)
        taken = self.db.execute(f"SELECT 1 FROM {table} WHERE {key} = ?", [row_id]).fetchone()
        if taken:
            values = {c: v for c, v in values.items() if c != key}
        columns = ", ".join(c if c == "rowid" else f'"{c}"' for c in values)
        cursor = self.db.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(values))})",
            list(values.values()))
        if taken:
            self.moved[table, logged_id] = cursor.lastrowid

    def _update(self, table: str, logged_id: int, row_id: int, values: dict) -> None:
        self._check_parents(table, values)
        now = current_row(self.project, table, row_id, list(values)) or {}
        # Only what differs: an UPDATE naming documents.sha256 aborts even when unchanged.
        changed = {c: v for c, v in values.items() if c not in ("rowid", "id") and now.get(c) != v}
        if not changed:
            return
        assignments = ", ".join(f'"{c}" = ?' for c in changed)
        self.db.execute(f"UPDATE {table} SET {assignments} WHERE {key_column(table)} = ?",
                        [*changed.values(), row_id])


def _who(change) -> str:
    return change.who() if change else "(not recorded by qualcode)"
