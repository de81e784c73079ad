"""The project file: one SQLite database per project (sqlite-utils), written in transactions.

Modules: :mod:`~qualcode.store.project` (open, migrate, transactions), :mod:`~.documents`,
:mod:`~.codes`, :mod:`~.coders`, :mod:`~.segments`, :mod:`~.memos`, :mod:`~.history`
(event log, undo/redo).
"""

from qualcode.store.project import Project

__all__ = ["Project"]
