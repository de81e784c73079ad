"""Hits of a lexical search as a file: CSV (the keys of ``qualcode search --format csv``),
Markdown (a keyword-in-context table) and XLSX."""

from __future__ import annotations

import csv
import io

from qualcode.analysis.search import SearchHit

FORMATS = ("xlsx", "csv", "md")
#: CSV header keys (a scripting contract), as ``qualcode search --format csv`` prints them.
COLUMNS = ("document", "line", "start", "end", "speaker", "text", "context")
_TITLES = ("Dokument", "Zeile", "Start", "Ende", "Sprecher*in", "Treffer", "Kontext")


def _row(hit: SearchHit) -> list[object]:
    return [hit.document, hit.line, hit.start, hit.end, hit.speaker or "", hit.text,
            hit.context]


def to_csv(hits: list[SearchHit]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(_row(h) for h in hits)
    return buffer.getvalue()


def to_markdown(hits: list[SearchHit]) -> str:
    """``| Dokument | Z. | left | **hit** | right |`` per hit."""
    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|")

    lines = ["| Dokument | Z. | | Treffer | |", "| --- | ---: | ---: | :---: | --- |"]
    for hit in hits:
        lines.append(f"| {cell(hit.document)} | {hit.line} | {cell(hit.left)} | "
                     f"**{cell(hit.text)}** | {cell(hit.right)} |")
    return "\n".join(lines) + "\n"


def to_xlsx(hits: list[SearchHit]) -> bytes:
    """One sheet, a bold header row, one row per hit; text cells are always strings (text
    starting with ``=`` is never a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Suche"
    sheet.append(list(_TITLES))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for hit in hits:
        sheet.append([None] * len(COLUMNS))
        line = sheet.max_row
        for index, value in enumerate(_row(hit), start=1):
            cell = sheet.cell(line, index)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"
            else:
                cell.value = value
    sheet.column_dimensions["G"].width = 90
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render(hits: list[SearchHit], fmt: str) -> bytes:
    """The hits in ``fmt`` (:data:`FORMATS`) as bytes."""
    if fmt == "csv":
        return to_csv(hits).encode("utf-8")
    if fmt == "md":
        return to_markdown(hits).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(hits)
    raise ValueError(f"unknown format {fmt!r}")
