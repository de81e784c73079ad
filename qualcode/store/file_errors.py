"""SQLite errors in words for users: which project file, what happened, what to do.

Every error that SQLite raises while qualcode works on a project becomes one line naming the
file (SQLite result codes: https://www.sqlite.org/rescode.html). A failed change never
leaves anything behind: every write is one transaction, rolled back on the error.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from qualcode.domain.errors import ProjectError
from qualcode.store.file_access import lock_holders, readonly_reason
from qualcode.store.integrity import damage_advice

#: Appended where a change was under way; what was committed before it stays.
NOTHING_WRITTEN = "nothing of the unfinished change was written"


def explain(error: sqlite3.Error, path: Path | None, readonly: str | None = None,
            busy_timeout_ms: int | None = None) -> ProjectError:
    """A one-line :class:`ProjectError` for ``error`` raised while working on ``path``.

    ``readonly``: why the project was opened read-only, if it was. ``busy_timeout_ms``: how
    long SQLite waited for a lock. ``path`` may be ``None`` when the file is not known.
    """
    name = getattr(error, "sqlite_errorname", "") or ""
    code = getattr(error, "sqlite_errorcode", None)
    primary = _PRIMARY.get(code & 0xFF) if isinstance(code, int) else None
    if primary is None and name.startswith("SQLITE_"):
        primary = name.split("_")[1]
    detail = " ".join(str(error).split())
    where = str(path) if path is not None else "the project file"
    # A read-only project cannot have been written: no need to say that nothing was.
    unwritten = "" if readonly else f"; {NOTHING_WRITTEN}"
    if isinstance(error, sqlite3.IntegrityError) or primary == "CONSTRAINT":
        return ProjectError(f"{where}: the change contradicts the project's data ({detail})"
                            f"{unwritten}")
    if primary == "READONLY":
        reason = readonly or (_readonly(path) if path is not None else None) \
            or f"SQLite cannot write to it: {detail}"
        message = f"{where}: read-only ({reason}); {NOTHING_WRITTEN}"
        if reason.startswith("damaged") and path is not None:
            message += f"; {damage_advice(path)}"
        return ProjectError(message)
    if primary == "FULL":
        return ProjectError(f"{where}: the disk is full ({detail}); {NOTHING_WRITTEN}; free "
                            f"some space on its drive and run the command again")
    if primary in ("BUSY", "LOCKED"):
        return ProjectError(f"{where}: {_locked(path, name, busy_timeout_ms)} ({detail})"
                            f"{unwritten}")
    if primary in ("CORRUPT", "NOTADB"):
        advice = f"; {damage_advice(path)}" if path is not None else ""
        return ProjectError(f"{where}: damaged ({detail}){unwritten}{advice}")
    if primary == "IOERR":
        return ProjectError(f"{where}: the file could not be read or written ({detail})"
                            f"{unwritten}; check the drive or network share")
    if primary in ("CANTOPEN", "PERM", "AUTH"):
        return ProjectError(f"{where}: cannot open the file ({detail}); check that it and its "
                            f"folder exist and may be read")
    if primary == "TOOBIG":
        return ProjectError(f"{where}: a value is too large to store ({detail})"
                            f"{unwritten}")
    if primary == "NOMEM":
        return ProjectError(f"{where}: out of memory ({detail}){unwritten}")
    return ProjectError(f"{where}: SQLite error ({detail}){unwritten}")


_PRIMARY = {5: "BUSY", 6: "LOCKED", 7: "NOMEM", 8: "READONLY", 10: "IOERR", 11: "CORRUPT",
            13: "FULL", 14: "CANTOPEN", 18: "TOOBIG", 19: "CONSTRAINT", 23: "AUTH",
            26: "NOTADB", 3: "PERM"}


def _readonly(path: Path) -> str | None:
    try:
        return readonly_reason(path)
    except OSError:
        return None


def _locked(path: Path | None, name: str, busy_timeout_ms: int | None) -> str:
    """Which lock stopped the command, who holds it, and what to do."""
    if name == "SQLITE_BUSY_SNAPSHOT":
        return "changed by another program while this command read it; run the command again"
    if name == "SQLITE_BUSY_RECOVERY":
        return ("another program is recovering it after a crash; try again in a moment")
    if name.startswith("SQLITE_LOCKED"):
        return "locked by another connection of this program; try again"
    waited = f" within {busy_timeout_ms / 1000:g} s" if busy_timeout_ms else ""
    holders = lock_holders(path) if path is not None else []
    if holders:
        who = "; ".join(f"process {h.pid} ({h.program}) is {h.what}" for h in holders)
        return (f"locked: {who}, and did not finish{waited}; try again when it is done, or "
                f"close that program")
    return (f"locked: another program is writing to it and did not finish{waited}; try again "
            f"in a moment, or close the other program (another qualcode, a workbench, an "
            f"SQLite tool)")
