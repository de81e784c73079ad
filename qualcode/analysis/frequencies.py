"""Code frequencies: coded segments and documents per code, optionally split by a document
group or a document variable (MAXQDA: *Code Frequencies*)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from qualcode.analysis.coder_scope import coder_scope
from qualcode.domain.errors import NotFoundError
from qualcode.store.codes import load_codes
from qualcode.store.document_scope import checked_condition
from qualcode.store.project import Project

NO_VALUE = "(no value)"


@dataclass(frozen=True)
class Cell:
    """Counts for one code in one column: segments, documents, and documents as a percentage
    of the column's documents (``None`` when the column has no documents)."""

    segments: int
    documents: int
    percent: float | None


@dataclass(frozen=True)
class FrequencyRow:
    """One code: its path, depth (0 = top level), totals, one :class:`Cell` per column and
    the code's colour (``#RRGGBB``, for charts)."""

    code_id: int
    path: str
    name: str
    depth: int
    total: Cell
    columns: dict[str, Cell] = field(default_factory=dict)
    color: str = "#808080"


@dataclass(frozen=True)
class FrequencyTable:
    """Rows in code-system order; ``columns`` maps each split value to its number of documents."""

    rows: list[FrequencyRow]
    documents: int
    split_by: str | None
    columns: dict[str, int]
    rollup: bool
    coder: str | None
    #: The coders whose segments are counted (see :mod:`qualcode.analysis.coder_scope`).
    coders: tuple[str, ...] = ()


def _percent(count: int, total: int) -> float | None:
    return round(100.0 * count / total, 1) if total else None


def _split_expression(project: Project, by: str | None) -> tuple[str, str, list]:
    """SQL (join, value expression, params) assigning each document its split value."""
    if by is None:
        return "", "NULL", []
    if by == "group":
        return "LEFT JOIN document_groups g ON g.id = d.group_id", "g.name", []
    if by == "document":
        return "", "d.name", []
    row = project.db.execute("SELECT id, type FROM variables WHERE name = ?", [by]).fetchone()
    if row is None:
        known = [r[0] for r in project.db.execute("SELECT name FROM variables ORDER BY position")]
        raise NotFoundError(
            f"no document variable {by!r} (use 'group' or one of: {', '.join(known) or 'none'})"
        )
    # Booleans are stored as 1/0; label their columns as the user wrote them.
    value = ("CASE dv.value WHEN 1 THEN 'true' WHEN 0 THEN 'false' END"
             if row[1] == "boolean" else "dv.value")
    return ("LEFT JOIN document_variables dv ON dv.document_id = d.id AND dv.variable_id = ?",
            value, [row[0]])


def _group_scope(project: Project, groups: Sequence[str] | None,
                 sets: Sequence[str] | None = None) -> tuple[str, list]:
    """SQL condition on ``d`` (documents) keeping only the named document groups and sets
    (see :mod:`qualcode.store.document_scope`).

    Raises :class:`NotFoundError` for an unknown group or set.
    """
    return checked_condition(project, groups, sets)


def column_documents(project: Project, by: str | None,
                     groups: Sequence[str] | None = None,
                     sets: Sequence[str] | None = None) -> dict[str, list[int]]:
    """The columns of a split and the ids of their documents, in column order.

    ``by``: ``"document"`` (one column per document, in document order), ``"group"``
    (groups in their order), or a document variable (values sorted, numbers numerically);
    documents without a value form the column :data:`NO_VALUE`, last. ``None``: no columns.
    ``groups``/``sets``: only documents of these document groups and sets. Raises
    :class:`NotFoundError` for an unknown variable, group or set.
    """
    if by is None:
        return {}
    join, value, params = _split_expression(project, by)
    scope, scope_params = _group_scope(project, groups, sets)
    extra = ", g.position" if by == "group" else ", NULL"
    rows = project.db.execute(
        f"""SELECT {value}{extra}, d.id FROM documents d {join}
            {"" if by == "group" else "LEFT JOIN document_groups g ON g.id = d.group_id"}
            WHERE 1 {scope}
            ORDER BY coalesce(g.position, 0), d.position, d.id""",
        [*params, *scope_params]).fetchall()
    columns: dict[str, list[int]] = {}
    order: dict[str, tuple] = {}
    for index, (raw, position, document_id) in enumerate(rows):
        label = _label(raw)
        columns.setdefault(label, []).append(document_id)
        if label not in order:
            if raw is None:
                order[label] = (2, 0, "")
            elif by == "document":
                order[label] = (0, index, "")
            elif by == "group":
                order[label] = (0, position or 0, label)
            elif isinstance(raw, (int, float)):
                order[label] = (0, raw, "")
            else:
                order[label] = (1, 0, label)
    return {label: columns[label] for label in sorted(columns, key=order.__getitem__)}


def code_frequencies(
    project: Project,
    *,
    rollup: bool = False,
    coder: str | None = None,
    by: str | None = None,
    groups: Sequence[str] | None = None,
    sets: Sequence[str] | None = None,
) -> FrequencyTable:
    """Count coded segments and documents per code.

    ``rollup``: a parent code also counts its subcodes' segments (a document counts once).
    ``coder``: only this coder's segments (default: every coder's). ``by``: ``"group"``,
    ``"document"`` or a document variable name; adds one column per value, in the order of
    :func:`column_documents`. ``groups``: only documents of these document groups (in
    numerators and denominators); ``sets``: only documents of these document sets (both
    restrict). Percentages are of all documents in the selection (or in
    the column), coded or not, to one decimal.
    """
    join, value, params = _split_expression(project, by)
    scope, scope_params = _group_scope(project, groups, sets)
    tree, codes = load_codes(project)
    coder_clause = ""
    coder_params: list = []
    if coder is not None:
        row = project.db.execute("SELECT id FROM coders WHERE name = ?", [coder]).fetchone()
        if row is None:
            raise NotFoundError(f"no coder {coder!r}")
        coder_clause = "AND s.coder_id = ?"
        coder_params = [row[0]]
    code_map = (
        """WITH RECURSIVE up(code_id, counted_as) AS (
               SELECT id, id FROM codes
               UNION ALL
               SELECT up.code_id, c.parent_id FROM up JOIN codes c ON c.id = up.counted_as
               WHERE c.parent_id IS NOT NULL)"""
        if rollup else
        "WITH up(code_id, counted_as) AS (SELECT id, id FROM codes)"
    )
    # Count per (document, code) first: that streams over the unique index (document_id,
    # code_id, coder_id, start, end), which covers every column needed. Only these rows (at
    # most documents x codes) are then mapped to counted codes and split values; CROSS JOIN
    # keeps SQLite from driving the join from ``up`` through one row look-up per segment.
    documents_join = "JOIN documents d ON d.id = p.document_id" if by or scope else ""
    distinct = "count(DISTINCT p.document_id)" if rollup else "count(*)"
    sql = f"""{code_map},
        per_document(document_id, code_id, n) AS (
            SELECT s.document_id, s.code_id, count(*) FROM segments s
            WHERE 1 {coder_clause} GROUP BY s.document_id, s.code_id)
        SELECT up.counted_as AS code_id, {value} AS split, sum(p.n) AS segments,
               {distinct} AS documents
        FROM per_document p
        CROSS JOIN up ON up.code_id = p.code_id
        {documents_join}
        {join}
        WHERE 1 {scope}
        GROUP BY up.counted_as, split"""
    counts: dict[int, dict[str | None, tuple[int, int]]] = {}
    for code_id, split, segments, documents in project.db.execute(
        sql, [*coder_params, *params, *scope_params]
    ):
        counts.setdefault(code_id, {})[split] = (segments, documents)

    if by is None:
        column_docs = {NO_VALUE: project.db.execute(
            f"SELECT count(*) FROM documents d WHERE 1 {scope}", scope_params).fetchone()[0]}
    else:
        column_docs = {label: len(ids)
                       for label, ids in column_documents(project, by, groups, sets).items()}
    all_documents = sum(column_docs.values())
    # A document has exactly one split value (its group, its name, its value of the variable,
    # or none), so the columns partition the documents and the totals are their sums.
    overall = {
        code_id: (sum(n for n, _ in per.values()), sum(d for _, d in per.values()))
        for code_id, per in counts.items()
    }

    ordered_columns = column_docs
    rows = []
    for code_id in tree.walk():
        segments, documents = overall.get(code_id, (0, 0))
        cells = {}
        if by is not None:
            per = {_label(k): v for k, v in counts.get(code_id, {}).items()}
            for column, n in ordered_columns.items():
                s, d = per.get(column, (0, 0))
                cells[column] = Cell(s, d, _percent(d, n))
        code = codes[code_id]
        rows.append(FrequencyRow(code_id, code.path, code.name, code.depth,
                                 Cell(segments, documents, _percent(documents, all_documents)),
                                 cells, code.color))
    coded_by = coder_scope(project, coder, groups=groups).coders
    return FrequencyTable(rows, all_documents, by, ordered_columns if by else {}, rollup, coder,
                          coded_by)


def _label(value: object) -> str:
    if value is None:
        return NO_VALUE
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
