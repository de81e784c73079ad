"""Private staging folders: where export files are written before they are moved into place.

A staging folder is a hidden folder beside the target (``.qualcode-staging.<host>.<pid>.<random>``,
mode 0700, so no other user can read an unfinished export). It is removed on every exit path
Python sees (return, exception, KeyboardInterrupt); SIGINT, SIGTERM, SIGHUP and SIGQUIT wait
until the files are in place and the folder is gone (:func:`signals_deferred`). Only SIGKILL
(or a power cut) can leave one behind: the next export into the same folder removes staging
folders whose process has ended (:func:`sweep_stale`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import socket
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_PREFIX = ".qualcode-staging"
# Process ids are only meaningful on one machine (a folder may be shared over the network).
_HOST = hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]
_NAME = re.compile(r"^" + re.escape(_PREFIX) + r"\.(?P<host>[0-9a-f]{8})\.(?P<pid>\d+)\.\w+$")
_DEFERRED = frozenset(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP",
                                                         "SIGQUIT") if hasattr(signal, name))


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold back SIGINT, SIGTERM, SIGHUP and SIGQUIT until the block ends; a signal that
    arrived meanwhile is raised again then, with the handlers the program had before
    (Ctrl-C becomes KeyboardInterrupt, SIGTERM ends the process, an ignored signal stays
    ignored).

    Used around the short step that writes and moves the staged files, so that Ctrl-C or a
    closed terminal never stops an export half-way. Python runs signal handlers in the main
    thread only, so only there can they be held back; elsewhere (the workbench's worker
    threads) the block simply runs.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    previous = {}
    for number in _DEFERRED:
        try:
            previous[number] = signal.signal(number, lambda n, _frame: arrived.append(n))
        except (OSError, ValueError):
            continue
    try:
        yield
    finally:
        for number, handler in previous.items():
            # None: a handler installed outside Python; the default is the closest to it.
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        for number in dict.fromkeys(arrived):
            signal.raise_signal(number)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but belongs to someone else
        return True
    return True


def sweep_stale(folder: Path) -> list[Path]:
    """Remove staging folders in ``folder`` left by ended processes of this machine and user
    (a SIGKILLed export); returns the folders removed. Errors are ignored: sweeping is a
    courtesy, never a reason for an export to fail."""
    removed: list[Path] = []
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _NAME.match(entry.name)
        if match is None or match["host"] != _HOST:
            continue
        pid = int(match["pid"])
        try:
            if not entry.is_dir(follow_symlinks=False):
                continue
            if uid is not None and entry.stat(follow_symlinks=False).st_uid != uid:
                continue
        except OSError:
            continue
        if pid == os.getpid() or _alive(pid):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed


class StagingFolder:
    """A private folder beside the targets in ``folder``; files are written into it and then
    moved to their targets (same file system, so a move is an atomic rename).

    Raises :class:`OSError` when the folder cannot be created (e.g. no write permission).
    """

    def __init__(self, folder: Path) -> None:
        sweep_stale(folder)
        self.path = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}.{_HOST}.{os.getpid()}.",
                                          dir=folder))  # mkdtemp: mode 0700

    def write(self, name: str, data: bytes, mode: int) -> Path:
        """Write ``data`` to a new file ``name`` in the folder, flushed to disk (``fsync``),
        with permission bits ``mode``; returns its path."""
        path = self.path / name
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                         0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(path, mode)
        return path

    def keep(self, target: Path, name: str) -> Path | None:
        """Keep the current ``target`` (if there is one) as ``name`` in the folder, to put it
        back if a later file of the set fails: a hard link, else a copy; ``None`` when there
        is nothing to keep or it cannot be kept."""
        kept = self.path / name
        try:
            os.link(target, kept, follow_symlinks=False)
        except FileNotFoundError:
            return None
        except OSError:
            try:
                shutil.copy2(target, kept, follow_symlinks=False)
            except OSError:
                return None
        return kept

    def remove(self) -> None:
        """Remove the folder and whatever is left in it."""
        shutil.rmtree(self.path, ignore_errors=True)
