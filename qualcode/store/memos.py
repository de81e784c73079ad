"""Memos: free (project) memos and memos attached to a document, a code or a coded segment."""

from __future__ import annotations

from qualcode.domain.errors import InputError, NotFoundError
from qualcode.domain.models import Memo
from qualcode.store.project import Project, new_guid, utc_now

MEMO_KINDS = ("free", "project", "document", "code", "segment")

_SELECT = """SELECT m.id, m.guid, m.kind, m.document_id, m.code_id, m.segment_id, m.title,
                    m.text, c.name AS author, m.created, m.modified
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
) -> Memo:
    """Create a memo. ``target_id`` is the document, code or segment id for those kinds.

    Raises :class:`InputError` for an unknown kind or a missing target.
    """
    if kind not in MEMO_KINDS:
        raise InputError(f"unknown memo kind {kind!r} (one of {', '.join(MEMO_KINDS)})")
    if (kind in ("document", "code", "segment")) != (target_id is not None):
        raise InputError(f"a {kind} memo {'needs' if target_id is None else 'takes no'} target")
    columns = {"document": "document_id", "code": "code_id", "segment": "segment_id"}
    if kind in columns:
        table = {"document": "documents", "code": "codes", "segment": "segments"}[kind]
        if project.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [target_id]).fetchone() is None:
            raise NotFoundError(f"no {kind} with id {target_id}")
    now = utc_now()
    values = {"document_id": None, "code_id": None, "segment_id": None}
    if kind in columns:
        values[columns[kind]] = target_id
    with project.transaction(f"add {kind} memo", actor):
        cursor = project.db.execute(
            """INSERT INTO memos (guid, kind, document_id, code_id, segment_id, title, text,
                   author_id, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [guid or new_guid(), kind, *values.values(), title, text, author_id, now, now],
        )
    return get_memo(project, cursor.lastrowid)


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
        if target_id is not None and kind in ("document", "code", "segment"):
            where.append(f"m.{kind}_id = ?")
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
