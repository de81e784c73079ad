"""Listing, renaming and ordering document groups; every change undoable."""

from __future__ import annotations

import pytest

from qualcode.domain.errors import ConflictError, InputError, NotFoundError
from qualcode.domain.ordering import Placement
from qualcode.store import history
from qualcode.store.document_groups import group_infos, order_groups, rename_group
from qualcode.store.documents import list_groups

from document_project import names, project  # noqa: F401  (fixture)


def test_group_infos_count_documents_in_order(project):
    assert [(g.name, g.documents) for g in group_infos(project)] == [("THM", 2), ("RG", 1)]


def test_rename_keeps_the_documents_in_the_group_and_undo_takes_it_back(project):
    assert rename_group(project, "THM", "Interviews", actor="kim") == "Interviews"
    assert names(project)[:2] == [("Interviews", "THM-01"), ("Interviews", "THM-02")]
    assert history.undo(project, "kim").action == "rename document group THM to Interviews"
    assert list_groups(project) == ["THM", "RG"]


@pytest.mark.parametrize("old, new, error, words", [
    ("THM", "RG", ConflictError, "a document group 'RG' already exists"),
    ("THM", " ", InputError, "a document group name must not be empty"),
    ("THM", "A\tB", InputError, "document group name 'A\\tB' contains a control character"),
    ("THN", "X", NotFoundError, "no document group 'THN' (did you mean: THM?)"),
])
def test_bad_renames_change_nothing(project, old, new, error, words):
    with pytest.raises(error) as raised:
        rename_group(project, old, new)
    assert str(raised.value).startswith(words)
    assert list_groups(project) == ["THM", "RG"]


def test_order_groups_and_undo(project):
    assert order_groups(project, ["RG"], Placement(before="THM"), actor="kim") == ["RG", "THM"]
    assert names(project)[0] == ("RG", "RG-01")
    history.undo(project, "kim")
    assert list_groups(project) == ["THM", "RG"]


def test_order_groups_refuses_unknown_groups_and_itself(project):
    with pytest.raises(NotFoundError, match="no document group 'XY'"):
        order_groups(project, ["RG"], Placement(after="XY"))
    with pytest.raises(InputError, match="RG cannot be placed before or after itself"):
        order_groups(project, ["RG"], Placement(after="RG"))
    assert list_groups(project) == ["THM", "RG"]
