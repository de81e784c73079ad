"""Coded segments as a table (as MAXQDA's "Export coded segments"): CSV and XLSX.

One row per coded segment in document order: document group, document, code, first and last
line (1-based, as in quote collections), time mark (f4 ``#hh:mm:ss-d#`` where the segment's
speaker turn starts), the coded text, coder, comment, weight and creation time.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

from qualcode.domain.models import Segment
from qualcode.domain.timemarks import format_f4_mark
from qualcode.exports.files import write_atomically
from qualcode.exports.formula_escape import csv_row
from qualcode.exports.workbooks import append_row, set_value, workbook_bytes

FORMATS = ("csv", "xlsx")

#: CSV header keys (a scripting contract) in column order.
COLUMNS = ("group", "document", "code", "line_start", "line_end", "time", "text", "coder",
           "comment", "weight", "created", "id", "start", "end")

# Column titles of the XLSX sheet (prose, so German by default).
_TITLES = {
    "de": ("Dokumentgruppe", "Dokument", "Code", "Anfang (Zeile)", "Ende (Zeile)", "Zeitmarke",
           "Segment", "Codierer*in", "Kommentar", "Gewicht", "Erstellt (UTC)", "ID",
           "Start (Zeichen)", "Ende (Zeichen)"),
    "en": ("Document group", "Document", "Code", "Begin (line)", "End (line)", "Time mark",
           "Segment", "Coder", "Comment", "Weight", "Created (UTC)", "ID", "Start (character)",
           "End (character)"),
}
_SHEET = {"de": "Codierte Segmente", "en": "Coded segments"}
#: Longest text an Excel cell holds (Excel specifications and limits).
EXCEL_CELL_LIMIT = 32_767


def segment_row(segment: Segment) -> dict[str, object]:
    """The row of one segment, keyed by :data:`COLUMNS`."""
    return {
        "group": segment.group or "", "document": segment.document, "code": segment.code,
        "line_start": segment.line_start, "line_end": segment.line_end,
        "time": format_f4_mark(segment.time_ms) if segment.time_ms is not None else "",
        "text": segment.text, "coder": segment.coder, "comment": segment.comment,
        "weight": segment.weight, "created": segment.created, "id": segment.id,
        "start": segment.start, "end": segment.end,
    }


def to_csv(segments: list[Segment]) -> str:
    """CSV (RFC 4180, as the csv module writes it) with the :data:`COLUMNS` header; cells hold
    the data unchanged, except that text a spreadsheet would run as a formula starts with
    ``'`` (:mod:`qualcode.exports.formula_escape`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(csv_row(row[c] for c in COLUMNS)
                     for row in (segment_row(s) for s in segments))
    return buffer.getvalue()


def _created(value: str) -> datetime | str:
    """An ISO 8601 time as a naive UTC datetime for Excel (which has no time zones)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def to_xlsx(segments: list[Segment], language: str = "de") -> tuple[bytes, int]:
    """An Excel workbook with one sheet; returns ``(bytes, cells_shortened)``.

    Every text cell is a string (text starting with ``=`` is never a formula); text longer
    than Excel's cell limit is cut there and counted.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = _SHEET[language]
    append_row(sheet, _TITLES[language])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    shortened = 0
    for segment in segments:
        row = segment_row(segment)
        row["created"] = _created(segment.created)
        sheet.append([None] * len(COLUMNS))
        line = sheet.max_row
        for index, key in enumerate(COLUMNS, start=1):
            value = row[key]
            cell = sheet.cell(line, index)
            if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
                value = value[:EXCEL_CELL_LIMIT - 1] + "…"
                shortened += 1
            set_value(cell, value)  # a string is a text cell: never a formula
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
        sheet.cell(line, COLUMNS.index("text") + 1).alignment = Alignment(wrap_text=True,
                                                                          vertical="top")
    for letter, width in zip("ABCDEFGHIJKLMN", (22, 16, 36, 8, 8, 13, 80, 12, 30, 8, 20, 7, 9, 9),
                             strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    return workbook_bytes(book), shortened


def write(segments: list[Segment], path: Path, fmt: str, language: str = "de") -> int:
    """Write the table to ``path`` atomically; returns the number of shortened cells."""
    if fmt == "csv":
        write_atomically(path, to_csv(segments).encode("utf-8"))
        return 0
    if fmt == "xlsx":
        data, shortened = to_xlsx(segments, language)
        write_atomically(path, data)
        return shortened
    raise ValueError(f"unknown format {fmt!r}")
