"""Work the workbench runs on its database thread: each function takes the open project and
returns plain data (no widgets)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from qualcode.domain.errors import NotFoundError
from qualcode.domain.lines import LineIndex
from qualcode.domain.models import Document, Segment
from qualcode.store import codes as code_store
from qualcode.store import history
from qualcode.store.coders import ensure_coder, list_coders
from qualcode.store.document_sets import set_member_ids
from qualcode.store.documents import document_text, document_turns, get_document, list_documents
from qualcode.store.memos import add_memo, list_memos, update_memo
from qualcode.store.project import Project
from qualcode.store.quick_codes import quick_code_pins
from qualcode.store.segments import (
    SegmentFilter,
    add_segment,
    count_segments,
    document_segments,
    query_segments,
)
from qualcode.tui.model import CodeSystemView, DocumentView


@dataclass(frozen=True)
class PanelState:
    """What the Document System and Code System show."""

    documents: list[Document]
    document_counts: dict[int, int]
    document_memos: frozenset[int]
    codes: CodeSystemView
    coders: list[str]
    #: ``(set name, ids of its documents)`` in set order (see ``document_sets.set_member_ids``)
    document_sets: tuple[tuple[str, tuple[int, ...]], ...] = ()


def _coder_clause(coder: str | None) -> tuple[str, list]:
    if coder is None:
        return "", []
    return " WHERE coder_id = (SELECT id FROM coders WHERE name = ?)", [coder]


def load_state(project: Project, coder: str | None) -> PanelState:
    """Documents and codes with segment counts (only ``coder``'s when given)."""
    clause, params = _coder_clause(coder)
    doc_counts = dict(project.db.execute(
        f"SELECT document_id, count(*) FROM segments{clause} GROUP BY document_id", params))
    code_counts = dict(project.db.execute(
        f"SELECT code_id, count(*) FROM segments{clause} GROUP BY code_id", params))
    memos = list_memos(project)
    return PanelState(
        documents=list_documents(project),
        document_counts=doc_counts,
        document_memos=frozenset(m.document_id for m in memos if m.kind == "document"),
        codes=CodeSystemView(code_store.list_codes(project), code_counts,
                             frozenset(m.code_id for m in memos if m.kind == "code")),
        coders=[c.name for c in list_coders(project)],
        document_sets=tuple(set_member_ids(project)),
    )


def recent_codes(project: Project, coder: str, limit: int) -> list[int]:
    """Ids of the codes ``coder`` applied last (by their segments' modified time), newest
    first, at most ``limit``: the number keys of a new session start where the last ended."""
    clause, params = _coder_clause(coder)
    return [row[0] for row in project.db.execute(
        f"""SELECT code_id FROM segments{clause}
            GROUP BY code_id ORDER BY max(modified) DESC, max(id) DESC LIMIT ?""",
        [*params, limit])]


def quick_code_start(project: Project, coder: str) -> tuple[dict[int, int], list[int]]:
    """``(pins, recent)``: the codes ``coder`` pinned to number keys (``{key: code id}``) and
    the codes they applied last, newest first (for the free keys)."""
    return quick_code_pins(project, coder), recent_codes(project, coder, 9)


def undo_or_redo(project: Project, coder: str, redo: bool
                 ) -> tuple[history.Reverted, list[int], list[int]]:
    """Undo (or redo) ``coder``'s last change; returns it with the code ids of the coded
    segments the step took away and of those it brought (one entry per segment; a re-coded
    segment counts as taken from its former code and brought to the other)."""
    done = (history.redo if redo else history.undo)(project, actor=coder)
    taken: list[int] = []
    brought: list[int] = []
    for op, old, new in project.db.execute(
            "SELECT op, old, new FROM events WHERE batch_id = ? AND table_name = 'segments' "
            "ORDER BY id", [done.by]):
        old_code = json.loads(old)["code_id"] if old else None
        new_code = json.loads(new)["code_id"] if new else None
        if old_code != new_code:
            if old_code is not None:
                taken.append(old_code)
            if new_code is not None:
                brought.append(new_code)
    return done, taken, brought


def load_document(project: Project, document_id: int,
                  coder: str | tuple[str, ...] | None) -> DocumentView:
    """Everything the Document Browser needs for one document (segments: see
    :func:`reload_segments`)."""
    text = document_text(project, document_id)
    return DocumentView(
        document=get_document(project, document_id),
        text=text,
        lines=LineIndex(text),
        turns=document_turns(project, document_id),
        segments=reload_segments(project, document_id, coder),
    )


def reload_segments(project: Project, document_id: int, coder: str | tuple[str, ...] | None):
    """The document's coded segments, for redrawing after a change: every coder's
    (``None``), one coder's, or those of several coders (a tuple of names: the coder filter
    and the two coders of an open agreement review)."""
    if not isinstance(coder, tuple):
        return document_segments(project, document_id, coder)
    return [s for s in document_segments(project, document_id) if s.coder in coder]


def retrieve(project: Project, code_ids: frozenset[int], document_ids: frozenset[int],
             coder: str | None, offset: int, limit: int) -> tuple[list[Segment], int]:
    """One page of retrieved segments and the total: activated codes in activated documents
    (no activated codes: every code; no activated documents: every document)."""
    flt = SegmentFilter(code_ids=tuple(sorted(code_ids)) or None,
                        document_ids=tuple(sorted(document_ids)) or None,
                        coder=coder, limit=limit, offset=offset)
    return query_segments(project, flt), count_segments(project, flt)


def apply_code(project: Project, document_id: int, code_id: int, coder: str,
               start: int, end: int) -> int:
    """Code ``[start, end)``; returns the new segment's id."""
    document = get_document(project, document_id)
    code = code_store.get_code_by_id(project, code_id)
    return add_segment(project, document, code, ensure_coder(project, coder), start, end)


def memo_text(project: Project, kind: str, target_id: int | None) -> tuple[int | None, str]:
    """``(memo id, text)`` of the first memo on a target (``(None, "")`` when there is none)."""
    memos = list_memos(project, kind, target_id)
    if kind == "free" or not memos:
        return None, ""
    return memos[0].id, memos[0].text


def save_memo(project: Project, kind: str, target_id: int | None, memo_id: int | None,
              text: str, author: str) -> int:
    """Create or update a memo; returns its id."""
    if memo_id is not None:
        return update_memo(project, memo_id, text=text, actor=author).id
    coder = ensure_coder(project, author)
    return add_memo(project, kind, text, target_id=target_id, author_id=coder.id,
                    actor=author).id


def code_path(project: Project, code_id: int) -> str:
    """CODEPATH of a code id; raises :class:`NotFoundError`."""
    _, codes = code_store.load_codes(project)
    if code_id not in codes:
        raise NotFoundError(f"no code with id {code_id}")
    return codes[code_id].path
