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


# -- tables that would lose a row or a cell silently (issue 10) -----------------------------

def _refused(project, table, *args) -> str:
    before = dump_tables(project)
    result = run(project, table, *args)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {table}: ")
    assert dump_tables(project) == before
    return line[len(f"error: {table}: "):]


def _csv_text(path, text: str):
    path.write_bytes(text.encode("utf-8"))
    return path


HEADER = ";".join(COLUMNS)


def test_an_unterminated_quote_is_refused_with_its_line(project, tmp_path):
    table = _csv_text(tmp_path / "offen.csv", (
        f"{HEADER}\n"
        "B01;Kreis;2020-06-02;ja;x;7;\"Sitzungen per Video.;Kein Träger.\n"
        "B02;Stadt;2020-06-05;nein;;;Antwort;Frist zu kurz.\n"
        "B03;Kreis;2020-06-09;;X;11;Alles verschoben.;\n"))
    assert _refused(project, table) == (
        "line 2: a quote \" opened here is never closed; every following row would become "
        "one answer")


def test_a_quote_closed_rows_later_is_refused(project, tmp_path):
    table = _csv_text(tmp_path / "spaet.csv", (
        f"{HEADER}\n"
        "B01;Kreis;2020-06-02;ja;x;7;\"Sitzungen per Video.;Kein Träger.\n"
        "B02;Stadt;2020-06-05;nein;;;Antwort;Frist zu kurz.\n"
        "B03;Kreis;2020-06-09;;X;11;Alles \"\"verschoben\"\".\";\n"))
    assert _refused(project, table) == (
        "line 2: a quoted answer runs on into line 3, which looks like a row of its own "
        "(7 separators); a quote \" not closed?")


def test_a_quoted_answer_over_several_lines_still_imports(project, tmp_path):
    table = _csv_text(tmp_path / "mehrzeilig.csv", (
        f"{HEADER}\n"
        "B01;Kreis;2020-06-02;ja;x;7;\"Erstens: Video.\nZweitens: Telefon; manchmal Post.\";\n"))
    assert run(project, table).exit_code == 0
    assert "Erstens: Video.\nZweitens: Telefon; manchmal Post." in cli(
        "text", str(project), "B01").stdout


def test_a_row_with_more_cells_than_the_header_is_refused(project, tmp_path):
    table = _csv_text(tmp_path / "breit.csv", (
        f"{HEADER}\n"
        "B01;Kreis;2020-06-02;ja;x;7;Sitzungen per Video; auch Telefon.;Kein Träger.\n"))
    assert _refused(project, table) == (
        "row 2 (line 2) has 9 cells, the header 8 columns; a separator inside an answer "
        "without quotes?")


def _workbook(tmp_path, cells: dict[str, object]):
    book = Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    for row in ROWS:
        sheet.append([int(c) if c.isdigit() else c for c in row])
    for coordinate, value in cells.items():
        sheet[coordinate] = value
    path = tmp_path / "formeln.xlsx"
    book.save(path)  # openpyxl saves formulas without a calculated result
    return path


def test_a_formula_without_a_saved_result_is_refused_naming_the_cell(project, tmp_path):
    table = _workbook(tmp_path, {"A3": '="B"&"02"', "G4": "=A4"})
    assert _refused(project, table) == (
        "cell A3 (row 3, column 'Bündnis'): a formula without a saved result (the file was "
        "written by a program that does not calculate: open it in Excel or LibreOffice and "
        "save it, or export a CSV); 1 more such cell(s)")


def test_an_error_value_in_a_used_column_is_refused(project, tmp_path):
    table = _workbook(tmp_path, {"F2": "#DIV/0!"})
    assert _refused(project, table) == (
        "cell F2 (row 2, column '2.9 Kommunen'): the error value #DIV/0!")


def test_formulas_in_columns_not_imported_do_not_matter(project, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append([*COLUMNS, "Summe"])
    for number, row in enumerate(ROWS, start=2):
        sheet.append([*row, f"=F{number}*2"])
    table = tmp_path / "nebenrechnung.xlsx"
    book.save(table)
    assert run(project, table).exit_code == 0
    assert sorted(documents(project)) == ["B01", "B02", "B03"]


def test_a_column_of_another_type_than_the_project_variable_is_refused(project, tmp_path):
    run(project, write_csv(tmp_path / "umfrage.csv"))              # 2.9 Kommunen: integer
    rows = [["B04", "Kreis", "2020-06-10", "ja", "", "etwa 5", "", "Neu."]]
    table = write_csv(tmp_path / "nachzuegler.csv", rows)
    assert _refused(project, table) == (
        "row 2, column '2.9 Kommunen': 'etwa 5' is not an integer, the type of variable "
        "'2.9 Kommunen' in the project; give --type '2.9 Kommunen=text' to convert the "
        "variable for every document")


def test_an_explicit_type_converts_the_project_variable_and_says_so(project, tmp_path):
    run(project, write_csv(tmp_path / "umfrage.csv"))
    rows = [["B04", "Kreis", "2020-06-10", "ja", "", "etwa 5", "", "Neu."]]
    result = run(project, write_csv(tmp_path / "nachzuegler.csv", rows),
                 "--type", "2.9 Kommunen=text")
    assert result.exit_code == 0, result.stderr
    assert "  note: converted variable '2.9 Kommunen' from integer to text (2 values) " \
           "(--type)" in result.stderr.splitlines()
    docs = documents(project)
    assert docs["B01"]["variables"]["2.9 Kommunen"] == "7"
    assert docs["B04"]["variables"]["2.9 Kommunen"] == "etwa 5"


def test_values_that_fit_the_project_type_are_stored_in_it_with_a_note(project, tmp_path):
    run(project, write_csv(tmp_path / "umfrage.csv"))
    cli("variable", "convert", str(project), "2.9 Kommunen", "float")
    rows = [["B04", "Kreis", "2020-06-10", "ja", "", "5", "", "Neu."]]
    result = run(project, write_csv(tmp_path / "nachzuegler.csv", rows))
    assert result.exit_code == 0, result.stderr
    assert ("  note: column '2.9 Kommunen': stored as float, the type of the project's variable "
            "'2.9 Kommunen' (read alone, the column would be integer)") in result.stderr
    assert documents(project)["B04"]["variables"]["2.9 Kommunen"] == 5.0


def test_a_mixed_encoding_csv_is_refused_unless_repaired(project, tmp_path):
    text = "\r\n".join(";".join(row) for row in [COLUMNS, *ROWS[:2]]) + "\r\n"
    data = text.encode("utf-8").replace("Träger".encode("utf-8"), "Träger".encode("cp1252"))
    table = tmp_path / "gemischt.csv"
    table.write_bytes(data)
    assert _refused(project, table) == (
        "mostly UTF-8, but 2 byte(s) are not (first in line 1, read as Windows-1252: "
        "'…unen;1.3 Anpassung;3.3 Trägersuche'); to import it so, give --encoding utf-8-repair")
    result = run(project, table, "--encoding", "utf-8-repair")
    assert result.exit_code == 0, result.stderr
    assert "  note: 2 byte(s) that are not UTF-8 read as Windows-1252" in result.stderr
    assert "Kein Träger für FB4." in cli("text", str(project), "B01").stdout
