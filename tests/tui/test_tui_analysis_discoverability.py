"""The analysis screens are in the help screen and the command palette; Escape closes one and
ctrl+b brings it back."""

from __future__ import annotations

from analysis_support import open_analysis
from tui_support import wait_for

from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.analysis_base import AnalysisScreen
from qualcode.tui.screens.help import HelpScreen
from qualcode.tui.screens.matrix import MatrixScreen
from qualcode.tui.screens.relations import RelationsScreen


async def test_help_lists_the_analysis_keys(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#keys")
        rows = {(table.get_row_at(i)[0], table.get_row_at(i)[1], table.get_row_at(i)[2])
                for i in range(table.row_count)}
        everywhere = "Global"
        for expected in [(everywhere, "f6", "Code matrix"), (everywhere, "f7", "Code relations"),
                         (everywhere, "ctrl+o", "Crosstab by variable"),
                         (everywhere, "ctrl+l", "Lexical search"),
                         (everywhere, "ctrl+r", "Representative quotes"),
                         (everywhere, "ctrl+b", "Back to the analysis"),
                         ("Code matrix", "v", "Values"), ("Code matrix", "r", "Rollup"),
                         ("Code relations", "w", "Overlap/turn/N"),
                         ("Crosstab", "p", "% of n"),
                         ("Lexical search", "a", "Autocode…"),
                         ("Lexical search", "ctrl+l", "Lemma on/off"),
                         ("Lexical search", "ctrl+t", "Headers"),
                         ("Autocode preview", "s", "Sentence"),
                         ("Quotes", "a / space", "Anchor on/off"),
                         ("Analysis screens", "e", "Export…"),
                         ("Matrix tables", "]", "Next columns")]:
            assert expected in rows, expected


async def test_palette_offers_the_screens_and_the_actions_of_the_shown_one(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Code matrix", "Code relations", "Crosstab by variable", "Lexical search…",
                "Representative quotes", "Back to the analysis"} <= titles
        screen = await open_analysis(pilot, app, "f6", MatrixScreen)
        titles = {command.title for command in app.get_system_commands(screen)}
        assert {"Code matrix: columns…", "Code matrix: next kind of values",
                "Code matrix: rollup on/off", "Code matrix: export…"} <= titles
        # a palette command runs the screen's action
        command = next(c for c in app.get_system_commands(screen)
                       if c.title == "Code matrix: rollup on/off")
        command.callback()
        assert screen.rollup


async def test_escape_closes_and_ctrl_b_returns_to_the_same_screen(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_analysis(pilot, app, "f7", RelationsScreen)
        await pilot.press("w")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.default_screen)
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.within == "turn"
        await pilot.press("f6")  # another analysis replaces it
        await wait_for(pilot, lambda: isinstance(app.screen, MatrixScreen))
        assert sum(isinstance(s, AnalysisScreen) for s in app.screen_stack) == 1


async def test_switching_quickly_between_analysis_screens_keeps_one(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("f6", "f7", "ctrl+o", "f6")  # each replaces the one before
        await wait_for(pilot, lambda: isinstance(app.screen, MatrixScreen)
                       and app.screen.matrix is not None)
        assert sum(isinstance(s, AnalysisScreen) for s in app.screen_stack) == 1
