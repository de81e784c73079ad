"""Document sets: named collections of documents across groups, undoable, and the document
scope (groups and sets) that listings and analyses share."""

from __future__ import annotations

import pytest

from qualcode.analysis.frequencies import code_frequencies
from qualcode.domain.errors import ConflictError, InputError, NotFoundError
from qualcode.store import history
from qualcode.store.document_edits import resolve_documents
from qualcode.store.document_scope import scope_document_ids
from qualcode.store.document_sets import (
    add_to_set,
    create_set,
    delete_set,
    list_sets,
    remove_from_set,
    rename_set,
)
from qualcode.store.documents import list_documents
from qualcode.store.segments import SegmentFilter, query_segments

from document_project import project  # noqa: F401  (fixture)


def docs(project, *refs):
    return resolve_documents(project, list(refs))


def sets(project):
    return [(s.name, s.documents) for s in list_sets(project)]


def test_create_add_remove_rename_delete_each_undoable(project):
    assert create_set(project, " Kontrast ", docs(project, "THM-01", "RG-01"), actor="kim") \
        == "Kontrast"
    assert add_to_set(project, "Kontrast", docs(project, "THM-02", "RG-01"), actor="kim") == \
        (["THM-02"], ["RG-01"])
    assert remove_from_set(project, "Kontrast", docs(project, "THM-01"), actor="kim") == \
        ["THM-01"]
    assert rename_set(project, "Kontrast", "Vergleich", actor="kim") == "Vergleich"
    assert sets(project) == [("Vergleich", ("RG-01", "THM-02"))]
    assert delete_set(project, "Vergleich", actor="kim") == 2
    assert sets(project) == []
    assert len(list_documents(project)) == 3  # the documents stay
    expected = [
        [("Vergleich", ("RG-01", "THM-02"))],
        [("Kontrast", ("RG-01", "THM-02"))],
        [("Kontrast", ("THM-01", "RG-01", "THM-02"))],
        [("Kontrast", ("THM-01", "RG-01"))],
        [],
    ]
    for state in expected:
        history.undo(project, "kim")
        assert sets(project) == state


@pytest.mark.parametrize("call, error, words", [
    (lambda p: create_set(p, "Kontrast"), ConflictError,
     "a document set 'Kontrast' already exists"),
    (lambda p: create_set(p, ""), InputError, "a document set name must not be empty"),
    (lambda p: create_set(p, "a\u202eb"), InputError,
     "document set name 'a\\u202eb' contains a control character (U+202E)"),
    (lambda p: add_to_set(p, "Kontras", []), NotFoundError,
     "no document set 'Kontras' (did you mean: Kontrast?)"),
    (lambda p: remove_from_set(p, "Kontrast", docs(p, "THM-02")), InputError,
     "document THM-02 is not in set Kontrast; nothing removed"),
    (lambda p: delete_set(p, "Leer"), NotFoundError, "no document set 'Leer'"),
])
def test_bad_set_changes_are_refused_and_change_nothing(project, call, error, words):
    create_set(project, "Kontrast", docs(project, "THM-01"))
    with pytest.raises(error) as raised:
        call(project)
    assert str(raised.value).startswith(words)
    assert sets(project) == [("Kontrast", ("THM-01",))]


def test_scope_is_groups_and_sets(project):
    create_set(project, "Kontrast", docs(project, "THM-02", "RG-01"))
    ids = {d.name: d.id for d in list_documents(project)}
    assert scope_document_ids(project) is None
    assert scope_document_ids(project, sets=["Kontrast"]) == (ids["THM-02"], ids["RG-01"])
    assert scope_document_ids(project, ["THM"], ["Kontrast"]) == (ids["THM-02"],)
    assert [d.name for d in list_documents(project, sets=["Kontrast"])] == ["THM-02", "RG-01"]
    assert [d.name for d in list_documents(project, "RG", ["Kontrast"])] == ["RG-01"]
    with pytest.raises(NotFoundError, match="no document set 'X'"):
        scope_document_ids(project, sets=["X"])


def test_a_set_scopes_segments_and_frequencies(project):
    create_set(project, "Nur-2", docs(project, "THM-02"))
    found = query_segments(project, SegmentFilter(sets=("Nur-2",)))
    assert [(s.document, s.start, s.end) for s in found] == [("THM-02", 23, 36)]
    table = code_frequencies(project, sets=["Nur-2"])
    assert table.documents == 1
    assert {r.path: r.total.segments for r in table.rows} == {"Netzwerk": 1, "Zeit": 0}
    with pytest.raises(NotFoundError, match="no document set 'Nur-3'"):
        query_segments(project, SegmentFilter(sets=("Nur-3",)))
