"""One background thread that runs every project access of the workbench, in order.

Jobs are callables ``job(project) -> result``; results come back to the UI thread as
:class:`JobDone` messages. Writes therefore commit one after another, a few milliseconds
after the keystroke, while the interface never blocks on SQLite.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.message import Message

from qualcode.store.project import Project

Job = Callable[[Project], Any]


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


class Database:
    """Serialises project access on a dedicated thread with its own SQLite connection.

    ``post`` is a thread-safe function delivering messages to the UI (``App.post_message``).
    """

    def __init__(self, path: Path, post: Callable[[Message], object]) -> None:
        self.path = path
        self._post = post
        self._jobs: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="qualcode-db", daemon=True)
        self._ready = threading.Event()
        self._open_error: Exception | None = None

    def start(self) -> None:
        """Open the project on the database thread; raises what opening raised."""
        self._thread.start()
        self._ready.wait()
        if self._open_error is not None:
            raise self._open_error

    def submit(self, job: Job, callback: Callable[[Any], None] | None = None,
               errback: Callable[[Exception], None] | None = None) -> None:
        """Queue ``job``; its result reaches ``callback`` in the UI thread."""
        self._jobs.put((job, callback, errback))

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

        self._jobs.put((wrapped, None, None))
        if not done.wait(timeout):
            raise TimeoutError("database thread did not answer")
        if "error" in box:
            raise box["error"]
        return box.get("result")

    def stop(self, timeout: float = 10.0) -> None:
        """Finish every queued job, then close the project."""
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            project = Project.open(self.path)
        except Exception as error:
            self._open_error = error
            self._ready.set()
            return
        self._ready.set()
        try:
            while True:
                item = self._jobs.get()
                if item is None:
                    break
                job, callback, errback = item
                try:
                    result = job(project)
                except Exception as error:
                    if errback is not None or callback is not None:
                        self._post(JobDone(callback, errback, error=error))
                else:
                    if callback is not None:
                        self._post(JobDone(callback, errback, result=result))
        finally:
            project.close()
