"""Purging the history: removed text is found nowhere in the file's bytes afterwards, the audit
trail stays, the log stays append-only, and nothing before the purge can be undone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qualcode.domain.errors import ConflictError
from qualcode.importers.batch import import_paths
from qualcode.store import history
from qualcode.store.codes import add_code, update_code
from qualcode.store.memos import add_memo, list_memos, update_memo
from qualcode.store.project import Project

# Unique words: each occurs nowhere else, so finding its bytes means finding that text.
REMOVED_MEMO = "Vertraulichkeitsvermerk"
KEPT_MEMO = "Nachfassgespraech"
REMOVED_DEFINITION = "Quartiersbezugsdefinition"
INTERVIEW = ("Datum: 2022-03-01\n\nI: Wie geht es der Familie Kowalczykowa?\n\n"
             "B: Die Familie Kowalczykowa wartet noch auf die Wohnung.\n")
WITHDRAWN = "Kowalczykowa"


def insecure(project: Project) -> Project:
    """Freed space keeps its old bytes, as with SQLite's default build (some Linux
    distributions turn ``secure_delete`` on): the purge must not rely on it."""
    project.db.execute("PRAGMA secure_delete = OFF")
    return project


@pytest.fixture
def project(project_path, monkeypatch):
    monkeypatch.setenv("QUALCODE_CODER", "lead")
    project = insecure(Project.create(project_path))
    yield project
    project.close()


def file_bytes(path: Path) -> bytes:
    """The project file and its WAL, as they are on disk."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def found(path: Path, word: str) -> bool:
    return word.encode("utf-8") in file_bytes(path)


def edit_texts(project):
    memo = add_memo(project, "free", f"Erste Fassung mit {REMOVED_MEMO}.")
    update_memo(project, memo.id, text=f"Zweite Fassung: {KEPT_MEMO}.")
    add_code(project, "Wohnen", definition=f"Alt: {REMOVED_DEFINITION}")
    update_code(project, "Wohnen", definition="Suche nach Wohnraum.")


def test_purge_removes_replaced_memo_and_definition_text_from_the_file(project_path,
                                                                       monkeypatch):
    monkeypatch.setenv("QUALCODE_CODER", "lead")
    with insecure(Project.create(project_path)) as project:
        edit_texts(project)
        project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # some of it in the file itself
        add_memo(project, "free", "Noch ein Memo, damit auch die WAL Seiten hat.")
        assert found(project_path, REMOVED_MEMO) and found(project_path, REMOVED_DEFINITION)
        report = history.purge(project)
        assert report.complete and report.events > 0 and report.batches >= 4
        for word in (REMOVED_MEMO, REMOVED_DEFINITION):
            assert not found(project_path, word)
        # what is current stays
        assert found(project_path, KEPT_MEMO)
        assert [m.text for m in list_memos(project)][0] == f"Zweite Fassung: {KEPT_MEMO}."
    assert not found(project_path, REMOVED_MEMO) and found(project_path, KEPT_MEMO)


def test_purge_removes_the_text_of_an_undone_import(project, tmp_path):
    source = tmp_path / "Familie.txt"
    source.write_text(INTERVIEW, encoding="utf-8")
    import_paths(project, [source])
    history.undo(project)  # the document is gone, but its text is in the undo's events
    assert found(project.path, WITHDRAWN)
    history.purge(project)
    assert not found(project.path, WITHDRAWN)


def test_purge_keeps_the_audit_trail_and_ends_undo_of_earlier_changes(project):
    edit_texts(project)
    trail = [(b.id, b.created, b.actor, b.action, b.events) for b in history.history(project)]
    history.purge(project, actor="lena")
    after = history.history(project)
    assert [(b.id, b.created, b.actor, b.action, b.events) for b in after[1:]] == trail
    assert (after[0].action, after[0].actor, after[0].events) == ("purge history", "lena", 0)
    assert all(b.purged for b in after[1:] if b.events)
    with pytest.raises(ConflictError, match=r"^nothing to undo for lead \(the history "
                                            r"before \d{4}-\d\d-\d\d was purged\)$"):
        history.undo(project)
    # changes after the purge are undone as always
    add_code(project, "Arbeit")
    assert history.undo(project).action == "add code Arbeit"


def test_the_log_stays_append_only_after_a_purge(project):
    edit_texts(project)
    history.purge(project)
    for statement in ("UPDATE events SET old = NULL", "DELETE FROM events",
                      "UPDATE batches SET actor = 'x'", "DELETE FROM batches"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            project.db.execute(statement)


def test_purge_while_another_program_has_the_project_open(project):
    edit_texts(project)
    other = insecure(Project.open(project.path))
    try:
        assert [m.text for m in list_memos(other)] == [f"Zweite Fassung: {KEPT_MEMO}."]
        assert history.purge(project).complete
        assert not found(project.path, REMOVED_MEMO)
        assert [m.text for m in list_memos(other)] == [f"Zweite Fassung: {KEPT_MEMO}."]
    finally:
        other.close()


def test_a_second_purge_has_nothing_left_to_drop(project):
    edit_texts(project)
    history.purge(project)
    again = history.purge(project)
    assert (again.events, again.batches, again.complete) == (0, 0, True)
    assert [b.action for b in history.history(project, 2)] == ["purge history", "edit code Wohnen"]
