"""Memos: free, project, document, code and segment memos."""

from __future__ import annotations

import pytest

from qualcode.domain.errors import InputError, NotFoundError
from qualcode.domain.models import NewDocument
from qualcode.domain.transcript import parse_transcript
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import add_code
from qualcode.store.documents import add_document, delete_document
from qualcode.store.memos import add_memo, delete_memo, get_memo, list_memos, update_memo
from qualcode.store.project import Project
from qualcode.store.segments import add_segment, remove_segment

TEXT = "I: Gab es Wartezeiten?\nB: Ja, oft mehrere Wochen."


@pytest.fixture
def setup(project_path):
    project = Project.create(project_path)
    document = add_document(project, NewDocument(
        "Warten", TEXT, "Warten.txt", "txt", "UTF-8", parse_transcript(TEXT)))
    code = add_code(project, "Wartezeiten")
    coder = ensure_coder(project, "kim")
    segment = add_segment(project, document, code, coder, 26, 49)
    yield project, document, code, coder, segment
    project.close()


def test_memos_of_every_kind(setup):
    project, document, code, coder, segment = setup
    free = add_memo(project, "free", "Idee: Wartezeiten mit Kommune vergleichen",
                    title="Idee", author_id=coder.id)
    assert (free.kind, free.title, free.author) == ("free", "Idee", "kim")
    assert (free.document_id, free.code_id, free.segment_id) == (None, None, None)
    assert free.guid and free.created and free.modified

    on_document = add_memo(project, "document", "Gespräch wurde unterbrochen",
                           target_id=document.id)
    on_code = add_memo(project, "code", "Auch Termine beim Amt", target_id=code.id)
    on_segment = add_memo(project, "segment", "Zahl nachfragen", target_id=segment)
    assert on_document.document_id == document.id
    assert on_code.code_id == code.id
    assert on_segment.segment_id == segment
    assert on_document.author is None


def test_list_by_kind_and_target(setup):
    project, _, code, _, _ = setup
    add_memo(project, "project", "Projektnotiz")
    add_memo(project, "code", "erste", target_id=code.id)
    other = add_code(project, "Sonstiges")
    add_memo(project, "code", "zweite", target_id=other.id)
    add_memo(project, "code", "dritte", target_id=code.id)
    assert [m.text for m in list_memos(project)] == ["Projektnotiz", "erste", "zweite", "dritte"]
    assert [m.text for m in list_memos(project, "code")] == ["erste", "zweite", "dritte"]
    assert [m.text for m in list_memos(project, "code", code.id)] == ["erste", "dritte"]
    assert list_memos(project, "segment") == []


def test_a_target_is_required_exactly_for_attached_memos(setup):
    project, document, *_ = setup
    with pytest.raises(InputError):
        add_memo(project, "document", "ohne Ziel")
    with pytest.raises(InputError):
        add_memo(project, "free", "mit Ziel", target_id=document.id)
    with pytest.raises(InputError) as error:
        add_memo(project, "notiz", "falsche Art")
    assert "free" in str(error.value) and "segment" in str(error.value)
    with pytest.raises(NotFoundError):
        add_memo(project, "code", "Code fehlt", target_id=999)
    assert list_memos(project) == []


def test_update_and_delete(setup):
    project, *_ = setup
    memo = add_memo(project, "free", "Entwurf", title="T")
    updated = update_memo(project, memo.id, text="Endfassung")
    assert (updated.text, updated.title) == ("Endfassung", "T")
    assert update_memo(project, memo.id, title="Neu").text == "Endfassung"
    delete_memo(project, memo.id)
    with pytest.raises(NotFoundError):
        get_memo(project, memo.id)
    with pytest.raises(NotFoundError):
        delete_memo(project, memo.id)


def test_attached_memos_go_with_their_segment_or_document(setup):
    project, document, _, _, segment = setup
    add_memo(project, "segment", "zur Stelle", target_id=segment)
    add_memo(project, "free", "bleibt")
    remove_segment(project, segment)
    assert [m.text for m in list_memos(project)] == ["bleibt"]
    add_memo(project, "document", "zum Dokument", target_id=document.id)
    delete_document(project, document.id)
    assert [m.text for m in list_memos(project)] == ["bleibt"]
