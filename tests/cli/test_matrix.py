"""``qualcode matrix``: codes x documents | groups | variable values (expected numbers from
the codings listed in analysis_project.py)."""

from __future__ import annotations

import json

from analysis_project import ABH, CODES, VIDEO, run
from openpyxl import load_workbook

DOCS = ["A-01", "A-02", "B-01", "B-02"]


def _json(*args):
    return json.loads(run("matrix", *args, "--format", "json").stdout)


def test_counts_by_document_all_coders(coded_project):
    data = _json(coded_project)
    assert data == {
        "rows": CODES,
        "columns": DOCS,
        # ABH: 1+13 | 5+6 | 10+15; Corona: 2 | - | 11; Abstimmung: 7; Digitale: 14;
        # Telefon: 3 | 12; Video: 4 | 8+9
        "values": [[2, 2, 2, 0], [1, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0], [1, 0, 1, 0],
                   [1, 2, 0, 0]],
    }


def test_rollup_counts_subcodes_in_parents(coded_project):
    values = _json(coded_project, "--rollup")["values"]
    assert values[1] == [1, 1, 1, 0]  # Corona: 2, 7 (Abstimmungsprozesse), 11
    assert values[3] == [3, 2, 1, 0]  # Digitale Beratung: 14+3+4 | 8+9 | 12


def test_one_coder(coded_project):
    values = _json(coded_project, "--coder", "ben")["values"]
    assert values == [[1, 0, 1, 0], [0] * 4, [0] * 4, [1, 0, 0, 0], [0] * 4, [0] * 4]


def test_presence(coded_project):
    values = _json(coded_project, "--values", "presence")["values"]
    assert values[0] == [1, 1, 1, 0]
    assert values[5] == [1, 1, 0, 0]


def test_by_variable_counting_each_document_once(coded_project):
    data = _json(coded_project, "--by", "Kommune", "--count", "documents", "--rollup",
                 "--coder", "anna")
    assert data["columns"] == ["Kreis", "kreisangehörige Kommune", "kreisfreie Stadt"]
    assert data["values"] == [[2, 0, 1], [2, 0, 1], [0, 0, 1], [2, 0, 1], [2, 0, 0],
                              [1, 0, 1]]


def test_row_and_column_percentages_by_group(coded_project):
    rows = _json(coded_project, "--by", "group", "--values", "row-percent")
    assert rows["columns"] == ["THM-Interviews", "Reflexionsgespräche"]
    assert rows["values"][0] == [66.7, 33.3]  # ABH: 4 of 6, 2 of 6
    assert rows["values"][5] == [100.0, 0.0]  # Video: 3 of 3
    columns = _json(coded_project, "--by", "group", "--values", "column-percent")["values"]
    # Column totals: THM 2+2+1+1+1+1+3 = 11 segments, RG 2+1+1 = 4 segments.
    assert columns[0] == [36.4, 50.0]
    assert columns[5] == [27.3, 0.0]


def test_row_percent_of_an_empty_row_is_null(coded_project):
    run("codes", "add", coded_project, "Neu")
    values = _json(coded_project, "--values", "row-percent")["values"]
    assert values[-1] == [None, None, None, None]


def test_markdown_prints_n_in_column_headers(coded_project):
    text = run("matrix", coded_project, "--by", "Kommune", "--format", "md").stdout
    assert "| Code | Kreis (n = 2) | kreisangehörige Kommune (n = 1) | kreisfreie Stadt (n = 1) |" \
        in text
    assert "| **ABH-Kooperation** | 4 | 0 | 2 |" in text
    assert "| ·\u00a0Video | 1 | 0 | 2 |" in text


def test_csv_and_xlsx(coded_project, tmp_path):
    csv_text = run("matrix", coded_project, "--format", "csv").stdout
    assert csv_text.splitlines()[0] == "code,A-01,A-02,B-01,B-02"
    assert csv_text.splitlines()[6] == f"{VIDEO},1,2,0,0"
    target = tmp_path / "matrix.xlsx"
    run("matrix", coded_project, "--by", "group", "--format", "xlsx", "-o", target)
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[2]] == ["Code", "THM-Interviews (n = 2)",
                                           "Reflexionsgespräche (n = 2)"]
    assert [c.value for c in sheet[3]] == [ABH, 4, 2]


def test_heatmap_png_and_svg(coded_project, tmp_path):
    png = tmp_path / "m.png"
    run("matrix", coded_project, "--format", "png", "-o", png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = run("matrix", coded_project, "--format", "svg").stdout
    assert "<svg" in svg
    assert run("matrix", coded_project, "--format", "svg").stdout == svg  # reproducible


def test_png_needs_an_output_file(coded_project):
    result = run("matrix", coded_project, "--format", "png", ok=False)
    assert "needs -o FILE" in result.output


def test_table_with_scaled_symbols(coded_project):
    out = run("matrix", coded_project, "--symbols").stdout
    video = next(line for line in out.splitlines() if line.startswith("· Video"))
    # The largest cell (2) gets a full block, 1 of 2 the middle one, 0 none.
    assert video.split() == ["·", "Video", "▅", "1", "█", "2", "0", "0"]


def test_segments_behind_a_cell(coded_project):
    found = json.loads(run("matrix", coded_project, "--by", "Kommune", "--cell", ABH, "Kreis",
                           "--format", "json").stdout)
    assert [s["id"] for s in found] == [1, 13, 10, 15]
    assert {s["document"] for s in found} == {"A-01", "B-01"}


def test_unknown_variable_is_a_one_line_error(coded_project):
    result = run("matrix", coded_project, "--by", "Bundesland", ok=False)
    assert result.output.startswith("error: no document variable 'Bundesland'")


def test_empty_project_gives_an_empty_matrix_and_chart(tmp_path):
    path = tmp_path / "leer.qualcode"
    run("init", path)
    assert json.loads(run("matrix", path, "--format", "json").stdout) == {
        "rows": [], "columns": [], "values": []}
    run("matrix", path, "--format", "png", "-o", tmp_path / "leer.png")
    assert (tmp_path / "leer.png").read_bytes()[:4] == b"\x89PNG"


def test_matrix_and_crosstab_count_only_the_chosen_groups(coded_project):
    # The same restriction as `export frequencies --group`: numbers and n of that group only.
    import json

    from click.testing import CliRunner

    from qualcode.cli import main

    runner = CliRunner()
    every = json.loads(runner.invoke(main, ["matrix", str(coded_project), "--by", "group",
                                            "--format", "json"]).stdout)
    for group in every["columns"]:
        one = json.loads(runner.invoke(main, ["matrix", str(coded_project), "--by", "group",
                                              "--group", group, "--format", "json"]).stdout)
        assert one["columns"] == [group]
        column = every["columns"].index(group)
        assert [row[0] for row in one["values"]] == [row[column] for row in every["values"]]
    unknown = runner.invoke(main, ["crosstab", str(coded_project), "--by", "group",
                                   "--group", "Gibt es nicht"])
    assert unknown.exit_code == 1 and "no document group 'Gibt es nicht'" in unknown.stderr
