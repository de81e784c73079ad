"""Renaming, deleting, moving and ordering documents; every change undoable."""

from __future__ import annotations

import re

import pytest

from qualcode.domain.errors import ConflictError, InputError, NotFoundError
from qualcode.domain.ordering import Placement
from qualcode.store import history
from qualcode.store.document_edits import (
    deletion_counts,
    delete_documents,
    move_documents,
    order_documents,
    rename_document,
    resolve_documents,
)
from qualcode.store.document_sets import create_set, list_sets
from qualcode.store.documents import list_groups, resolve_document
from qualcode.store.segments import count_segments

from document_project import names, project  # noqa: F401  (fixture)

TABLES = ("documents", "turns", "segments", "memos", "document_groups",
          "document_set_members")


def snapshot(project) -> dict:
    """Every row of the tables a document change touches."""
    return {t: [tuple(r) for r in project.db.execute(f"SELECT * FROM {t} ORDER BY 1")]
            for t in TABLES}


def test_rename_changes_the_name_and_undo_takes_it_back(project):
    assert rename_document(project, "THM-01", "  THM-01a ", actor="kim") == ("THM-01", "THM-01a")
    assert resolve_document(project, "THM-01a").characters > 0
    assert history.undo(project, "kim").action == "rename document THM-01 to THM-01a"
    assert resolve_document(project, "THM-01").name == "THM-01"


@pytest.mark.parametrize("bad, error, words", [
    ("THM-02", ConflictError, "a document 'THM-02' already exists"),
    ("  ", InputError, "must not be empty"),
    ("A\x1b[31mB", InputError, "document name 'A\\x1b[31mB' contains a control character"),
])
def test_a_rename_to_a_taken_empty_or_control_name_is_refused(project, bad, error, words):
    before = snapshot(project)
    with pytest.raises(error, match=re.escape(words)):
        rename_document(project, "THM-01", bad)
    assert snapshot(project) == before


def test_deletion_counts_name_segments_and_memos(project):
    counts = deletion_counts(project, resolve_documents(project, ["THM-01", "THM-02"]))
    assert (counts.documents, counts.segments, counts.memos) == (2, 3, 2)


def test_undo_of_a_delete_brings_documents_back_with_segments_memos_and_sets(project):
    create_set(project, "Auswahl", resolve_documents(project, ["THM-01", "RG-01"]), actor="kim")
    before = snapshot(project)
    counts = delete_documents(project, resolve_documents(project, ["THM-01", "THM-02"]),
                              actor="kim")
    assert (counts.segments, counts.memos) == (3, 2)
    assert names(project) == [("RG", "RG-01")]
    assert count_segments(project) == 0
    assert list_sets(project)[0].documents == ("RG-01",)
    undone = history.undo(project, "kim")
    assert undone.action == "delete documents THM-01, THM-02"
    assert undone.restored_documents == 2
    assert snapshot(project) == before
    assert list_sets(project)[0].documents == ("THM-01", "RG-01")


def test_move_creates_the_group_puts_documents_last_and_undo_removes_it(project):
    before = snapshot(project)
    created = move_documents(project, resolve_documents(project, ["THM-02"]), "Nachfrage",
                             actor="kim")
    assert created
    assert list_groups(project) == ["THM", "RG", "Nachfrage"]
    assert names(project)[-1] == ("Nachfrage", "THM-02")
    assert not move_documents(project, resolve_documents(project, ["RG-01"]), "THM",
                              actor="kim")
    assert [n for g, n in names(project) if g == "THM"] == ["THM-01", "RG-01"]
    history.undo(project, "kim")
    history.undo(project, "kim")
    assert snapshot(project) == before


def test_move_out_of_every_group(project):
    move_documents(project, resolve_documents(project, ["RG-01"]), None)
    assert names(project)[0] == (None, "RG-01")


def test_move_refuses_a_group_name_with_a_control_character(project):
    before = snapshot(project)
    with pytest.raises(InputError, match="document group name 'A\\\\nB' contains a control"):
        move_documents(project, resolve_documents(project, ["RG-01"]), "A\nB")
    assert snapshot(project) == before


def test_order_within_a_group(project):
    thm = resolve_documents(project, ["THM-02"])
    assert order_documents(project, thm, Placement(first=True), actor="kim") == \
        ["THM-02", "THM-01"]
    assert names(project)[:2] == [("THM", "THM-02"), ("THM", "THM-01")]
    assert order_documents(project, thm, Placement(after="THM-01"), actor="kim") == \
        ["THM-01", "THM-02"]
    history.undo(project, "kim")
    assert names(project)[:2] == [("THM", "THM-02"), ("THM", "THM-01")]
    history.undo(project, "kim")
    assert names(project)[:2] == [("THM", "THM-01"), ("THM", "THM-02")]


def test_order_refuses_other_groups_and_bad_placements(project):
    before = snapshot(project)
    with pytest.raises(InputError, match="RG-01 is not in group THM like THM-02"):
        order_documents(project, resolve_documents(project, ["THM-02"]),
                        Placement(before="RG-01"))
    with pytest.raises(InputError, match="in different groups"):
        order_documents(project, resolve_documents(project, ["THM-02", "RG-01"]),
                        Placement(last=True))
    with pytest.raises(InputError, match="exactly one of"):
        order_documents(project, resolve_documents(project, ["THM-02"]),
                        Placement(first=True, last=True))
    with pytest.raises(NotFoundError, match="no document 'THM-09'"):
        order_documents(project, resolve_documents(project, ["THM-02"]),
                        Placement(before="THM-09"))
    assert snapshot(project) == before
