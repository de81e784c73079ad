"""``qualcode export segments``: coded segments as a CSV or XLSX table."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from exchange_helpers import build_project, cli
from openpyxl import load_workbook


@pytest.fixture
def project(tmp_path):
    return build_project(tmp_path / "study.qualcode")


def test_csv_has_one_row_per_segment_with_the_fixed_keys(project):
    result = cli("export", "segments", str(project))
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["group", "document", "code", "line_start", "line_end", "time",
                             "text", "coder", "comment", "weight", "created", "id", "start",
                             "end"]
    assert len(rows) == 6
    # THM-A: header (lines 1-3), blank, I: (line 5), blank, B: (line 7) ... ABH answer line 11.
    telefon = next(r for r in rows if r["comment"] == "Telefon statt Büro")
    assert (telefon["group"], telefon["document"], telefon["code"]) == (
        "THM-Interviews", "THM-A", "Digitale Beratung/Telefon\\/E-Mail")
    assert (telefon["line_start"], telefon["line_end"]) == ("7", "7")
    assert telefon["time"] == "#00:00:06-1#"          # the B turn starts where I: ended
    assert telefon["text"] == "Wir telefonieren fast nur noch \U0001F4DE"
    assert telefon["coder"] == "lena" and telefon["weight"] == "0"
    abh = next(r for r in rows if r["code"] == "ABH-Kooperation")
    assert (abh["line_start"], abh["time"], abh["coder"]) == ("11", "#00:00:35-0#", "jonas")
    weighted = [r for r in rows if r["weight"] == "60"]
    assert [(r["code"], r["coder"]) for r in weighted] == [("Digitale Beratung/Messenger",
                                                            "lena")]


def test_filters_as_in_the_segments_command(project):
    result = cli("export", "segments", str(project), "--code", "Digitale Beratung",
                 "--coder", "lena")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(r["code"] for r in rows) == ["Digitale Beratung/Messenger",
                                               "Digitale Beratung/Telefon\\/E-Mail"]
    only_group = cli("export", "segments", str(project), "--group", "Reflexionsgespräche")
    assert [r["document"] for r in csv.DictReader(io.StringIO(only_group.stdout))] == [
        "RG-B", "RG-B"]


def test_xlsx_reads_back_with_german_titles_and_text_that_looks_like_a_formula(project, tmp_path):
    target = tmp_path / "segmente.xlsx"
    result = cli("export", "segments", str(project), "--format", "xlsx", "-o", str(target))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "warning: segments of 2 coders are exported together (jonas, lena); give --coder to "
        "choose", f"wrote 6 coded segments to {target} (coders: jonas, lena)"]
    sheet = load_workbook(target).active
    assert sheet.title == "Codierte Segmente"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == ("Dokumentgruppe", "Dokument", "Code", "Anfang (Zeile)",
                           "Ende (Zeile)", "Zeitmarke", "Segment")
    assert len(rows) == 7
    comments = [r[8] for r in rows[1:]]
    assert "=SUMME(A1:A3) sieht wie eine Formel aus" in comments
    formula_cell = next(c for c in sheet["I"] if c.value and str(c.value).startswith("="))
    assert formula_cell.data_type == "s"
    assert all(isinstance(r[3], int) for r in rows[1:])
    assert all(isinstance(r[10], datetime) for r in rows[1:])     # "created" is a date


def test_xlsx_needs_an_output_file(project):
    result = cli("export", "segments", str(project), "--format", "xlsx")
    assert result.exit_code == 2 and "--format xlsx needs -o FILE" in result.stderr


def test_an_unknown_code_is_a_one_line_error(project):
    result = cli("export", "segments", str(project), "--code", "Gibt es nicht")
    assert result.exit_code == 1 and result.stderr.startswith("error: no code 'Gibt es nicht'")
