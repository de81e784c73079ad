"""The active coder: shown in the header, switchable, recorded, and a coder filter."""

from __future__ import annotations

from tui_support import settle, wait_for

from qualcode.tui.app import QualcodeApp
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.code_system import CodeSystem


async def test_switch_coder_records_the_new_coder_and_filter_hides_others(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        assert "Coder: lena" in app.sub_title
        await pilot.press("f8", *"ben", "enter")
        await pilot.pause()
        assert app.coder == "ben" and "Coder: ben" in app.sub_title
        # open Interview-B and code the second sentence as ben
        await pilot.press("f2", "down", "enter")
        await wait_for(pilot, lambda: app.view is not None
                       and app.view.document.name == "Interview-B")
        await wait_for(pilot, lambda: app.view.sentences is not None)
        browser = app.query_one(DocumentBrowser)
        offset = app.view.text.index("Wir schreiben")
        browser.select_offsets(offset, offset)
        await pilot.press("s", "c", *"bündnis", "enter")
        await settle(pilot, app)
        await settle(pilot, app)
        assert sorted(s.coder for s in app.view.segments) == ["anna", "ben"]
        bkg = next(c for c in app.state.codes.codes if c.name == "Bündniskerngruppe")
        assert app.query_one(CodeSystem).view.counts[bkg.id] == 2
        # filter: only the active coder's codings are drawn and counted
        await pilot.press("f9")
        await settle(pilot, app)
        await settle(pilot, app)
        assert "only ben" in app.sub_title
        assert [s.coder for s in app.view.segments] == ["ben"]
        assert app.query_one(CodeSystem).view.counts[bkg.id] == 1
        await pilot.press("f9")
        await settle(pilot, app)
        await settle(pilot, app)
        assert sorted(s.coder for s in app.view.segments) == ["anna", "ben"]
