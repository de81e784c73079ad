"""Code matrix (MAXQDA: *Code Matrix Browser*): codes x documents, document groups or values
of a document variable.

Built on :func:`qualcode.analysis.frequencies.code_frequencies`, so the matrix, the
frequency table and the crosstab always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qualcode.analysis.frequencies import code_frequencies, column_documents
from qualcode.domain.errors import InputError, NotFoundError
from qualcode.domain.models import Segment
from qualcode.store.codes import load_codes
from qualcode.store.project import Project
from qualcode.store.segments import SegmentFilter, query_segments

VALUE_KINDS = ("count", "presence", "row-percent", "column-percent")
UNITS = ("segments", "documents")


@dataclass(frozen=True)
class MatrixRow:
    """A code as a matrix row: id, CODEPATH, name, depth (0 = top level), colour ``#RRGGBB``."""

    code_id: int
    path: str
    name: str
    depth: int
    color: str


@dataclass(frozen=True)
class MatrixColumn:
    """A column: its label (document name, group name or variable value) and ``n``, the
    number of documents it holds."""

    label: str
    documents: int


@dataclass(frozen=True)
class CodeMatrix:
    """``counts[i][j]``: coded segments (``unit="segments"``) or documents (``"documents"``,
    each document counted once) of row ``i`` in column ``j``; ``values[i][j]`` the cell as
    asked (``value_kind``): the count, presence (1/0), or a row or column percentage to one
    decimal (``None`` when the row or column total is 0).

    Row totals sum a row over the columns. Column totals sum a column over the rows, without
    counting a segment twice: with ``rollup`` over the top-level rows only (their counts
    include their subcodes'), otherwise over all rows.
    """

    rows: list[MatrixRow]
    columns: list[MatrixColumn]
    counts: list[list[int]]
    values: list[list[float | int | None]]
    by: str
    value_kind: str
    unit: str
    rollup: bool
    coder: str | None
    documents: int
    row_totals: list[int]
    column_totals: list[int]
    #: The coders whose segments are counted (see :mod:`qualcode.analysis.coder_scope`).
    coders: tuple[str, ...] = ()

    def max_count(self) -> int:
        """The largest cell count (for scaling symbols), 0 for an empty matrix."""
        return max((c for row in self.counts for c in row), default=0)


def _percent(count: int, total: int) -> float | None:
    return round(100.0 * count / total, 1) if total else None


def check_choice(value: str, choices: tuple[str, ...], what: str) -> None:
    """Raise :class:`InputError` unless ``value`` is one of ``choices``."""
    if value not in choices:
        raise InputError(f"unknown {what} {value!r} (one of {', '.join(choices)})")


def code_matrix(
    project: Project,
    *,
    by: str = "document",
    values: str = "count",
    unit: str = "segments",
    rollup: bool = False,
    coder: str | None = None,
    groups: Sequence[str] | None = None,
    sets: Sequence[str] | None = None,
) -> CodeMatrix:
    """The code matrix of the project.

    ``by``: ``document``, ``group`` or a document variable. ``values``: see
    :data:`VALUE_KINDS`. ``unit``: ``segments`` counts coded segments, ``documents`` counts
    each document once (with ``by=document`` both give presence-like 0/1 for documents).
    ``groups``/``sets``: only documents of these document groups and sets (numbers and n).
    ``rollup``: parents include their subcodes' segments. ``coder``: only this coder's
    segments. Rows in code-system order; columns as
    :func:`qualcode.analysis.frequencies.column_documents`.
    Raises :class:`InputError`/:class:`NotFoundError` for unknown choices, variables, coders.
    """
    check_choice(values, VALUE_KINDS, "matrix values")
    check_choice(unit, UNITS, "count unit")
    table = code_frequencies(project, rollup=rollup, coder=coder, by=by, groups=groups,
                             sets=sets)
    _, codes = load_codes(project)
    columns = [MatrixColumn(label, n) for label, n in table.columns.items()]
    rows: list[MatrixRow] = []
    counts: list[list[int]] = []
    for row in table.rows:
        rows.append(MatrixRow(row.code_id, row.path, row.name, row.depth,
                              codes[row.code_id].color))
        counts.append([row.columns[c.label].segments if unit == "segments"
                       else row.columns[c.label].documents for c in columns])
    row_totals = [sum(r) for r in counts]
    counted = [i for i, r in enumerate(rows) if not rollup or r.depth == 0]
    column_totals = [sum(counts[i][j] for i in counted) for j in range(len(columns))]
    cells: list[list[float | int | None]] = []
    for i, line in enumerate(counts):
        if values == "count":
            cells.append(list(line))
        elif values == "presence":
            cells.append([1 if c else 0 for c in line])
        elif values == "row-percent":
            cells.append([_percent(c, row_totals[i]) for c in line])
        else:
            cells.append([_percent(c, column_totals[j]) for j, c in enumerate(line)])
    return CodeMatrix(rows, columns, counts, cells, by, values, unit, rollup, coder,
                      table.documents, row_totals, column_totals, table.coders)


def matrix_cell_segments(
    project: Project,
    code_path: str,
    column: str,
    *,
    by: str = "document",
    rollup: bool = False,
    coder: str | None = None,
    groups: Sequence[str] | None = None,
    sets: Sequence[str] | None = None,
) -> list[Segment]:
    """The coded segments behind one cell: segments of ``code_path`` (with its subcodes when
    ``rollup``) in the documents of column ``column``, in document order.

    ``groups``/``sets``: only documents of these document groups and sets. Raises
    :class:`NotFoundError` for an unknown code, column, group or set.
    """
    tree, _ = load_codes(project)
    code_id = tree.resolve(code_path)
    ids = (code_id, *tree.descendants(code_id)) if rollup else (code_id,)
    columns = column_documents(project, by, groups, sets)
    if column not in columns:
        raise NotFoundError(f"no column {column!r} for --by {by} "
                            f"(columns: {', '.join(columns) or 'none'})")
    return query_segments(project, SegmentFilter(code_ids=ids,
                                                 document_ids=tuple(columns[column]),
                                                 coder=coder))
