"""Another program working on a project file, as a real second process (SQLite locks belong
to processes): one that holds the write lock until told to let go, one that dies right after
writing (leaving its ``-wal`` behind), one that runs as another user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

_HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO settings (key, value) VALUES ('gesperrt', 'ja')")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
conn.close()
"""

_CRASH = """
import os, sys
from qualcode.store.codes import add_code
from qualcode.store.project import Project
project = Project.open(sys.argv[1])
for name in sys.argv[2:]:
    add_code(project, name)
os._exit(0)  # killed: no close, no checkpoint; the changes stay in PROJECT-wal
"""


class WriteLock:
    """Another process inside an unfinished write transaction on ``path`` (it holds the write
    lock) until :meth:`release`. A watchdog releases it after ``watchdog`` seconds so that a
    test that would wait for it forever ends; :attr:`released_by_watchdog` tells."""

    def __init__(self, path: Path, watchdog: float = 120.0) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", _HOLD, str(path)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "locked"
        self.released_by_watchdog = False
        self._timer = threading.Timer(watchdog, self._expire)
        self._timer.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _expire(self) -> None:
        self.released_by_watchdog = True
        self.release()

    def release(self) -> None:
        """Roll back and end the other process."""
        self._timer.cancel()
        if self.process.poll() is None:
            self.process.stdin.write("\n")
            self.process.stdin.flush()
            self.process.wait(timeout=60)

    def __enter__(self) -> WriteLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def crash_after_adding_codes(path: Path, *names: str) -> None:
    """Another qualcode process adds codes ``names`` to ``path`` and dies before closing it:
    ``PROJECT-wal`` (and ``-shm``) keep the committed changes."""
    subprocess.run([sys.executable, "-c", _CRASH, str(path), *names], check=True,
                   env={**os.environ, "QUALCODE_CODER": "zweiter"})


_BECOME_NOBODY = """
import os
def become_nobody():
    # After the imports: the interpreter and its library may lie in a folder only root enters,
    # so what is imported lazily is imported now.
    import importlib.metadata, sqlite3, sqlite_utils
    sqlite_utils.Database(sqlite3.connect(":memory:"))
    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)
"""


def run_as_another_user(code: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run Python ``code`` as a user who owns nothing here: as ``nobody`` when the tests run as
    root (who may write anything, read-only or not), else as the current user, for whom
    permissions already apply. ``code`` imports what it needs, then calls
    ``become_nobody()``. ``cwd`` must be reachable by that user (see :func:`open_folder`)."""
    return subprocess.run([sys.executable, "-c", _BECOME_NOBODY + code, *args], cwd=cwd,
                          capture_output=True, text=True)


def open_folder() -> Path:
    """A new folder in the system's temporary folder that every user may enter (pytest's own
    are private to the user running the tests); the caller removes it."""
    folder = Path(tempfile.mkdtemp(prefix="qualcode-test-"))
    folder.chmod(0o755)
    return folder


def remove_folder(folder: Path) -> None:
    """Remove ``folder`` made by :func:`open_folder`, whatever its permissions now."""
    for entry in [folder, *folder.rglob("*")]:
        if entry.is_dir() and not entry.is_symlink():
            entry.chmod(0o755)
    shutil.rmtree(folder)
