"""A damaged project file and a ``-wal`` that belongs to another database: found when the
project is opened, before anything is written, and never made worse."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import qualcode.store.integrity as integrity_module
import qualcode.store.project as project_module
from qualcode.domain.errors import ProjectError
from qualcode.domain.models import NewDocument
from qualcode.domain.text import normalize_text
from qualcode.domain.transcript import parse_transcript
from qualcode.store.codes import add_code, list_codes
from qualcode.store.documents import add_document
from qualcode.store.project import Project

from other_process import crash_after_adding_codes

PAGE = 4096

INTERVIEW = "".join(
    f"I: Wie lief die Woche {n} in der Beratung? #00:{n:02d}:00-0#\n\n"
    f"B: In Woche {n} kamen viele Familien mit Fragen zu Anträgen und Fristen. "
    f"Manche brauchten Hilfe beim Ausfüllen, andere nur einen Termin. #00:{n:02d}:30-0#\n\n"
    for n in range(1, 40))


def _project(path: Path, *codes: str, interview: str | None = None) -> None:
    with Project.create(path) as project:
        for code in codes:
            add_code(project, code)
        if interview is not None:
            text = normalize_text(interview)
            add_document(project, NewDocument("THM-07", text, "THM-07.txt", "txt", "UTF-8",
                                              parse_transcript(text)))


def _damage(path: Path) -> None:
    """Another program writes garbage over the first page of the documents table (the
    texts). Not simply the middle of the file: which table lives there depends on the
    migrations, and garbage over the schema makes the file unreadable rather than damaged."""
    connection = sqlite3.connect(path)
    try:
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = "
                                  "'documents'").fetchone()[0]
    finally:
        connection.close()
    with open(path, "r+b") as out:
        out.seek((root - 1) * PAGE)
        out.write(b"Kaffeepause! " * (PAGE // 13))


def _statements(monkeypatch) -> list[str]:
    """Every SQL statement of the project connections opened from now on."""
    seen: list[str] = []

    def traced(connect):
        def wrapper(*args, **kwargs):
            db = connect(*args, **kwargs)
            db.conn.set_trace_callback(seen.append)
            return db
        return wrapper

    monkeypatch.setattr(project_module, "_connect", traced(project_module._connect))
    monkeypatch.setattr(project_module, "_connect_readonly",
                        traced(project_module._connect_readonly))
    return seen


def _checks(statements: list[str]) -> int:
    return sum("quick_check" in s for s in statements)


# -- a damaged file ------------------------------------------------------------------------
def test_a_damaged_project_is_found_on_opening_and_never_written(project_path):
    _project(project_path, "Wohnen", "Arbeit/Minijob", interview=INTERVIEW)
    _damage(project_path)
    content = project_path.read_bytes()
    with Project.open(project_path) as project:
        assert project.damage.startswith("quick_check: ")
        assert project.readonly == f"damaged: {project.damage}"
        with pytest.raises(sqlite3.OperationalError) as error:
            with project.transaction("add code Neu"):
                project.db.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
        assert error.value.sqlite_errorname == "SQLITE_READONLY"
    assert project_path.read_bytes() == content
    assert sorted(p.name for p in project_path.parent.iterdir()) == [project_path.name]


def test_a_whole_project_has_no_damage(project_path):
    _project(project_path, "Wohnen", interview=INTERVIEW)
    with Project.open(project_path) as project:
        assert project.damage is None
        assert project.readonly is None


def test_damage_advice_names_the_newest_backup_and_recover(project_path):
    _project(project_path, "Wohnen")
    assert integrity_module.damage_advice(project_path) == (
        f"rescue what is readable with: sqlite3 {project_path} .recover | sqlite3 "
        f"rescued.qualcode")
    for stamp in ("20260101T080000Z", "20261130T170000Z", "20260615T120000Z"):
        shutil.copy(project_path, f"{project_path}.backup-{stamp}")
    assert integrity_module.damage_advice(project_path).startswith(
        f"restore the newest backup {project_path}.backup-20261130T170000Z or rescue")


def test_an_unchanged_file_is_checked_once_and_a_changed_one_again(project_path, monkeypatch):
    _project(project_path, "Wohnen", interview=INTERVIEW)
    statements = _statements(monkeypatch)
    # Trust a check right away (normally only one made 2 s after the file's last change).
    monkeypatch.setattr(integrity_module, "_RACY_NS", 0)
    Project.open(project_path).close()
    assert _checks(statements) == 1
    Project.open(project_path).close()
    assert _checks(statements) == 1  # nothing changed: the passed check holds
    _damage(project_path)
    with Project.open(project_path) as project:
        assert _checks(statements) == 2
        assert project.damage is not None


def test_a_check_right_after_a_change_is_not_trusted(project_path, monkeypatch):
    # The file changed within the clock tick of the check: a same-size change in that tick
    # would keep its time stamp, so the next opening checks again.
    _project(project_path, "Wohnen")
    statements = _statements(monkeypatch)
    Project.open(project_path).close()
    Project.open(project_path).close()
    assert _checks(statements) == 2


def test_a_project_open_in_this_process_is_not_checked_again(project_path, monkeypatch):
    _project(project_path, "Wohnen")
    statements = _statements(monkeypatch)
    with Project.open(project_path) as first:
        add_code(first, "Arbeit")
        with Project.open(project_path) as second:
            assert sorted(c.path for c in list_codes(second)) == ["Arbeit", "Wohnen"]
    assert _checks(statements) == 1


# -- the -wal beside the project ------------------------------------------------------------
def _foreign_message(path: Path) -> str:
    return (f"{path}-wal: belongs to another database; move it away (the project itself, "
            f"{path}, is intact and opens as it was when last closed)")


def test_a_wal_left_by_a_crash_of_the_same_project_is_kept(project_path):
    _project(project_path, "Wohnen")
    crash_after_adding_codes(project_path, "Arbeit/Minijob")
    assert Path(f"{project_path}-wal").stat().st_size > 0
    with Project.open(project_path) as project:
        assert sorted(c.path for c in list_codes(project)) == [
            "Arbeit", "Arbeit/Minijob", "Wohnen"]
    with Project.open(project_path) as project:
        assert len(list_codes(project)) == 3
    assert not Path(f"{project_path}-wal").exists()


def test_a_wal_of_another_project_is_refused_and_the_project_left_as_it_was(tmp_path):
    ours = tmp_path / "studie.qualcode"
    _project(ours, "Wohnen")
    other = tmp_path / "kopie" / "studie.qualcode"
    other.parent.mkdir()
    _project(other, "Gesundheit")
    crash_after_adding_codes(other, "Fremd/Code")
    shutil.copy(f"{other}-wal", f"{ours}-wal")  # e.g. brought along by a sync tool
    content = ours.read_bytes()
    with pytest.raises(ProjectError) as error:
        Project.open(ours)
    assert str(error.value) == _foreign_message(ours)
    with pytest.raises(ProjectError):
        Project.open(ours, readonly=True)
    assert ours.read_bytes() == content
    Path(f"{ours}-wal").rename(tmp_path / "fremd.wal")
    with Project.open(ours) as project:
        assert [c.path for c in list_codes(project)] == ["Wohnen"]


_UPDATE_TURNS_AND_DIE = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("UPDATE turns SET speaker = 'X'")
os._exit(0)
"""


def test_a_wal_that_makes_the_project_unreadable_is_refused(tmp_path):
    # The other project's WAL holds some pages only (no schema): read through it, our
    # project is "malformed"; SQLite would copy those pages into it at the next close.
    ours = tmp_path / "studie.qualcode"
    _project(ours, "Wohnen", "Arbeit", interview=INTERVIEW * 3)
    other = tmp_path / "anders" / "studie.qualcode"
    other.parent.mkdir()
    _project(other, interview=INTERVIEW.replace("Familien", "Eltern") * 2)
    subprocess.run([sys.executable, "-c", _UPDATE_TURNS_AND_DIE, str(other)], check=True)
    shutil.copy(f"{other}-wal", f"{ours}-wal")
    witness = tmp_path / "zeuge" / "studie.qualcode"
    witness.parent.mkdir()
    shutil.copy(ours, witness)
    shutil.copy(f"{ours}-wal", f"{witness}-wal")
    with pytest.raises(sqlite3.DatabaseError):  # what reading through the WAL meets
        conn = sqlite3.connect(witness)
        try:
            assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    content = ours.read_bytes()
    with pytest.raises(ProjectError) as error:
        Project.open(ours)
    assert str(error.value) == _foreign_message(ours)
    assert ours.read_bytes() == content


def test_a_wal_with_another_page_size_is_refused(tmp_path):
    ours = tmp_path / "studie.qualcode"
    _project(ours, "Wohnen")
    other = tmp_path / "anders.db"
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE notizen (text TEXT)")
    conn.execute("INSERT INTO notizen VALUES ('Termin am Dienstag')")
    shutil.copy(f"{other}-wal", f"{ours}-wal")
    conn.close()
    content = ours.read_bytes()
    with pytest.raises(ProjectError) as error:
        Project.open(ours)
    assert str(error.value) == _foreign_message(ours)
    assert ours.read_bytes() == content
