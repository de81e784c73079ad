"""Undo belongs to the person: each coder undoes their own changes, and an undo that would
remove or overwrite someone else's later work is refused with what blocks it."""

from __future__ import annotations

import re

import pytest

from qualcode.domain.errors import ConflictError
from qualcode.domain.models import NewDocument
from qualcode.domain.text import normalize_text
from qualcode.domain.transcript import parse_transcript
from qualcode.store import history
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import add_code, delete_code, get_code, list_codes, rename_code
from qualcode.store.documents import add_document
from qualcode.store.memos import add_memo, list_memos
from qualcode.store.project import Project
from qualcode.store.segments import add_segment, query_segments, update_segment

TEXT = normalize_text(
    "I: Wie erreichen Sie die Familien?\n"
    "B: Über die Elterncafés und über WhatsApp-Gruppen.\n"
    "I: Und die Behörden?\n"
    "B: Da hilft nur Geduld und ein fester Termin.\n")
#: "who, date time UTC: “action”" at the end of a refusal
WHO = r"\((?P<who>\w+), \d{4}-\d\d-\d\d \d\d:\d\d UTC: “(?P<action>[^”]+)”\)$"


@pytest.fixture
def team(project_path, monkeypatch):
    """The lead imported one interview and set up two codes; kim and jonas code."""
    monkeypatch.setenv("QUALCODE_CODER", "lead")
    project = Project.create(project_path)
    document = add_document(project, NewDocument("Familien", TEXT, "Familien.txt", "txt",
                                                 "UTF-8", parse_transcript(TEXT)))
    add_code(project, "Zugang")
    add_code(project, "Behörden")
    kim, jonas = ensure_coder(project, "kim"), ensure_coder(project, "jonas")
    yield project, document, kim, jonas
    project.close()


def span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def code(project, document, coder, codepath, phrase, **kwargs) -> int:
    return add_segment(project, document, get_code(project, codepath), coder, *span(phrase),
                       **kwargs)


def coded(project) -> list[tuple[str, str, str]]:
    return sorted((s.coder, s.code, s.text) for s in query_segments(project))


def snapshot(project) -> list:
    """Every table a user's data lives in, plus the length of the log."""
    tables = ("codes", "segments", "memos", "coders", "documents", "batches", "events")
    return [list(map(tuple, project.db.execute(f"SELECT * FROM {t} ORDER BY 1")))
            for t in tables]


def refused(project, verb, actor) -> re.Match:
    """Run undo/redo, expect a refusal that changes nothing; returns the ``WHO`` match."""
    before = snapshot(project)
    with pytest.raises(ConflictError) as error:
        getattr(history, verb)(project, actor)
    assert snapshot(project) == before
    message = str(error.value)
    assert "\n" not in message
    found = re.search(WHO, message)
    assert found, message
    return message, found


def test_each_coder_undoes_only_their_own_codings(team):
    project, document, kim, jonas = team
    code(project, document, kim, "Zugang", "Elterncafés")
    code(project, document, jonas, "Zugang", "WhatsApp-Gruppen")
    code(project, document, kim, "Behörden", "fester Termin")
    assert history.undo(project, "jonas").action.endswith("with Zugang")
    assert coded(project) == [("kim", "Behörden", "fester Termin"),
                              ("kim", "Zugang", "Elterncafés")]
    assert history.undo(project, "kim").action.endswith("with Behörden")
    assert history.undo(project, "kim").action.endswith("with Zugang")
    assert coded(project) == []
    # kim's stack is empty now; the lead's changes are the lead's to undo
    with pytest.raises(ConflictError, match=r"^nothing to undo for kim \(changes by lead "
                                            r"are theirs to undo\)$"):
        history.undo(project, "kim")
    assert sorted(c.path for c in list_codes(project)) == ["Behörden", "Zugang"]


def test_another_coders_change_does_not_clear_ones_redo(team):
    project, document, kim, jonas = team
    code(project, document, kim, "Zugang", "Elterncafés")
    history.undo(project, "kim")
    code(project, document, jonas, "Zugang", "WhatsApp-Gruppen")
    assert history.redo(project, "kim").action.endswith("with Zugang")
    assert coded(project) == [("jonas", "Zugang", "WhatsApp-Gruppen"),
                              ("kim", "Zugang", "Elterncafés")]
    # the redone coding is kim's again: her next undo takes it back, jonas's stays
    history.undo(project, "kim")
    assert coded(project) == [("jonas", "Zugang", "WhatsApp-Gruppen")]


def test_a_code_another_coder_has_used_is_not_undone(team):
    project, document, kim, jonas = team
    add_code(project, "Zugang/Digital", actor="kim")
    segment = code(project, document, jonas, "Zugang/Digital", "WhatsApp-Gruppen")
    message, who = refused(project, "undo", "kim")
    assert message.startswith("cannot undo “add code Zugang/Digital”: code Digital is used "
                              f"by coded segment {segment} ")
    assert who["who"] == "jonas" and who["action"].startswith("code Familien [")


def test_a_segment_another_coder_has_edited_is_not_undone(team):
    project, document, kim, jonas = team
    segment = code(project, document, kim, "Zugang", "Elterncafés")
    update_segment(project, segment, comment="wichtig", actor="jonas")
    message, who = refused(project, "undo", "kim")
    assert message.startswith(f"cannot undo “code Familien [{span('Elterncafés')[0]}, "
                              f"{span('Elterncafés')[1]}) with Zugang”: coded segment "
                              f"{segment} was changed since ")
    assert (who["who"], who["action"]) == ("jonas", f"edit segment {segment}")
    # when jonas takes his edit back, kim's undo goes through
    history.undo(project, "jonas")
    history.undo(project, "kim")
    assert coded(project) == []


def test_a_segment_another_coder_wrote_a_memo_on_is_not_undone(team):
    project, document, kim, jonas = team
    segment = code(project, document, kim, "Zugang", "Elterncafés")
    memo = add_memo(project, "segment", "Gutes Zitat", target_id=segment, actor="jonas")
    message, who = refused(project, "undo", "kim")
    assert f": coded segment {segment} is used by memo {memo.id} " in message
    assert (who["who"], who["action"]) == ("jonas", "add segment memo")
    assert [m.text for m in list_memos(project)] == ["Gutes Zitat"]


def test_a_redo_is_refused_when_the_code_was_deleted_since(team):
    project, document, kim, jonas = team
    code(project, document, kim, "Behörden", "fester Termin")
    history.undo(project, "kim")
    delete_code(project, "Behörden", actor="lead")
    message, who = refused(project, "redo", "kim")
    assert message.startswith("cannot redo “code Familien [")
    assert ": code Behörden was deleted since " in message
    assert (who["who"], who["action"]) == ("lead", "delete code Behörden")


def test_an_undone_row_comes_back_under_a_new_id_when_its_id_was_taken(team):
    project, document, kim, jonas = team
    first = code(project, document, kim, "Zugang", "Elterncafés")
    guid = query_segments(project)[0].guid
    history.undo(project, "kim")
    # SQLite hands the free id to jonas's new coding
    assert code(project, document, jonas, "Zugang", "WhatsApp-Gruppen") == first
    history.redo(project, "kim")
    back = next(s for s in query_segments(project) if s.coder == "kim")
    assert (back.guid, back.text) == (guid, "Elterncafés") and back.id != first
    assert coded(project) == [("jonas", "Zugang", "WhatsApp-Gruppen"),
                              ("kim", "Zugang", "Elterncafés")]
    history.undo(project, "kim")
    assert coded(project) == [("jonas", "Zugang", "WhatsApp-Gruppen")]


def test_a_name_taken_since_blocks_the_undo_of_a_rename(team):
    project, document, kim, jonas = team
    rename_code(project, "Behörden", "Ämter", actor="kim")
    add_code(project, "Behörden", actor="jonas")
    message, who = refused(project, "undo", "kim")
    assert message.startswith("cannot undo “rename code Behörden to Ämter”: code Behörden "
                              "takes its place since ")
    assert (who["who"], who["action"]) == ("jonas", "add code Behörden")


def test_a_guard_refuses_inside_the_lock_and_changes_nothing(team):
    project, document, kim, jonas = team
    code(project, document, kim, "Zugang", "Elterncafés")

    def only_memos(batch):
        if batch is None or "memo" not in batch.action:
            raise ConflictError("not a memo")

    before = snapshot(project)
    with pytest.raises(ConflictError, match="not a memo"):
        history.undo(project, "kim", guard=only_memos)
    assert snapshot(project) == before
    assert not project.in_transaction
