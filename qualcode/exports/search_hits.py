"""Hits of a lexical search as a file: CSV (the keys of ``qualcode search --format csv``),
Markdown (a keyword-in-context table) and XLSX."""

from __future__ import annotations

import csv
import io

from qualcode.analysis.search import SearchHit
from qualcode.exports.formula_escape import csv_row
from qualcode.exports.markdown_text import table
from qualcode.exports.workbooks import append_row, workbook_bytes

FORMATS = ("xlsx", "csv", "md")
#: CSV header keys (a scripting contract), as ``qualcode search --format csv`` prints them.
COLUMNS = ("document", "line", "start", "end", "speaker", "text", "context")
_TITLES = ("Dokument", "Zeile", "Start", "Ende", "Sprecher*in", "Treffer", "Kontext")


def _row(hit: SearchHit) -> list[object]:
    return [hit.document, hit.line, hit.start, hit.end, hit.speaker or "", hit.text,
            hit.context]


def to_csv(hits: list[SearchHit]) -> str:
    """The :data:`COLUMNS` header and one row per hit; text that a spreadsheet would run as
    a formula starts with ``'`` (:mod:`qualcode.exports.formula_escape`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(csv_row(_row(h)) for h in hits)
    return buffer.getvalue()


def to_markdown(hits: list[SearchHit]) -> str:
    """``| Dokument | Z. | left | **hit** | right |`` per hit."""
    def cell(text: str) -> str:
        return " ".join(text.split())

    rows = [[cell(hit.document), hit.line, cell(hit.left), f"**{cell(hit.text)}**",
             cell(hit.right)] for hit in hits]
    lines = table(["Dokument", "Z.", "", "Treffer", ""], rows,
                  ["", "right", "right", "center", ""])
    return "\n".join(lines) + "\n"


def to_xlsx(hits: list[SearchHit]) -> bytes:
    """One sheet, a bold header row, one row per hit; text cells are always strings (text
    starting with ``=`` is never a formula, :mod:`qualcode.exports.workbooks`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Suche"
    append_row(sheet, _TITLES)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for hit in hits:
        append_row(sheet, _row(hit))
    sheet.column_dimensions["G"].width = 90
    sheet.freeze_panes = "A2"
    return workbook_bytes(book)


def render(hits: list[SearchHit], fmt: str) -> bytes:
    """The hits in ``fmt`` (:data:`FORMATS`) as bytes."""
    if fmt == "csv":
        return to_csv(hits).encode("utf-8")
    if fmt == "md":
        return to_markdown(hits).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(hits)
    raise ValueError(f"unknown format {fmt!r}")
