"""Excel workbooks (openpyxl) as bytes, built in memory, with every text a text cell.

openpyxl's ``Workbook.save`` writes each worksheet to a temporary file in the system's
temporary folder (``/tmp/openpyxl.*``, ``openpyxl.worksheet._writer.create_temporary_file``)
before zipping it, in normal and in write-only mode alike; a process killed meanwhile leaves
transcript text there. qualcode's sheets are small and already in memory, so
:func:`workbook_bytes` writes each worksheet's XML into memory instead: no temporary file
exists at any moment.

Text is never a formula: :func:`append_row` and :func:`workbook_bytes` make every string a
text cell (data type ``s``), so ``=HYPERLINK(...)`` or ``@SUM(1)`` is shown as written and
never evaluated (OWASP, CSV injection), and ``#N/A`` stays text, not an error value.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from zipfile import ZIP_DEFLATED, ZipFile

from qualcode.domain.control_chars import escape_char


def text_value(value: str) -> str:
    """A string as a cell may hold it: the control characters XML 1.0 forbids (C0 except
    tab, newline and carriage return) shown escaped (``\\u001b``) instead of failing."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub(lambda m: escape_char(m.group()), value)


def set_value(cell, value: object) -> None:
    """Put ``value`` into an openpyxl ``cell``; a string becomes a text cell."""
    if isinstance(value, str):
        cell.value = text_value(value)
        cell.data_type = "s"
    else:
        cell.value = value


def append_row(sheet, values: Iterable[object]) -> int:
    """Append ``values`` as a new row of ``sheet`` (``Worksheet.append``), strings as text
    cells, numbers, dates and ``None`` as they are; returns the row number (1-based) of a
    sheet built by appending."""
    values = [text_value(v) if isinstance(v, str) else v for v in values]
    sheet.append(values)
    row = sheet.max_row
    if values:
        for cell in sheet[row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    return row


def fit_columns(sheet, header_row: int, first_column: int = 2, widest: int = 24) -> None:
    """Give columns ``first_column``.. of ``sheet`` (1-based) the width their header in row
    ``header_row`` and their values need, at most ``widest`` characters; longer headers
    wrap. Without it a spreadsheet program shows only the start of each header, and a
    printout spills the last columns onto a page of their own."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    for column in range(first_column, sheet.max_column + 1):
        cells = [sheet.cell(row, column) for row in range(header_row, sheet.max_row + 1)]
        longest = max((len(str(c.value)) for c in cells if c.value is not None), default=0)
        sheet.column_dimensions[get_column_letter(column)].width = min(longest, widest) + 2
        header = sheet.cell(header_row, column)
        header.alignment = Alignment(wrap_text=True, vertical="top")


def _text_cells_only(book) -> None:
    # A safety net behind append_row: no cell of an export is ever a formula.
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.data_type != "s":
                    cell.data_type = "s"


def workbook_bytes(book) -> bytes:
    """The ``.xlsx`` file of an openpyxl ``Workbook`` as bytes, written without any
    temporary file; every string cell is saved as text (see the module docstring)."""
    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter

    class InMemoryWriter(ExcelWriter):
        """openpyxl's ExcelWriter with each worksheet's XML in memory (as
        ``ExcelWriter.write_worksheet`` does it for normal workbooks, minus the file)."""

        def write_worksheet(self, ws):
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            writer = WorksheetWriter(ws, out=io.BytesIO())
            writer.write()
            ws._rels = writer._rels
            self._archive.writestr(ws.path[1:], writer.read())
            self.manifest.append(ws)

    if book.write_only:
        raise ValueError("workbook_bytes needs a normal (not write-only) workbook")
    _text_cells_only(book)
    buffer = io.BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        book.properties.modified = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        InMemoryWriter(book, archive).save()
    return buffer.getvalue()
