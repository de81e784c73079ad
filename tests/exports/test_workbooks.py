"""XLSX files are built in memory (no temporary file anywhere) and text is never a formula
(``qualcode.exports.workbooks``)."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

from qualcode.exports.workbooks import append_row, workbook_bytes

HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3", "#N/A",
           "\tTab", "=1+1"]


def cells(data: bytes) -> list[tuple[object, str]]:
    book = load_workbook(io.BytesIO(data))
    return [(c.value, c.data_type) for sheet in book.worksheets for row in sheet.iter_rows()
            for c in row if c.value is not None]


def test_strings_are_text_cells_and_numbers_stay_numbers():
    book = Workbook()
    append_row(book.active, ["Code", "Anzahl", "Anteil"])
    for number, name in enumerate(HOSTILE):
        append_row(book.active, [name, number, -0.5])
    book.active.append(["=SUM(B2:B3)"])  # even a row appended past append_row
    read = cells(workbook_bytes(book))
    assert [v for v, t in read if t == "f"] == []
    assert {v for v, t in read if t == "s"} >= set(HOSTILE) | {"=SUM(B2:B3)"}
    numbers = [(n, -0.5) for n in range(len(HOSTILE))]
    assert [v for v, t in read if t == "n"] == [v for pair in numbers for v in pair]


def test_control_characters_that_xml_forbids_are_shown_escaped():
    book = Workbook()
    append_row(book.active, ["Rot\x1b[31m", "Glocke\x07", "Zeile\nzwei"])
    assert [v for v, _ in cells(workbook_bytes(book))] == [
        "Rot\\u001b[31m", "Glocke\\u0007", "Zeile\nzwei"]


def test_no_temporary_file_is_made(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    import openpyxl.worksheet._writer as sheet_writer

    made = []
    original = sheet_writer.create_temporary_file
    monkeypatch.setattr(sheet_writer, "create_temporary_file",
                        lambda *a, **k: made.append(1) or original(*a, **k))
    book = Workbook()
    for row in range(200):
        append_row(book.active, [f"Absatz {row}", "Transkripttext " * 20])
    book.create_sheet("Zweites")
    data = workbook_bytes(book)
    assert made == []
    assert os.listdir(tmp_path) == []
    assert len(cells(data)) == 400
