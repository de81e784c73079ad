"""``qualcode disagreements``: the list for review and team meetings."""

from __future__ import annotations

import csv
import io
import json

import pytest
from agreement_project import DIGITAL, RESSOURCEN, two_coder_project
from click.testing import CliRunner
from openpyxl import load_workbook

from qualcode.cli import main


def qc(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def study(tmp_path):
    path = tmp_path / "study.qualcode"
    two_coder_project(path).close()
    return path


def test_json_lists_both_sides_with_lines(study):
    result = qc("disagreements", study, "--coders", "anna,ben", "--format", "json")
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)
    assert [(d["document"], d["code"], d["kind"]) for d in items] == [
        ("Interview-A", DIGITAL, "boundaries"), ("Interview-A", RESSOURCEN, "only_b"),
        ("Interview-B", DIGITAL, "boundaries")]
    first = items[0]
    assert first["id"] == f"{first['a']['id']}:{first['b']['id']}"
    assert first["a"]["line_start"] == 5 and first["b"]["text"].startswith("Wir haben fast")
    assert first["overlap"] == pytest.approx(41 / 79, abs=1e-4)
    assert items[1]["a"] is None and items[1]["resolution"] is None
    assert "3 disagreement(s) between anna and ben" in result.stderr


def test_table_csv_md_xlsx(study, tmp_path):
    table = qc("disagreements", study, "--coders", "anna,ben")
    assert "only_b" in table.stdout and "52 %" in table.stdout
    rows = list(csv.DictReader(io.StringIO(qc("disagreements", study, "--coders", "anna,ben",
                                              "--format", "csv").stdout)))
    assert rows[1]["text_a"] == "" and rows[1]["lines_b"] == "5"
    md = qc("disagreements", study, "--coders", "anna,ben", "--format", "md").stdout
    assert "## Interview-A" in md and "**ben**: – nicht codiert –" not in md
    assert "**anna**: – nicht codiert –" in md and "Entscheidung: ☐ anna ☐ ben" in md
    out = tmp_path / "liste.xlsx"
    assert qc("disagreements", study, "--coders", "anna,ben", "--format", "xlsx", "-o",
              out).exit_code == 0
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]][-1] == "decision" and sheet.max_row == 4


def test_open_only_after_resolving(study):
    items = json.loads(qc("disagreements", study, "--coders", "anna,ben", "--format",
                          "json").stdout)
    assert qc("resolve", study, items[0]["id"], "--take", "anna").exit_code == 0
    listed = json.loads(qc("disagreements", study, "--coders", "anna,ben", "--format",
                           "json").stdout)
    assert listed[0]["resolution"] == "a"
    still_open = json.loads(qc("disagreements", study, "--coders", "anna,ben", "--open",
                               "--format", "json").stdout)
    assert [d["id"] for d in still_open] == [items[1]["id"], items[2]["id"]]


def test_usage_errors(study):
    assert qc("disagreements", study, "--coders", "anna").exit_code == 2
    assert qc("disagreements", study, "--coders", "anna,ben", "--format", "xlsx").exit_code == 2
