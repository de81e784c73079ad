"""``qualcode import-survey``: one document per respondent, answers coded by question."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest
from support import ROOT
from exchange_helpers import build_project, cli, dump_tables
from openpyxl import Workbook

COLUMNS = ["Bündnis", "Kommune", "Eingang", "1.1 Treffen", "2.4 Aufgaben THM", "2.9 Kommunen",
           "1.3 Anpassung", "3.3 Trägersuche"]
ROWS = [
    ["B01", "Kreis", "2020-06-02", "ja", "x", "7", "Sitzungen per Video.", "Kein Träger für FB4."],
    ["B02", "kreisfreie Stadt", "05.06.2020", "nein", "", "", "", "Frist zu kurz."],
    ["B03", "Kreis", "2020-06-09", "", "X", "11", "Alles verschoben.\nZweite Zeile.", ""],
]


def write_csv(path, rows=ROWS, delimiter=";", encoding="utf-8-sig"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows([COLUMNS, *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def run(project, table, *extra):
    return cli("import-survey", str(project), str(table), "--id", "Bündnis",
               "--text", "1.3 *", "--text", "3.3 *", "--variables", "Kommune",
               "--variables", "Eingang", "--variables", "1.1 *", "--variables", "2.*",
               "--group", "Arbeitshilfe", "--parent", "Fragebogen", "--coder", "lena", *extra)


def documents(project) -> dict[str, dict]:
    return {d["name"]: d for d in json.loads(cli("documents", str(project), "--format",
                                                 "json").stdout)}


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "survey.qualcode"
    cli("init", str(path))
    return path


def test_respondents_answers_and_typed_variables_from_csv(project, tmp_path):
    table = write_csv(tmp_path / "umfrage.csv")
    result = run(project, table)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"{table}: 3 respondent(s) imported, 4 answer(s) coded, 2 question code(s) created, "
        "5 variable(s)")
    docs = documents(project)
    assert list(docs) == ["B01", "B02", "B03"]
    assert {d["group"] for d in docs.values()} == {"Arbeitshilfe"}
    assert docs["B01"]["variables"] == {"Kommune": "Kreis", "Eingang": "2020-06-02",
                                        "1.1 Treffen": True, "2.4 Aufgaben THM": True,
                                        "2.9 Kommunen": 7}
    # An empty checkbox is "not ticked"; an empty yes/no answer is no answer.
    assert docs["B02"]["variables"] == {"Kommune": "kreisfreie Stadt", "Eingang": "2020-06-05",
                                        "1.1 Treffen": False, "2.4 Aufgaben THM": False}
    assert "1.1 Treffen" not in docs["B03"]["variables"]
    types = {r["variable"]: r["type"] for r in json.loads(
        cli("variable", "list", str(project), "--format", "json").stdout)}
    assert types == {"Kommune": "text", "Eingang": "date", "1.1 Treffen": "boolean",
                     "2.4 Aufgaben THM": "boolean", "2.9 Kommunen": "integer"}
    assert cli("text", str(project), "B03").stdout == (
        "Bündnis: B03\n\n1.3 Anpassung\nAlles verschoben.\nZweite Zeile.\n")
    coded = json.loads(cli("segments", str(project), "--format", "json").stdout)
    assert [(s["document"], s["code"], s["text"], s["coder"]) for s in coded] == [
        ("B01", "Fragebogen/1.3 Anpassung", "Sitzungen per Video.", "lena"),
        ("B01", "Fragebogen/3.3 Trägersuche", "Kein Träger für FB4.", "lena"),
        ("B02", "Fragebogen/3.3 Trägersuche", "Frist zu kurz.", "lena"),
        ("B03", "Fragebogen/1.3 Anpassung", "Alles verschoben.\nZweite Zeile.", "lena"),
    ]


def test_frequencies_by_a_closed_answer(project, tmp_path):
    run(project, write_csv(tmp_path / "umfrage.csv"))
    result = cli("export", "frequencies", str(project), "--by", "Kommune")
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    trager = rows["Fragebogen/3.3 Trägersuche"]
    assert (trager["segments"], trager["documents"]) == ("2", "2")
    assert trager["documents[Kreis]"] == "1" and trager["documents[kreisfreie Stadt]"] == "1"
    assert trager["documents_percent[Kreis]"] == "50.0"       # 1 of the 2 Kreise


def test_xlsx_with_typed_cells_and_a_sheet_name(project, tmp_path):
    book = Workbook()
    book.active.title = "Deckblatt"
    sheet = book.create_sheet("Antworten")
    sheet.append(COLUMNS)
    sheet.append(["B01", "Kreis", datetime(2020, 6, 2), True, "x", 7, "=Formel? Nein, Text.",
                  None])
    sheet.append(["B02", "Kreis", datetime(2020, 6, 5), False, None, 4.0, "Antwort zwei.",
                  "Frist zu kurz."])
    sheet["G2"].data_type = "s"        # text that starts with "=", as Excel stores '=...
    table = tmp_path / "umfrage.xlsx"
    book.save(table)
    result = run(project, table, "--sheet", "Antworten")
    assert result.exit_code == 0, result.stderr
    docs = documents(project)
    assert docs["B01"]["variables"]["Eingang"] == "2020-06-02"
    assert docs["B02"]["variables"]["1.1 Treffen"] is False
    assert docs["B02"]["variables"]["2.9 Kommunen"] == 4
    assert "=Formel? Nein, Text." in cli("text", str(project), "B01").stdout


def test_importing_the_same_survey_again_skips_every_respondent(project, tmp_path):
    table = write_csv(tmp_path / "umfrage.csv")
    run(project, table)
    before = dump_tables(project)
    result = run(project, table)
    assert result.exit_code == 0
    assert result.stderr.count("is already in the project") == 3
    tables = dump_tables(project)
    assert tables["segments"] == before["segments"] and tables["documents"] == before["documents"]


def test_importing_again_with_other_columns_matches_respondents_by_id(project, tmp_path):
    # A forgotten question column must not add the respondents a second time (n stays 3).
    table = write_csv(tmp_path / "umfrage.csv")
    run(project, table)
    before = dump_tables(project)
    result = cli("import-survey", str(project), str(table), "--id", "Bündnis",
                 "--text", "1.3 *", "--group", "Arbeitshilfe", "--parent", "Fragebogen")
    assert result.stderr.count("is already in the project (document 'B0") == 3
    assert sorted(documents(project)) == ["B01", "B02", "B03"]
    assert dump_tables(project)["documents"] == before["documents"]


@pytest.mark.parametrize(("rows", "args", "message"), [
    (ROWS + [["B01", "Kreis", "", "", "", "", "", ""]], (),
     "row 5: ID 'B01' occurs twice (rows 2 and 5)"),
    ([["", "Kreis", "", "", "", "", "x", ""]], (), "row 2: no ID in column 'Bündnis'"),
    ([["B09", "Kreis", "", "", "", "viele", "", ""]], ("--type", "2.9 Kommunen=integer"),
     "row 2, column '2.9 Kommunen': 'viele' is not an integer"),
    (ROWS, ("--text", "4.1 *"), "--text '4.1 *': no such column (columns: Bündnis, Kommune"),
    (ROWS, ("--type", "Kommune=zahl"), "--type Kommune=zahl: unknown type"),
])
def test_bad_tables_and_options_change_nothing(project, tmp_path, rows, args, message):
    build_project(tmp_path / "leer.qualcode")  # a second, untouched project next to it
    table = write_csv(tmp_path / "umfrage.csv", rows)
    before = dump_tables(project)
    result = run(project, table, *args)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert dump_tables(project) == before


def test_comma_separated_windows_1252_csv(project, tmp_path):
    table = write_csv(tmp_path / "umfrage.csv", ROWS[:1], delimiter=",", encoding="cp1252")
    assert run(project, table).exit_code == 0
    assert documents(project)["B01"]["encoding"] == "Windows-1252"


def test_the_demo_survey_imports_as_the_demo_manifest_says(project):
    table = ROOT / "transcripts" / "survey" / "arbeitshilfe-2020.csv"
    result = cli("import-survey", str(project), str(table), "--id", "Bündnis",
                 "--text", "1.3 *", "--text", "1.11 *", "--text", "3.3 *", "--text", "4.11 *",
                 "--variables", "Kommune", "--variables", "3.1 FB*")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(table.open(encoding="utf-8"), delimiter=";"))
    open_answers = sum(1 for row in rows[1:] for cell in row[14:] if cell.strip())
    assert f"{len(rows) - 1} respondent(s) imported, {open_answers} answer(s) coded" \
        in result.stderr
    types = {r["variable"]: r["type"] for r in json.loads(
        cli("variable", "list", str(project), "--format", "json").stdout)}
    assert types["3.1 FB6"] == "boolean" and types["Kommune"] == "text"
