"""Code-by-column tables (code matrix, co-occurrence, crosstab) as JSON, CSV, Markdown, XLSX
and heatmaps.

Each analysis result is first turned into a :class:`Grid` (rows = codes, labelled columns,
cell values); every format is rendered from the grid, so all formats show the same numbers.
CSV and JSON use fixed keys (the scripting contract); Markdown, XLSX and charts print the
report's labels, with ``n`` of documents in the column headers.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from qualcode.analysis.cooccurrence import CooccurrenceMatrix
from qualcode.analysis.frequencies import FrequencyTable
from qualcode.analysis.matrix import CodeMatrix
from qualcode.exports.analysis_labels import words
from qualcode.exports.charts import heatmap
from qualcode.exports.formula_escape import csv_row
from qualcode.exports.labels import coder_note, format_percent
from qualcode.exports.markdown_text import inline, table, tree_name
from qualcode.exports.workbooks import append_row, fit_columns, workbook_bytes

GRID_FORMATS = ("json", "csv", "md", "xlsx", "png", "svg")
BINARY_FORMATS = ("xlsx", "png")
_BLOCKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class GridRow:
    """A row: ``key`` (CODEPATH, for CSV/JSON), display ``name``, ``depth``, ``color``."""

    key: str
    name: str
    depth: int
    color: str


@dataclass(frozen=True)
class Grid:
    """A labelled table of numbers; ``percent`` marks percentages (one decimal)."""

    title: str
    note: str
    rows: list[GridRow]
    column_keys: list[str]
    column_labels: list[str]
    values: list[list[float | int | None]]
    percent: bool = False
    #: More keys for the JSON form (after rows, columns, values).
    extra: dict = field(default_factory=dict)


def scaled_symbol(value: float | None, maximum: float) -> str:
    """A block ``▁..█`` whose height grows with ``value / maximum`` (empty for 0 or None),
    for drawing a matrix with scaled symbols in a terminal."""
    if not value or not maximum:
        return " "
    level = min(len(_BLOCKS) - 1, max(0, round(value / maximum * (len(_BLOCKS) - 1))))
    return _BLOCKS[level]


def _n(label: str, n: int) -> str:
    return f"{label} (n = {n})"


def matrix_grid(matrix: CodeMatrix, language: str = "de") -> Grid:
    """The code matrix as a grid; column headers ``value (n = documents)``."""
    w = words(language)
    unit = w["unit_segments"] if matrix.unit == "segments" else w["unit_documents"]
    parts = [f"{w['documents_n']}: n = {matrix.documents}", unit, w[matrix.value_kind],
             coder_note(matrix.coder, matrix.coders, language)]
    if matrix.rollup:
        parts.append(w["rollup"])
    by_document = matrix.by == "document"
    return Grid(
        title=w["matrix"],
        note="; ".join(parts),
        rows=[GridRow(r.path, r.name, r.depth, r.color) for r in matrix.rows],
        column_keys=[c.label for c in matrix.columns],
        column_labels=[c.label if by_document else _n(c.label, c.documents)
                       for c in matrix.columns],
        values=[list(v) for v in matrix.values],
        percent=matrix.value_kind.endswith("percent"),
    )


def cooccurrence_grid(matrix: CooccurrenceMatrix, language: str = "de") -> Grid:
    """The co-occurrence matrix as a grid, codes on both axes."""
    w = words(language)
    relation = (w["within_distance"].format(n=matrix.within.distance)
                if matrix.within.kind == "distance" else w[f"within_{matrix.within.kind}"])
    unit = w["unit_pairs"] if matrix.unit == "pairs" else w["unit_documents"]
    note = "; ".join([relation, unit, coder_note(matrix.coder, matrix.coders, language)])
    rows = [GridRow(r.path, r.name, r.depth, r.color) for r in matrix.codes]
    return Grid(w["cooccurrence"], note, rows, [r.path for r in matrix.codes],
                [r.name for r in matrix.codes], [list(v) for v in matrix.values])


CROSSTAB_COUNTS = ("segments", "documents", "both")


def crosstab_grid(table: FrequencyTable, count: str = "documents", percent: bool = False,
                  total: bool = True, language: str = "de") -> Grid:
    """A crosstab (codes x values of ``table.split_by``) as reports print it: per column
    ``value (n = documents)``, cells the coded segments ("Nennungen"), the documents (each
    counted once) or both; ``percent`` adds the documents as a percentage of ``n``.
    ``total`` puts the whole project first (``Gesamt (n = N)``)."""
    w = words(language)
    columns: list[tuple[str, int, str | None]] = []
    if total:
        columns.append((w["total"], table.documents, None))
    columns += [(label, n, label) for label, n in table.columns.items()]
    keys: list[str] = []
    labels: list[str] = []
    kinds = {"segments": ["segments"], "documents": ["documents"],
             "both": ["segments", "documents"]}[count]
    if percent:
        kinds = kinds + ["percent"]
    names = {"segments": w["mentions"], "documents": w["documents_with"],
             "percent": w["percent_of_n"]}
    for label, n, key in columns:
        for kind in kinds:
            field = {"segments": "segments", "documents": "documents",
                     "percent": "documents_percent"}[kind]
            keys.append(field if key is None else f"{field}[{key}]")
            header = _n(label, n)
            labels.append(header if len(kinds) == 1 else f"{header}: {names[kind]}")
    values: list[list[float | int | None]] = []
    for row in table.rows:
        line: list[float | int | None] = []
        for _, _, key in columns:
            cell = row.total if key is None else row.columns[key]
            for kind in kinds:
                line.append({"segments": cell.segments, "documents": cell.documents,
                             "percent": cell.percent}[kind])
        values.append(line)
    parts = [f"{w['documents_n']}: n = {table.documents}", f"{table.split_by or w['total']}",
             coder_note(table.coder, table.coders, language)]
    if table.rollup:
        parts.append(w["rollup"])
    extra = {"by": table.split_by, "documents": table.documents, "n": dict(table.columns)}
    return Grid(w["crosstab"], "; ".join(parts),
                [GridRow(r.path, r.name, r.depth, r.color) for r in table.rows],
                keys, labels, values, percent=False, extra=extra)


def to_json(grid: Grid) -> dict:
    """``{"rows": [CODEPATH...], "columns": [...], "values": [[...], ...]}`` (plus
    ``grid.extra``)."""
    return {"rows": [r.key for r in grid.rows], "columns": list(grid.column_keys),
            "values": [list(v) for v in grid.values], **grid.extra}


def to_csv(grid: Grid) -> str:
    """Header ``code`` + column keys, one row per code; empty cell for an undefined value.
    Text that a spreadsheet would run as a formula starts with ``'``
    (:mod:`qualcode.exports.formula_escape`); numbers are unchanged."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_row(["code", *grid.column_keys]))
    for row, values in zip(grid.rows, grid.values):
        writer.writerow(csv_row([row.key, *("" if v is None else v for v in values)]))
    return buffer.getvalue()


def format_value(value: float | None, language: str) -> str:
    """A cell as printed: integers as they are, percentages with one decimal (German
    decimal comma), ``–`` for an undefined value."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return format_percent(value, language)
    return str(value)


def to_markdown(grid: Grid, language: str = "de") -> str:
    """A Markdown table: subcodes after one ``·`` per level (top-level bold), the note in
    italics."""
    lines = [f"# {inline(grid.title)}", "", f"_{inline(grid.note)}_", "",
             *markdown_table(grid, language)]
    return "\n".join(lines) + "\n"


def markdown_table(grid: Grid, language: str = "de") -> list[str]:
    """The lines of the grid's Markdown table (no title); names and labels are escaped so
    every row stays one line (:func:`~qualcode.exports.markdown_text.table_cell`)."""
    w = words(language)
    header = [w["code"], *grid.column_labels]
    rows = [[tree_name(row.name, row.depth), *(format_value(v, language) for v in values)]
            for row, values in zip(grid.rows, grid.values)]
    return table(header, rows)


def to_xlsx(grid: Grid, language: str = "de") -> bytes:
    """One sheet: the note, a bold header row, codes indented by depth, numbers as numbers
    (percentages with one decimal)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    w = words(language)
    book = Workbook()
    sheet = book.active
    sheet.title = grid.title[:31]
    append_row(sheet, [grid.note])
    append_row(sheet, [w["code"], *grid.column_labels])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row, values in zip(grid.rows, grid.values):
        append_row(sheet, [row.name, *values])
        first = sheet.cell(sheet.max_row, 1)
        first.alignment = Alignment(indent=row.depth)
        if row.depth == 0:
            first.font = Font(bold=True)
        if grid.percent:
            for column in range(2, len(values) + 2):
                sheet.cell(sheet.max_row, column).number_format = "0.0"
    sheet.column_dimensions["A"].width = 44
    fit_columns(sheet, header_row=2)
    sheet.freeze_panes = "B3"
    return workbook_bytes(book)


def to_chart(grid: Grid, fmt: str) -> bytes:
    """The grid as a heatmap (PNG or SVG), rows in code colours."""
    return heatmap(["· " * r.depth + r.name for r in grid.rows], grid.column_labels,
                   grid.values, f"{grid.title}: {grid.note}", fmt,
                   row_colors=[r.color for r in grid.rows], percent=grid.percent)


def render(grid: Grid, fmt: str, language: str = "de") -> bytes:
    """The grid in ``fmt`` (:data:`GRID_FORMATS`) as bytes."""
    if fmt == "json":
        return (json.dumps(to_json(grid), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "csv":
        return to_csv(grid).encode("utf-8")
    if fmt == "md":
        return to_markdown(grid, language).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(grid, language)
    if fmt in ("png", "svg"):
        return to_chart(grid, fmt)
    raise ValueError(f"unknown format {fmt!r}")


def table_rows(grid: Grid, language: str = "de", symbols: bool = False) -> list[list[str]]:
    """Rows for a terminal table: indented code name, then each cell (with a scaled symbol
    before the number when ``symbols``)."""
    top = max((v for row in grid.values for v in row if v is not None), default=0)
    out = []
    for row, values in zip(grid.rows, grid.values):
        cells = []
        for value in values:
            text = format_value(value, language) if value is not None else "–"
            cells.append(f"{scaled_symbol(value, top)} {text}" if symbols else text)
        # A visible mark: tabulate strips leading (also no-break) spaces.
        out.append(["· " * row.depth + row.name, *cells])
    return out
