"""SVG snapshots of two analysis screens at 80×24 (pytest-textual-snapshot).

Update after a deliberate visual change with:
python -m pytest tests/tui/test_tui_analysis_snapshots.py --snapshot-update
"""

from __future__ import annotations

from analysis_support import NLP_TIMEOUT
from tui_support import settle, wait_for

from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.lexical import LexicalSearchScreen
from qualcode.tui.screens.matrix import MatrixScreen

SIZE = (80, 24)


def test_code_matrix_with_scaled_symbols(snap_compare, coded_project):
    app = QualcodeApp(coded_project, "lena")

    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: app.state is not None)
        await settle(pilot, app)
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, MatrixScreen))
        await settle(pilot, app)
        await settle(pilot, app)
        await wait_for(pilot, lambda: app.screen.matrix is not None)
        await pilot.press("right")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_lexical_search_keyword_in_context(snap_compare, coded_project):
    app = QualcodeApp(coded_project, "lena")

    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, LexicalSearchScreen))
        await pilot.press(*"Ausländerbehörde", "enter")
        await wait_for(pilot, lambda: app.screen.result is not None, timeout=NLP_TIMEOUT)
        await settle(pilot, app)
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
