"""What the workbench's document and variable editors and its reopening rely on in the
store: the variables table, adding a typed variable, setting a value by the rules of
`qualcode variable set` (undoable per coder), set members, and the saved place per coder
outside the event log."""

from __future__ import annotations

import pytest

from qualcode.domain.errors import ConflictError, InputError
from qualcode.store import history
from qualcode.store.document_edits import resolve_documents
from qualcode.store.document_sets import create_set, set_member_ids
from qualcode.store.project import Project
from qualcode.store.variable_table import add_variable, set_value, variable_table
from qualcode.store.workbench_state import read_workbench_state, write_workbench_state

from document_project import project  # noqa: F401  (fixture)


def events(project) -> int:
    return project.db.execute("SELECT count(*) FROM events").fetchone()[0]


def test_variable_table_has_every_document_and_variable_in_order(project):
    add_variable(project, "Alter", "integer", actor="kim")
    thm = resolve_documents(project, ["THM-02"])[0]
    assert set_value(project, thm.id, "Alter", " 41 ", actor="kim") == 41
    table = variable_table(project)
    assert table.variables == [("Alter", "integer")]
    # documents in the Document System's order (groups in their order)
    assert [(name, values) for _, name, values in table.rows] == [
        ("THM-01", (None,)), ("THM-02", (41,)), ("RG-01", (None,))]


def test_a_value_must_fit_the_type_and_an_empty_value_clears(project):
    add_variable(project, "Interviewdatum", "date", actor="kim")
    thm = resolve_documents(project, ["THM-01"])[0]
    with pytest.raises(InputError, match="'vierzig' is not a date"):
        set_value(project, thm.id, "Interviewdatum", "vierzig", actor="kim")
    assert set_value(project, thm.id, "Interviewdatum", "28.04.2020", actor="kim") \
        == "2020-04-28"
    assert set_value(project, thm.id, "Interviewdatum", "", actor="kim") is None
    assert all(values == (None,) for _, _, values in variable_table(project).rows)


def test_adding_a_variable_checks_name_and_type_and_is_undone_by_its_coder(project):
    with pytest.raises(InputError, match="unknown variable type"):
        add_variable(project, "Alter", "zahl", actor="kim")
    with pytest.raises(InputError, match="must not be empty"):
        add_variable(project, "  ", "text", actor="kim")
    add_variable(project, "Alter", "integer", actor="kim")
    with pytest.raises(ConflictError):
        add_variable(project, "Alter", "text", actor="kim")
    thm = resolve_documents(project, ["THM-01"])[0]
    set_value(project, thm.id, "Alter", "30", actor="lena")
    history.undo(project, actor="lena")
    assert all(values == (None,) for _, _, values in variable_table(project).rows)
    history.undo(project, actor="kim")
    assert variable_table(project).variables == []


def test_set_member_ids_in_set_order(project):
    thm1, rg = resolve_documents(project, ["THM-01", "RG-01"])
    create_set(project, "Telefon", [rg, thm1], actor="kim")
    create_set(project, "Leer", [], actor="kim")
    assert set_member_ids(project) == [("Telefon", (rg.id, thm1.id)), ("Leer", ())]


def test_the_saved_place_is_per_coder_and_not_in_the_history(project):
    before = events(project)
    assert write_workbench_state(project, "lena", {"document": 1, "cursor": 42})
    assert write_workbench_state(project, "lena", {"document": 2, "cursor": 7})
    assert write_workbench_state(project, "jonas", {"document": 3})
    assert read_workbench_state(project, "lena") == {"document": 2, "cursor": 7}
    assert read_workbench_state(project, "jonas") == {"document": 3}
    assert read_workbench_state(project, "nobody") == {}
    assert events(project) == before


def test_a_read_only_project_keeps_no_place(project, project_path):
    project.close()
    with Project.open(project_path, readonly=True) as readonly:
        assert write_workbench_state(readonly, "lena", {"document": 1}) is False
        assert read_workbench_state(readonly, "lena") == {}
