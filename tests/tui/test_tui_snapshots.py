"""SVG snapshots of the main screens at 80×24 (pytest-textual-snapshot; Textual is pinned).

Update after a deliberate visual change with: python -m pytest tests/tui --snapshot-update
"""

from __future__ import annotations

from tui_support import settle, wait_for

from qualcode.tui.app import QualcodeApp
from qualcode.tui.widgets.browser import DocumentBrowser

SIZE = (80, 24)


def test_workbench_with_an_open_coded_document(snap_compare, small_project):
    app = QualcodeApp(small_project, "lena")

    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("down", "enter")  # Interview-B: one coded segment
        await wait_for(pilot, lambda: app.view is not None)
        await settle(pilot, app)
        app.query_one(DocumentBrowser).select_offsets(0, 0)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_help_screen_lists_the_bindings(snap_compare, small_project):
    app = QualcodeApp(small_project, "lena")

    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: app.state is not None)
        await settle(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_code_picker_filters_by_a_few_letters(snap_compare, small_project):
    app = QualcodeApp(small_project, "lena")

    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.view is not None)
        await wait_for(pilot, lambda: app.view.sentences is not None)
        await settle(pilot, app)
        browser = app.query_one(DocumentBrowser)
        offset = app.view.text.index("Dann kamen")
        browser.select_offsets(offset, offset)
        await pilot.press("s", "c", *"dig")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
