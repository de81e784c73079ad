"""Importing files and folders: each file completely or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

import qualcode.store.documents as documents_module
from qualcode.domain.errors import InputError
from qualcode.importers.batch import collect_files, import_paths
from qualcode.store.documents import document_text, list_documents, resolve_document
from qualcode.store.project import Project


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _interview(topic: str) -> str:
    return f"Datum: 2021-10-04\n\nI: Wie war {topic}?\n\nB: Gut, {topic} lief.\n"


@pytest.fixture
def project(project_path):
    project = Project.create(project_path)
    yield project
    project.close()


def _table_counts(project):
    tables = ("documents", "turns", "document_groups", "variables", "document_variables",
              "batches", "events")
    return {t: project.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_a_folder_imports_its_transcripts_and_ignores_other_files(project, tmp_path):
    folder = tmp_path / "interviews"
    _write(folder / "B-Gespraech.txt", _interview("die Schule"))
    _write(folder / "A-Gespraech.txt", _interview("der Kurs"))
    _write(folder / "notizen.pdf", "kein Transkript")
    _write(folder / ".versteckt.txt", _interview("geheim"))
    _write(folder / "~$A-Gespraech.docx", "Sperrdatei")
    _write(folder / "unter" / "C-Gespraech.txt", _interview("das Praktikum"))

    report = import_paths(project, [folder], group="Interviews")
    assert [o.status for o in report.outcomes] == ["imported", "imported"]
    assert [o.document for o in report.outcomes] == ["A-Gespraech", "B-Gespraech"]  # by name
    assert {p.name for p in report.ignored} == {"notizen.pdf", ".versteckt.txt",
                                                "~$A-Gespraech.docx"}
    assert not report.failed
    assert [d.group for d in list_documents(project)] == ["Interviews", "Interviews"]
    assert report.outcomes[0].turns == 2 and report.outcomes[0].encoding == "UTF-8"
    assert "imported as A-Gespraech" in report.outcomes[0].message


def test_recursive_descends_into_subfolders(project, tmp_path):
    folder = tmp_path / "interviews"
    _write(folder / "A.txt", _interview("der Kurs"))
    _write(folder / "unter" / "C.txt", _interview("das Praktikum"))
    files, _ = collect_files([folder], recursive=True)
    assert [f.name for f in files] == ["A.txt", "C.txt"]
    report = import_paths(project, [folder], recursive=True)
    assert report.count("imported") == 2


def test_the_same_text_is_skipped_with_a_message(project, tmp_path):
    first = _write(tmp_path / "eins.txt", _interview("der Kurs"))
    copy = _write(tmp_path / "kopie" / "eins-kopie.txt", _interview("der Kurs"))
    report = import_paths(project, [first, copy])
    assert [o.status for o in report.outcomes] == ["imported", "skipped"]
    assert report.outcomes[1].document == "eins"
    assert "eins-kopie.txt" in report.outcomes[1].message
    assert not report.failed
    assert [d.name for d in list_documents(project)] == ["eins"]


def test_a_taken_name_gets_a_suffix(project, tmp_path):
    a = _write(tmp_path / "a" / "Gespraech.txt", _interview("der Kurs"))
    b = _write(tmp_path / "b" / "Gespraech.txt", _interview("die Schule"))
    report = import_paths(project, [a, b])
    assert [o.document for o in report.outcomes] == ["Gespraech", "Gespraech-2"]
    assert "renamed" in report.outcomes[1].message


def test_one_bad_file_among_good_ones(project, tmp_path):
    good_one = _write(tmp_path / "gut1.txt", _interview("der Kurs"))
    bad = tmp_path / "kaputt.docx"
    bad.write_bytes(b"kein Word-Dokument")
    missing = tmp_path / "fehlt.txt"
    good_two = _write(tmp_path / "gut2.txt", _interview("die Schule"))
    seen = []
    report = import_paths(project, [good_one, bad, missing, good_two],
                          progress=lambda done, total, outcome: seen.append((done, total)))
    assert [o.status for o in report.outcomes] == ["imported", "failed", "failed", "imported"]
    assert report.failed
    assert report.count("failed") == 2
    assert str(bad) in report.outcomes[1].message and "\n" not in report.outcomes[1].message
    assert str(missing) in report.outcomes[2].message
    assert [d.name for d in list_documents(project)] == ["gut1", "gut2"]
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_an_explicit_file_of_an_unsupported_type_fails(project, tmp_path):
    path = _write(tmp_path / "tabelle.csv", "a;b\n1;2\n")
    report = import_paths(project, [path])
    assert report.failed
    assert "unsupported file type" in report.outcomes[0].message


def test_a_file_failing_while_it_is_stored_leaves_nothing(project, tmp_path, monkeypatch):
    good = _write(tmp_path / "gut.txt", _interview("der Kurs"))
    import_paths(project, [good], group="Alt")
    before = _table_counts(project)

    def failing(project, document_id, name, value, type_, where=None):
        raise InputError(f"variable {name}: simulated failure")

    monkeypatch.setattr(documents_module, "_store_variable", failing)
    bad = _write(tmp_path / "neu.txt", _interview("die Schule"))
    report = import_paths(project, [bad], group="Neu")
    assert report.failed
    assert "simulated failure" in report.outcomes[0].message
    # Neither the document, its turns, nor its new group, nor a log entry remain.
    assert _table_counts(project) == before
    assert [d.name for d in list_documents(project)] == ["gut"]


def test_a_transcript_with_an_empty_turn_imports(project, tmp_path):
    # "I: " with a trailing space and nothing else: an empty turn, not a broken file.
    path = _write(tmp_path / "leerzug.txt", "I: Noch Fragen?\nB: Nein.\nI: \n\nB: Doch, eine.\n")
    report = import_paths(project, [path])
    assert [o.status for o in report.outcomes] == ["imported"]
    assert report.outcomes[0].turns == 4


def test_imported_text_is_the_normalised_file_text(project, tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"I: Erste Zeile\r\nB: Zweite\tZeile\r\n")
    import_paths(project, [path])
    document = resolve_document(project, "crlf")
    assert document_text(project, document.id) == "I: Erste Zeile\nB: Zweite Zeile\n"


def test_a_file_failing_while_it_is_stored_beside_a_good_one(project, tmp_path, monkeypatch):
    # The run is one transaction with a savepoint per file: the good file stays, nothing of
    # the failing one (not its document, turns or variables), and the run is one log entry.
    real_store = documents_module._store_variable

    def failing_for_second(project, document_id, name, value, type_, where=None):
        if document_id > 1:
            raise InputError(f"variable {name}: simulated failure")
        return real_store(project, document_id, name, value, type_, where)

    monkeypatch.setattr(documents_module, "_store_variable", failing_for_second)
    good = _write(tmp_path / "gut.txt", _interview("der Kurs"))
    bad = _write(tmp_path / "neu.txt", _interview("die Schule"))
    report = import_paths(project, [good, bad], group="Neu")
    assert [o.status for o in report.outcomes] == ["imported", "failed"]
    assert [d.name for d in list_documents(project)] == ["gut"]
    turns = project.db.execute("SELECT DISTINCT document_id FROM turns").fetchall()
    assert turns == [(1,)]
    values = project.db.execute("SELECT DISTINCT document_id FROM document_variables")
    assert values.fetchall() == [(1,)]
    actions = [r[0] for r in project.db.execute("SELECT action FROM batches ORDER BY id")]
    assert actions[-1] == "import 2 files"
    assert actions.count("import 2 files") == 1
