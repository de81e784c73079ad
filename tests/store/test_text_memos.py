"""In-text memos: a memo at a position in a document's text (MAXQDA's "Memo im Text"),
anchored at [start, end) in code points, undoable, gone with its document, purged like all
memo text, and added to projects made before they existed (migration 0006)."""

from __future__ import annotations

import sqlite3

import pytest

from qualcode.domain.errors import ConflictError, InputError, NotFoundError
from qualcode.domain.models import NewDocument
from qualcode.domain.transcript import parse_transcript
from qualcode.store import history
from qualcode.store.documents import add_document, delete_document
from qualcode.store.memos import (
    add_memo,
    get_memo,
    line_span,
    list_memos,
    text_memos,
    update_memo,
)
from qualcode.store.project import Project
from qualcode.store.schema import MIGRATIONS

TEXT = "I: Gab es Wartezeiten?\nB: Ja, oft mehrere Wochen.\n\nI: Und beim Amt?"
SECRET = "Vertraulichkeitsvermerk"


@pytest.fixture
def project(project_path, monkeypatch):
    monkeypatch.setenv("QUALCODE_CODER", "kim")
    project = Project.create(project_path)
    yield project
    project.close()


def document(project, name="Warten", text=TEXT):
    return add_document(project, NewDocument(name, text, f"{name}.txt", "txt", "UTF-8",
                                             parse_transcript(text))).id


def test_a_memo_set_on_a_line_is_anchored_at_that_line(project):
    doc = document(project)
    assert line_span(project, doc, 2) == (23, 49)
    memo = add_memo(project, "text", "Welche Wochen?", target_id=doc,
                    span=line_span(project, doc, 2))
    assert (memo.kind, memo.document_id, memo.start, memo.end) == ("text", doc, 23, 49)
    assert line_span(project, doc, 3) == (50, 50)  # a blank line: an empty anchor
    add_memo(project, "text", "Anfang", target_id=doc, span=(0, 2))
    assert [m.text for m in text_memos(project, doc)] == ["Anfang", "Welche Wochen?"]
    assert [m.text for m in list_memos(project, "text", doc)] == ["Welche Wochen?", "Anfang"]
    assert get_memo(project, memo.id).start == 23


def test_anchors_outside_the_text_and_missing_positions_are_refused(project):
    doc = document(project)
    with pytest.raises(InputError, match=r"line 9 is outside the document \(1\.\.4\)"):
        line_span(project, doc, 9)
    with pytest.raises(InputError, match=r"outside the document's text"):
        add_memo(project, "text", "x", target_id=doc, span=(10, len(TEXT) + 1))
    with pytest.raises(InputError, match="needs position"):
        add_memo(project, "text", "x", target_id=doc)
    with pytest.raises(InputError, match="takes no position"):
        add_memo(project, "document", "x", target_id=doc, span=(0, 1))
    with pytest.raises(NotFoundError, match="no document with id 99"):
        add_memo(project, "text", "x", target_id=99, span=(0, 1))
    # the table itself refuses what the functions would never write
    with pytest.raises(sqlite3.IntegrityError):
        project.db.execute("""INSERT INTO memos (guid, kind, document_id, text, created,
                              modified, start, "end") VALUES ('g', 'text', ?, 'x', 'now',
                              'now', 5, 2)""", [doc])
    with pytest.raises(sqlite3.IntegrityError, match="after the end of its document"):
        project.db.execute("""INSERT INTO memos (guid, kind, document_id, text, created,
                              modified, start, "end") VALUES ('g', 'text', ?, 'x', 'now',
                              'now', 0, 999)""", [doc])
    with pytest.raises(sqlite3.IntegrityError):
        project.db.execute("""INSERT INTO memos (guid, kind, text, created, modified, start,
                              "end") VALUES ('h', 'free', 'x', 'now', 'now', 0, 1)""")
    assert list_memos(project) == []


def test_adding_editing_and_deleting_an_in_text_memo_can_be_undone(project):
    doc = document(project)
    memo = add_memo(project, "text", "erste Fassung", target_id=doc, span=(23, 49))
    update_memo(project, memo.id, text="zweite Fassung")
    assert history.undo(project).action == f"edit memo {memo.id}"
    assert get_memo(project, memo.id).text == "erste Fassung"
    assert history.undo(project).action == "add in-text memo"
    assert text_memos(project, doc) == []
    history.redo(project)
    again = text_memos(project, doc)
    assert [(m.guid, m.start, m.end, m.text) for m in again] == [
        (memo.guid, 23, 49, "erste Fassung")]


def test_deleting_the_document_takes_its_memos_and_undo_brings_them_back(project):
    doc = document(project)
    memo = add_memo(project, "text", "am Text", target_id=doc, span=(0, 22))
    delete_document(project, doc)
    assert list_memos(project) == []
    history.undo(project)
    assert [(m.guid, m.start, m.end) for m in list_memos(project, "text")] == [
        (memo.guid, 0, 22)]


def test_purge_removes_replaced_in_text_memo_text(project):
    doc = document(project)
    memo = add_memo(project, "text", f"mit {SECRET}", target_id=doc, span=(0, 22))
    update_memo(project, memo.id, text="ohne")
    history.purge(project)
    wal = project.path.with_name(project.path.name + "-wal")
    stored = project.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert SECRET.encode() not in stored
    assert get_memo(project, memo.id).text == "ohne"
    with pytest.raises(ConflictError):
        history.undo(project)


def test_projects_made_before_in_text_memos_keep_their_memos_and_history(tmp_path,
                                                                        monkeypatch):
    from qualcode.store.project import APPLICATION_ID, _connect

    monkeypatch.setenv("QUALCODE_CODER", "kim")
    path = tmp_path / "old.qualcode"
    db = _connect(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    MIGRATIONS.apply(db, stop_before="0006_text_memos")
    assert "start" not in db["memos"].columns_dict
    db.execute("""INSERT INTO memos (guid, kind, title, text, created, modified)
                  VALUES ('G-1', 'free', 'Idee', 'alt', '2026-01-01T00:00:00Z',
                          '2026-01-01T00:00:00Z')""")
    db.conn.commit()
    db.conn.close()
    with Project.open(path) as project:
        [memo] = list_memos(project)
        assert (memo.guid, memo.title, memo.text, memo.start, memo.end) == (
            "G-1", "Idee", "alt", None, None)
        update_memo(project, memo.id, text="neu")
        history.undo(project)
        assert get_memo(project, memo.id).text == "alt"
        doc = document(project)
        assert add_memo(project, "text", "jetzt", target_id=doc, span=(0, 1)).start == 0


def test_merging_a_copy_brings_its_in_text_memos_once(project, tmp_path):
    import shutil

    from qualcode.store.merge import merge_projects

    doc = document(project)
    project.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "kopie.qualcode"
    shutil.copyfile(project.path, copy)
    with Project.open(copy) as other:
        memo = add_memo(other, "text", "aus der Kopie", target_id=doc, span=(23, 49))
    report = merge_projects(project, [copy])
    assert report.sources[0].memos_added == 1
    assert [(m.guid, m.start, m.end) for m in text_memos(project, doc)] == [
        (memo.guid, 23, 49)]
    assert merge_projects(project, [copy]).sources[0].memos_present == 1
