"""Code Relations Browser in the workbench (F7): co-occurrence by overlap, same turn and
distance, as ``qualcode cooccurrence`` counts it; the pairs behind a cell; the jump."""

from __future__ import annotations

from analysis_project import TEXTS
from analysis_support import numbers, open_analysis
from textual.widgets import Input
from tui_support import settle, wait_for

from qualcode.analysis.cooccurrence import code_cooccurrence
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.jump_list import JumpListScreen
from qualcode.tui.screens.relations import RelationsScreen
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.grid_table import GridTable

# Rows/columns: ABH, Corona, Abstimmungsprozesse, Digitale Beratung, Telefon, Video.
ABH, CORONA, ABSTIMMUNG, TELEFON, VIDEO = 0, 1, 2, 4, 5


def nonzero(table: GridTable) -> dict[tuple[int, int], str]:
    return {(i, j): v for i, row in enumerate(numbers(table)) for j, v in enumerate(row)
            if v != "0"}


async def test_overlap_turn_and_distance(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_analysis(pilot, app, "f7", RelationsScreen)
        table = screen.query_one(GridTable)
        # only anna's 3 (Telefon) and 4 (Video) overlap
        assert nonzero(table) == {(TELEFON, VIDEO): "1", (VIDEO, TELEFON): "1"}
        await pilot.press("w")  # the same speaker turn
        await settle(pilot, app)
        assert nonzero(table) == {(ABH, CORONA): "2", (CORONA, ABH): "2",
                                  (ABH, ABSTIMMUNG): "2", (ABSTIMMUNG, ABH): "2",
                                  (TELEFON, VIDEO): "1", (VIDEO, TELEFON): "1"}
        with Project.open(coded_project) as project:
            turn = code_cooccurrence(project, within="turn")
        assert [[str(v) for v in row] for row in turn.values] == numbers(table)
        await pilot.press("n")  # within 5 characters: 10/11 (" (.) "), 6/7 (" "), 3/4
        await wait_for(pilot, lambda: app.screen.query(Input))
        app.screen.query_one(Input).value = "5"
        await pilot.press("enter")
        await settle(pilot, app)
        assert nonzero(table) == {(ABH, CORONA): "1", (CORONA, ABH): "1",
                                  (ABH, ABSTIMMUNG): "1", (ABSTIMMUNG, ABH): "1",
                                  (TELEFON, VIDEO): "1", (VIDEO, TELEFON): "1"}


async def test_enter_lists_the_pairs_and_jumps_to_both_segments(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_analysis(pilot, app, "f7", RelationsScreen)
        await pilot.press("w")
        await settle(pilot, app)
        screen.query_one(GridTable).move_cursor(row=ABH, column=CORONA + 1)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, JumpListScreen))
        assert [cells[0] for _, cells in app.screen.rows] == ["A-01", "B-01"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.view is not None and app.view.document.name == "A-01")
        await settle(pilot, app)
        selected = app.view.text[slice(*app.query_one(DocumentBrowser).selection_offsets())]
        # from segment 1 (ABH) to the end of segment 2 (Corona)
        assert selected.startswith("Mit der Ausländerbehörde telefonieren")
        assert selected.endswith("Seit Corona ist vieles langsamer geworden.")
        assert selected in TEXTS["A-01"]
