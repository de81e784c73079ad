"""``qualcode agreement``: the CLI contract, every format, the report wording."""

from __future__ import annotations

import csv
import io
import json

import pytest
from agreement_project import DIGITAL, two_coder_project
from click.testing import CliRunner
from openpyxl import load_workbook

from qualcode.cli import main


def qc(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "study.qualcode"
    two_coder_project(path).close()
    return path


def test_json_shape_segment_level(study):
    result = qc("agreement", study, "--coders", "anna,ben", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["level"] == "segment" and data["coders"] == ["anna", "ben"]
    assert (data["threshold"], data["overlap"], data["k"], data["unit"]) == \
        (90.0, "union", 3, None)
    assert data["documents"] == ["Interview-A", "Interview-B"]
    first = data["codes"][0]
    assert first == {"code": DIGITAL, "segments": {"anna": 2, "ben": 2}, "agreements": 0,
                     "disagreements": 4, "agreement": 0.0}
    overall = data["overall"]
    assert overall["code"] is None and overall["segments"] == {"anna": 4, "ben": 5}
    assert overall["agreement"] == pytest.approx(4 / 9)
    assert overall["brennan_prediger_kappa"] == pytest.approx(1 / 6)
    assert "segment level" in result.stderr and "k = 3" in result.stderr
    assert "kappa is overall only" in result.stderr


def test_json_unit_level_and_undefined_is_null(study):
    result = qc("agreement", study, "--coders", "anna,ben", "--level", "document",
                "--format", "json")
    data = json.loads(result.stdout)
    digital = data["codes"][0]
    assert digital["units"] == {"anna": 2, "ben": 2}
    assert digital["cohen_kappa"] is None and digital["krippendorff_alpha"] is None
    assert digital["brennan_prediger_kappa"] == 1.0
    assert data["overall"]["cohen_kappa"] == pytest.approx(4 / 7)
    unit = json.loads(qc("agreement", study, "--coders", "anna,ben", "--level", "unit",
                         "--unit", "turn", "--format", "json").stdout)
    assert unit["unit"] == "turn" and unit["units"] == 8
    assert unit["overall"]["krippendorff_alpha"] == pytest.approx(304 / 351)
    assert set(unit["statistics"]) == {"cohen_kappa", "brennan_prediger_kappa",
                                       "krippendorff_alpha"}


def test_csv_and_table(study):
    result = qc("agreement", study, "--coders", "anna,ben", "--level", "unit", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:7] == ["scope", "code", "units[anna]", "units[ben]", "agreements",
                                 "disagreements", "agreement"]
    assert [r["scope"] for r in rows] == ["code", "code", "code", "overall"]
    assert float(rows[0]["cohen_kappa"]) == pytest.approx(7 / 12)  # 15 sentences, see levels
    table = qc("agreement", study, "--coders", "anna,ben")
    assert table.exit_code == 0
    assert "OVERALL" in table.stdout and "44.4 %" in table.stdout and "0.167" in table.stdout


def test_markdown_report_for_a_methods_section(study, tmp_path):
    out = tmp_path / "bericht.md"
    result = qc("agreement", study, "--coders", "anna,ben", "--format", "md", "-o", out)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Intercoder-Übereinstimmung")
    assert "in 2 Dokumenten für 3 Codes" in text
    assert "mindestens 90 % überschneidet" in text
    assert "k = 3 (Zahl der verglichenen Codes)" in text
    assert "κ (Brennan & Prediger) = 0,167" in text and "44,4 %" in text
    assert "Brennan, R. L., & Prediger, D. J. (1981)" in text
    english = qc("agreement", study, "--coders", "anna,ben", "--level", "unit", "--format",
                 "md", "--lang", "en").stdout
    assert "The units of analysis are sentences" in english and "15 units" in english
    assert "header lines holding document variables" in english
    assert "Cohen, J. (1960)" in english


def test_xlsx_report(study, tmp_path):
    out = tmp_path / "bericht.xlsx"
    result = qc("agreement", study, "--coders", "anna,ben", "--level", "unitized",
                "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.stderr
    book = load_workbook(out)
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "Intercoder-Übereinstimmung"
    assert "Unitisierung" in sheet["A2"].value
    header = [c.value for c in sheet[5]]
    assert header[:3] == ["Code", "Einheiten anna", "Einheiten ben"]
    values = {row[0]: row for row in sheet.iter_rows(min_row=6, values_only=True)}
    assert values[DIGITAL][1:5] == (91, 95, 53, 80)
    assert isinstance(values["Gesamt"][-2], float)            # |uα is a number
    settings = dict(book.worksheets[1].iter_rows(values_only=True))
    assert settings["level"] == "unitized" and settings["coders"] == "anna, ben"


def test_errors_are_one_line(study):
    unknown = qc("agreement", study, "--coders", "anna,carla")
    assert unknown.exit_code == 1 and unknown.stderr.startswith("error: no coder 'carla'")
    three = qc("agreement", study, "--coders", "anna,ben,anna")
    assert three.exit_code == 1 and "named twice" in three.stderr
    assert qc("agreement", study, "--coders", "anna,ben", "--format", "xlsx").exit_code == 2
    assert qc("agreement", study, "--coders", "anna,ben", "--threshold", "0").exit_code == 2
