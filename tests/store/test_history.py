"""Undo, redo and the audit trail, read from the append-only event log."""

from __future__ import annotations

import pytest

from qualcode.domain.errors import ConflictError
from qualcode.domain.models import NewDocument
from qualcode.domain.text import normalize_text
from qualcode.domain.transcript import parse_transcript
from qualcode.store import history
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import (
    add_code,
    delete_code,
    get_code,
    list_codes,
    merge_codes,
    rename_code,
)
from qualcode.store.documents import add_document, list_documents
from qualcode.store.memos import add_memo, list_memos
from qualcode.store.project import Project
from qualcode.store.segments import add_segment, query_segments, update_segment

TEXT = "I: Was hat sich bewährt?\nB: Feste Sprechzeiten und kurze Wege.\nI: Danke.\nB: Gern."


def _new(name, text):
    text = normalize_text(text)
    return NewDocument(name, text, f"{name}.txt", "txt", "UTF-8", parse_transcript(text))


@pytest.fixture
def project(project_path, monkeypatch):
    # Changes made without a named actor are the lead's (the default actor).
    monkeypatch.setenv("QUALCODE_CODER", "lead")
    project = Project.create(project_path)
    yield project
    project.close()


@pytest.fixture
def setup(project):
    document = add_document(project, _new("Bewährt", TEXT))
    add_code(project, "Gute Praxis/Sprechzeiten")
    coder = ensure_coder(project, "kim")
    return project, document, coder


def _state(project):
    """Everything a user sees of the code system, segments and memos."""
    return (
        [(c.id, c.guid, c.path, c.color, c.definition) for c in list_codes(project)],
        [(s.id, s.guid, s.code, s.coder, s.start, s.end, s.comment)
         for s in query_segments(project)],
        [(m.id, m.kind, m.code_id, m.segment_id, m.text) for m in list_memos(project)],
    )


def test_undo_and_redo_a_coding(setup):
    project, document, coder = setup
    code = get_code(project, "Gute Praxis/Sprechzeiten")
    segment_id = add_segment(project, document, code, coder, 27, 44, comment="bewährt")
    coded = _state(project)

    undone = history.undo(project, "kim")
    assert "code Bewährt" in undone.action
    assert query_segments(project) == []

    redone = history.redo(project, "kim")
    assert redone.batch.id == undone.batch.id
    assert _state(project) == coded
    assert query_segments(project)[0].id == segment_id


def test_undo_restores_a_deleted_code_with_its_subcodes_segments_and_memos(setup):
    # The lead codes and deletes; the lead's undo restores everything the delete removed.
    project, document, _ = setup
    coder = ensure_coder(project, "lead")
    parent, child = get_code(project, "Gute Praxis"), get_code(project, "Gute Praxis/Sprechzeiten")
    first = add_segment(project, document, parent, coder, 0, 10)
    add_segment(project, document, child, coder, 27, 44)
    add_memo(project, "code", "Was heißt bewährt?", target_id=parent.id)
    add_memo(project, "segment", "Zitat prüfen", target_id=first)
    before = _state(project)

    assert delete_code(project, "Gute Praxis", force=True) == 2
    assert list_codes(project) == [] and query_segments(project) == [] and list_memos(project) == []

    history.undo(project)
    assert _state(project) == before

    history.redo(project)
    assert list_codes(project) == [] and query_segments(project) == []
    history.undo(project)
    assert _state(project) == before


def test_undo_goes_back_one_change_at_a_time(setup):
    project, document, _ = setup
    coder = ensure_coder(project, "lead")
    code = get_code(project, "Gute Praxis")
    add_segment(project, document, code, coder, 0, 5)
    after_first = _state(project)
    rename_code(project, "Gute Praxis", "Bewährte Praxis")
    after_rename = _state(project)
    add_segment(project, document, get_code(project, "Bewährte Praxis"), coder, 5, 9)

    history.undo(project)
    assert _state(project) == after_rename
    history.undo(project)
    assert _state(project) == after_first
    history.redo(project)
    assert _state(project) == after_rename
    assert list_codes(project)[0].path == "Bewährte Praxis"


def test_a_new_change_after_undo_clears_redo(setup):
    project, document, coder = setup
    add_segment(project, document, get_code(project, "Gute Praxis"), coder, 0, 5)
    history.undo(project, "kim")
    add_code(project, "Kurze Wege", actor="kim")
    with pytest.raises(ConflictError) as error:
        history.redo(project, "kim")
    assert "nothing to redo for kim" in str(error.value)


def test_nothing_to_undo_in_a_fresh_project(project):
    created = project.setting("created")
    with pytest.raises(ConflictError) as error:
        history.undo(project)
    assert "nothing to undo" in str(error.value)
    assert project.setting("created") == created
    # The creation stays in the audit trail.
    assert [b.action for b in history.history(project)] == ["create project"]


def test_undo_stops_after_the_last_user_change(project):
    add_code(project, "Sprechzeiten")
    history.undo(project)
    assert list_codes(project) == []
    with pytest.raises(ConflictError) as error:
        history.undo(project)
    assert "nothing to undo" in str(error.value)
    assert project.setting("created")


def test_next_changes_names_what_undo_and_redo_would_take(setup):
    project, document, coder = setup
    assert history.next_changes(project, "kim") == (None, None)
    add_segment(project, document, get_code(project, "Gute Praxis"), coder, 0, 5)
    add_code(project, "Kurze Wege", actor="kim")
    to_undo, to_redo = history.next_changes(project, "kim")
    assert "Kurze Wege" in to_undo.action and to_redo is None
    undone = history.undo(project, "kim")
    to_undo, to_redo = history.next_changes(project, "kim")
    assert to_redo.id == undone.batch.id and "code Bewährt" in to_undo.action
    # the lead's own next undo is the lead's last change, the code system
    assert history.next_changes(project, "lead")[0].action == "add code Gute Praxis/Sprechzeiten"


def test_nothing_to_redo_in_a_fresh_project(project):
    with pytest.raises(ConflictError) as error:
        history.redo(project)
    assert "nothing to redo" in str(error.value)


def test_undo_of_a_merge_and_of_a_segment_edit(setup):
    project, document, _ = setup
    coder = ensure_coder(project, "lead")
    add_code(project, "Kurze Wege")
    segment = add_segment(project, document, get_code(project, "Kurze Wege"), coder, 27, 44)
    before = _state(project)
    merge_codes(project, "Kurze Wege", "Gute Praxis")
    history.undo(project)
    assert _state(project) == before

    update_segment(project, segment, comment="geändert", weight=50)
    history.undo(project)
    assert _state(project) == before
    assert query_segments(project)[0].weight == 0


def test_an_import_no_longer_blocks_undoing_earlier_codings(setup):
    project, document, coder = setup
    add_segment(project, document, get_code(project, "Gute Praxis"), coder, 0, 5)
    add_document(project, _new("Zweites", "I: Noch eins?\nB: Ja."), actor="kim")
    undone = history.undo(project, "kim")
    assert undone.summary == "import Zweites.txt (1 document removed)"
    assert [d.name for d in list_documents(project)] == ["Bewährt"]
    assert history.undo(project, "kim").action.startswith("code Bewährt")
    assert query_segments(project) == []


def test_the_audit_trail_lists_batches_newest_first(setup):
    project, document, coder = setup
    add_segment(project, document, get_code(project, "Gute Praxis"), coder, 0, 5)
    history.undo(project, actor="kim")
    trail = history.history(project, limit=3)
    assert [b.action for b in trail][:2] == [
        f"undo: {trail[1].action}", trail[1].action]
    assert trail[0].actor == trail[1].actor == "kim"  # a coding is recorded under its coder
    assert trail[0].events == trail[1].events == 1
    assert (trail[0].undoes, trail[1].undone_by) == (trail[1].id, trail[0].id)
    assert trail[1].note == f"undone by #{trail[0].id}"
    assert len(history.history(project, limit=2)) == 2
    # Undo and redo only add to the log.
    ids = [b.id for b in history.history(project, limit=100)]
    assert ids == sorted(ids, reverse=True)
