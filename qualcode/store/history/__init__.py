"""Audit trail, per-person undo/redo and purging, all read from the append-only event log.

Every change to a logged table (see :data:`qualcode.store.schema.LOGGED_TABLES`) is written
by SQLite triggers to ``events``, grouped into ``batches`` (one per user action, with its
actor). Undo applies the inverse of an actor's own last batch as a new batch that ``undoes``
it; redo reverts that undo as a batch that ``redoes`` the change. Nothing is deleted from
the log; :func:`purge` only drops the recorded values (old and new rows) so that removed
text leaves the file.

Modules: :mod:`~.log` (batches, stacks, the audit trail), :mod:`~.undo` (undo, redo),
:mod:`~.revert` (applying an inverse, conflict checks), :mod:`~.rows` (row names, foreign
keys, who changed a row), :mod:`~.purge`.
"""

from qualcode.store.history.log import PURGE_ACTION, Batch, LogEntry, history, stacks
from qualcode.store.history.purge import PurgeReport, purge
from qualcode.store.history.undo import Reverted, next_changes, redo, undo

__all__ = ["PURGE_ACTION", "Batch", "LogEntry", "PurgeReport", "Reverted", "history",
           "next_changes", "purge", "redo", "stacks", "undo"]
