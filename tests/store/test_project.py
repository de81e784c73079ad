"""Creating, opening and migrating the project file."""

from __future__ import annotations

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
