"""Is the project file whole? ``PRAGMA quick_check`` when it is opened, remembered while the
file is unchanged, and a check that a ``PROJECT-wal`` beside it belongs to it.

``quick_check`` reads every page of the file (SQLite: "PRAGMA quick_check",
https://www.sqlite.org/pragma.html#pragma_quick_check): about 0.4 s for the 123 MiB
benchmark project (1,000 interviews, 100,000 coded segments), 20 ms for the demo project.
Every command pays it only when the file changed since the last check: the result is kept
(per user, in ``$XDG_CACHE_HOME/qualcode``) with the file's device, inode, size, modification
and change times. A check is trusted only when the file was last changed at least two seconds
before it ran, so that a change within the same tick of a coarse file-system clock cannot hide
behind an unchanged time stamp (git's "racy clean" rule), and for a day at most.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

from qualcode.domain.errors import ProjectError
from qualcode.store.file_access import connect_uri, wal_has_frames, wal_page_size, wal_path

_RACY_NS = 2_000_000_000
_MAX_AGE_NS = 24 * 3600 * 1_000_000_000
_MAX_ENTRIES = 200
_CACHE_FILE = "checked-projects.json"

_lock = threading.Lock()
#: Files (device, inode) open in this process after a passed check, with how many projects.
_open_checked: dict[tuple[int, int], int] = {}


def newest_backup(path: Path) -> Path | None:
    """The newest ``PROJECT.backup-<time>`` beside ``path`` (written before a migration)."""
    try:
        backups = [p for p in path.parent.glob(f"{_glob_escape(path.name)}.backup-*")
                   if p.is_file()]
    except OSError:
        return None
    return max(backups, key=lambda p: p.name, default=None)


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def damage_advice(path: Path) -> str:
    """What to do about a damaged project file: the newest backup, else ``.recover``."""
    backup = newest_backup(path)
    recover = f"rescue what is readable with: sqlite3 {path} .recover | sqlite3 rescued.qualcode"
    if backup is not None:
        return f"restore the newest backup {backup} or {recover}"
    return recover


def check(path: Path, db: sqlite3.Connection) -> str | None:
    """``None`` when the project is whole, else the first problem ``quick_check`` reports.

    ``db`` is an open connection to ``path`` (it sees the WAL, as every reader does). A
    check is skipped when this process already has the unchanged file open after a passed
    check, or a recent check of this user found it whole (see the module docstring).
    """
    try:
        before = os.stat(path)
    except OSError:
        before = None
    if before is not None and _trusted(path, before):
        return None
    started = time.time_ns()
    try:
        rows = db.execute("PRAGMA quick_check(10)").fetchall()
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
        return f"quick_check: {error}"
    problems = [line.strip() for row in rows for line in str(row[0]).splitlines()
                if line.strip() not in ("ok", "") and not line.startswith("***")]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return f"quick_check: {problems[0]}{more}"
    try:
        after = os.stat(path)
    except OSError:
        return None
    if before is not None and _key(before) == _key(after):
        _remember(path, after, started)
    return None


def is_damage(error: sqlite3.DatabaseError) -> bool:
    """Whether ``error`` says the file is damaged or no database (not a lock or I/O error)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name:
        return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    return type(error) is sqlite3.DatabaseError


def hold(path: Path) -> tuple[int, int] | None:
    """Note that this process has ``path`` open after a passed check (see :func:`release`)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    key = (st.st_dev, st.st_ino)
    with _lock:
        _open_checked[key] = _open_checked.get(key, 0) + 1
    return key


def release(key: tuple[int, int] | None) -> None:
    """Undo one :func:`hold`."""
    if key is None:
        return
    with _lock:
        left = _open_checked.get(key, 0) - 1
        if left > 0:
            _open_checked[key] = left
        else:
            _open_checked.pop(key, None)


def _key(st: os.stat_result) -> list[int]:
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _trusted(path: Path, st: os.stat_result) -> bool:
    with _lock:
        if (st.st_dev, st.st_ino) in _open_checked:
            return True
    entry = _load().get(_name(path))
    if not entry or entry[:5] != _key(st):
        return False
    checked = entry[5]
    return (max(st.st_mtime_ns, st.st_ctime_ns) < checked - _RACY_NS
            and time.time_ns() - checked < _MAX_AGE_NS)


def _name(path: Path) -> str:
    # A digest, so that the cache does not list the user's project paths.
    return hashlib.sha256(os.fsencode(os.path.realpath(path))).hexdigest()[:32]


def _cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "qualcode" / _CACHE_FILE


def _load() -> dict[str, list[int]]:
    try:
        data = json.loads(_cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _remember(path: Path, st: os.stat_result, checked: int) -> None:
    """Keep a passed check; a cache that cannot be written only costs a check next time."""
    cache = _cache_path()
    entries = _load()
    entries.pop(_name(path), None)
    entries[_name(path)] = [*_key(st), checked]
    kept = dict(list(entries.items())[-_MAX_ENTRIES:])
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache.parent, prefix=".checked-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(kept, out)
        os.replace(temporary, cache)
    except OSError:
        try:
            os.unlink(temporary)  # type: ignore[possibly-undefined]
        except (OSError, NameError):
            pass


def check_wal(path: Path, db: sqlite3.Connection, timeout: float) -> None:
    """Raise :class:`ProjectError` when ``PROJECT-wal`` does not belong to ``path``.

    ``db`` reads ``path`` with its WAL but can never write (so the WAL is never copied into
    the file). The file alone (read immutable, without the WAL) is compared with what ``db``
    sees: the WAL's page size, the project's creation time, and the newest batch of the
    event log, which a WAL of the same project can only add to (the log is append-only).
    The file is read first: whatever it holds, a later read through the WAL holds too.
    A WAL through which nothing can be read while the file alone passes ``quick_check`` does
    not belong either. Does nothing when the file alone cannot be read (a damaged project is
    reported by :func:`check`) or when ``PROJECT-wal`` holds no frames.
    """
    if not wal_has_frames(path):
        return
    main = connect_uri(path, "mode=ro&immutable=1", timeout)
    try:
        page_size = main.execute("PRAGMA page_size").fetchone()[0]
        mark = _identity(main)
    except sqlite3.DatabaseError:
        return
    finally:
        main.close()
    foreign = _foreign(path)
    wal_size = wal_page_size(path)
    if wal_size is not None and wal_size != page_size:
        raise foreign
    try:
        seen = _identity(db, mark[2][0] if mark[2] else None)
    except sqlite3.DatabaseError as error:
        if (getattr(error, "sqlite_errorname", "") or "").startswith(
                ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_IOERR", "SQLITE_NOMEM")):
            raise
        if _main_file_whole(path, timeout):
            raise foreign from None
        return
    if mark[0] != seen[0] or mark[1] != seen[1] or (mark[2] and mark[2] != seen[2]):
        raise foreign


def blame_wal(path: Path, timeout: float) -> None:
    """Raise the "belongs to another database" :class:`ProjectError` when the project read
    with its WAL is damaged or unreadable but the file alone passes ``quick_check``."""
    if wal_has_frames(path) and _main_file_whole(path, timeout):
        raise _foreign(path)


def _identity(db: sqlite3.Connection, batch: int | None = None) -> tuple:
    """``(application_id, creation time, newest batch row)``; with ``batch``, that batch."""
    app = db.execute("PRAGMA application_id").fetchone()[0]
    created = db.execute("SELECT value FROM settings WHERE key = 'created'").fetchone()
    if batch is None:
        row = db.execute("SELECT id, created, actor, action FROM batches "
                         "ORDER BY id DESC LIMIT 1").fetchone()
    else:
        row = db.execute("SELECT id, created, actor, action FROM batches WHERE id = ?",
                         [batch]).fetchone()
    return app, created, row


def _main_file_whole(path: Path, timeout: float) -> bool:
    main = connect_uri(path, "mode=ro&immutable=1", timeout)
    try:
        return main.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False
    finally:
        main.close()


def _foreign(path: Path) -> ProjectError:
    return ProjectError(
        f"{wal_path(path)}: belongs to another database; move it away (the project itself, "
        f"{path}, is intact and opens as it was when last closed)")
