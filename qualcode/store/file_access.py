"""The project file on disk: may it be written, how to read it without writing, its WAL, and
who holds a lock on it.

A WAL-mode SQLite database lives in up to three files: ``PROJECT``, ``PROJECT-wal`` (committed
changes not yet copied into ``PROJECT``) and ``PROJECT-shm`` (the index of the WAL, shared by
every process that has the file open). A reader has to create the ``-shm`` unless the file
is opened ``immutable`` (SQLite: "WAL mode" section 8 "Read-only databases" and the URI
parameters ``mode=ro`` and ``immutable``, https://www.sqlite.org/wal.html#readonly,
https://www.sqlite.org/uri.html). Nothing in this module opens the main file with Python's
``open()``: closing such a handle would drop this process's SQLite locks on it (POSIX
advisory locks belong to the process, not to the handle).
"""

from __future__ import annotations

import os
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

#: Magic numbers of a WAL header (big- and little-endian checksums), SQLite file format
#: section 4.1 (https://www.sqlite.org/fileformat2.html#walformat).
_WAL_MAGIC = (0x377F0682, 0x377F0683)
_WAL_HEADER = 32
_FRAME_HEADER = 24

#: Lock bytes of SQLite's unix VFS (os_unix.c, "locking" comments; wal.c WAL_WRITE_LOCK etc.):
#: in the database file PENDING_BYTE .. the shared range; in the -shm file byte 120 is the
#: WAL write lock, 121 the checkpoint lock, 122 the recovery lock.
_PENDING_BYTE = 0x40000000
_SHM_WRITE, _SHM_CHECKPOINT, _SHM_RECOVER = 120, 121, 122


def wal_path(path: Path) -> Path:
    """``PROJECT-wal`` beside ``path``."""
    return path.with_name(path.name + "-wal")


def shm_path(path: Path) -> Path:
    """``PROJECT-shm`` beside ``path``."""
    return path.with_name(path.name + "-shm")


def readonly_reason(path: Path) -> str | None:
    """Why the project file ``path`` cannot be written, in words for a message, or ``None``
    when it can.

    A file without any write permission bit (``chmod 444``) counts as write-protected even
    for root, who could write it anyway: whoever protected it meant it. Its folder must be
    writable too, for SQLite's ``-wal`` and ``-shm`` files. Raises :class:`OSError` when
    ``path`` cannot be examined.
    """
    target = Path(os.path.realpath(path))  # SQLite follows symbolic links; so do its -wal/-shm
    mode = target.stat().st_mode
    folder = folder_readonly_reason(target.parent)
    if folder is not None and folder.startswith("on a"):
        return folder
    if not mode & 0o222:
        return "the file is write-protected"
    if not os.access(target, os.W_OK):
        return "no permission to write the file"
    return folder


def folder_readonly_reason(folder: Path) -> str | None:
    """Why no file can be created in ``folder``, or ``None`` when one can."""
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "on a read-only file system"
    except OSError:
        pass
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is read-only"
    return None


def wal_has_frames(path: Path) -> bool:
    """Whether ``PROJECT-wal`` exists and holds at least one frame of the current WAL.

    Reads the WAL header and the first frame header only: after a reset SQLite writes frames
    from the start again with new salts, so a first frame whose salts differ from the
    header's means that every frame is stale (file format section 4.3). Checksums are not
    verified here; SQLite does that when it reads the WAL.
    """
    try:
        with open(wal_path(path), "rb") as wal:
            head = wal.read(_WAL_HEADER + _FRAME_HEADER)
    except OSError:
        return False
    if len(head) < _WAL_HEADER + _FRAME_HEADER:
        return False
    magic, _version, page_size, _seq, salt1, salt2 = struct.unpack(">6I", head[:24])
    frame_salts = struct.unpack(">2I", head[_WAL_HEADER + 8:_WAL_HEADER + 16])
    if magic not in _WAL_MAGIC or page_size < 512:
        return False
    return frame_salts == (salt1, salt2)


def wal_page_size(path: Path) -> int | None:
    """Page size named in the header of ``PROJECT-wal``, ``None`` without a valid header."""
    try:
        with open(wal_path(path), "rb") as wal:
            head = wal.read(_WAL_HEADER)
    except OSError:
        return None
    if len(head) < _WAL_HEADER:
        return None
    magic, _version, page_size = struct.unpack(">3I", head[:12])
    if magic not in _WAL_MAGIC:
        return None
    return 65536 if page_size == 1 else page_size


def _uri(path: Path, query: str) -> str:
    # as_uri() percent-encodes "?" and "#" in file names, which SQLite would read as a query.
    return f"{Path(os.path.abspath(path)).as_uri()}?{query}"


def connect_uri(path: Path, query: str, timeout: float) -> sqlite3.Connection:
    """A connection to ``path`` with SQLite URI parameters ``query`` (e.g. ``mode=ro``)."""
    return sqlite3.connect(_uri(path, query), uri=True, isolation_level=None, timeout=timeout)


class WalUnreadable(Exception):
    """``PROJECT-wal`` holds changes that a read-only connection cannot read here."""


def connect_readonly(path: Path, timeout: float) -> tuple[sqlite3.Connection, bool]:
    """A connection that can never write to ``path``: ``(connection, snapshot)``.

    Without a ``-wal`` nobody has the file open in WAL mode, so it is read ``immutable``: no
    ``-wal`` or ``-shm`` is created (a reader leaving a ``-shm`` it owns behind could keep
    the owner from writing) and ``snapshot`` is true: changes another program starts to make
    afterwards are not seen. With a ``-wal``, ``mode=ro`` reads it through its ``-shm``
    (as every other process does). When that is impossible (no ``-shm`` and a read-only
    folder), an empty WAL is skipped (immutable); a WAL with changes raises
    :class:`WalUnreadable`.
    """
    if not wal_path(path).exists():
        return connect_uri(path, "mode=ro&immutable=1", timeout), True
    conn = connect_uri(path, "mode=ro", timeout)
    try:
        conn.execute("PRAGMA schema_version").fetchone()  # opens the WAL and its index
    except sqlite3.DatabaseError as error:
        conn.close()
        if not isinstance(error, sqlite3.OperationalError):
            raise  # damaged: for the caller to judge
        if getattr(error, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            raise
        if wal_has_frames(path):
            raise WalUnreadable(str(error)) from None
        return connect_uri(path, "mode=ro&immutable=1", timeout), True
    return conn, False


@dataclass(frozen=True)
class LockHolder:
    """A process holding a lock on the project: ``what`` it does ("writing to it", ...)."""

    pid: int
    program: str
    what: str


def lock_holders(path: Path) -> list[LockHolder]:
    """Other processes that hold a write, checkpoint or recovery lock on the project.

    Read from ``/proc/locks`` (Linux); elsewhere, or when it cannot be read, an empty list.
    """
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as table:
            lines = table.read().splitlines()
    except OSError:
        return []
    files = {}
    for kind, candidate in (("db", path), ("shm", shm_path(path))):
        try:
            st = os.stat(candidate)
        except OSError:
            continue
        files[f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"] = kind
    holders: dict[int, str] = {}
    for line in lines:
        fields = line.split()
        if "->" in fields:  # a process waiting for a lock, not holding one
            continue
        try:
            access, pid, device, start, end = fields[3], int(fields[4]), fields[5], \
                int(fields[6]), fields[7]
        except (IndexError, ValueError):
            continue
        kind = files.get(device)
        if kind is None or pid <= 0 or pid == os.getpid() or access != "WRITE":
            continue
        last = float("inf") if end == "EOF" else int(end)
        if kind == "db" and start <= _PENDING_BYTE + 1 and last >= _PENDING_BYTE:
            holders.setdefault(pid, "holds it exclusively")
        elif kind == "shm":
            for byte, what in ((_SHM_WRITE, "writing to it"),
                               (_SHM_CHECKPOINT, "copying its changes into the file"),
                               (_SHM_RECOVER, "recovering it after a crash")):
                if start <= byte <= last:
                    holders.setdefault(pid, what)
                    break
    return [LockHolder(pid, _program(pid), what) for pid, what in sorted(holders.items())]


def _program(pid: int) -> str:
    """The command line of process ``pid``, shortened (``python -m qualcode open p.qualcode``)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as source:
            argv = source.read().split(b"\0")
    except OSError:
        return "?"
    words = [os.path.basename(os.fsdecode(argv[0]))] + [os.fsdecode(a) for a in argv[1:4] if a]
    text = " ".join(words).replace("\n", " ")
    return text if len(text) <= 60 else text[:59] + "…"
