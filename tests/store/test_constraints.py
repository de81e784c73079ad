"""The schema protects the data even against programs that bypass qualcode."""

from __future__ import annotations

import sqlite3

import pytest

from qualcode.domain.models import NewDocument
from qualcode.domain.text import normalize_text
from qualcode.domain.transcript import parse_transcript
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import add_code
from qualcode.store.documents import add_document
from qualcode.store.project import Project
from qualcode.store.segments import add_segment

TEXT = "I: Wie geht es?\nB: Gut, danke.\nI: Schön.\nB: Ja."


@pytest.fixture
def project(project_path):
    project = Project.create(project_path)
    yield project
    project.close()


@pytest.fixture
def filled(project):
    """A project with one document (TEXT), one code and one coder: ids returned."""
    text = normalize_text(TEXT)
    document = add_document(project, NewDocument(
        "Gespraech", text, "Gespraech.txt", "txt", "UTF-8", parse_transcript(text)))
    code = add_code(project, "Befinden")
    coder = ensure_coder(project, "kim")
    return project, document, code, coder


def _fails(project, sql, params=(), match=None):
    """Run ``sql`` in a transaction; it must fail with an integrity error."""
    with pytest.raises(sqlite3.IntegrityError) as error, project.transaction("raw write"):
        project.db.execute(sql, list(params))
    if match:
        assert match in str(error.value)
    return error.value


def _count(project, table):
    return project.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _insert_code(project, name, parent=None, color="#123456", guid=None):
    with project.transaction("raw code"):
        project.db.execute(
            "INSERT INTO codes (guid, parent_id, name, color, created, modified) "
            "VALUES (?, ?, ?, ?, 'now', 'now')",
            [guid or f"G-{name}-{parent}", parent, name, color])


_CODE = ("INSERT INTO codes (guid, parent_id, name, color, created, modified) "
         "VALUES (?, ?, ?, ?, 'now', 'now')")


@pytest.mark.parametrize("name", ["", " Leerzeichen", "Leerzeichen "])
def test_code_names_are_not_empty_and_trimmed(project, name):
    _fails(project, _CODE, ["G1", None, name, "#123456"], "CHECK")
    assert _count(project, "codes") == 0


@pytest.mark.parametrize("color", ["#12345", "123456", "#12345G", "#1234567", "rot"])
def test_code_colours_are_hex_rgb(project, color):
    _fails(project, _CODE, ["G1", None, "Farbe", color], "CHECK")


def test_code_names_are_unique_among_siblings_at_the_top_level(project):
    _insert_code(project, "Wohnen", guid="G1")
    _fails(project, _CODE, ["G2", None, "Wohnen", "#123456"], "UNIQUE")
    assert _count(project, "codes") == 1


def test_code_names_are_unique_among_siblings_below_a_parent(project):
    _insert_code(project, "Wohnen", guid="G1")
    parent = project.db.execute("SELECT id FROM codes").fetchone()[0]
    _insert_code(project, "Miete", parent=parent, guid="G2")
    _fails(project, _CODE, ["G3", parent, "Miete", "#123456"], "UNIQUE")
    # The same name under another parent, or at the top level, is fine.
    _insert_code(project, "Miete", guid="G4")
    assert _count(project, "codes") == 3


def test_a_code_cannot_be_its_own_parent(project):
    _insert_code(project, "Wohnen", guid="G1")
    code_id = project.db.execute("SELECT id FROM codes").fetchone()[0]
    _fails(project, "UPDATE codes SET parent_id = id WHERE id = ?", [code_id], "CHECK")


def test_code_guids_are_unique(project):
    _insert_code(project, "Eins", guid="SAME")
    _fails(project, _CODE, ["SAME", None, "Zwei", "#123456"], "UNIQUE")


_SEGMENT = ('INSERT INTO segments (guid, document_id, code_id, coder_id, start, "end", weight, '
            "anchor, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'now', 'now')")


@pytest.mark.parametrize("start,end,weight,anchor", [
    (5, 5, 0, 0),     # empty
    (6, 5, 0, 0),     # reversed
    (-1, 3, 0, 0),    # negative
    (0, 3, 101, 0),   # weight above 100
    (0, 3, -1, 0),    # weight below 0
    (0, 3, 0, 2),     # anchor is a flag
])
def test_segment_checks(filled, start, end, weight, anchor):
    project, document, code, coder = filled
    _fails(project, _SEGMENT, ["S1", document.id, code.id, coder.id, start, end, weight, anchor],
           "CHECK")
    assert _count(project, "segments") == 0


def test_a_segment_must_end_inside_its_document(filled):
    project, document, code, coder = filled
    n = document.characters
    _fails(project, _SEGMENT, ["S1", document.id, code.id, coder.id, 0, n + 1, 0, 0],
           "ends after the end of its document")
    segment_id = add_segment(project, document, code, coder, 0, n)
    _fails(project, 'UPDATE segments SET "end" = ? WHERE id = ?', [n + 1, segment_id],
           "ends after the end of its document")


def test_the_same_coding_twice_is_refused(filled):
    project, document, code, coder = filled
    add_segment(project, document, code, coder, 0, 5)
    _fails(project, _SEGMENT, ["S2", document.id, code.id, coder.id, 0, 5, 0, 0], "UNIQUE")


def test_stored_document_text_never_changes(filled):
    project, document, *_ = filled
    for sql in ("UPDATE documents SET text = 'anders' WHERE id = ?",
                "UPDATE documents SET sha256 = printf('%064d', 0) WHERE id = ?",
                "UPDATE documents SET characters = 1 WHERE id = ?"):
        _fails(project, sql, [document.id], "never changes")
    stored = project.db.execute("SELECT text FROM documents").fetchone()[0]
    assert stored == normalize_text(TEXT)
    # Other columns may change (a document can be renamed).
    with project.transaction("rename"):
        project.db.execute("UPDATE documents SET name = 'Neu' WHERE id = ?", [document.id])
    assert project.db.execute("SELECT name FROM documents").fetchone()[0] == "Neu"


def test_document_characters_must_match_its_text(project):
    _fails(project,
           "INSERT INTO documents (guid, name, text, characters, sha256, imported_at) "
           "VALUES ('D', 'x', 'abc', 4, printf('%064d', 1), 'now')", (), "CHECK")


def test_the_event_log_is_append_only(filled):
    project, *_ = filled
    events, batches = _count(project, "events"), _count(project, "batches")
    assert events and batches
    _fails(project, "UPDATE events SET op = 'delete'", (), "append-only")
    _fails(project, "DELETE FROM events", (), "append-only")
    _fails(project, "UPDATE batches SET action = 'nichts'", (), "append-only")
    _fails(project, "DELETE FROM batches", (), "append-only")
    assert (_count(project, "events"), _count(project, "batches")) == (events, batches)


def test_foreign_keys_are_enforced(filled):
    project, document, code, coder = filled
    _fails(project, _SEGMENT, ["S1", document.id, 9999, coder.id, 0, 3, 0, 0], "FOREIGN KEY")
    _fails(project, _SEGMENT, ["S1", document.id, code.id, 9999, 0, 3, 0, 0], "FOREIGN KEY")
    _fails(project, _CODE, ["G9", 9999, "Waise", "#123456"], "FOREIGN KEY")


def test_codes_and_coders_with_segments_cannot_be_deleted_behind_qualcodes_back(filled):
    project, document, code, coder = filled
    add_segment(project, document, code, coder, 0, 3)
    _fails(project, "DELETE FROM codes WHERE id = ?", [code.id], "FOREIGN KEY")
    _fails(project, "DELETE FROM coders WHERE id = ?", [coder.id], "FOREIGN KEY")
    assert _count(project, "segments") == 1


def test_a_parent_code_cannot_be_deleted_before_its_children(project):
    add_code(project, "Wohnen/Miete")
    parent = project.db.execute("SELECT id FROM codes WHERE parent_id IS NULL").fetchone()[0]
    _fails(project, "DELETE FROM codes WHERE id = ?", [parent], "FOREIGN KEY")
    assert _count(project, "codes") == 2


def test_deleting_a_document_removes_its_turns_and_variables(project):
    text = normalize_text("Ort: Essen\n\n" + TEXT)
    document = add_document(project, NewDocument(
        "Essen", text, "Essen.txt", "txt", "UTF-8", parse_transcript(text)))
    assert _count(project, "turns") == 4 and _count(project, "document_variables") == 1
    with project.transaction("raw delete"):
        project.db.execute("DELETE FROM documents WHERE id = ?", [document.id])
    assert _count(project, "turns") == 0 and _count(project, "document_variables") == 0


def test_memo_targets_must_match_their_kind(filled):
    project, document, code, _ = filled
    memo = ("INSERT INTO memos (guid, kind, document_id, code_id, created, modified) "
            "VALUES (?, ?, ?, ?, 'now', 'now')")
    _fails(project, memo, ["M1", "document", None, None], "CHECK")
    _fails(project, memo, ["M2", "code", document.id, code.id], "CHECK")
    _fails(project, memo, ["M3", "free", document.id, None], "CHECK")
    _fails(project, memo, ["M4", "notiz", None, None], "CHECK")


def test_variable_types_are_checked(project):
    _fails(project, "INSERT INTO variables (guid, name, type) VALUES ('V', 'Alter', 'zahl')",
           (), "CHECK")
