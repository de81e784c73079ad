"""Creating, opening and migrating the project file."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlite_utils.migrations import Migrations

import qualcode.store.project as project_module
from qualcode.domain.errors import ProjectError
from qualcode.store.codes import add_code, list_codes
from qualcode.store.project import APPLICATION_ID, Project
from qualcode.store.schema import MIGRATIONS

from other_process import (
    WriteLock,
    crash_after_adding_codes,
    open_folder,
    remove_folder,
    run_as_another_user,
)


def _raw(path: Path) -> closing[sqlite3.Connection]:
    """A plain sqlite3 connection (another program), closed after the ``with`` block."""
    return closing(sqlite3.connect(path))


def _tables(path: Path) -> set[str]:
    with _raw(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _migration_names(path: Path) -> list[str]:
    with _raw(path) as conn:
        return [r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'qualcode' ORDER BY id")]


def _with_extra(fn, name: str = "0002_test_extra") -> Migrations:
    """A copy of the shipped migrations with one more, as a newer qualcode would have."""
    copy = Migrations(MIGRATIONS.name)
    for migration in MIGRATIONS._migrations:
        copy(name=migration.name)(migration.fn)
    copy(name=name)(fn)
    return copy


def test_create_makes_a_single_project_file(project_path):
    project = Project.create(project_path)
    project.close()
    assert project_path.is_file()
    assert not Path(f"{project_path}-wal").exists()
    assert not Path(f"{project_path}-shm").exists()
    with _raw(project_path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID == 0x51434F44
    assert {"documents", "codes", "segments", "events", "batches"} <= _tables(project_path)


def test_create_records_the_creation_time(project_path):
    with Project.create(project_path) as project:
        assert project.setting("created")
        assert project.setting("no such key", "fallback") == "fallback"


def test_create_refuses_an_existing_file(project_path):
    project_path.write_text("meine Notizen", encoding="utf-8")
    with pytest.raises(ProjectError) as error:
        Project.create(project_path)
    assert str(project_path) in str(error.value)
    assert project_path.read_text(encoding="utf-8") == "meine Notizen"


def test_create_in_a_missing_folder_is_refused(tmp_path):
    target = tmp_path / "fehlt" / "study.qualcode"
    with pytest.raises(ProjectError) as error:
        Project.create(target)
    assert "does not exist" in str(error.value)
    assert not target.parent.exists()


def test_open_a_missing_file_says_how_to_create_one(project_path):
    with pytest.raises(ProjectError) as error:
        Project.open(project_path)
    assert str(project_path) in str(error.value)
    assert "qualcode init" in str(error.value)
    assert not project_path.exists()


def test_open_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.qualcode"
    content = b"Das ist eine Textdatei, keine Datenbank.\n" * 20
    path.write_bytes(content)
    with pytest.raises(ProjectError) as error:
        Project.open(path)
    assert "not a qualcode project" in str(error.value)
    assert str(path) in str(error.value)
    assert "\n" not in str(error.value)
    assert path.read_bytes() == content


def test_open_another_sqlite_database_leaves_it_untouched(tmp_path):
    path = tmp_path / "other.db"
    with _raw(path) as conn:
        conn.execute("CREATE TABLE adressen (name TEXT)")
        conn.execute("INSERT INTO adressen VALUES ('Musterweg 1')")
        conn.commit()
    content = path.read_bytes()
    with pytest.raises(ProjectError) as error:
        Project.open(path)
    assert "not a qualcode project" in str(error.value)
    assert path.read_bytes() == content  # not even switched to WAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_open_an_empty_file_leaves_it_empty(tmp_path):
    path = tmp_path / "leer.qualcode"
    path.write_bytes(b"")
    with pytest.raises(ProjectError) as error:
        Project.open(path)
    assert "not a qualcode project" in str(error.value)
    assert path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leer.qualcode"]


def test_open_a_project_from_a_newer_qualcode_leaves_it_untouched(project_path):
    Project.create(project_path).close()
    with _raw(project_path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('qualcode', '0099_from_the_future', '2030-01-01')")
        conn.commit()
    content = project_path.read_bytes()
    with pytest.raises(ProjectError):
        Project.open(project_path)
    assert project_path.read_bytes() == content


def test_open_a_file_from_a_newer_qualcode(project_path):
    Project.create(project_path).close()
    with _raw(project_path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('qualcode', '0099_from_the_future', '2030-01-01')")
        conn.commit()
    with pytest.raises(ProjectError) as error:
        Project.open(project_path)
    assert "newer qualcode" in str(error.value)
    assert "0099_from_the_future" in str(error.value)
    assert list(project_path.parent.glob("*.backup-*")) == []


def test_open_sets_foreign_keys_wal_and_a_busy_timeout(project_path):
    Project.create(project_path).close()
    with Project.open(project_path) as project:
        assert project.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert project.db.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
        assert project.db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        assert project.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_close_leaves_no_wal_file_and_keeps_the_data(project_path):
    with Project.create(project_path) as project:
        add_code(project, "Wohnen/Mietvertrag")
        assert Path(f"{project_path}-wal").exists()  # WAL is in use while open
    assert not Path(f"{project_path}-wal").exists()
    with Project.open(project_path) as project:
        assert [c.path for c in list_codes(project)] == ["Wohnen", "Wohnen/Mietvertrag"]
    assert not Path(f"{project_path}-wal").exists()


def test_an_up_to_date_project_is_opened_without_backup(project_path):
    Project.create(project_path).close()
    Project.open(project_path).close()
    assert list(project_path.parent.glob("*.backup-*")) == []
    assert _migration_names(project_path) == [m.name for m in MIGRATIONS._migrations]


def test_opening_an_older_project_writes_a_backup_then_migrates(project_path, monkeypatch):
    with Project.create(project_path) as project:
        add_code(project, "Ausbildung")

    def add_table(db):
        db.execute("CREATE TABLE extra_test (id INTEGER PRIMARY KEY, note TEXT)")

    monkeypatch.setattr(project_module, "MIGRATIONS", _with_extra(add_table))
    with Project.open(project_path) as project:
        assert [c.path for c in list_codes(project)] == ["Ausbildung"]
    assert "extra_test" in _tables(project_path)
    assert _migration_names(project_path)[-1] == "0002_test_extra"

    backups = list(project_path.parent.glob(f"{project_path.name}.backup-*"))
    assert len(backups) == 1
    # The backup is the project as it was before the migration.
    assert "extra_test" not in _tables(backups[0])
    assert "0002_test_extra" not in _migration_names(backups[0])
    with _raw(backups[0]) as conn:
        assert conn.execute("SELECT name FROM codes").fetchall() == [("Ausbildung",)]
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID

    # Opening again: nothing pending, no second backup.
    with Project.open(project_path):
        pass
    assert len(list(project_path.parent.glob(f"{project_path.name}.backup-*"))) == 1


def test_a_failing_migration_is_rolled_back_and_leaves_the_file_as_it_was(
        project_path, monkeypatch):
    with Project.create(project_path) as project:
        add_code(project, "Ausbildung")

    def half_done(db):
        db.execute("CREATE TABLE extra_half (id INTEGER PRIMARY KEY)")
        db.execute("UPDATE codes SET name = 'kaputt'")
        raise RuntimeError("migration step failed")

    monkeypatch.setattr(project_module, "MIGRATIONS", _with_extra(half_done))
    with pytest.raises(ProjectError) as error:
        Project.open(project_path)
    assert str(project_path) in str(error.value)
    assert "extra_half" not in _tables(project_path)
    assert "0002_test_extra" not in _migration_names(project_path)
    assert list(project_path.parent.glob(f"{project_path.name}.backup-*"))

    monkeypatch.undo()
    with Project.open(project_path) as project:
        assert [c.name for c in list_codes(project)] == ["Ausbildung"]


# -- the schema version in PRAGMA user_version ------------------------------------------------
def _user_version(path: Path) -> int:
    with _raw(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def test_user_version_is_the_number_of_migrations(project_path):
    Project.create(project_path).close()
    assert _user_version(project_path) == len(MIGRATIONS._migrations)


def test_a_project_from_before_user_version_gets_it_when_opened(project_path):
    Project.create(project_path).close()
    with _raw(project_path) as conn:
        conn.execute("PRAGMA user_version = 0")
    Project.open(project_path).close()
    assert _user_version(project_path) == len(MIGRATIONS._migrations)


def test_a_newer_user_version_is_refused_and_the_file_left_untouched(project_path):
    known = len(MIGRATIONS._migrations)
    Project.create(project_path).close()
    with _raw(project_path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f"PRAGMA user_version = {known + 1}")
    content = project_path.read_bytes()
    with pytest.raises(ProjectError) as error:
        Project.open(project_path)
    assert str(error.value).startswith(
        f"{project_path}: written by a newer qualcode (schema {known + 1}; this qualcode "
        f"knows {known})")
    with pytest.raises(ProjectError):
        Project.open(project_path, readonly=True)
    assert project_path.read_bytes() == content
    assert sorted(p.name for p in project_path.parent.iterdir()) == [project_path.name]


# -- read-only projects -----------------------------------------------------------------------
def _project_with_codes(path: Path, *names: str) -> None:
    with Project.create(path) as project:
        for name in names:
            add_code(project, name)


def test_a_write_protected_project_is_read_but_never_written(project_path):
    # chmod 444 counts even for root, who could write the file anyway.
    _project_with_codes(project_path, "Wohnen/Mietvertrag")
    content = project_path.read_bytes()
    project_path.chmod(0o444)
    with Project.open(project_path) as project:
        assert project.readonly == "the file is write-protected"
        assert [c.path for c in list_codes(project)] == ["Wohnen", "Wohnen/Mietvertrag"]
        with pytest.raises(sqlite3.OperationalError) as error:
            add_code(project, "Arbeit")
        assert error.value.sqlite_errorname == "SQLITE_READONLY"
        assert sorted(p.name for p in project_path.parent.iterdir()) == [project_path.name]
    assert project_path.read_bytes() == content
    assert sorted(p.name for p in project_path.parent.iterdir()) == [project_path.name]


def test_opening_read_only_migrates_nothing_and_switches_nothing(project_path, monkeypatch):
    _project_with_codes(project_path, "Ausbildung")
    with _raw(project_path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")  # as another SQLite tool may leave it
    content = project_path.read_bytes()
    with Project.open(project_path, readonly=True) as project:
        assert project.readonly == "opened read-only"
        assert [c.path for c in list_codes(project)] == ["Ausbildung"]
        with pytest.raises(sqlite3.OperationalError):
            project.db.execute("PRAGMA user_version = 99")
    assert project_path.read_bytes() == content

    monkeypatch.setattr(project_module, "MIGRATIONS", _with_extra(lambda db: None))
    with pytest.raises(ProjectError) as error:
        Project.open(project_path, readonly=True)
    assert str(error.value).startswith(
        f"{project_path}: read-only (opened read-only), and written by an older qualcode")
    assert project_path.read_bytes() == content
    assert sorted(p.name for p in project_path.parent.iterdir()) == [project_path.name]


_READ_THEN_WRITE = """
import sys
from qualcode.store.codes import add_code, list_codes
from qualcode.store.file_errors import explain
from qualcode.store.project import Project
become_nobody()
with Project.open(sys.argv[1]) as project:
    print(project.readonly)
    print(",".join(c.path for c in list_codes(project)))
    try:
        add_code(project, "Neu")
    except Exception as error:
        print(explain(error, project.path, project.readonly))
"""


@pytest.fixture
def open_dir():
    """A folder other users may enter (see :func:`other_process.open_folder`)."""
    folder = open_folder()
    yield folder
    remove_folder(folder)


def _give_away(path: Path) -> None:
    """As root, hand ``path`` to ``nobody``, who runs the other-user tests."""
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)


def test_a_project_in_a_read_only_folder_is_read_by_its_owner(open_dir):
    # The owner may write the file but not the folder, where SQLite would put -wal and -shm.
    path = open_dir / "study.qualcode"
    _project_with_codes(path, "Wohnen")
    _give_away(path)
    content = path.read_bytes()
    open_dir.chmod(0o555)
    result = run_as_another_user(_READ_THEN_WRITE, str(path), cwd=open_dir)
    folder = os.path.realpath(open_dir)
    assert result.stdout.splitlines() == [
        f"the folder {folder} is read-only",
        "Wohnen",
        f"{path}: read-only (the folder {folder} is read-only); nothing of the unfinished "
        f"change was written",
    ], result.stderr
    assert path.read_bytes() == content
    assert sorted(p.name for p in open_dir.iterdir()) == ["study.qualcode"]


def test_a_crashed_project_in_a_read_only_folder_is_read_with_its_wal(open_dir):
    path = open_dir / "study.qualcode"
    _project_with_codes(path, "Wohnen")
    crash_after_adding_codes(path, "Arbeit")
    for name in ("study.qualcode", "study.qualcode-wal", "study.qualcode-shm"):
        _give_away(open_dir / name)
    open_dir.chmod(0o555)
    result = run_as_another_user(_READ_THEN_WRITE, str(path), cwd=open_dir)
    assert result.stdout.splitlines()[1] == "Wohnen,Arbeit", result.stderr


def test_a_wal_that_cannot_be_read_in_a_read_only_folder_is_reported(open_dir):
    path = open_dir / "study.qualcode"
    _project_with_codes(path, "Wohnen")
    crash_after_adding_codes(path, "Arbeit")
    Path(f"{path}-shm").unlink()  # SQLite would have to create it to read the WAL
    for name in ("study.qualcode", "study.qualcode-wal"):
        _give_away(open_dir / name)
    open_dir.chmod(0o555)
    code = ("import sys\nfrom qualcode.store.project import Project\nbecome_nobody()\n"
            "try:\n    Project.open(sys.argv[1])\nexcept Exception as error:\n    print(error)")
    result = run_as_another_user(code, str(path), cwd=open_dir)
    assert result.stdout.strip().startswith(
        f"{path}-wal: holds changes not yet in {path} that cannot be read here"), result.stderr
    assert "copy both files to a folder you may write to" in result.stdout


# -- closing: a single file, and never a wait ---------------------------------------------------
def test_a_reader_beside_a_writer_holding_the_lock_does_not_wait(project_path, monkeypatch):
    _project_with_codes(project_path, "Wohnen")
    monkeypatch.setattr(project_module, "BUSY_TIMEOUT_MS", 600_000)  # a wait would be 10 min
    with WriteLock(project_path) as lock:
        project = Project.open(project_path)
        statements: list[str] = []
        project.db.conn.set_trace_callback(statements.append)
        assert [c.path for c in list_codes(project)] == ["Wohnen"]
        project.close()
        # Closed while the other process still holds its lock: nothing waited for it.
        assert lock.process.poll() is None and not lock.released_by_watchdog
    assert not [s for s in statements if "checkpoint" in s]


def test_a_writer_closes_without_waiting_for_another_writer(project_path, monkeypatch):
    _project_with_codes(project_path, "Wohnen")
    monkeypatch.setattr(project_module, "BUSY_TIMEOUT_MS", 600_000)
    project = Project.open(project_path)
    add_code(project, "Arbeit")
    with WriteLock(project_path) as lock:
        project.close()  # its checkpoint cannot run now and must not wait for the lock
        assert lock.process.poll() is None and not lock.released_by_watchdog
    with Project.open(project_path) as project:
        assert [c.path for c in list_codes(project)] == ["Wohnen", "Arbeit"]
    assert sorted(p.name for p in project_path.parent.iterdir()) == [project_path.name]


def test_a_writer_alone_leaves_a_single_file(project_path):
    _project_with_codes(project_path, "Wohnen")
    with Project.open(project_path) as project:
        add_code(project, "Arbeit")
        other = Project.open(project_path)  # a second connection, e.g. a workbench task
        other.close()
        assert Path(f"{project_path}-wal").exists()
    assert sorted(p.name for p in project_path.parent.iterdir()) == [project_path.name]


# -- odd paths ----------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["folder", "device", "fifo", "dangling link", "long name"])
def test_what_is_not_a_project_file_is_refused_in_one_line(tmp_path, kind):
    path = {"folder": tmp_path, "device": Path("/dev/null"),
            "fifo": tmp_path / "pipe.qualcode", "dangling link": tmp_path / "link.qualcode",
            "long name": tmp_path / ("x" * 300 + ".qualcode")}[kind]
    if kind == "fifo":
        os.mkfifo(path)
    if kind == "dangling link":
        path.symlink_to(tmp_path / "fehlt.qualcode")
    expected = {"folder": "a folder, not a project file",
                "device": "not a regular file (a device, pipe or socket), not a qualcode project",
                "fifo": "not a regular file (a device, pipe or socket), not a qualcode project",
                "dangling link": "a symbolic link to a missing file",
                "long name": "cannot open (File name too long)"}[kind]
    with pytest.raises(ProjectError) as error:
        Project.open(path)
    assert str(error.value) == f"{path}: {expected}"


def test_a_project_cannot_be_created_through_a_dangling_link(tmp_path):
    link = tmp_path / "link.qualcode"
    link.symlink_to(tmp_path / "ziel.qualcode")
    with pytest.raises(ProjectError) as error:
        Project.create(link)
    assert str(error.value) == f"{link}: already exists"
    assert not (tmp_path / "ziel.qualcode").exists()


def test_a_symlinked_project_is_opened_through_its_link(tmp_path):
    target = tmp_path / "daten" / "study.qualcode"
    target.parent.mkdir()
    _project_with_codes(target, "Wohnen")
    link = tmp_path / "study.qualcode"
    link.symlink_to(target)
    with Project.open(link) as project:
        add_code(project, "Arbeit")
    assert sorted(p.name for p in target.parent.iterdir()) == ["study.qualcode"]
    with Project.open(target) as project:
        assert [c.path for c in list_codes(project)] == ["Wohnen", "Arbeit"]
