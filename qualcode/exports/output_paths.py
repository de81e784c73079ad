"""The output path guard: which paths an export may write, checked before anything is written.

Every export file goes through :func:`check_output` (via :mod:`qualcode.exports.files`), in
the command line and in the workbench. An export never replaces:

* a SQLite database (a file starting with the 16-byte header ``SQLite format 3\\0``: a
  project, a backup, any other database), nor any file named like a project (``*.qualcode``),
  a backup copy (``*.backup-*``) or a database's ``-wal``/``-shm``/``-journal`` file;
* a folder, a block device (a disk), or a file in a folder that does not exist (except the
  default ``exports/`` folder, which is created on writing);
* anything through a symbolic link, unless the link ends at a device, pipe or socket (such as
  ``/dev/stdout`` in a terminal or a pipe) or the caller allows following links
  (``follow_symlinks=True``; the command line's ``--follow-symlinks``).

``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N`` and ``/proc/self/fd/N`` are the process's own
open descriptor: the export is written to that descriptor (a terminal, a pipe, or the file
the shell redirected it to, as ``>`` or ``>>`` opened it), never by replacing a file.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from qualcode.domain.errors import InputError

#: The first 16 bytes of every SQLite 3 database file (sqlite.org/fileformat.html, 1.3).
SQLITE_HEADER = b"SQLite format 3\x00"
#: Magic numbers of SQLite's write-ahead log (big-endian 0x377f0682/3) and rollback journal
#: (sqlite.org/fileformat.html, 4.1 and 4.3).
_WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
_JOURNAL_MAGIC = b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7"
PROJECT_SUFFIX = ".qualcode"
#: Files SQLite keeps beside a database.
DATABASE_COMPANIONS = ("-wal", "-shm", "-journal")
#: Backup copies the store writes before a migration (``PROJECT.backup-<time>``).
BACKUP_MARK = ".backup-"
#: The folder exports go to by default (``exports/`` beside the project, or in the
#: working directory); the only missing folder the writers create.
DEFAULT_FOLDER = "exports"

_STREAM = re.compile(r"^/(?:dev/(?:std(?P<std>out|err)|fd/(?P<fd>\d+))|"
                     r"proc/(?:self|thread-self|(?P<pid>\d+))/fd/(?P<pfd>\d+))$")


class OutputRefused(InputError):
    """An export may not write this path; the message is one line naming the path and why.

    ``reason`` is a short key: ``project``, ``database``, ``companion``, ``backup``,
    ``folder``, ``missing-folder``, ``device``, ``symlink``, ``unreadable``, ``closed``.
    """

    def __init__(self, path: Path, why: str, reason: str) -> None:
        super().__init__(f"{path}: {why}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class OutputTarget:
    """Where an export goes once :func:`check_output` allowed it.

    ``path``: the file to replace (the link's final target when a link was followed), or the
    device/pipe to write to. ``direct``: write to ``path`` as it is (a device, pipe or
    socket) instead of replacing it. ``descriptor``: the process's own open file descriptor
    to write to (``/dev/stdout`` is 1), or ``None``.
    """

    path: Path
    direct: bool = False
    descriptor: int | None = None

    @property
    def is_file(self) -> bool:
        """True when the export replaces a regular file (atomically, by a rename)."""
        return not self.direct and self.descriptor is None


def stream_descriptor(path: Path) -> int | None:
    """The file descriptor a path names when it is one of this process's standard streams or
    open descriptors (``/dev/stdout`` -> 1, ``/dev/fd/3`` -> 3), else ``None``."""
    match = _STREAM.match(os.path.abspath(path))
    if match is None:
        return None
    if match["std"]:
        return 1 if match["std"] == "out" else 2
    if match["pid"] and int(match["pid"]) != os.getpid():
        return None
    return int(match["fd"] or match["pfd"])


def _head(path: Path, size: int = 16) -> bytes:
    with open(path, "rb") as stream:
        return stream.read(size)


def _is_sqlite(path: Path) -> bool:
    """True when ``path`` is a regular file starting with the SQLite header."""
    try:
        return path.is_file() and _head(path) == SQLITE_HEADER
    except OSError:
        return False


def _refuse_by_name(path: Path) -> None:
    name = path.name
    lower = name.lower()
    if lower.endswith(PROJECT_SUFFIX):
        raise OutputRefused(path, "has the extension of a qualcode project (.qualcode); "
                                  "exports never write project files", "project")
    if BACKUP_MARK in lower:
        raise OutputRefused(path, "is named like a project backup (*.backup-*); exports never "
                                  "write backups", "backup")
    for companion in DATABASE_COMPANIONS:
        if lower.endswith(companion):
            base = path.with_name(name[: -len(companion)])
            if base.name.lower().endswith(PROJECT_SUFFIX) or _is_sqlite(base):
                raise OutputRefused(path, f"is the {companion[1:]} file of the database "
                                          f"{base}; exports never write it", "companion")


def _refuse_by_content(path: Path) -> None:
    try:
        head = _head(path)
    except OSError as error:
        raise OutputRefused(path, f"cannot read it to check that it is no project "
                                  f"({error.strerror})", "unreadable") from None
    if head == SQLITE_HEADER:
        raise OutputRefused(path, "is a SQLite database (a qualcode project?); exports never "
                                  "overwrite one", "database")
    if head[:4] in _WAL_MAGIC or head[:8] == _JOURNAL_MAGIC:
        raise OutputRefused(path, "is a SQLite log or journal file; exports never overwrite "
                                  "one", "companion")


def _check_folder(path: Path) -> None:
    folder = path.parent
    if folder.is_dir():
        return
    if folder.exists():
        raise OutputRefused(path, f"{folder} is not a folder", "missing-folder")
    if folder.name == DEFAULT_FOLDER and folder.parent.is_dir():
        return  # the default folder: created when the export is written
    raise OutputRefused(path, f"folder {folder} does not exist", "missing-folder")


def _check_descriptor(path: Path, descriptor: int) -> OutputTarget:
    try:
        info = os.fstat(descriptor)
    except OSError:
        raise OutputRefused(path, f"file descriptor {descriptor} is not open",
                            "closed") from None
    if stat.S_ISREG(info.st_mode) and info.st_size:
        # Redirected to a file (qualcode ... -o /dev/stdout >> FILE): look at what it is.
        # Linux reopens the file for reading through /proc; elsewhere it cannot be read.
        try:
            head = _head(Path(f"/proc/self/fd/{descriptor}"))
        except OSError:
            head = b""
        if head == SQLITE_HEADER:
            raise OutputRefused(path, "leads to a SQLite database (a qualcode project?); "
                                      "exports never write into one", "database")
    if stat.S_ISDIR(info.st_mode):
        raise OutputRefused(path, "is a folder", "folder")
    return OutputTarget(path, descriptor=descriptor)


def check_output(path: Path, *, follow_symlinks: bool = False) -> OutputTarget:
    """Check that an export may write ``path``; returns where and how to write it.

    Raises :class:`OutputRefused` (an :class:`InputError`; one line naming the path and the
    reason) for every path listed in the module docstring. Nothing is created or written;
    a missing ``exports`` folder is allowed (the writers create it).
    """
    path = Path(path)
    if path.name in ("", ".", ".."):
        raise OutputRefused(path, "is a folder; give a file name", "folder")
    descriptor = stream_descriptor(path)
    if descriptor is not None:
        return _check_descriptor(path, descriptor)
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):  # the folder check names the problem
        info = None
    except OSError as error:
        raise OutputRefused(path, f"cannot check it ({error.strerror})", "unreadable") from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        return _check_link(path, follow_symlinks)
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise OutputRefused(path, "is a folder; give a file name", "folder")
        if stat.S_ISBLK(info.st_mode):
            raise OutputRefused(path, "is a block device (a disk); exports never write one",
                                "device")
        if not stat.S_ISREG(info.st_mode):  # character device, pipe, socket: written as is
            return OutputTarget(path, direct=True)
    _refuse_by_name(path)
    if info is not None:
        _refuse_by_content(path)
    _check_folder(path)
    return OutputTarget(path)


def _check_link(path: Path, follow_symlinks: bool) -> OutputTarget:
    try:
        final = os.stat(path)
    except FileNotFoundError:
        final = None
    except OSError as error:  # a loop, a link into an unreadable folder
        raise OutputRefused(path, f"is a symbolic link that cannot be followed "
                                  f"({error.strerror})", "symlink") from None
    if final is not None and (stat.S_ISCHR(final.st_mode) or stat.S_ISFIFO(final.st_mode)
                              or stat.S_ISSOCK(final.st_mode)):
        return OutputTarget(path, direct=True)
    target = Path(os.path.realpath(path))
    if not follow_symlinks:
        raise OutputRefused(path, f"is a symbolic link (to {target}); exports do not write "
                                  f"through links", "symlink")
    try:
        return check_output(target)
    except OutputRefused as error:  # name the path the user gave, then the link's target
        raise OutputRefused(path, f"links to {error}", error.reason) from None
