"""Reading a survey table (``.xlsx`` via openpyxl, or ``.csv``) without losing a row or a cell.

A survey table is refused, with the line or cell, where reading it would silently change it:

* CSV is parsed strictly: an unterminated quote (which would merge the following rows into
  one answer) or a stray quote is an error naming the line; so is a quoted answer that runs
  over lines which look like further rows (a quote closed only rows later), and a row with
  more filled cells than the header has columns;
* in ``.xlsx``, a formula cell without a saved result (a file written by a program that does
  not calculate) and a cell holding an error value (``#DIV/0!``) are recorded, and refused by
  the import when they lie in a column it uses.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.domain.errors import InputError
from qualcode.domain.survey import Cell, cell_text, is_blank
from qualcode.importers.decode import decode_bytes
from qualcode.importers.error_words import one_line as _one_line
from qualcode.importers.error_words import xml_error_words, zip_error_words
from qualcode.importers.input_file import read_regular
from qualcode.importers.zip_safety import check_office_archive, missing_part

SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv", ".txt")
#: Largest survey table read (bytes of the file).
MAX_TABLE_BYTES = 64 * 2**20


@dataclass(frozen=True)
class BadCell:
    """A spreadsheet cell whose value cannot be read: ``row`` (1-based, as in the file),
    ``column`` (0-based index), ``coordinate`` (``"C7"``) and the ``problem``."""

    row: int
    column: int
    coordinate: str
    problem: str


@dataclass
class Table:
    """A survey table: column names and rows of cells (row numbers as in the file).

    ``encoding`` is the text encoding found (``None`` for .xlsx); ``notes`` state doubts met
    while reading; ``bad_cells`` are unreadable spreadsheet cells anywhere in the sheet.
    """

    columns: list[str]
    rows: list[tuple[int, list[Cell]]]
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)
    bad_cells: list[BadCell] = field(default_factory=list)

    def column(self, name: str) -> list[Cell]:
        index = self.columns.index(name)
        return [cells[index] if index < len(cells) else None for _, cells in self.rows]

    def check_cells(self, used: list[str], source: Path) -> None:
        """Raise :class:`InputError` naming the first unreadable cell in a ``used`` column
        (and how many more there are)."""
        indexes = {self.columns.index(name): name for name in used}
        bad = [cell for cell in self.bad_cells if cell.column in indexes]
        if bad:
            first = bad[0]
            more = f"; {len(bad) - 1} more such cell(s)" if len(bad) > 1 else ""
            raise InputError(f"{source}: cell {first.coordinate} (row {first.row}, column "
                             f"{indexes[first.column]!r}): {first.problem}{more}")


_UNCACHED = ("a formula without a saved result (the file was written by a program that does "
             "not calculate: open it in Excel or LibreOffice and save it, or export a CSV)")


def _xlsx(path: Path, data: bytes, sheet: str | None
          ) -> tuple[list[tuple[int, list[Cell]]], list[BadCell]]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

    check_office_archive(data, str(path), ".xlsx", ("[Content_Types].xml",))
    try:
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            if sheet is not None and sheet not in values.sheetnames:
                raise InputError(f"{path}: no sheet {sheet!r} (sheets: "
                                 f"{', '.join(values.sheetnames)})")
            if not values.worksheets:
                raise InputError(f"{path}: no worksheet in the workbook")
            shown = values[sheet] if sheet else values.worksheets[0]
            written = formulas[shown.title]
            rows: list[tuple[int, list[Cell]]] = []
            bad: list[BadCell] = []
            for number, (row, raw) in enumerate(
                    zip(shown.iter_rows(values_only=True), written.iter_rows(), strict=False),
                    start=1):
                cells = list(row)
                for index, cell in enumerate(raw):
                    kind = getattr(cell, "data_type", None)
                    coordinate = f"{get_column_letter(index + 1)}{number}"
                    if kind == "f" and index < len(cells) and cells[index] is None:
                        bad.append(BadCell(number, index, coordinate, _UNCACHED))
                    elif kind == "e":
                        bad.append(BadCell(number, index, coordinate,
                                           f"the error value {cell_text(cell.value)}"))
                rows.append((number, cells))
            return rows, bad
        finally:
            values.close()
            formulas.close()
    except InputError:
        raise
    except KeyError as error:
        raise InputError(f"{path}: not a readable .xlsx file ({missing_part(error)})") from None
    except InvalidFileException as error:
        raise InputError(f"{path}: not a readable .xlsx file ({_one_line(error)})") from None
    except (zipfile.BadZipFile, zlib.error) as error:
        raise InputError(f"{path}: not a readable .xlsx file (damaged ZIP archive: "
                         f"{zip_error_words(error)})") from None
    except RecursionError:
        raise InputError(f"{path}: not a readable .xlsx file (elements nested too "
                         "deeply)") from None
    except Exception as error:  # noqa: BLE001 - openpyxl raises XML, value and type errors
        from lxml.etree import LxmlError
        from xml.etree.ElementTree import ParseError

        if isinstance(error, (LxmlError, ParseError)):
            raise InputError(f"{path}: not a readable .xlsx file (damaged XML: "
                             f"{xml_error_words(error)})") from None
        raise InputError(f"{path}: not a readable .xlsx file (its parts do not fit together: "
                         "damaged, or not written by a spreadsheet program)") from None


def _delimiter(text: str) -> str:
    sample = text[:20000]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        return max(",;\t", key=first.count)


@dataclass
class _Csv:
    """A CSV file parsed: rows, each row's first and last line in the file, the encoding
    label, notes from decoding, and the delimiter."""

    rows: list[tuple[int, list[Cell]]]
    lines: list[tuple[int, int]]
    encoding: str
    notes: list[str]
    delimiter: str


def _csv(path: Path, data: bytes, encoding: str | None) -> _Csv:
    decoded = decode_bytes(data, str(path), encoding)
    delimiter = _delimiter(decoded.text)
    source = io.StringIO(decoded.text, newline="")
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[Cell]]] = []
    lines: list[tuple[int, int]] = []
    start = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            reason = str(error)
            if "unexpected end of data" in reason or "EOF" in reason:
                raise InputError(f"{path}: line {start}: a quote \" opened here is never closed; "
                                 "every following row would become one answer") from None
            raise InputError(f"{path}: line {reader.line_num}: not a readable CSV row ({reason}; "
                             "a stray quote \"?)") from None
        rows.append((len(rows) + 1, list(record)))
        lines.append((start, reader.line_num))
        start = reader.line_num + 1
    return _Csv(rows, lines, decoded.encoding, list(decoded.notes), delimiter)


def _check_csv_rows(path: Path, rows: list[tuple[int, list[Cell]]],
                    lines: list[tuple[int, int]], width: int, delimiter: str) -> None:
    """Refuse rows that swallowed further rows or have more cells than the header."""
    needed = max(2, width - 1)
    for (number, cells), (first, _) in zip(rows, lines, strict=True):
        for cell in cells:
            if not isinstance(cell, str) or "\n" not in cell:
                continue
            for offset, line in enumerate(cell.split("\n")[1:], start=1):
                if line.count(delimiter) >= needed:
                    raise InputError(
                        f"{path}: line {first}: a quoted answer runs on into line "
                        f"{first + offset}, which looks like a row of its own "
                        f"({line.count(delimiter)} separators); a quote \" not closed?")
        filled = len(cells)
        while filled and is_blank(cells[filled - 1]):
            filled -= 1
        if filled > width:
            raise InputError(f"{path}: row {number} (line {first}) has {filled} cells, the "
                             f"header {width} columns; a separator inside an answer without "
                             "quotes?")


def read_table(path: Path, sheet: str | None = None, encoding: str | None = None) -> Table:
    """The table in ``path``.

    The first non-empty row holds the column names. ``encoding`` applies to CSV (``None``:
    detect; see :func:`qualcode.importers.decode.decode_bytes`). Raises :class:`InputError`
    naming the file for an unsupported type, an unreadable file (not a regular file, over
    :data:`MAX_TABLE_BYTES`, a zip bomb), no header, duplicate column names, and the CSV
    problems of the module's list.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{path}: unsupported survey file {suffix or '(none)'} "
                         f"(supported: {', '.join(SUFFIXES)})")
    data = read_regular(path, MAX_TABLE_BYTES)
    label = None
    notes: list[str] = []
    bad: list[BadCell] = []
    lines: list[tuple[int, int]] = []
    delimiter = ","
    if suffix in (".xlsx", ".xlsm"):
        rows, bad = _xlsx(path, data, sheet)
    else:
        parsed = _csv(path, data, encoding)
        rows, lines, label, notes = parsed.rows, parsed.lines, parsed.encoding, parsed.notes
        delimiter = parsed.delimiter
    kept = [(i, n, cells) for i, (n, cells) in enumerate(rows)
            if any(not is_blank(c) for c in cells)]
    if not kept:
        raise InputError(f"{path}: the table is empty")
    _, header_number, header = kept[0]
    columns = [cell_text(c) for c in header]
    while columns and not columns[-1]:
        columns.pop()
    seen: set[str] = set()
    for index, name in enumerate(columns):
        if not name:
            raise InputError(f"{path}: column {index + 1} of the header (row {header_number}) "
                             "has no name")
        if name in seen:
            raise InputError(f"{path}: two columns named {name!r}")
        seen.add(name)
    if lines:
        _check_csv_rows(path, [(n, c) for _, n, c in kept[1:]],
                        [lines[i] for i, _, _ in kept[1:]], len(columns), delimiter)
    table = Table(columns, [(n, c) for _, n, c in kept[1:]], label, notes, bad)
    lost = [n for n, cells in table.rows if any("\ufffd" in cell_text(c) for c in cells)]
    if lost:
        table.notes.append(f"{len(lost)} row(s) contain replacement characters '\ufffd' (first: "
                           f"row {lost[0]}): characters lost before or while this file was "
                           "written; check the source")
    return table
