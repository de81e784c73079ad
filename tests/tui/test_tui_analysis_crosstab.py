"""Crosstab by a document variable in the workbench (ctrl+g): segments ("Nennungen") and
documents per value, n in the column headers, as ``qualcode crosstab`` counts them."""

from __future__ import annotations

from analysis_support import headers, numbers, open_analysis
from tui_support import settle, wait_for

from qualcode.analysis.frequencies import code_frequencies
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.crosstab import CrosstabScreen
from qualcode.tui.screens.jump_list import JumpListScreen
from qualcode.tui.widgets.grid_table import GridTable


async def test_by_kommune_segments_and_documents_with_n(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_analysis(pilot, app, "ctrl+o", CrosstabScreen)
        await pilot.press("b", *"Kommune", "enter")
        await settle(pilot, app)
        table = screen.query_one(GridTable)
        assert headers(table)[:4] == ["Gesamt | n = 4 | Nennungen", "Gesamt | n = 4 | Dokumente",
                                      "Kreis | n = 2 | Nennungen", "Kreis | n = 2 | Dokumente"]
        # long values wrap onto two lines
        assert headers(table)[4:] == [
            "kreisangehörige | Kommune | n = 1 | Nennungen",
            "kreisangehörige | Kommune | n = 1 | Dokumente",
            "kreisfreie Stadt | n = 1 | Nennungen", "kreisfreie Stadt | n = 1 | Dokumente"]
        # ABH: 6 segments in 3 documents; Kreis (A-01, B-01): 1, 13, 10, 15 in 2;
        # kreisangehörige Kommune (B-02): none; kreisfreie Stadt: 5, 6 in 1
        assert numbers(table)[0] == ["6", "3", "4", "2", "0", "0", "2", "1"]
        with Project.open(coded_project) as project:
            table_data = code_frequencies(project, by="Kommune")
        abh = table_data.rows[0]
        assert numbers(table)[0][2:4] == [str(abh.columns["Kreis"].segments),
                                         str(abh.columns["Kreis"].documents)]
        await pilot.press("c")  # segments only
        await settle(pilot, app)
        assert numbers(table)[0] == ["6", "4", "0", "2"]
        await pilot.press("c", "p")  # documents, with % of n
        await settle(pilot, app)
        assert numbers(table)[0] == ["3", "75,0", "2", "100,0", "0", "0,0", "1", "100,0"]


async def test_enter_lists_the_segments_of_a_value(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_analysis(pilot, app, "ctrl+o", CrosstabScreen)
        await pilot.press("b", *"Kommune", "enter")
        await settle(pilot, app)
        screen.query_one(GridTable).move_cursor(row=0, column=3)  # ABH, Kreis: Nennungen
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, JumpListScreen))
        assert sorted(cells[0] for _, cells in app.screen.rows) == ["A-01", "A-01", "B-01",
                                                                    "B-01"]
