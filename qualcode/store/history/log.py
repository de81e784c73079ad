"""Reading the event log: batches, whose they are, each actor's undo and redo stacks.

A batch is one user action (see :meth:`qualcode.store.project.Project.transaction`). An undo
batch names the batch it took back (``undoes``), a redo batch the batch it re-applied
(``redoes``). A batch belongs to its actor; an undo or redo batch belongs to whoever owns the
batch it points to. So each actor has their own stacks, and one person's undo never takes
back another's change.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from qualcode.store.project import CREATE_ACTION, Project

#: Action of the batch that records a purge (see :mod:`qualcode.store.history.purge`): the
#: changes before it have lost their recorded values and leave every undo and redo stack.
PURGE_ACTION = "purge history"


@dataclass(frozen=True)
class Batch:
    """One user action in the event log.

    ``created``: ISO 8601 UTC; ``actor``: who made it; ``events``: how many rows it changed;
    ``undoes``/``redoes``: id of the batch an undo took back or a redo re-applied.
    """

    id: int
    created: str
    actor: str | None
    action: str
    events: int
    undoes: int | None = None
    redoes: int | None = None


@dataclass(frozen=True)
class LogEntry(Batch):
    """A batch as :func:`history` lists it: ``undone_by``/``redone_by`` is the undo or redo
    batch that last acted on it (the change is taken back now, or back again); ``purged``
    is true when its recorded values were dropped by a later purge."""

    undone_by: int | None = None
    redone_by: int | None = None
    purged: bool = False

    @property
    def note(self) -> str:
        """Short status for a table, e.g. ``undone by #15`` or ``undo of #12; purged``."""
        parts = []
        if self.undoes is not None:
            parts.append(f"undo of #{self.undoes}")
        if self.redoes is not None:
            parts.append(f"redo of #{self.redoes}")
        if self.undone_by is not None:
            parts.append(f"undone by #{self.undone_by}")
        if self.redone_by is not None:
            parts.append(f"redone by #{self.redone_by}")
        if self.purged:
            parts.append("purged")
        return "; ".join(parts)


@dataclass
class Stacks:
    """One actor's stacks. ``done``: changes undo can take back, last on top; ``undone``:
    ``(change, undo batch)`` pairs redo can re-apply, last on top; ``others``: actors who
    have changes of their own to undo; ``purge``: the last purge, if any."""

    done: list[Batch] = field(default_factory=list)
    undone: list[tuple[Batch, Batch]] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    purge: Batch | None = None


def read_batches(project: Project) -> list[Batch]:
    """Every batch, oldest first, with its number of events."""
    rows = project.db.query(
        """SELECT b.id, b.created, b.actor, b.action, b.undoes, b.redoes,
                  (SELECT count(*) FROM events e WHERE e.batch_id = b.id) AS events
           FROM batches b ORDER BY b.id""")
    return [Batch(**row) for row in rows]


def _coders_only(project: Project) -> set[int]:
    """Batches that only added a coder: bookkeeping done on a coder's first coding or memo,
    not a change of its own to undo (a coder without segments changes nothing)."""
    return {row[0] for row in project.db.execute(
        """SELECT b.id FROM batches b WHERE b.action LIKE 'add coder %' AND NOT EXISTS (
               SELECT 1 FROM events e WHERE e.batch_id = b.id
               AND NOT (e.table_name = 'coders' AND e.op = 'insert'))""")}


def _is_purge(batch: Batch) -> bool:
    return batch.action == PURGE_ACTION and batch.events == 0 and batch.undoes is None \
        and batch.redoes is None


def stacks(project: Project, actor: str) -> Stacks:
    """The undo and redo stacks of ``actor``, read from the whole log.

    Not on any stack: the creation of the project, batches without events and batches that
    only added a coder. A new change of an actor clears that actor's redo stack (as in any
    editor); another actor's change does not, but may block the redo later (see
    :func:`qualcode.store.history.revert.revert`). A purge empties every stack. The entries
    of redo batches carry the action of the change they repeat (``code …``, not
    ``redo: code …``).
    """
    by_id: dict[int, Batch] = {}
    owner: dict[int, str | None] = {}
    done: dict[str | None, list[Batch]] = defaultdict(list)
    undone: dict[str | None, list[tuple[Batch, Batch]]] = defaultdict(list)
    purge = None
    bookkeeping = _coders_only(project)
    for batch in read_batches(project):
        if batch.undoes is not None:
            who = owner[batch.id] = owner.get(batch.undoes, batch.actor)
            done[who] = [b for b in done[who] if b.id != batch.undoes]
            if batch.undoes in by_id:
                undone[who].append((by_id[batch.undoes], batch))
        elif batch.redoes is not None:
            who = owner[batch.id] = owner.get(batch.redoes, batch.actor)
            undone[who] = [(b, u) for b, u in undone[who] if b.id != batch.redoes]
            repeated = by_id.get(batch.redoes)
            batch = replace(batch, action=repeated.action) if repeated else batch
            done[who].append(batch)
        elif _is_purge(batch):
            owner[batch.id] = batch.actor
            done.clear()
            undone.clear()
            purge = batch
        else:
            owner[batch.id] = batch.actor
            undoable = batch.action != CREATE_ACTION and batch.id not in bookkeeping
            if batch.events and undoable:
                done[batch.actor].append(batch)
                undone[batch.actor].clear()
        by_id[batch.id] = batch
    others = sorted((who for who, mine in done.items() if mine and who and who != actor),
                    key=str.casefold)
    return Stacks(done.get(actor, []), undone.get(actor, []), others, purge)


def history(project: Project, limit: int | None = 50, actor: str | None = None
            ) -> list[LogEntry]:
    """The audit trail: the most recent batches (``limit``; ``None`` for all), newest first,
    only ``actor``'s when given, each with its undo/redo status (see :class:`LogEntry`)."""
    batches = read_batches(project)
    last: dict[int, Batch] = {}
    last_purge = 0
    for batch in batches:
        target = batch.undoes if batch.undoes is not None else batch.redoes
        if target is not None:
            last[target] = batch
        elif _is_purge(batch):
            last_purge = batch.id
    entries = []
    for batch in reversed(batches):
        if actor is not None and batch.actor != actor:
            continue
        acted = last.get(batch.id)
        undone_by = acted.id if acted is not None and acted.undoes is not None else None
        redone_by = acted.id if acted is not None and acted.redoes is not None else None
        entries.append(LogEntry(**batch.__dict__, undone_by=undone_by, redone_by=redone_by,
                                purged=batch.id < last_purge and batch.events > 0))
        if limit is not None and len(entries) >= limit:
            break
    return entries
