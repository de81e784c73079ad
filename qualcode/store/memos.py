"""Memos: free (project) memos, memos attached to a document, a code or a coded segment, and
in-text memos (kind ``text``) at a position ``[start, end)`` in a document's text."""

from __future__ import annotations

from qualcode.domain.errors import InputError, NotFoundError
from qualcode.domain.lines import LineIndex
from qualcode.domain.models import Memo
from qualcode.store.project import Project, new_guid, utc_now

MEMO_KINDS = ("free", "project", "document", "code", "segment", "text")

#: The column holding each targeted kind's target id.
_TARGET_COLUMN = {"document": "document_id", "code": "code_id", "segment": "segment_id",
                  "text": "document_id"}

_SELECT = """SELECT m.id, m.guid, m.kind, m.document_id, m.code_id, m.segment_id, m.title,
                    m.text, c.name AS author, m.created, m.modified, m.start, m."end"
             FROM memos m LEFT JOIN coders c ON c.id = m.author_id"""


def add_memo(
    project: Project,
    kind: str,
    text: str,
    *,
    title: str = "",
    target_id: int | None = None,
    author_id: int | None = None,
    guid: str | None = None,
    actor: str | None = None,
    span: tuple[int, int] | None = None,
) -> Memo:
    """Create a memo. ``target_id`` is the document, code or segment id for those kinds and
    the document for a ``text`` memo, which also needs ``span``: ``(start, end)`` in code
    points of the document's stored text (see :func:`line_span`).

    Raises :class:`InputError` for an unknown kind, a missing target or a span outside the
    text, :class:`NotFoundError` for a target that does not exist.
    """
    if kind not in MEMO_KINDS:
        raise InputError(f"unknown memo kind {kind!r} (one of {', '.join(MEMO_KINDS)})")
    if (kind in _TARGET_COLUMN) != (target_id is not None):
        raise InputError(f"a {kind} memo {'needs' if target_id is None else 'takes no'} target")
    if (kind == "text") != (span is not None):
        raise InputError(f"a {kind} memo {'needs' if span is None else 'takes no'} position")
    if kind in _TARGET_COLUMN:
        table = {"document": "documents", "code": "codes", "segment": "segments",
                 "text": "documents"}[kind]
        if project.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [target_id]).fetchone() is None:
            raise NotFoundError(f"no {'document' if kind == 'text' else kind} with id {target_id}")
    if span is not None:
        check_span(project, target_id, span)
    now = utc_now()
    values = {"document_id": None, "code_id": None, "segment_id": None}
    if kind in _TARGET_COLUMN:
        values[_TARGET_COLUMN[kind]] = target_id
    start, end = span if span is not None else (None, None)
    with project.transaction(f"add {'in-text' if kind == 'text' else kind} memo", actor):
        cursor = project.db.execute(
            """INSERT INTO memos (guid, kind, document_id, code_id, segment_id, title, text,
                   author_id, created, modified, start, "end")
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [guid or new_guid(), kind, *values.values(), title, text, author_id, now, now,
             start, end],
        )
    return get_memo(project, cursor.lastrowid)


def check_span(project: Project, document_id: int, span: tuple[int, int]) -> None:
    """Raise :class:`InputError` unless ``span`` = ``(start, end)`` lies in the document's
    text (``0 <= start <= end <= characters``)."""
    start, end = span
    characters = project.db.execute("SELECT characters FROM documents WHERE id = ?",
                                    [document_id]).fetchone()[0]
    if not 0 <= start <= end <= characters:
        raise InputError(f"position [{start}, {end}) is outside the document's text "
                         f"(0..{characters} characters)")


def line_span(project: Project, document_id: int, line: int) -> tuple[int, int]:
    """``(start, end)`` of 1-based ``line`` of the document (its LF excluded), in code points:
    where an in-text memo set on that line is anchored. Raises :class:`NotFoundError` for an
    unknown document, :class:`InputError` for a line the text does not have."""
    found = project.db.execute("SELECT text FROM documents WHERE id = ?",
                               [document_id]).fetchone()
    if found is None:
        raise NotFoundError(f"no document with id {document_id}")
    index = LineIndex(found[0])
    if not 1 <= line <= index.line_count:
        raise InputError(f"line {line} is outside the document (1..{index.line_count})")
    return index.line_start(line), index.line_end(line)


def text_memos(project: Project, document_id: int) -> list[Memo]:
    """The in-text memos of one document in text order (by ``start``, then age)."""
    return [Memo(**r) for r in project.db.query(
        _SELECT + " WHERE m.kind = 'text' AND m.document_id = ? ORDER BY m.start, m.id",
        [document_id])]


def get_memo(project: Project, memo_id: int) -> Memo:
    """The memo with this id; raises :class:`NotFoundError`."""
    rows = list(project.db.query(_SELECT + " WHERE m.id = ?", [memo_id]))
    if not rows:
        raise NotFoundError(f"no memo with id {memo_id}")
    return Memo(**rows[0])


def list_memos(project: Project, kind: str | None = None, target_id: int | None = None) -> list[Memo]:
    """Memos, optionally of one kind and target, oldest first."""
    where, params = [], []
    if kind is not None:
        where.append("m.kind = ?")
        params.append(kind)
        if target_id is not None and kind in _TARGET_COLUMN:
            where.append(f"m.{_TARGET_COLUMN[kind]} = ?")
            params.append(target_id)
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY m.id"
    return [Memo(**r) for r in project.db.query(sql, params)]


def update_memo(
    project: Project, memo_id: int, *, text: str | None = None, title: str | None = None,
    actor: str | None = None,
) -> Memo:
    """Change a memo's text and/or title."""
    memo = get_memo(project, memo_id)
    with project.transaction(f"edit memo {memo_id}", actor):
        project.db.execute(
            "UPDATE memos SET text = ?, title = ?, modified = ? WHERE id = ?",
            [memo.text if text is None else text, memo.title if title is None else title,
             utc_now(), memo_id],
        )
    return get_memo(project, memo_id)


def delete_memo(project: Project, memo_id: int, actor: str | None = None) -> None:
    """Delete a memo."""
    get_memo(project, memo_id)
    with project.transaction(f"delete memo {memo_id}", actor):
        project.db.execute("DELETE FROM memos WHERE id = ?", [memo_id])
