"""Names and text that a spreadsheet would run as formulas (CSV injection) and control
characters that a terminal would act on, through every CSV, XLSX, Markdown and terminal
output. A study whose documents, codes, coders and variable values were named by a hostile
(or careless) user: ``=1+2``, ``@SUM(1)``, ``=HYPERLINK(...)``, ``+cmd|' /C calc'!A0``, an
ESC colour sequence, a bidi override, a ``|``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cli.conftest import assert_one_line_error, dump, ok, run
from qualcode.analysis.search import search
from qualcode.exports import search_hits
from qualcode.store.project import Project

HYPERLINK = '=HYPERLINK("http://x","y")'
CMD = "+cmd|' /C calc'!A0"
CODES = [HYPERLINK, CMD, "@SUM(1)", "-2+3"]
CODER = "=jonas"
ESCAPE = "Rot\x1b[31m|Nord"  # a document name (from a file name) with a colour sequence
DOCUMENTS = {
    "=1+2": "Modus: @Anruf\nKommune: -Kreis\n\nI: Wie geht es? #00:00:10-0#\n\n"
            "B: Die Sprechstunden fielen weg. #00:00:20-0#\n",
    "@SUM(1)": "Modus: Video\n\nI: Und dann? #00:00:05-0#\n\n"
               "B: Die Behörde war nicht erreichbar. #00:00:12-0#\n",
    ESCAPE: "Modus: Video\n\nI: Noch etwas? #00:00:05-0#\n\n"
            "B: Die Sprechstunden\u202e fielen weg. #00:00:12-0#\n",
}
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escaped_codepath(name: str) -> str:
    return name.replace("/", "\\/")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, text in DOCUMENTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    project = folder / "study.qualcode"
    ok("init", project)
    ok("import", project, *(folder / f"{name}.txt" for name in DOCUMENTS))
    for code in CODES:
        ok("codes", "add", project, "--", escaped_codepath(code))
    for coder in ("lena", CODER):
        for document, text in DOCUMENTS.items():
            passage = "Sprechstunden" if "Sprechstunden" in text else "Behörde"
            ok("code", project, document, "--match", passage, f"--coder={coder}", "--",
               escaped_codepath(HYPERLINK))
            question = text.split("I: ")[1].split(" #")[0]
            ok("code", project, document, "--match", question, f"--coder={coder}", "--",
               "@SUM(1)")
    ok("code", project, "=1+2", "--match", "fielen weg", "--coder=lena", "--", "-2+3")
    ok("code", project, "@SUM(1)", "--match", "nicht erreichbar", "--coder=lena", "--", CMD
       .replace("/", "\\/"))
    return project


def formula_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row
            if cell[:1] in TRIGGERS and not _number(cell)]


def _number(cell: str) -> bool:
    try:
        float(cell.replace(",", "."))
    except ValueError:
        return False
    return True


CSV_COMMANDS = {
    "export frequencies": ("export", "frequencies", "P"),
    "export frequencies --by": ("export", "frequencies", "P", "--by", "Modus"),
    "export segments": ("export", "segments", "P"),
    "agreement": ("agreement", "P", "--coders", f"lena,{CODER}", "--level", "document",
                  "--format", "csv"),
    "disagreements": ("disagreements", "P", "--coders", f"lena,{CODER}", "--format", "csv"),
    "matrix": ("matrix", "P", "--format", "csv"),
    "crosstab": ("crosstab", "P", "--by", "Modus", "--format", "csv"),
    "cooccurrence": ("cooccurrence", "P", "--format", "csv"),
    "codes": ("codes", "list", "P", "--format", "csv"),
    "documents": ("documents", "P", "--format", "csv"),
    "segments": ("segments", "P", "--format", "csv"),
    "search": ("search", "P", "Sprechstunden OR Behörde", "--format", "csv"),
    "variables": ("variable", "list", "P", "--format", "csv"),
}


@pytest.mark.parametrize("name", CSV_COMMANDS)
def test_no_csv_cell_is_a_formula(hostile: Path, name: str, tmp_path: Path):
    args = [hostile if a == "P" else a for a in CSV_COMMANDS[name]]
    text = ok(*args).stdout
    assert formula_cells(text) == []
    if name.startswith("export") or name in ("agreement", "matrix", "crosstab"):
        # Written to a file, the same; and the names are still there to read after the '.
        out = tmp_path / "out.csv"
        ok(*args, "-o", out)
        assert out.read_text(encoding="utf-8") == text
    cells = {cell for row in csv.reader(io.StringIO(text)) for cell in row}
    shown = {cell[1:] for cell in cells if cell.startswith("'")}
    hostile_names = {*CODES, "=1+2", "@SUM(1)", CODER, "@Anruf", "-Kreis"}
    assert any(cell.startswith(tuple(hostile_names)) for cell in shown), cells


def test_numbers_in_csv_stay_numbers(hostile: Path):
    rows = list(csv.DictReader(io.StringIO(ok(*[hostile if a == "P" else a for a in
                                                CSV_COMMANDS["agreement"]]).stdout)))
    assert {r["code"] for r in rows} == {"'" + escaped_codepath(HYPERLINK), "'@SUM(1)", "'-2+3",
                                         "'" + escaped_codepath(CMD), ""}
    for row in rows:
        float(row["agreement"])  # a number, never '0.66...


XLSX_COMMANDS = {
    "export frequencies": ("export", "frequencies", "P", "--by", "Modus"),
    "export segments": ("export", "segments", "P"),
    "agreement": ("agreement", "P", "--coders", f"lena,{CODER}", "--level", "document"),
    "disagreements": ("disagreements", "P", "--coders", f"lena,{CODER}"),
    "matrix": ("matrix", "P"),
    "crosstab": ("crosstab", "P", "--by", "Modus"),
    "cooccurrence": ("cooccurrence", "P"),
}


def workbook_cells(data: bytes) -> list:
    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if cell.value is not None]


@pytest.mark.parametrize("name", XLSX_COMMANDS)
def test_no_xlsx_cell_is_a_formula(hostile: Path, name: str, tmp_path: Path):
    out = tmp_path / "out.xlsx"
    ok(*[hostile if a == "P" else a for a in XLSX_COMMANDS[name]], "--format", "xlsx",
       "-o", out)
    cells = workbook_cells(out.read_bytes())
    assert [c.value for c in cells if c.data_type == "f"] == []
    texts = {c.value for c in cells if c.data_type == "s"}
    # The names read back as they are, without a quote: a text cell needs none.
    assert texts & set(CODES) or any(CODES[0] in t or "@SUM(1)" in t for t in texts)
    assert all(isinstance(c.value, (int, float)) for c in cells if c.data_type == "n")


def test_search_hits_xlsx_has_no_formula(hostile: Path):
    with Project.open(hostile) as project:
        hits = search(project, "Sprechstunden OR Behörde").hits
    cells = workbook_cells(search_hits.render(hits, "xlsx"))
    assert [c.value for c in cells if c.data_type == "f"] == []
    assert {"=1+2", "@SUM(1)"} <= {c.value for c in cells}
    assert formula_cells(search_hits.render(hits, "csv").decode("utf-8")) == []


MARKDOWN_COMMANDS = {
    "export frequencies": ("export", "frequencies", "P", "--format", "md"),
    "agreement": ("agreement", "P", "--coders", f"lena,{CODER}", "--level", "document",
                  "--format", "md"),
    "matrix": ("matrix", "P", "--format", "md"),
    "crosstab": ("crosstab", "P", "--by", "Modus", "--format", "md"),
    "cooccurrence": ("cooccurrence", "P", "--format", "md"),
}


def cells_per_row(line: str) -> int:
    return line.replace("\\|", "").count("|")


@pytest.mark.parametrize("name", MARKDOWN_COMMANDS)
def test_markdown_table_rows_stay_whole(hostile: Path, name: str):
    text = ok(*[hostile if a == "P" else a for a in MARKDOWN_COMMANDS[name]]).stdout
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert len(table) >= 3
    assert len({cells_per_row(line) for line in table}) == 1
    assert "\x1b" not in text and "\u202e" not in text


def test_report_markdown_escapes_names(hostile: Path, tmp_path: Path):
    out = tmp_path / "bericht.md"
    ok("export", "report", hostile, "--format", "md", "--by", "Modus", "-o", out)
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text
    for table in _tables(text):
        assert len({cells_per_row(line) for line in table}) == 1


def _tables(text: str) -> list[list[str]]:
    tables, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables + ([current] if current else [])


# Commands printing to the terminal; True where the document with ESC in its name is shown.
TERMINAL_COMMANDS = {
    "documents": (("documents", "P"), True),
    "codes": (("codes", "list", "P"), False),
    "segments": (("segments", "P"), True),
    "matrix": (("matrix", "P"), True),
    "agreement": (("agreement", "P", "--coders", f"lena,{CODER}", "--level", "document"),
                  False),
    "disagreements": (("disagreements", "P", "--coders", f"lena,{CODER}"), False),
    "search": (("search", "P", "Sprechstunden"), True),
    "documents json": (("documents", "P", "--format", "json"), True),
}


@pytest.mark.parametrize("name", TERMINAL_COMMANDS)
def test_no_control_character_reaches_the_terminal(hostile: Path, name: str):
    args, shows_document = TERMINAL_COMMANDS[name]
    result = ok(*[hostile if a == "P" else a for a in args])
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\u202e" not in stream
    assert ("Rot\\u001b[31m" in result.stdout) == shows_document


def test_json_keeps_the_exact_names(hostile: Path):
    import json

    rows = json.loads(ok("documents", hostile, "--format", "json").stdout)
    assert ESCAPE in {r["name"] for r in rows}


def test_errors_and_messages_show_control_characters_escaped(hostile: Path):
    line = assert_one_line_error(run("text", hostile, "Rot\x1b[31m\u202eweg\nzwei"))
    assert "\x1b" not in line and "\u202e" not in line
    assert "\\u001b" in line or "\\x1b" in line


@pytest.mark.parametrize("args", [
    ("codes", "add", "P", "Neu\x1b[2J"),
    ("codes", "add", "P", "Oben/Unten\u202e"),
    ("codes", "add", "P", "Zeile\nzwei"),
    ("codes", "rename", "P", "@SUM(1)", "Glocke\x07"),
    ("code", "P", "=1+2", "--match", "Wie geht es", "--coder", "neu\x1b", "--", "-2+3"),
    ("coders", "rename", "P", "lena", "lena\u2066"),
])
def test_new_names_with_control_characters_are_refused(hostile: Path, args):
    before = dump(hostile)
    line = assert_one_line_error(run(*[hostile if a == "P" else a for a in args]),
                                 "control character")
    assert "\x1b" not in line
    assert dump(hostile) == before
