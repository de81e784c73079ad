"""An import is one undoable change: its documents go with their speaker turns, variables and
groups, and redo brings them back exactly (text, turns, variables, GUIDs, SHA-256)."""

from __future__ import annotations

import pytest

from qualcode.domain.errors import ConflictError
from qualcode.importers.batch import import_paths
from qualcode.store import history
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import add_code, get_code
from qualcode.store.documents import delete_document, document_text, resolve_document
from qualcode.store.project import Project
from qualcode.store.schema import LOGGED_TABLES, event_triggers
from qualcode.store.segments import add_segment

# Three short interviews of our own, with header variables and f4 time marks.
INTERVIEWS = {
    "Kita-01": "Datum: 2022-01-12\nModus: Anruf\n\nI: Wie klappt die Anmeldung? #00:00:03-0#\n\n"
               "B: Die Eltern warten auf eine Wartenummer. #00:00:09-5#\n",
    "Kita-02": "Datum: 2022-01-19\nModus: Präsenz\n\nI: Gab es Hürden? #00:00:02-1#\n\n"
               "B: Die Formulare gibt es nur auf Deutsch. #00:00:07-4#\n\n"
               "I: Und danach? #00:00:09-0#\n\nB: Ein Elternabend mit Übersetzung. #00:00:15-2#\n",
    "Sprachkurs": "Datum: 2022-02-03\nKurs: Abend\n\nI: Passt der Kurs? #00:00:01-9#\n\n"
                  "B: Die Zeit passt, die Kinderbetreuung fehlt. #00:00:06-0#\n",
}
TABLES = ("documents", "turns", "document_variables", "variables", "document_groups")


@pytest.fixture
def project(project_path, monkeypatch):
    monkeypatch.setenv("QUALCODE_CODER", "lead")
    project = Project.create(project_path)
    yield project
    project.close()


def write(folder, names):
    folder.mkdir(exist_ok=True)
    paths = []
    for name in names:
        paths.append(folder / f"{name}.txt")
        paths[-1].write_text(INTERVIEWS[name], encoding="utf-8")
    return paths


def rows(project, table):
    key = "rowid, *" if table == "document_variables" else "*"
    return [tuple(r) for r in project.db.execute(f"SELECT {key} FROM {table} ORDER BY 1")]


def everything(project):
    """Every row (every column, text included) of the document tables."""
    return {table: rows(project, table) for table in TABLES}


def test_undo_of_an_import_removes_its_documents_with_turns_variables_and_group(
        project, tmp_path):
    report = import_paths(project, write(tmp_path / "in", INTERVIEWS), group="Familienbildung")
    assert report.count("imported") == 3
    assert all(rows(project, table) for table in TABLES)
    undone = history.undo(project)
    assert undone.summary == "import 3 files (3 documents removed)"
    assert undone.removed_documents == 3
    assert {table: rows(project, table) for table in TABLES} == {t: [] for t in TABLES}


def test_redo_brings_the_documents_back_exactly_again_and_again(project, tmp_path):
    import_paths(project, write(tmp_path / "in", INTERVIEWS), group="Familienbildung")
    imported = everything(project)
    for _ in range(2):
        history.undo(project)
        assert everything(project)["documents"] == []
        redone = history.redo(project)
        assert redone.summary == "import 3 files (3 documents restored)"
        assert everything(project) == imported


def test_coding_in_an_imported_document_blocks_its_undo(project, tmp_path):
    import_paths(project, write(tmp_path / "in", ["Kita-01", "Kita-02"]))
    add_code(project, "Wartezeit", actor="kim")
    document = resolve_document(project, "Kita-02")
    start = document_text(project, document.id).index("Formulare")
    segment = add_segment(project, document, get_code(project, "Wartezeit"),
                          ensure_coder(project, "kim"), start, start + 9)
    before = everything(project)
    with pytest.raises(ConflictError) as error:
        history.undo(project)
    message = str(error.value)
    assert message.startswith("cannot undo “import 2 files”: document Kita-02 is used by "
                              f"coded segment {segment} (kim, ")
    assert message.endswith(f"UTC: “code Kita-02 [{start}, {start + 9}) with Wartezeit”)")
    assert everything(project) == before


def test_a_variable_another_import_uses_keeps_the_first_import(project, tmp_path):
    import_paths(project, write(tmp_path / "a", ["Kita-01"]))
    import_paths(project, write(tmp_path / "b", ["Kita-02"]), actor="jonas")
    with pytest.raises(ConflictError) as error:
        history.undo(project)
    # the last variable the import added comes off first: Modus, which Kita-02 uses too
    assert str(error.value).startswith(
        "cannot undo “import Kita-01.txt”: document variable Modus is used by a variable value "
        "of document Kita-02 (jonas, ")
    history.undo(project, "jonas")
    assert history.undo(project).removed_documents == 1
    assert everything(project)["documents"] == []


def test_a_redone_import_takes_new_ids_when_another_import_took_its_ids(project, tmp_path):
    import_paths(project, write(tmp_path / "a", ["Kita-02"]))
    before = everything(project)
    history.undo(project)
    import_paths(project, write(tmp_path / "b", ["Sprachkurs"]), actor="jonas", group="Kurse")
    other = everything(project)
    assert other["documents"][0][0] == before["documents"][0][0]  # the same id, reused
    assert other["turns"][0][0] == before["turns"][0][0]
    # jonas's import added the variable Datum again: the lead's Datum cannot come back
    with pytest.raises(ConflictError) as error:
        history.redo(project)
    assert str(error.value).startswith("cannot redo “import Kita-02.txt”: document variable "
                                       "Datum takes its place since (jonas, ")
    assert everything(project) == other
    # without that variable in the way, the lead's document is back with its GUID, text,
    # SHA-256 and turns, under new ids, and jonas's is untouched
    history.undo(project, "jonas")
    import_paths(project, write(tmp_path / "b", ["Sprachkurs"]), actor="jonas", group="Kurse")
    with project.transaction("rename variable Datum", "jonas"):
        project.db.execute("UPDATE variables SET name = 'Tag' WHERE name = 'Datum'")
    other = everything(project)
    history.redo(project)
    after = everything(project)
    assert after["documents"][0] == other["documents"][0]
    restored = after["documents"][1]
    assert restored[1:] == before["documents"][0][1:] and restored[0] != before["documents"][0][0]
    turns = sorted((t for t in after["turns"] if t[1] == restored[0]), key=lambda t: t[2])
    assert [t[2:] for t in turns] == [t[2:] for t in before["turns"]]
    assert {t[0] for t in turns}.isdisjoint(t[0] for t in other["turns"])
    assert document_text(project, restored[0]) == before["documents"][0][-1]


def test_a_deleted_document_comes_back_with_its_text_and_turns(project, tmp_path):
    import_paths(project, write(tmp_path / "in", ["Kita-01", "Sprachkurs"]))
    before = everything(project)
    delete_document(project, resolve_document(project, "Sprachkurs").id, actor="kim")
    assert len(everything(project)["documents"]) == 1
    assert history.undo(project, "kim").restored_documents == 1
    assert everything(project) == before
    history.redo(project, "kim")
    assert [d[2] for d in everything(project)["documents"]] == ["Kita-01"]


def test_an_older_project_is_migrated_and_its_older_deletions_are_refused(project_path,
                                                                         tmp_path):
    """A file from before ``0004_history``: deletions made then kept no text, so their undo
    is refused with the reason; deletions made after the migration come back exactly."""
    with Project.create(project_path) as project:
        import_paths(project, write(tmp_path / "in", ["Kita-01", "Kita-02"]), actor="lead")
        project.db.execute("DROP TRIGGER log_turns_delete")
        project.db.execute("DROP TRIGGER log_documents_delete")
        project.db.execute(event_triggers("documents", LOGGED_TABLES["documents"])[2])
        project.db.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_history'")
        delete_document(project, resolve_document(project, "Kita-01").id, actor="lead")
    with Project.open(project_path) as project:
        assert list(tmp_path.glob("*.backup-*"))  # migrated after a backup copy
        with pytest.raises(ConflictError, match="^cannot undo “delete document Kita-01”: the "
                                                "text of document Kita-01 was not recorded"):
            history.undo(project, "lead")
        before = everything(project)
        delete_document(project, resolve_document(project, "Kita-02").id, actor="kim")
        history.undo(project, "kim")
        assert everything(project) == before
