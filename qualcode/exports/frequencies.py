"""Frequency tables as CSV, XLSX and Markdown."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from qualcode.analysis.frequencies import FrequencyTable
from qualcode.exports.files import write_atomically
from qualcode.exports.formula_escape import csv_row
from qualcode.exports.labels import coder_note, column_label, format_percent, labels
from qualcode.exports.markdown_text import inline, tree_name
from qualcode.exports.markdown_text import table as markdown_table
from qualcode.exports.workbooks import append_row, fit_columns, workbook_bytes

FORMATS = ("csv", "xlsx", "md", "png", "svg")
MEASURES = ("segments", "documents")


def csv_rows(table: FrequencyTable) -> list[list[object]]:
    """Header plus one row per code.

    Columns: ``code``, ``depth``, ``segments``, ``documents``, ``documents_percent``, then for
    each split value ``V``: ``segments[V]``, ``documents[V]``, ``documents_percent[V]``.
    """
    header: list[object] = ["code", "depth", "segments", "documents", "documents_percent"]
    for column in table.columns:
        header += [f"segments[{column}]", f"documents[{column}]", f"documents_percent[{column}]"]
    rows = [header]
    for row in table.rows:
        line: list[object] = [row.path, row.depth, row.total.segments, row.total.documents,
                              "" if row.total.percent is None else row.total.percent]
        for column in table.columns:
            cell = row.columns[column]
            line += [cell.segments, cell.documents, "" if cell.percent is None else cell.percent]
        rows.append(line)
    return rows


def to_csv(table: FrequencyTable) -> str:
    """CSV text (RFC 4180, comma-separated, ``\\r\\n`` line ends as the csv module writes);
    text that a spreadsheet would run as a formula starts with ``'``
    (:mod:`qualcode.exports.formula_escape`)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(csv_row(row) for row in csv_rows(table))
    return buffer.getvalue()


def _title(table: FrequencyTable, language: str) -> str:
    words = labels(language)
    parts = [f"{words['documents_n']}: n = {table.documents}",
             coder_note(table.coder, table.coders, language)]
    if table.rollup:
        parts.append(words["rollup"])
    return "; ".join(parts)


def to_markdown(table: FrequencyTable, language: str = "de") -> str:
    """A Markdown table; subcodes after one ``·`` per level; n of documents in the column
    headers."""
    words = labels(language)
    header = [words["code"], words["segments"], words["documents"], words["percent"]]
    if table.columns:
        header = [words["code"], f"{words['total']} (n = {table.documents}): {words['segments']}",
                  words["documents"], "%"]
        for column, n in table.columns.items():
            shown = column_label(column, language)
            header += [f"{shown} (n = {n}): {words['segments']}", words["documents"], "%"]
    rows = []
    for row in table.rows:
        cells = [tree_name(row.name, row.depth), str(row.total.segments),
                 str(row.total.documents), format_percent(row.total.percent, language)]
        for column in table.columns:
            cell = row.columns[column]
            cells += [str(cell.segments), str(cell.documents),
                      format_percent(cell.percent, language)]
        rows.append(cells)
    lines = [f"# {words['frequencies']}", "", f"_{inline(_title(table, language))}_", "",
             *markdown_table(header, rows)]
    return "\n".join(lines) + "\n"


def to_xlsx(table: FrequencyTable, language: str = "de") -> bytes:
    """An Excel workbook (openpyxl) with one sheet of counts, numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    words = labels(language)
    book = Workbook()
    sheet = book.active
    sheet.title = words["frequencies"][:31]
    append_row(sheet, [_title(table, language)])
    header = [words["code"], words["segments"], words["documents"], words["percent"]]
    for column, n in table.columns.items():
        shown = column_label(column, language)
        header += [f"{shown} (n = {n}): {words['segments']}",
                   f"{shown}: {words['documents']}", f"{shown}: %"]
    append_row(sheet, header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table.rows:
        values: list[object] = [row.path, row.total.segments, row.total.documents,
                                row.total.percent]
        for column in table.columns:
            cell = row.columns[column]
            values += [cell.segments, cell.documents, cell.percent]
        append_row(sheet, values)
        sheet.cell(sheet.max_row, 1).alignment = Alignment(indent=row.depth)
        if row.depth == 0:
            sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 48
    fit_columns(sheet, header_row=2)
    sheet.freeze_panes = "B3"
    return workbook_bytes(book)


def to_chart(table: FrequencyTable, fmt: str, language: str = "de",
             measure: str = "segments") -> bytes:
    """A bar per code in the code's colour, labelled with its count of coded segments
    (``measure="segments"``) or documents; ``n`` of documents in the title. PNG or SVG."""
    from qualcode.exports.analysis_labels import words
    from qualcode.exports.charts import Bar, bar_chart

    w = words(language)
    bars = [Bar(row.name, getattr(row.total, measure), row.color, row.depth)
            for row in table.rows]
    title = (f"{w['chart_frequencies'] if measure == 'segments' else w['chart_documents']} "
             f"({w['documents_n']}: n = {table.documents}; "
             + coder_note(table.coder, table.coders, language)
             + (f"; {w['rollup']})" if table.rollup else ")"))
    return bar_chart(bars, title, w["segments"] if measure == "segments" else w["documents"],
                     fmt)


def render(table: FrequencyTable, fmt: str, language: str = "de") -> bytes:
    """The table in ``fmt`` (csv, xlsx, md; png or svg: :func:`to_chart`) as bytes."""
    if fmt in ("png", "svg"):
        return to_chart(table, fmt, language)
    if fmt == "csv":
        return to_csv(table).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(table, language)
    if fmt == "md":
        return to_markdown(table, language).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")


def write(table: FrequencyTable, path: Path, fmt: str, language: str = "de") -> None:
    """Write the table to ``path`` atomically."""
    write_atomically(path, render(table, fmt, language))
