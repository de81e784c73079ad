"""Representative quotes in the workbench (ctrl+r): the ranking of ``qualcode quotes`` for
the Code System's code, the anchor flag toggled (undoable, persisted), Enter jumps."""

from __future__ import annotations

from analysis_support import NLP_TIMEOUT
from textual.coordinate import Coordinate
from textual.widgets import DataTable
from tui_support import settle, wait_for

from qualcode.analysis.representative import representative_quotes
from qualcode.store.project import Project
from qualcode.store.segments import get_segment
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.quotes import QuotesScreen
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.code_system import CodeSystem


async def quotes_of(pilot, app, path: str) -> QuotesScreen:
    await wait_for(pilot, lambda: app.state is not None)
    tree = app.query_one(CodeSystem)
    tree.select_code(next(c.id for c in app.state.codes.codes if c.path == path))
    await pilot.press("f3", "ctrl+r")
    await wait_for(pilot, lambda: isinstance(app.screen, QuotesScreen))
    screen = app.screen
    await wait_for(pilot, lambda: screen.ranking is not None, timeout=NLP_TIMEOUT)
    return screen


def column(screen, index: int) -> list[str]:
    table = screen.query_one("#quotes", DataTable)
    return [table.get_cell_at(Coordinate(row, index)) for row in range(table.row_count)]


def anchored(path, segment_id: int) -> bool:
    with Project.open(path) as project:
        return get_segment(project, segment_id).anchor


async def test_the_ranking_of_the_code_under_the_cursor(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await quotes_of(pilot, app, "ABH-Kooperation")
        # ABH has 6 segments, 15 repeats 10's words: 5 candidates; one quote per document
        assert screen.ranking.candidates == 5
        documents = [str(getattr(cell, "plain", cell)) for cell in column(screen, 2)]
        assert sorted(documents) == ["A-01", "A-02", "B-01"]
        with Project.open(coded_project) as project:
            expected = representative_quotes(project, "ABH-Kooperation", top=10)
        assert [q.segment.id for q in screen.ranking.quotes] == [
            q.segment.id for q in expected.quotes]
        assert documents == [q.segment.document for q in expected.quotes]
        # Enter jumps to the quote under the cursor
        first = screen.ranking.quotes[0].segment
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.view is not None
                       and app.view.document.name == first.document)
        await settle(pilot, app)
        browser = app.query_one(DocumentBrowser)
        assert browser.selection_offsets() == (first.start, first.end)


async def test_anchor_flag_is_toggled_persisted_and_undone(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await quotes_of(pilot, app, "ABH-Kooperation")
        table = screen.query_one("#quotes", DataTable)
        last = screen.ranking.quotes[-1].segment
        assert not last.anchor
        table.move_cursor(row=len(screen.ranking.quotes) - 1)
        await pilot.press("a")
        await settle(pilot, app)
        await wait_for(pilot, lambda: screen.ranking.quotes[0].segment.id == last.id,
                       timeout=NLP_TIMEOUT)
        # anchors come first, marked, and the cursor stays on the flagged quote
        assert anchored(coded_project, last.id)
        assert column(screen, 1)[0] == "  ✓"
        assert table.cursor_row == 0
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        await wait_for(pilot, lambda: not screen.ranking.quotes[0].anchor, timeout=NLP_TIMEOUT)
        assert not anchored(coded_project, last.id)
        await pilot.press("ctrl+y", "ctrl+q")
    # reopened: still flagged, still first
    assert anchored(coded_project, last.id)
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await quotes_of(pilot, app, "ABH-Kooperation")
        assert screen.ranking.quotes[0].segment.id == last.id
        assert screen.ranking.quotes[0].anchor
