"""Code Matrix Browser in the workbench (F6): the numbers of ``qualcode matrix``, scaled
symbols, values, rollup, the coder filter, the segments behind a cell, export.

Expected numbers come from the codings listed in tests/analysis_project.py.
"""

from __future__ import annotations

import csv

from analysis_project import ABH, CODES
from analysis_support import headers, numbers, open_analysis, row_names, symbols
from textual.widgets import Input
from tui_support import settle, wait_for

from qualcode.analysis.matrix import code_matrix
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.jump_list import JumpListScreen
from qualcode.tui.screens.matrix import MatrixScreen
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.grid_table import GridTable

# ABH: 1+13 | 5+6 | 10+15; Corona: 2 | - | 11; Abstimmung: 7; Digitale: 14;
# Telefon: 3 | 12; Video: 4 | 8+9
BY_DOCUMENT = [["2", "2", "2", "0"], ["1", "0", "1", "0"], ["0", "1", "0", "0"],
               ["1", "0", "0", "0"], ["1", "0", "1", "0"], ["1", "2", "0", "0"]]


async def test_counts_by_document_as_the_analysis_computes_them(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_analysis(pilot, app, "f6", MatrixScreen)
        table = screen.query_one(GridTable)
        assert row_names(table) == ["■ ABH-Kooperation", "■ Corona als Prozessbremse",
                                    "■ · Abstimmungsprozesse", "■ Digitale Beratung",
                                    "■ · Telefon", "■ · Video"]
        assert [h.split(" | ")[0] for h in headers(table)] == ["A-01", "A-02", "B-01", "B-02"]
        assert numbers(table) == BY_DOCUMENT
        # the largest count (2) is a full block, 1 is half height, 0 has no symbol
        assert symbols(table)[0] == ["█", "█", "█", ""]
        assert symbols(table)[1] == ["▅", "", "▅", ""]
        with Project.open(coded_project) as project:
            matrix = code_matrix(project)
        assert [[str(v) for v in row] for row in matrix.values] == numbers(table)
        assert "ABH-Kooperation × A-01: 2 coded segments" in str(
            screen.query_one("#status").render())


async def test_values_rollup_and_unit(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_analysis(pilot, app, "f6", MatrixScreen)
        table = screen.query_one(GridTable)
        await pilot.press("v")  # presence
        await settle(pilot, app)
        assert numbers(table)[0] == ["1", "1", "1", "0"]
        await pilot.press("v")  # row percentages: ABH 2 of 6 in each of three documents
        await settle(pilot, app)
        assert numbers(table)[0] == ["33,3", "33,3", "33,3", "0,0"]
        await pilot.press("v", "v")  # column percentages, then counts again
        await settle(pilot, app)
        assert numbers(table) == BY_DOCUMENT
        await pilot.press("r")  # rollup: Digitale Beratung 14+3+4 | 8+9 | 12
        await settle(pilot, app)
        assert numbers(table)[3] == ["3", "2", "1", "0"]
        await pilot.press("r", "u")  # documents: each document once
        await settle(pilot, app)
        assert numbers(table)[0] == ["1", "1", "1", "0"]


async def test_columns_by_group_with_n_in_the_headers(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_analysis(pilot, app, "f6", MatrixScreen)
        await pilot.press("b", *"groups", "enter")
        await settle(pilot, app)
        table = screen.query_one(GridTable)
        assert headers(table) == ["THM-Interviews | n = 2", "Reflexionsgespräche | n = 2"]
        assert numbers(table)[0] == ["4", "2"]  # ABH: 1, 13, 5, 6 | 10, 15


async def test_the_coder_filter_of_the_workbench_applies(coded_project):
    app = QualcodeApp(coded_project, "ben")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_analysis(pilot, app, "f6", MatrixScreen)
        await pilot.press("f9")  # only ben's codings: 13, 14, 15
        await settle(pilot, app)
        await settle(pilot, app)
        assert app.coder_filter == "ben"
        assert numbers(screen.query_one(GridTable)) == [
            ["1", "0", "1", "0"], ["0"] * 4, ["0"] * 4, ["1", "0", "0", "0"], ["0"] * 4,
            ["0"] * 4]


async def test_enter_lists_the_segments_of_a_cell_and_jumps_to_one(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_analysis(pilot, app, "f6", MatrixScreen)
        await pilot.press("enter")  # the cursor starts on ABH-Kooperation × A-01
        await wait_for(pilot, lambda: isinstance(app.screen, JumpListScreen))
        listed = app.screen.rows
        texts = {cells[-1] for _, cells in listed}
        assert texts == {  # segment 1 (anna) and segment 13 (ben)
            "Mit der Ausländerbehörde telefonieren wir jede Woche.",
            ("Mit der Ausländerbehörde telefonieren wir jede Woche. Die Ausländerbehörden "
             "im Kreis sind aber unterschiedlich offen.")}
        first = listed[0][1][-1]
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.view is not None and app.view.document.name == "A-01")
        await settle(pilot, app)
        browser = app.query_one(DocumentBrowser)
        assert app.screen is app.default_screen
        assert app.view.text[slice(*browser.selection_offsets())] == first
        # ctrl+b brings the matrix back, cursor where it was
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.query_one(GridTable).cursor_coordinate == (0, 1)


async def test_export_writes_the_numbers_shown(coded_project, tmp_path):
    target = tmp_path / "matrix.csv"
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_analysis(pilot, app, "f6", MatrixScreen)
        await pilot.press("e")
        await wait_for(pilot, lambda: app.screen.query(Input))
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, target.exists)
        heatmap = tmp_path / "matrix.svg"
        await pilot.press("e")
        await wait_for(pilot, lambda: app.screen.query(Input))
        app.screen.query_one(Input).value = str(heatmap)
        await pilot.press("enter")
        await wait_for(pilot, heatmap.exists, timeout=30)
    assert "<svg" in heatmap.read_text(encoding="utf-8")
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert rows[0] == ["code", "A-01", "A-02", "B-01", "B-02"]
    assert [row[0] for row in rows[1:]] == CODES
    assert rows[1] == [ABH, "2", "2", "2", "0"]
    assert [row[1:] for row in rows[1:]] == BY_DOCUMENT


async def test_filtering_a_coder_without_codings_says_so(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_analysis(pilot, app, "f6", MatrixScreen)
        await pilot.press("f9")
        await settle(pilot, app)
        await settle(pilot, app)
        assert "lena has coded nothing yet" in str(screen.query_one("#status").render())
        assert screen.query_one(GridTable).row_count == 0
        await pilot.press("f9")  # everyone's again
        await settle(pilot, app)
        await settle(pilot, app)
        assert numbers(screen.query_one(GridTable)) == BY_DOCUMENT


async def test_export_refuses_a_database_and_a_link(coded_project, tmp_path):
    copy = tmp_path / "kopie.csv"  # a copy of the project under an export's name
    copy.write_bytes(coded_project.read_bytes())
    before = copy.read_bytes()
    real = tmp_path / "real.csv"
    real.write_text("alt\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_analysis(pilot, app, "f6", MatrixScreen)
        for target, reason in ((copy, "SQLite database"), (link, "symbolic link")):
            await pilot.press("e")
            await wait_for(pilot, lambda: app.screen.query(Input))
            app.screen.query_one(Input).value = str(target)
            await pilot.press("enter")
            await wait_for(pilot, lambda r=reason: any(r in n.message
                                                      for n in app._notifications))
    assert copy.read_bytes() == before
    assert real.read_text(encoding="utf-8") == "alt\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
