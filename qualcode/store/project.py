"""The project file: one SQLite database, opened, migrated and written in transactions."""

from __future__ import annotations

import getpass
import os
import sqlite3
import stat
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from qualcode.domain.errors import ProjectError
from qualcode.store import integrity
from qualcode.store.file_access import (
    WalUnreadable,
    connect_readonly,
    folder_readonly_reason,
    readonly_reason,
    shm_path,
    wal_has_frames,
    wal_path,
)
from qualcode.store.file_errors import explain
from qualcode.store.schema import MIGRATIONS

#: ``PRAGMA application_id`` of a qualcode project ("QCOD"), so tools such as ``file`` can
#: tell it from other SQLite databases.
APPLICATION_ID = 0x51434F44
BUSY_TIMEOUT_MS = 5000
#: The largest integer SQLite stores (64-bit signed): ids and offsets beyond it do not exist.
MAX_INTEGER = 2**63 - 1
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

    ``readonly`` says why the project cannot be written (a phrase for messages, e.g. "the
    file is write-protected"), ``None`` when it can; ``damage`` is the first problem
    ``PRAGMA quick_check`` found, ``None`` for a whole file. A read-only or damaged project
    is opened through a connection that cannot write: every write raises
    :class:`sqlite3.OperationalError` (``SQLITE_READONLY``), which
    :func:`qualcode.store.file_errors.explain` turns into "PROJECT: read-only (...)".
    """

    def __init__(self, path: Path, db: Database, readonly: str | None = None,
                 damage: str | None = None) -> None:
        self.path = path
        self.db = db
        self.readonly = readonly
        self.damage = damage
        self._batch: int | None = None
        self._changes_at_open = db.conn.total_changes
        self._held: tuple[int, int] | None = None

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path) -> Project:
        """Create a new, empty project file at ``path``.

        Raises :class:`ProjectError` when the file already exists or cannot be created (a
        missing or read-only folder, a full disk).
        """
        path = Path(path)
        try:
            if path.exists() or path.is_symlink():
                raise ProjectError(f"{path}: already exists")
            if not path.parent.is_dir():
                raise ProjectError(f"{path}: folder {path.parent} does not exist")
            reason = folder_readonly_reason(path.parent)
        except OSError as error:
            raise ProjectError(f"{path}: cannot create it ({error.strerror})") from None
        if reason is not None:
            raise ProjectError(f"{path}: cannot create it ({reason})")
        try:
            project = cls(path, _connect(path))
        except sqlite3.Error as error:
            raise explain(error, path) from None
        try:
            project.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            MIGRATIONS.apply(project.db)
            project.db.execute(f"PRAGMA user_version = {len(MIGRATIONS._migrations)}")
            with project.transaction(CREATE_ACTION):
                project.db.execute(
                    "INSERT INTO settings (key, value) VALUES ('created', ?)", [utc_now()]
                )
        except BaseException as error:
            project.db.conn.close()
            path.unlink(missing_ok=True)
            for leftover in (wal_path(path), shm_path(path)):
                leftover.unlink(missing_ok=True)
            if isinstance(error, sqlite3.Error):
                raise explain(error, path) from None
            raise
        project._held = integrity.hold(path)
        return project

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Project:
        """Open an existing project, migrating it (after a backup copy) when it is older.

        The file is checked first, before anything can be written: that it is a qualcode
        project of a schema this qualcode knows (``PRAGMA user_version`` and the names of the
        applied migrations), that a ``PROJECT-wal`` beside it belongs to it, and that
        ``PRAGMA quick_check`` finds it whole (see :mod:`qualcode.store.integrity`). A
        project that cannot be written (``readonly``, or see
        :func:`~qualcode.store.file_access.readonly_reason`) or is damaged is opened for
        reading only, without migration or switch to WAL.

        Raises :class:`ProjectError` when the file is missing, not a qualcode project,
        written by a newer qualcode, beside a foreign WAL, or cannot be read; and when a
        read-only or damaged project would need a migration.
        """
        path = Path(path)
        pending_wal = _check_file(path)
        try:
            reason = "opened read-only" if readonly else readonly_reason(path)
        except OSError as error:
            raise ProjectError(f"{path}: cannot open ({error.strerror})") from None
        try:
            return cls._open(path, reason, pending_wal)
        except sqlite3.Error as error:
            raise explain(error, path, reason, BUSY_TIMEOUT_MS) from None

    @classmethod
    def _open(cls, path: Path, reason: str | None, pending_wal: bool) -> Project:
        if pending_wal:
            # A WAL with changes: judged through a connection that cannot write, so that a
            # foreign WAL is never copied into the project (the last writer to close would).
            db, damage = _probe(path)
            if reason is None and damage is None:
                db.conn.close()
                db = _connect(path, wal=False)
                _checked(db, lambda: _identify(path, db))
        else:
            # WAL only once the file is known to be ours: switching to it changes the file.
            db = _connect(path, wal=False) if reason is None else _connect_readonly(path)
            _checked(db, lambda: _identify(path, db))
            damage = _checked(db, lambda: integrity.check(path, db.conn))
            if damage is not None and reason is None:
                db.conn.close()
                db = _connect_readonly(path)
        if damage is not None:
            reason = f"damaged: {damage}"
        project = cls(path, db, readonly=reason, damage=damage)
        _checked(db, project._prepare)
        if damage is None:
            project._held = integrity.hold(path)
        return project

    def _prepare(self) -> None:
        """Switch a writable project to WAL and migrate it; refuse a read-only one that
        would need a migration."""
        db, path = self.db, self.path
        pending = MIGRATIONS.pending(db)
        if self.readonly is not None:
            if pending:
                message = (f"{path}: read-only ({self.readonly}), and written by an older "
                           f"qualcode: it needs an update to schema "
                           f"{len(MIGRATIONS._migrations)} that cannot be written here")
                if self.damage is not None:
                    message += f"; {integrity.damage_advice(path)}"
                raise ProjectError(message)
            return
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        if pending:
            backup = self.backup(f".backup-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}")
            try:
                MIGRATIONS.apply(db)
            except Exception as error:
                detail = " ".join(str(error).split())
                raise ProjectError(
                    f"{path}: cannot migrate the project ({detail}); backup: {backup}"
                ) from None
        _set_schema_version(db)

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
        """Close the project, leaving a single file behind in the normal case.

        A connection that wrote first copies the WAL into the file (``wal_checkpoint
        (TRUNCATE)``) without waiting for a lock: when another program is reading or writing,
        the copy is left to the last connection to close, which SQLite makes anyway. A
        connection that only read never waits for anything here.
        """
        integrity.release(self._held)
        self._held = None
        try:
            if self.readonly is None and self.db.conn.total_changes != self._changes_at_open:
                self.db.execute("PRAGMA busy_timeout = 0")
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass  # the WAL keeps every committed change until a later checkpoint
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


def _connect_readonly(path: Path) -> Database:
    """A connection that cannot write (see :func:`~qualcode.store.file_access.connect_readonly`)."""
    try:
        conn, _snapshot = connect_readonly(path, BUSY_TIMEOUT_MS / 1000)
    except WalUnreadable as error:
        raise ProjectError(
            f"{wal_path(path)}: holds changes not yet in {path} that cannot be read here "
            f"({error}); copy both files to a folder you may write to, or open the project "
            f"once where it can be written") from None
    db = Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def _probe(path: Path) -> tuple[Database, str | None]:
    """Open ``path`` beside a WAL with changes through a connection that cannot write, so that
    a foreign WAL is never copied into the project (the last writer to close would), and
    judge it: ``(connection, damage)``. Raises :class:`ProjectError` for a foreign WAL (a
    project damaged only when read through its WAL) and whatever :func:`_identify` raises.
    """
    timeout = BUSY_TIMEOUT_MS / 1000
    try:
        db = _connect_readonly(path)
    except sqlite3.DatabaseError as error:
        if integrity.is_damage(error):
            integrity.blame_wal(path, timeout)
        raise
    try:
        integrity.check_wal(path, db.conn, timeout)
        _identify(path, db)
        damage = integrity.check(path, db.conn)
        if damage is not None:
            integrity.blame_wal(path, timeout)
        return db, damage
    except BaseException as error:
        db.conn.close()
        if isinstance(error, _Unreadable) or (
                isinstance(error, sqlite3.DatabaseError) and integrity.is_damage(error)):
            integrity.blame_wal(path, timeout)
        raise


def _checked(db: Database, step):
    """Run ``step``; on any error close ``db`` before passing the error on."""
    try:
        return step()
    except BaseException:
        db.conn.close()
        raise


def _check_file(path: Path) -> bool:
    """Refuse what cannot be a project file; return whether ``PROJECT-wal`` holds changes."""
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        if path.is_symlink():
            raise ProjectError(f"{path}: a symbolic link to a missing file") from None
        raise ProjectError(
            f"{path}: no such project file (create one with: qualcode init {path})"
        ) from None
    except OSError as error:
        raise ProjectError(f"{path}: cannot open ({error.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise ProjectError(f"{path}: a folder, not a project file")
    if not stat.S_ISREG(st.st_mode):
        raise ProjectError(f"{path}: not a regular file (a device, pipe or socket), "
                           f"not a qualcode project")
    if not os.access(path, os.R_OK):
        raise ProjectError(f"{path}: cannot open (no permission to read the file)")
    pending_wal = wal_has_frames(path)
    if st.st_size == 0 and not pending_wal:
        raise ProjectError(f"{path}: an empty file, not a qualcode project")
    return pending_wal


class _Unreadable(ProjectError):
    """The file is no qualcode project, or a damaged one (as read, maybe through a WAL)."""


def _identify(path: Path, db: Database) -> None:
    """Raise :class:`ProjectError` unless ``db`` is a qualcode project of a known schema.

    The schema version is ``PRAGMA user_version`` (the number of migrations applied, kept
    by :func:`_set_schema_version`) and, for files from before it was kept, the names of
    the applied migrations.
    """
    try:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as error:
        if not integrity.is_damage(error):
            raise
        backup = integrity.newest_backup(path)
        hint = f"; if it was one, restore the newest backup {backup}" if backup else ""
        raise _Unreadable(f"{path}: not a qualcode project ({error}){hint}") from None
    if app_id != APPLICATION_ID:
        raise _Unreadable(f"{path}: not a qualcode project (a different SQLite file)")
    known = [m.name for m in MIGRATIONS._migrations]
    try:
        applied = [m.name for m in MIGRATIONS.applied(db)]
        version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as error:
        if not integrity.is_damage(error):
            raise
        raise _Unreadable(
            f"{path}: damaged ({error}); {integrity.damage_advice(path)}") from None
    newer = sorted(set(applied) - set(known))
    if version > len(known) or newer:
        names = f": {', '.join(newer)}" if newer else ""
        raise ProjectError(
            f"{path}: written by a newer qualcode (schema {max(version, len(applied))}{names}; "
            f"this qualcode knows {len(known)}); open it with that qualcode or a newer one")


def _set_schema_version(db: Database) -> None:
    """Keep ``PRAGMA user_version`` = the number of applied migrations (what older qualcode
    versions did not do). Never waits: when another program writes, a later opening sets it."""
    expected = len(MIGRATIONS._migrations)
    if db.execute("PRAGMA user_version").fetchone()[0] == expected:
        return
    db.execute("PRAGMA busy_timeout = 0")
    try:
        db.execute(f"PRAGMA user_version = {expected}")
    except sqlite3.OperationalError:
        pass
    finally:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
