"""One background thread that runs every project access of the workbench.

Jobs are callables ``job(project) -> result``; results come back to the UI thread as
:class:`JobDone` messages. Changes (``write=True``) go ahead of queued reads and commit one
after another, a few milliseconds after the keystroke, while the interface never blocks on
SQLite; :meth:`Database.stop` finishes every queued job before the project is closed.
"""

from __future__ import annotations

import itertools
import queue
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.message import Message

from qualcode.store.file_errors import explain
from qualcode.store.project import BUSY_TIMEOUT_MS, Project

Job = Callable[[Project], Any]

# Queue priorities: a drawn change must not wait behind a slow read (a page of Retrieved
# Segments, a search); the end marker comes after everything queued before it.
_WRITE, _READ, _END = 0, 1, 2


class JobDone(Message):
    """A database job finished: call ``callback(result)`` or ``errback(error)`` in the UI."""

    def __init__(self, callback: Callable[[Any], None] | None,
                 errback: Callable[[Exception], None] | None,
                 result: Any = None, error: Exception | None = None) -> None:
        super().__init__()
        self.callback = callback
        self.errback = errback
        self.result = result
        self.error = error


def change_marks(project) -> tuple[int, int]:
    """``(PRAGMA data_version, newest event id)``: the first changes when another connection
    commits anything, the second when project data changes (every change to documents,
    codes, segments, memos ... is logged in ``events``). A workbench refreshes only when both
    moved, so another coder's workbench saving its place (``workbench_state``, not logged)
    does not reload this one's panels every few seconds."""
    version = project.db.execute("PRAGMA data_version").fetchone()[0]
    newest = project.db.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0]
    return version, newest


class Database:
    """Serialises project access on a dedicated thread with its own SQLite connection.

    ``post`` is a thread-safe function delivering messages to the UI (``App.post_message``).
    After :meth:`start`, ``readonly`` says why the project cannot be written (``None`` when
    it can) and ``opened_version`` is :func:`change_marks` right after opening: the
    baseline against which changes by other programs are noticed.
    """

    def __init__(self, path: Path, post: Callable[[Message], object]) -> None:
        self.path = path
        self._post = post
        self._jobs: queue.PriorityQueue = queue.PriorityQueue()
        self._order = itertools.count()  # first in, first out within a priority
        self._thread = threading.Thread(target=self._run, name="qualcode-db", daemon=True)
        self._ready = threading.Event()
        self._open_error: Exception | None = None
        self.readonly: str | None = None
        self.opened_version: int | None = None

    def start(self) -> None:
        """Open the project on the database thread; raises what opening raised."""
        self._thread.start()
        self._ready.wait()
        if self._open_error is not None:
            raise self._open_error

    def _put(self, priority: int, item) -> None:
        self._jobs.put((priority, next(self._order), item))

    def submit(self, job: Job, callback: Callable[[Any], None] | None = None,
               errback: Callable[[Exception], None] | None = None, *,
               write: bool = False) -> None:
        """Queue ``job``; its result reaches ``callback`` in the UI thread.

        ``write=True`` marks a change: it runs before every read queued so far (changes keep
        their order among themselves), so it is committed as soon as the change before it is.
        A SQLite error reaches ``errback`` as a one-line
        :class:`~qualcode.domain.errors.ProjectError` naming the file (e.g. "read-only").
        """
        self._put(_WRITE if write else _READ, (job, callback, errback))

    def call(self, job: Job, timeout: float = 30.0) -> Any:
        """Run ``job`` on the database thread and wait for its result (tests, shutdown)."""
        done = threading.Event()
        box: dict[str, Any] = {}

        def wrapped(project: Project) -> None:
            try:
                box["result"] = job(project)
            except Exception as error:  # handed to the caller below
                box["error"] = error
            finally:
                done.set()

        self._put(_READ, (wrapped, None, None))
        if not done.wait(timeout):
            raise TimeoutError("database thread did not answer")
        if "error" in box:
            raise box["error"]
        return box.get("result")

    def stop(self) -> None:
        """Finish every queued job (changes first), then close the project; returns when the
        last change is committed. Safe to call more than once."""
        if self._thread.is_alive():
            self._put(_END, None)
            self._thread.join()

    def _run(self) -> None:
        try:
            project = Project.open(self.path)
            self.readonly = project.readonly
            self.opened_version = change_marks(project)
        except Exception as error:
            self._open_error = error
            self._ready.set()
            return
        self._ready.set()
        try:
            while True:
                _, _, item = self._jobs.get()
                if item is None:
                    break
                job, callback, errback = item
                try:
                    result = job(project)
                except Exception as error:
                    if isinstance(error, sqlite3.Error):
                        error = explain(error, self.path, project.readonly, BUSY_TIMEOUT_MS)
                    if errback is not None or callback is not None:
                        self._post(JobDone(callback, errback, error=error))
                else:
                    if callback is not None:
                        self._post(JobDone(callback, errback, result=result))
        finally:
            project.close()
