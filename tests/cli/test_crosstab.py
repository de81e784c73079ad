"""``qualcode crosstab``: codes by a document variable, as report tables print them."""

from __future__ import annotations

import json

from analysis_project import ABH, CODES, VIDEO, run
from openpyxl import load_workbook


def test_json_keys_and_numbers(coded_project):
    data = json.loads(run("crosstab", coded_project, "--by", "Kommune", "--percent",
                          "--format", "json").stdout)
    assert data["rows"] == CODES
    assert data["columns"][:3] == ["segments", "documents", "documents_percent"]
    assert data["columns"][3:6] == ["segments[Kreis]", "documents[Kreis]",
                                    "documents_percent[Kreis]"]
    assert data["n"] == {"Kreis": 2, "kreisangehörige Kommune": 1, "kreisfreie Stadt": 1}
    assert data["documents"] == 4
    # ABH: 6 segments in 3 of 4 documents; Kreis: 1, 13, 10, 15 in A-01 and B-01;
    # kreisangehörige Kommune: none; kreisfreie Stadt: 5, 6 in A-02.
    assert data["values"][0] == [6, 3, 75.0, 4, 2, 100.0, 0, 0, 0.0, 2, 1, 100.0]
    assert data["values"][5] == [3, 2, 50.0, 1, 1, 50.0, 0, 0, 0.0, 2, 1, 100.0]


def test_markdown_as_the_report_prints_it(coded_project):
    text = run("crosstab", coded_project, "--by", "Modus", "--count", "documents",
               "--format", "md").stdout
    assert ("| Code | Gesamt (n = 4) | Telefon (n = 2) | Video (n = 2) |") in text
    # ABH in A-01 (Telefon), A-02 and B-01 (Video).
    assert "| **ABH-Kooperation** | 3 | 1 | 2 |" in text


def test_mentions_without_total(coded_project):
    text = run("crosstab", coded_project, "--by", "group", "--count", "segments", "--no-total",
               "--format", "csv").stdout
    assert text.splitlines()[0] == ("code,segments[THM-Interviews],"
                                    "segments[Reflexionsgespräche]")
    assert text.splitlines()[1] == f"{ABH},4,2"


def test_rollup_and_coder(coded_project):
    data = json.loads(run("crosstab", coded_project, "--by", "Kommune", "--rollup", "--coder",
                          "anna", "--count", "segments", "--format", "json").stdout)
    # Digitale Beratung with its subcodes, anna only: 3, 4 (A-01) | 12 (B-01) | 8, 9.
    assert data["values"][3] == [5, 3, 0, 2]


def test_english_xlsx(coded_project, tmp_path):
    target = tmp_path / "crosstab.xlsx"
    run("crosstab", coded_project, "--by", "Modus", "--lang", "en", "--format", "xlsx", "-o", target)
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[2]][:3] == ["Code", "Total (n = 4): Mentions",
                                              "Total (n = 4): Documents"]
    assert [c.value for c in sheet[8]][:3] == ["Video", 3, 2]
    assert sheet.cell(8, 1).value == "Video" and VIDEO.endswith("Video")


def test_by_is_required(coded_project):
    result = run("crosstab", coded_project, ok=False)
    assert "--by" in result.output
