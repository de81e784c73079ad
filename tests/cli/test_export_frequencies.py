"""``qualcode export frequencies PROJECT [--by group|VARIABLE] [--rollup] [--coder NAME]
[--format csv|xlsx|md] [-o FILE] [--lang de|en]``, read back.

The eight segments of the study (see conftest): Corona 1 (THM-02), Corona/Sprechstunden 1
(THM-01), Corona/Telefon\\/E-Mail 2 (THM-01, RG-01), Behörden/Wartezeiten 3 (THM-01 twice,
THM-02), Netzwerk 1 (RG-01). lena coded all but s7 (Corona) and s8 (a Wartezeiten twin).
Percentages are of all 3 documents; groups: THM-Interviews (n = 2), Reflexionsgespräche
(n = 1); Kommune: Kreis Nord (THM-01, RG-01; n = 2), Stadt Süd (THM-02; n = 1).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from cli.conftest import assert_one_line_error, dump, ok, run

PATHS = ["Corona", "Corona/Sprechstunden", "Corona/Telefon\\/E-Mail", "Behörden",
         "Behörden/Wartezeiten", "Netzwerk"]

# (segments, documents, documents_percent) per code.
PLAIN = [(1, 1, 33.3), (1, 1, 33.3), (2, 2, 66.7), (0, 0, 0.0), (3, 2, 66.7), (1, 1, 33.3)]
ROLLUP = [(4, 3, 100.0), (1, 1, 33.3), (2, 2, 66.7), (3, 2, 66.7), (3, 2, 66.7), (1, 1, 33.3)]
LENA = [(0, 0, 0.0), (1, 1, 33.3), (2, 2, 66.7), (0, 0, 0.0), (2, 2, 66.7), (1, 1, 33.3)]
JONAS_ROLLUP = [(1, 1, 33.3), (0, 0, 0.0), (0, 0, 0.0), (1, 1, 33.3), (1, 1, 33.3),
                (0, 0, 0.0)]


def read_csv(text: str) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def totals(rows: list[dict], suffix: str = "") -> list[tuple[int, int, float]]:
    return [(int(r[f"segments{suffix}"]), int(r[f"documents{suffix}"]),
             float(r[f"documents_percent{suffix}"])) for r in rows]


def test_csv_to_stdout(project: Path):
    result = ok("export", "frequencies", project)
    # lena and jonas both coded: counting them together is said, once.
    assert result.stderr == ("warning: segments of 2 coders are counted together "
                             "(jonas, lena); give --coder to choose\n")
    assert ok("export", "frequencies", project, "--coder", "lena").stderr == ""
    header, rows = read_csv(result.stdout)
    assert header == ["code", "depth", "segments", "documents", "documents_percent"]
    assert [r["code"] for r in rows] == PATHS
    assert [int(r["depth"]) for r in rows] == [0, 1, 1, 0, 1, 0]
    assert totals(rows) == PLAIN


def test_csv_to_a_file(project: Path, tmp_path: Path):
    target = tmp_path / "freq.csv"
    result = ok("export", "frequencies", project, "-o", target)
    assert result.stdout == ""
    assert result.stderr.splitlines()[1:] == [f"wrote {target} (coders: jonas, lena)"]
    _, rows = read_csv(target.read_text(encoding="utf-8"))
    assert totals(rows) == PLAIN


def test_rollup_counts_subcodes_in_parents_with_documents_once(project: Path):
    _, rows = read_csv(ok("export", "frequencies", project, "--rollup").stdout)
    assert totals(rows) == ROLLUP


def test_coder_filter(project: Path):
    _, rows = read_csv(ok("export", "frequencies", project, "--coder", "lena").stdout)
    assert totals(rows) == LENA
    _, rows = read_csv(ok("export", "frequencies", project, "--coder", "jonas",
                          "--rollup").stdout)
    assert totals(rows) == JONAS_ROLLUP


def test_by_group(project: Path):
    header, rows = read_csv(ok("export", "frequencies", project, "--by", "group").stdout)
    # columns in the order of the document groups (THM-Interviews was created first)
    assert header == [
        "code", "depth", "segments", "documents", "documents_percent",
        "segments[THM-Interviews]", "documents[THM-Interviews]",
        "documents_percent[THM-Interviews]",
        "segments[Reflexionsgespräche]", "documents[Reflexionsgespräche]",
        "documents_percent[Reflexionsgespräche]"]
    assert totals(rows) == PLAIN
    assert totals(rows, "[Reflexionsgespräche]") == [
        (0, 0, 0.0), (0, 0, 0.0), (1, 1, 100.0), (0, 0, 0.0), (0, 0, 0.0), (1, 1, 100.0)]
    assert totals(rows, "[THM-Interviews]") == [
        (1, 1, 50.0), (1, 1, 50.0), (1, 1, 50.0), (0, 0, 0.0), (3, 2, 100.0), (0, 0, 0.0)]


def test_by_a_variable_with_rollup(project: Path):
    _, rows = read_csv(ok("export", "frequencies", project, "--by", "Kommune",
                          "--rollup").stdout)
    assert totals(rows) == ROLLUP
    assert totals(rows, "[Kreis Nord]") == [
        (3, 2, 100.0), (1, 1, 50.0), (2, 2, 100.0), (2, 1, 50.0), (2, 1, 50.0), (1, 1, 50.0)]
    assert totals(rows, "[Stadt Süd]") == [
        (1, 1, 100.0), (0, 0, 0.0), (0, 0, 0.0), (1, 1, 100.0), (1, 1, 100.0), (0, 0, 0.0)]


def test_by_a_variable_some_documents_lack(project: Path):
    ok("variable", "set", project, "THM-01", "Teilnehmende", "12")
    _, rows = read_csv(ok("export", "frequencies", project, "--by", "Teilnehmende").stdout)
    # THM-01 (n = 1) holds s1, s2, s3, s8; THM-02 and RG-01 have no value (n = 2).
    assert totals(rows, "[12]") == [
        (0, 0, 0.0), (1, 1, 100.0), (1, 1, 100.0), (0, 0, 0.0), (2, 1, 100.0), (0, 0, 0.0)]
    assert totals(rows, "[(no value)]") == [
        (1, 1, 50.0), (0, 0, 0.0), (1, 1, 50.0), (0, 0, 0.0), (1, 1, 50.0), (1, 1, 50.0)]
    # reports name that column in their language; CSV keeps the fixed key above
    german = ok("export", "frequencies", project, "--by", "Teilnehmende", "--format", "md")
    assert "(kein Wert) (n = 2)" in german.stdout and "(no value)" not in german.stdout
    english = ok("export", "frequencies", project, "--by", "Teilnehmende", "--format", "md",
                 "--lang", "en")
    assert "(no value) (n = 2)" in english.stdout


def test_by_a_boolean_variable_names_its_columns_true_and_false(project: Path):
    ok("variable", "set", project, "THM-01", "Erstkontakt", "true")
    ok("variable", "set", project, "THM-02", "Erstkontakt", "false")
    ok("variable", "set", project, "RG-01", "Erstkontakt", "false")
    header, rows = read_csv(ok("export", "frequencies", project, "--by", "Erstkontakt").stdout)
    assert header[5:] == ["segments[false]", "documents[false]", "documents_percent[false]",
                          "segments[true]", "documents[true]", "documents_percent[true]"]
    assert totals(rows, "[true]")[4] == (2, 1, 100.0)


def test_xlsx_has_the_same_numbers(project: Path, tmp_path: Path):
    from openpyxl import load_workbook

    target = tmp_path / "freq.xlsx"
    ok("export", "frequencies", project, "--by", "Kommune", "--rollup", "--format", "xlsx",
       "-o", target)
    sheet = load_workbook(target).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    header_row = next(i for i, row in enumerate(values) if row[0] == "Code")
    assert "n = 3" in str(values[0][0])  # the title line names all documents
    header = values[header_row]
    assert header[:4] == ["Code", "Codierte Segmente", "Dokumente", "Dokumente (%)"]
    assert header[4] == "Kreis Nord (n = 2): Codierte Segmente"
    assert header[7] == "Stadt Süd (n = 1): Codierte Segmente"
    body = values[header_row + 1:]
    assert [row[0] for row in body] == PATHS
    assert [tuple(row[1:4]) for row in body] == ROLLUP
    assert [tuple(row[4:7]) for row in body] == [
        (3, 2, 100.0), (1, 1, 50.0), (2, 2, 100.0), (2, 1, 50.0), (2, 1, 50.0), (1, 1, 50.0)]
    assert [tuple(row[7:10]) for row in body] == [
        (1, 1, 100.0), (0, 0, 0.0), (0, 0, 0.0), (1, 1, 100.0), (1, 1, 100.0), (0, 0, 0.0)]
    assert all(isinstance(row[1], int) for row in body)  # numbers, not text


def test_xlsx_columns_are_wide_enough_for_their_headers(project: Path, tmp_path: Path):
    """Every column has a width for its header (up to 24 characters, longer ones wrap), so a
    spreadsheet program or a printout does not cut "Dokumente (%)" to "Dokumen"."""
    from openpyxl import load_workbook

    target = tmp_path / "freq.xlsx"
    ok("export", "frequencies", project, "--by", "Kommune", "--format", "xlsx", "-o", target)
    sheet = load_workbook(target).active
    for cell in sheet[2][1:]:
        width = sheet.column_dimensions[cell.column_letter].width
        assert width >= min(len(cell.value), 24), (cell.value, width)
        assert cell.alignment.wrap_text


def test_xlsx_english_labels(project: Path, tmp_path: Path):
    from openpyxl import load_workbook

    target = tmp_path / "freq.xlsx"
    ok("export", "frequencies", project, "--format", "xlsx", "-o", target, "--lang", "en")
    values = [list(r) for r in load_workbook(target).active.iter_rows(values_only=True)]
    header = next(row for row in values if row[0] == "Code")
    assert header == ["Code", "Coded segments", "Documents", "Documents (%)"]


def markdown_rows(text: str) -> dict[str, list[str]]:
    """Table rows by code name (bold and the ``·`` level marks stripped)."""
    rows = {}
    for line in text.splitlines():
        if line.startswith("|") and not line.startswith("| ---") and "---" not in line:
            cells = [c.strip().strip("*").lstrip("·\u00a0") for c in line.strip("|").split("|")]
            rows[cells[0]] = cells[1:]
    return rows


def test_markdown_has_the_table_and_n(project: Path, tmp_path: Path):
    target = tmp_path / "freq.md"
    ok("export", "frequencies", project, "--format", "md", "-o", target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Code-Häufigkeiten\n")
    assert "n = 3" in text
    rows = markdown_rows(text)
    assert rows["Code"] == ["Codierte Segmente", "Dokumente", "Dokumente (%)"]
    # German decimal commas.
    assert rows["Corona"] == ["1", "1", "33,3"]
    assert rows["Sprechstunden"] == ["1", "1", "33,3"]
    assert rows["Telefon/E-Mail"] == ["2", "2", "66,7"]
    assert rows["Behörden"] == ["0", "0", "0,0"]
    assert rows["Wartezeiten"] == ["3", "2", "66,7"]
    assert rows["Netzwerk"] == ["1", "1", "33,3"]


def test_markdown_by_group_names_n_per_column_in_english(project: Path):
    text = ok("export", "frequencies", project, "--format", "md", "--by", "group", "--rollup",
              "--lang", "en", "--coder", "lena").stdout
    assert text.startswith("# Code frequencies\n")
    assert "lena" in text  # the coder filter is stated
    header = next(line for line in text.splitlines() if line.startswith("| Code"))
    assert "Total (n = 3)" in header
    assert "Reflexionsgespräche (n = 1)" in header
    assert "THM-Interviews (n = 2)" in header
    rows = markdown_rows(text)
    # lena, rollup: Corona = s1, s2, s6 in THM-01 and RG-01.
    # group order: THM-Interviews, then Reflexionsgespräche
    assert rows["Corona"] == ["3", "2", "66.7", "2", "1", "50.0", "1", "1", "100.0"]


def test_xlsx_needs_an_output_file(project: Path):
    result = run("export", "frequencies", project, "--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx needs -o FILE" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(("args", "fragment"), [
    (["--by", "Bundesland"], "no document variable 'Bundesland'"),
    (["--coder", "niemand"], "no coder 'niemand'"),
])
def test_unknown_split_or_coder_is_an_error(project: Path, args: list[str], fragment: str):
    before = dump(project)
    assert_one_line_error(run("export", "frequencies", project, *args), fragment)
    assert dump(project) == before


def test_an_output_file_in_a_missing_folder_is_an_error(project: Path, tmp_path: Path):
    target = tmp_path / "fehlt" / "freq.csv"
    assert_one_line_error(run("export", "frequencies", project, "-o", target), str(target))
    assert not target.parent.exists()


def test_the_default_exports_folder_is_created_when_missing(project: Path, tmp_path: Path):
    target = tmp_path / "exports" / "freq.csv"
    ok("export", "frequencies", project, "-o", target)
    assert target.read_text(encoding="utf-8").startswith("code,depth,")
    # but only one level, and only that name: a typo deeper down stays an error
    deeper = tmp_path / "nirgends" / "exports" / "freq.csv"
    assert_one_line_error(run("export", "frequencies", project, "-o", deeper), str(deeper))
    assert not deeper.parent.parent.exists()


def test_an_output_path_that_is_a_link_is_refused_unless_followed(project: Path,
                                                                   tmp_path: Path):
    real = tmp_path / "real.csv"
    real.write_text("alt\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert_one_line_error(run("export", "frequencies", project, "-o", link), str(link),
                          "symbolic link", "--follow-symlinks")
    assert real.read_text(encoding="utf-8") == "alt\n"
    ok("export", "frequencies", project, "-o", link, "--follow-symlinks")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("code,depth,")


def test_an_existing_output_file_is_replaced_whole(project: Path, tmp_path: Path):
    target = tmp_path / "freq.csv"
    target.write_text("alt\n" * 1000, encoding="utf-8")
    ok("export", "frequencies", project, "-o", target)
    assert target.read_text(encoding="utf-8").startswith("code,depth,")
    assert "alt" not in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["freq.csv", "study.qualcode"]


def test_rollup_over_three_levels(project: Path):
    ok("codes", "add", project, "Corona/Telefon\\/E-Mail/SMS")
    ok("code", project, "THM-02", "Corona/Telefon\\/E-Mail/SMS", "--match",
       "Anträge monatelang", "--coder", "lena")
    _, rows = read_csv(ok("export", "frequencies", project, "--rollup").stdout)
    assert [(r["code"], int(r["depth"])) for r in rows][:4] == [
        ("Corona", 0), ("Corona/Sprechstunden", 1), ("Corona/Telefon\\/E-Mail", 1),
        ("Corona/Telefon\\/E-Mail/SMS", 2)]
    # The SMS segment is in THM-02, which Corona already counted (s7): documents stay 3.
    assert totals(rows)[:4] == [(5, 3, 100.0), (1, 1, 33.3), (3, 3, 100.0), (1, 1, 33.3)]
    _, rows = read_csv(ok("export", "frequencies", project).stdout)
    assert totals(rows)[:4] == [(1, 1, 33.3), (1, 1, 33.3), (2, 2, 66.7), (1, 1, 33.3)]


def test_a_project_without_documents_has_no_percentages(empty_project: Path):
    ok("codes", "add", empty_project, "Leer")
    _, rows = read_csv(ok("export", "frequencies", empty_project).stdout)
    assert [(r["code"], r["segments"], r["documents"], r["documents_percent"])
            for r in rows] == [("Leer", "0", "0", "")]
    text = ok("export", "frequencies", empty_project, "--format", "md").stdout
    assert "n = 0" in text
