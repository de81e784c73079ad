"""The project file: one SQLite database per project (sqlite-utils), written in transactions.

Modules: :mod:`~qualcode.store.project` (open, migrate, transactions), :mod:`~.documents`,
:mod:`~.codes`, :mod:`~.coders`, :mod:`~.segments`, :mod:`~.memos`, :mod:`~.history`
(event log, per-person undo/redo, purge).
"""

import sys as _sys


def _import_sqlite_utils() -> None:
    """Import sqlite-utils without letting it import pandas and NumPy.

    sqlite-utils imports both at import time when they are installed (to store DataFrames and
    NumPy values, which qualcode never does): half a second and ~45 MB on every command. They
    are hidden only while sqlite-utils loads (it catches the ImportError); anything else can
    still import them later.
    """
    hidden = [name for name in ("pandas", "numpy") if name not in _sys.modules]
    for name in hidden:
        _sys.modules[name] = None  # type: ignore[assignment]  # "import name" -> ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if _sys.modules.get(name, 0) is None:
                del _sys.modules[name]


_import_sqlite_utils()

from qualcode.store.project import Project  # noqa: E402

__all__ = ["Project"]
