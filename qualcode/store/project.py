"""The project file: one SQLite database, opened, migrated and written in transactions."""

from __future__ import annotations

import getpass
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from qualcode.domain.errors import ProjectError
from qualcode.store.schema import MIGRATIONS

#: ``PRAGMA application_id`` of a qualcode project ("QCOD"), so tools such as ``file`` can
#: tell it from other SQLite databases.
APPLICATION_ID = 0x51434F44
BUSY_TIMEOUT_MS = 5000
#: Action of the first batch, which records the creation; it is logged but never undone.
CREATE_ACTION = "create project"


def utc_now() -> str:
    """Current time as an ISO 8601 UTC string with seconds, e.g. ``2026-11-21T10:15:00+00:00``."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def default_actor() -> str:
    """Who makes a change when nobody is named: ``$QUALCODE_CODER``, else the system user."""
    name = os.environ.get("QUALCODE_CODER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "coder"


def new_guid() -> str:
    """A random (version 4) UUID in upper case, as REFI-QDA writes GUIDs."""
    return str(uuid.uuid4()).upper()


class Project:
    """An open project file.

    Use :meth:`create` or :meth:`open`, write only inside :meth:`transaction`, and
    :meth:`close` when done (or use the project as a context manager). Foreign keys are
    enforced, the journal is WAL, and a busy timeout lets a second process wait for a lock.
    """

    def __init__(self, path: Path, db: Database) -> None:
        self.path = path
        self.db = db
        self._batch: int | None = None

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path) -> Project:
        """Create a new, empty project file at ``path``.

        Raises :class:`ProjectError` when the file already exists.
        """
        path = Path(path)
        if path.exists():
            raise ProjectError(f"{path}: already exists")
        if not path.parent.exists():
            raise ProjectError(f"{path}: folder {path.parent} does not exist")
        project = cls(path, _connect(path))
        try:
            project.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            MIGRATIONS.apply(project.db)
            with project.transaction(CREATE_ACTION):
                project.db.execute(
                    "INSERT INTO settings (key, value) VALUES ('created', ?)", [utc_now()]
                )
        except BaseException:
            project.db.conn.close()
            path.unlink(missing_ok=True)
            raise
        return project

    @classmethod
    def open(cls, path: str | Path) -> Project:
        """Open an existing project, migrating it (after a backup copy) when it is older.

        Raises :class:`ProjectError` when the file is missing, is not a qualcode project,
        or was written by a newer qualcode.
        """
        path = Path(path)
        if path.is_file() and path.stat().st_size == 0:
            raise ProjectError(f"{path}: an empty file, not a qualcode project")
        if not path.is_file():
            raise ProjectError(
                f"{path}: no such project file (create one with: qualcode init {path})"
            )
        db = _connect(path, wal=False)  # WAL only once it is known to be ours: it changes the file
        try:
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.DatabaseError as error:
            db.conn.close()
            raise ProjectError(f"{path}: not a qualcode project ({error})") from None
        if app_id != APPLICATION_ID:
            db.conn.close()
            raise ProjectError(f"{path}: not a qualcode project (a different SQLite file)")
        known = {m.name for m in MIGRATIONS._migrations}
        applied = {m.name for m in MIGRATIONS.applied(db)}
        if applied - known:
            db.conn.close()
            raise ProjectError(
                f"{path}: written by a newer qualcode (schema {sorted(applied - known)[-1]})"
            )
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        project = cls(path, db)
        if MIGRATIONS.pending(db):
            backup = project.backup(f".backup-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}")
            try:
                MIGRATIONS.apply(db)
            except Exception as error:
                db.conn.close()
                raise ProjectError(
                    f"{path}: cannot migrate the project ({error}); backup: {backup}"
                ) from None
        return project

    def backup(self, suffix: str) -> Path:
        """Write a consistent copy of the project to ``<path><suffix>`` and return its path."""
        target = self.path.with_name(self.path.name + suffix)
        destination = sqlite3.connect(target)
        try:
            self.db.conn.backup(destination)
        finally:
            destination.close()
        return target

    def close(self) -> None:
        """Checkpoint the WAL into the main file and close, leaving a single file behind."""
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.db.conn.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------
    @property
    def in_transaction(self) -> bool:
        return self.db.conn.in_transaction

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """Hold the project's write lock for the block, without a batch of its own.

        Outside a transaction this starts one with ``BEGIN IMMEDIATE``: it waits (up to the
        busy timeout) until no other process writes, and from then on nobody else can write
        until the block ends, so what the block reads stays true for what it writes (e.g.
        which change :func:`qualcode.store.history.undo` takes back). Writes inside still go
        through :meth:`transaction`, which joins this one. The block is committed at its end
        and rolled back on any exception. Inside a transaction it only runs the block.
        Raises :class:`sqlite3.OperationalError` ("database is locked") when the lock is not
        free within :data:`BUSY_TIMEOUT_MS`.
        """
        if self.db.conn.in_transaction:
            yield
            return
        # A deferred BEGIN (sqlite-utils' atomic()) reads first and asks for the write lock
        # only at its first write; in WAL mode that request fails at once with SQLITE_BUSY,
        # without waiting, when another process committed in between. IMMEDIATE takes the
        # lock up front, where the busy timeout applies.
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.db.conn.in_transaction:  # an error may already have ended it
                self.db.execute("ROLLBACK")
            raise
        try:
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    @contextmanager
    def transaction(
        self,
        action: str,
        actor: str | None = None,
        *,
        undoes: int | None = None,
        redoes: int | None = None,
    ) -> Iterator[int]:
        """Run the block as one transaction recorded as one batch of the event log.

        Yields the batch id. On any exception nothing of the block is kept. The outermost
        call takes the write lock first (see :meth:`write_lock`); a nested call joins the
        outer transaction (a savepoint) and its batch. ``actor`` is who makes the change
        (default :func:`default_actor`); each actor undoes their own batches.
        ``undoes``/``redoes`` name the batch an undo or redo takes back or re-applies (see
        :mod:`qualcode.store.history`).
        """
        if self._batch is not None:
            with self.db.atomic():
                yield self._batch
            return
        with self.write_lock(), self.db.atomic():  # atomic(): a savepoint inside write_lock
            cursor = self.db.execute(
                "INSERT INTO batches (created, actor, action, undoes, redoes) "
                "VALUES (?, ?, ?, ?, ?)",
                [utc_now(), actor or default_actor(), action, undoes, redoes],
            )
            batch = cursor.lastrowid
            self.db.execute("UPDATE change_context SET batch_id = ? WHERE id = 1", [batch])
            self._batch = batch
            try:
                yield batch
            finally:
                self._batch = None
                if self.db.conn.in_transaction:
                    self.db.execute("UPDATE change_context SET batch_id = NULL WHERE id = 1")

    # -- settings ------------------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        """Value of project setting ``key`` or ``default``."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default


def _connect(path: Path, wal: bool = True) -> Database:
    # isolation_level=None: no implicit transactions; every write goes through
    # Project.transaction (sqlite-utils' atomic()), so nothing is ever half-written.
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    db = Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    if wal:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
    return db
