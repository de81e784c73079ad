"""Memo work the workbench runs on its database thread: the memo manager's rows, in-text
memos of the open document, and saving, editing and deleting memos (plain data, no widgets)."""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.domain.lines import LineIndex
from qualcode.domain.models import Memo
from qualcode.store import codes as code_store
from qualcode.store.coders import ensure_coder
from qualcode.store.documents import document_text, list_documents
from qualcode.store.memos import add_memo, delete_memo, list_memos, text_memos, update_memo
from qualcode.store.project import Project

#: How the memo manager names each kind (``project`` memos come from REFI-QDA imports).
KIND_LABELS = {"free": "free", "project": "project", "document": "document", "code": "code",
               "segment": "segment", "text": "in-text"}


@dataclass(frozen=True)
class MemoRow:
    """One memo as the memo manager lists it.

    ``where`` names what the memo belongs to (document name, CODEPATH, ``document · code``
    for a segment memo, empty for a free memo); ``line`` is the 1-based line of an in-text or
    segment memo's start; ``document_id``/``start``/``end`` say where a jump goes (code
    points), ``code_id`` the code a code memo belongs to.
    """

    memo: Memo
    where: str
    line: int | None = None
    document_id: int | None = None
    start: int | None = None
    end: int | None = None
    code_id: int | None = None

    @property
    def kind(self) -> str:
        """The kind as the manager shows it (``in-text`` for kind ``text``)."""
        return KIND_LABELS.get(self.memo.kind, self.memo.kind)

    def matches(self, words: str) -> bool:
        """True when every word of ``words`` occurs (case-insensitively) in the memo's title,
        text, author or what it belongs to."""
        haystack = " ".join([self.memo.title, self.memo.text, self.memo.author or "",
                             self.where]).casefold()
        return all(word in haystack for word in words.casefold().split())


def memo_rows(project: Project) -> list[MemoRow]:
    """Every memo of the project, grouped by kind (free, project, document, code, segment,
    in-text) and within a kind in document order or by age."""
    names = {d.id: d.name for d in list_documents(project)}
    _, codes = code_store.load_codes(project)
    segments = {row[0]: row[1:] for row in project.db.execute(
        """SELECT s.id, s.document_id, s.code_id, s.start, s."end" FROM segments s
           WHERE s.id IN (SELECT segment_id FROM memos WHERE kind = 'segment')""")}
    indexes: dict[int, LineIndex] = {}

    def line_of(document_id: int, offset: int) -> int:
        if document_id not in indexes:
            indexes[document_id] = LineIndex(document_text(project, document_id))
        return indexes[document_id].line_of(offset)

    rows = []
    for memo in list_memos(project):
        if memo.kind == "document":
            rows.append(MemoRow(memo, names.get(memo.document_id, "?"),
                                document_id=memo.document_id))
        elif memo.kind == "code":
            code = codes.get(memo.code_id)
            rows.append(MemoRow(memo, code.path if code else "?", code_id=memo.code_id))
        elif memo.kind == "segment" and memo.segment_id in segments:
            document_id, code_id, start, end = segments[memo.segment_id]
            code = codes.get(code_id)
            rows.append(MemoRow(memo, f"{names.get(document_id, '?')} · "
                                      f"{code.path if code else '?'}",
                                line_of(document_id, start), document_id, start, end))
        elif memo.kind == "text":
            rows.append(MemoRow(memo, names.get(memo.document_id, "?"),
                                line_of(memo.document_id, memo.start), memo.document_id,
                                memo.start, memo.end))
        else:
            rows.append(MemoRow(memo, ""))
    order = list(KIND_LABELS)
    position = {d: i for i, d in enumerate(names)}
    rows.sort(key=lambda r: (order.index(r.memo.kind) if r.memo.kind in order else 99,
                             position.get(r.document_id, -1), r.start or 0, r.memo.id))
    return rows


def document_text_memos(project: Project, document_id: int) -> list[Memo]:
    """The in-text memos of one document, in text order."""
    return text_memos(project, document_id)


def add_text_memo(project: Project, document_id: int, start: int, end: int, text: str,
                  author: str) -> int:
    """A new in-text memo at ``[start, end)`` by ``author`` (undoable by them); its id."""
    coder = ensure_coder(project, author)
    return add_memo(project, "text", text, target_id=document_id, author_id=coder.id,
                    actor=author, span=(start, end)).id


def edit_memo_text(project: Project, memo_id: int, text: str, author: str) -> None:
    """Replace a memo's text (recorded as ``author``'s change)."""
    update_memo(project, memo_id, text=text, actor=author)


def remove_memo(project: Project, memo_id: int, author: str) -> None:
    """Delete a memo (recorded as ``author``'s change, so ``ctrl+z`` brings it back)."""
    delete_memo(project, memo_id, actor=author)
