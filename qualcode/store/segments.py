"""Coded segments: ``[start, end)`` in 0-based code points of a document's stored text."""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from qualcode.domain.errors import ConflictError, InputError, NotFoundError
from qualcode.domain.lines import LineIndex
from qualcode.domain.models import Code, Coder, Document, Segment
from qualcode.domain.spans import check_span
from qualcode.domain.text import find_occurrences, normalize_text
from qualcode.store.coded_spans import CodedSpans
from qualcode.store.codes import load_codes
from qualcode.store.document_scope import check_sets, scope_condition
from qualcode.store.documents import document_text, document_turns
from qualcode.store.project import Project, new_guid, utc_now


@dataclass(frozen=True)
class SegmentFilter:
    """Which coded segments to retrieve; ``None`` means no restriction.

    ``code_ids`` are matched exactly: expand them with subcodes before (see
    :func:`code_ids_for`).
    """

    code_ids: tuple[int, ...] | None = None
    document_ids: tuple[int, ...] | None = None
    group: str | None = None
    coder: str | None = None
    #: Only segments in documents of one of these document sets.
    sets: tuple[str, ...] | None = None
    segment_ids: tuple[int, ...] | None = None
    #: Only segments weighing at least this much (0..100).
    min_weight: int | None = None
    #: Only segments with a non-empty comment.
    commented: bool = False
    #: ``document`` (document order, then position), ``code`` (code-system order, then
    #: document order) or ``weight`` (heaviest first, then document order).
    order: str = "document"
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class SegmentSpan:
    """A coded segment without its context, for drawing: ``[start, end)`` in code points."""

    id: int
    code_id: int
    coder: str
    start: int
    end: int
    comment: str
    weight: int
    anchor: bool


def code_ids_for(project: Project, paths: Iterable[str], subcodes: bool = True) -> tuple[int, ...]:
    """Ids of the codes at ``paths`` and, with ``subcodes``, of all codes below them."""
    tree, _ = load_codes(project)
    ids: list[int] = []
    for path in paths:
        code_id = tree.resolve(path)
        ids.append(code_id)
        if subcodes:
            ids.extend(tree.descendants(code_id))
    return tuple(dict.fromkeys(ids))


def add_segment(
    project: Project,
    document: Document,
    code: Code,
    coder: Coder,
    start: int,
    end: int,
    *,
    comment: str = "",
    weight: int = 0,
    guid: str | None = None,
    actor: str | None = None,
) -> int:
    """Code ``[start, end)`` of ``document`` with ``code`` as ``coder``; returns the segment id.

    Raises :class:`InputError` for a span outside the text or a weight outside 0..100 and
    :class:`ConflictError` when the coder already coded exactly this span with this code.
    """
    check_span(start, end, document.characters)
    if not 0 <= weight <= 100:
        raise InputError(f"weight {weight} outside 0..100")
    now = utc_now()
    try:
        with project.transaction(f"code {document.name} [{start}, {end}) with {code.path}",
                                 actor or coder.name):
            cursor = project.db.execute(
                """INSERT INTO segments (guid, document_id, code_id, coder_id, start, "end",
                       comment, weight, created, modified)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [guid or new_guid(), document.id, code.id, coder.id, start, end, comment,
                 weight, now, now],
            )
    except sqlite3.IntegrityError as error:
        if "UNIQUE" in str(error):
            raise ConflictError(
                f"{coder.name} already coded [{start}, {end}) of {document.name} with {code.path}"
            ) from None
        raise
    return cursor.lastrowid


def locate(project: Project, document: Document, match: str) -> tuple[int, int]:
    """Span of the one occurrence of ``match`` (NFC-normalised) in the document.

    Raises :class:`NotFoundError` when it does not occur and :class:`ConflictError` listing
    the occurrences (line and offset) when it occurs more than once.
    """
    needle = normalize_text(match)
    if not needle.strip():
        raise InputError("--match text must not be empty")
    text = document_text(project, document.id)
    hits = find_occurrences(text, needle)
    if not hits:
        raise NotFoundError(f"text not found in {document.name}: {match[:60]!r}")
    if len(hits) > 1:
        lines = LineIndex(text)
        where = ", ".join(f"line {lines.line_of(h)} (offset {h})" for h in hits[:10])
        more = f" and {len(hits) - 10} more" if len(hits) > 10 else ""
        raise ConflictError(
            f"text occurs {len(hits)} times in {document.name}: {where}{more}; "
            "make it longer or use --start/--end"
        )
    return hits[0], hits[0] + len(needle)


def remove_segment(project: Project, segment_id: int, actor: str | None = None) -> Segment:
    """Delete a coded segment (and its segment memos); returns what was deleted."""
    segment = get_segment(project, segment_id)
    with project.transaction(f"uncode segment {segment_id}", actor):
        project.db.execute("DELETE FROM memos WHERE segment_id = ?", [segment_id])
        project.db.execute("DELETE FROM segments WHERE id = ?", [segment_id])
    return segment


def update_segment(
    project: Project,
    segment_id: int,
    *,
    start: int | None = None,
    end: int | None = None,
    code_id: int | None = None,
    comment: str | None = None,
    weight: int | None = None,
    anchor: bool | None = None,
    actor: str | None = None,
) -> Segment:
    """Change boundaries, code, comment, weight or the anchor-example flag of a segment."""
    segment = get_segment(project, segment_id)
    new_start = segment.start if start is None else start
    new_end = segment.end if end is None else end
    characters = project.db.execute(
        "SELECT characters FROM documents WHERE id = ?", [segment.document_id]).fetchone()[0]
    check_span(new_start, new_end, characters)
    if weight is not None and not 0 <= weight <= 100:
        raise InputError(f"weight {weight} outside 0..100")
    changes = {
        "start": new_start, "end": new_end,
        "code_id": segment.code_id if code_id is None else code_id,
        "comment": segment.comment if comment is None else comment,
        "weight": segment.weight if weight is None else weight,
        "anchor": int(segment.anchor if anchor is None else anchor),
    }
    try:
        with project.transaction(f"edit segment {segment_id}", actor):
            project.db.execute(
                """UPDATE segments SET start = ?, "end" = ?, code_id = ?, comment = ?,
                       weight = ?, anchor = ?, modified = ? WHERE id = ?""",
                [*changes.values(), utc_now(), segment_id],
            )
    except sqlite3.IntegrityError as error:
        if "UNIQUE" in str(error):
            raise ConflictError("an identical coded segment already exists") from None
        raise
    return get_segment(project, segment_id)


def get_segment(project: Project, segment_id: int) -> Segment:
    """One coded segment with its context; raises :class:`NotFoundError`."""
    found = query_segments(project, SegmentFilter(segment_ids=(segment_id,)))
    if not found:
        raise NotFoundError(f"no coded segment with id {segment_id}")
    return found[0]


def _in(column: str, values: tuple, where: list[str], params: list) -> None:
    where.append(f"{column} IN ({','.join('?' * len(values))})")
    params.extend(values)


def _where(flt: SegmentFilter) -> tuple[str, list]:
    where: list[str] = []
    params: list = []
    if flt.code_ids is not None:
        _in("s.code_id", flt.code_ids, where, params)
    if flt.document_ids is not None:
        _in("s.document_id", flt.document_ids, where, params)
    if flt.segment_ids is not None:
        _in("s.id", flt.segment_ids, where, params)
    if flt.group is not None:
        where.append("g.name = ?")
        params.append(flt.group)
    if flt.coder is not None:
        where.append("c.name = ?")
        params.append(flt.coder)
    if flt.min_weight is not None:
        where.append("s.weight >= ?")
        params.append(flt.min_weight)
    if flt.commented:
        where.append("trim(s.comment) != ''")
    if flt.sets:
        scope, scope_params = scope_condition(None, flt.sets, "s.document_id")
        where.append(scope.removeprefix(" AND "))
        params.extend(scope_params)
    return ("WHERE " + " AND ".join(where) if where else ""), params


_FROM = """FROM segments s
              JOIN documents d ON d.id = s.document_id
              LEFT JOIN document_groups g ON g.id = d.group_id
              JOIN coders c ON c.id = s.coder_id"""


_DOCUMENT_ORDER = 'coalesce(g.position, 0), d.position, s.start, s."end", s.id'
ORDERS = ("document", "code", "weight")


def _order_by(project: Project, order: str) -> str:
    """The ORDER BY terms of ``order`` (see :class:`SegmentFilter`); raises
    :class:`InputError` for an unknown order."""
    if order == "document":
        return _DOCUMENT_ORDER
    if order == "weight":
        return f"s.weight DESC, {_DOCUMENT_ORDER}"
    if order == "code":
        tree, _ = load_codes(project)
        # Code ids are integers from the project itself, so they can be spelled into the SQL.
        ranks = " ".join(f"WHEN {int(code_id)} THEN {rank}"
                         for rank, code_id in enumerate(tree.walk()))
        return f"CASE s.code_id {ranks} ELSE -1 END, {_DOCUMENT_ORDER}" if ranks \
            else _DOCUMENT_ORDER
    raise InputError(f"unknown order {order!r}: use {', '.join(ORDERS)}")


def count_segments(project: Project, flt: SegmentFilter = SegmentFilter()) -> int:
    """Number of coded segments matching ``flt`` (``limit``/``offset`` ignored); raises
    :class:`NotFoundError` for an unknown document set."""
    check_sets(project, flt.sets)
    where, params = _where(flt)
    return project.db.execute(f"SELECT count(*) {_FROM} {where}", params).fetchone()[0]


def document_segments(
    project: Project, document_id: int, coder: str | None = None
) -> list[SegmentSpan]:
    """All coded segments of one document (optionally one coder's), by start, for drawing."""
    sql = """SELECT s.id, s.code_id, c.name, s.start, s."end", s.comment, s.weight, s.anchor
             FROM segments s JOIN coders c ON c.id = s.coder_id WHERE s.document_id = ?"""
    params: list = [document_id]
    if coder is not None:
        sql += " AND c.name = ?"
        params.append(coder)
    sql += ' ORDER BY s.start, s."end", s.id'
    return [SegmentSpan(i, code, name, start, end, comment, weight, bool(anchor))
            for i, code, name, start, end, comment, weight, anchor in project.db.execute(sql, params)]


def query_segments(project: Project, flt: SegmentFilter = SegmentFilter()) -> list[Segment]:
    """Coded segments matching ``flt`` in ``flt.order`` (default: document order, then by
    position); a page of them when ``flt.limit`` is set.

    Each carries its text, 1-based line range and the start time of its speaker turn.
    Raises :class:`NotFoundError` for an unknown document set.
    """
    check_sets(project, flt.sets)
    where, params = _where(flt)
    page = ""
    if flt.limit is not None:
        page = " LIMIT ? OFFSET ?"
        params = [*params, flt.limit, flt.offset]
    sql = f"""SELECT s.id, s.guid, s.document_id, d.name AS document, g.name AS "group",
                     s.code_id, c.name AS coder, s.start, s."end", s.comment, s.weight,
                     s.anchor, s.created, s.modified
              {_FROM}
              {where}
              ORDER BY {_order_by(project, flt.order)}{page}"""
    rows = list(project.db.query(sql, params))
    if not rows:
        return []
    _, codes = load_codes(project)
    context: dict[int, tuple[str, LineIndex, list[int], list[int | None]]] = {}
    out = []
    for row in rows:
        doc_id = row["document_id"]
        if doc_id not in context:
            text = document_text(project, doc_id)
            turns = document_turns(project, doc_id)
            times = [t.start_ms if t.start_ms is not None else t.time_mark_ms for t in turns]
            context[doc_id] = (text, LineIndex(text), [t.start for t in turns], times)
        text, lines, turn_starts, times = context[doc_id]
        index = bisect_right(turn_starts, row["start"]) - 1
        line_start, line_end = lines.line_range(row["start"], row["end"])
        out.append(Segment(
            code=codes[row["code_id"]].path,
            text=text[row["start"]:row["end"]],
            line_start=line_start,
            line_end=line_end,
            time_ms=times[index] if index >= 0 else None,
            anchor=bool(row.pop("anchor")),
            **row,
        ))
    return out


def autocode_speaker(
    project: Project,
    code: Code,
    coder: Coder,
    speaker: str,
    documents: list[Document],
    actor: str | None = None,
) -> tuple[int, int]:
    """Code the speech of every turn of ``speaker`` in ``documents`` (one transaction).

    The segment spans the turn's body (label and time mark excluded). A turn lying inside a
    segment ``coder`` already coded with ``code`` is skipped. Returns
    ``(created, already_coded)``.
    """
    created = skipped = 0
    now = utc_now()
    existing = CodedSpans.load(project, code.id, coder.name)
    spans = []
    for document in documents:
        for turn in document_turns(project, document.id):
            if turn.speaker != speaker or turn.body_end <= turn.body_start:
                continue
            if existing.covers(document.id, turn.body_start, turn.body_end):
                skipped += 1
            else:
                spans.append((document.id, turn.body_start, turn.body_end))
    if not spans:  # nothing to code: no (empty) change in the log
        return created, skipped
    with project.transaction(f"autocode speaker {speaker} with {code.path}", actor or coder.name):
        for document_id, start, end in spans:
            cursor = project.db.execute(
                """INSERT OR IGNORE INTO segments (guid, document_id, code_id, coder_id,
                       start, "end", created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [new_guid(), document_id, code.id, coder.id, start, end, now, now],
            )
            if cursor.rowcount:
                created += 1
            else:
                skipped += 1
    return created, skipped


def add_segments(
    project: Project,
    code: Code,
    coder: Coder,
    spans: Iterable[tuple[int, int, int]],
    action: str,
    actor: str | None = None,
) -> tuple[list[int], int]:
    """Code many ``(document_id, start, end)`` spans with ``code`` as ``coder`` in ONE
    transaction (one undoable batch named ``action``).

    Spans are checked against their documents first, so bad input writes nothing. A span
    this coder already coded with this code is skipped. Returns ``(new segment ids,
    number skipped)``.
    """
    spans = list(spans)
    lengths = dict(project.db.execute("SELECT id, characters FROM documents").fetchall())
    for document_id, start, end in spans:
        if document_id not in lengths:
            raise NotFoundError(f"no document with id {document_id}")
        check_span(start, end, lengths[document_id])
    created: list[int] = []
    skipped = 0
    now = utc_now()
    with project.transaction(action, actor or coder.name):
        for document_id, start, end in spans:
            cursor = project.db.execute(
                """INSERT OR IGNORE INTO segments (guid, document_id, code_id, coder_id,
                       start, "end", created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [new_guid(), document_id, code.id, coder.id, start, end, now, now],
            )
            if cursor.rowcount:
                created.append(cursor.lastrowid)
            else:
                skipped += 1
    return created, skipped
