"""Undo and redo of one actor's own changes, atomic against other processes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from qualcode.domain.errors import ConflictError
from qualcode.store.history.log import Batch, Stacks, stacks
from qualcode.store.history.revert import revert
from qualcode.store.project import Project, default_actor

#: Called inside the write lock with the change undo/redo would take next (``None`` when
#: there is none); raises :class:`ConflictError` to refuse (e.g. "only resolutions here").
Guard = Callable[[Batch | None], None]


@dataclass(frozen=True)
class Reverted:
    """A change undo took back or redo re-applied: ``batch`` (the change, with its original
    action), ``by`` (the new undo/redo batch) and the number of documents the step removed
    and restored (an import's undo removes them, its redo restores them)."""

    batch: Batch
    by: int
    removed_documents: int = 0
    restored_documents: int = 0

    @property
    def action(self) -> str:
        """The change's action, e.g. ``code THM-01 [3, 9) with Netzwerk``."""
        return self.batch.action

    @property
    def summary(self) -> str:
        """The action with the documents it removed or restored, e.g.
        ``import 3 files (3 documents removed)``."""
        counts = [(self.removed_documents, "removed"), (self.restored_documents, "restored")]
        parts = [f"{n} document{'s' if n != 1 else ''} {what}" for n, what in counts if n]
        return f"{self.action} ({', '.join(parts)})" if parts else self.action


def undo(project: Project, actor: str | None = None, *, guard: Guard | None = None
         ) -> Reverted:
    """Take back ``actor``'s most recent change that is not undone yet.

    ``actor``: whose change (default :func:`~qualcode.store.project.default_actor`); the
    undo is recorded under the same name. The stack is read and the change reverted under
    the project's write lock, so two processes never undo the same change twice. Raises
    :class:`ConflictError` when the actor has nothing to undo, when the change cannot be
    undone cleanly (someone changed or used its rows since; see
    :mod:`qualcode.store.history.revert`; nothing is changed then), or when ``guard``
    refuses.
    """
    actor = actor or default_actor()
    with project.write_lock():
        mine = stacks(project, actor)
        change = mine.done[-1] if mine.done else None
        if guard is not None:
            guard(change)
        if change is None:
            raise ConflictError(_nothing("undo", actor, mine))
        with project.transaction(f"undo: {change.action}", actor, undoes=change.id) as batch:
            counts = revert(project, change, "undo", change.action)
    return Reverted(change, batch, counts["delete", "documents"], counts["insert", "documents"])


def redo(project: Project, actor: str | None = None, *, guard: Guard | None = None
         ) -> Reverted:
    """Re-apply ``actor``'s most recently undone change (by reverting its undo, so deleted
    documents come back with their text, turns, variables, GUIDs and SHA-256).

    Same lock, defaults and errors as :func:`undo` ("nothing to redo" after the actor's
    own new change, as in any editor).
    """
    actor = actor or default_actor()
    with project.write_lock():
        mine = stacks(project, actor)
        change, undone_by = mine.undone[-1] if mine.undone else (None, None)
        if guard is not None:
            guard(change)
        if change is None:
            raise ConflictError(_nothing("redo", actor, mine))
        with project.transaction(f"redo: {change.action}", actor, redoes=change.id) as batch:
            counts = revert(project, undone_by, "redo", change.action)
    return Reverted(change, batch, counts["delete", "documents"], counts["insert", "documents"])


def next_changes(project: Project, actor: str | None = None
                 ) -> tuple[Batch | None, Batch | None]:
    """``(undo, redo)``: ``actor``'s change :func:`undo` would take back next and the one
    :func:`redo` would re-apply next (``None`` when there is none)."""
    mine = stacks(project, actor or default_actor())
    return (mine.done[-1] if mine.done else None), (mine.undone[-1][0] if mine.undone else None)


def _nothing(verb: str, actor: str, mine: Stacks) -> str:
    text = f"nothing to {verb} for {actor}"
    if mine.purge is not None:
        text += f" (the history before {mine.purge.created[:10]} was purged)"
    elif verb == "undo" and mine.others:
        text += f" (changes by {', '.join(mine.others)} are theirs to undo)"
    return text
