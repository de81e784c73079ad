"""No coding by accident (issue 12 item 6): Enter after a find goes to the next hit, Enter after
a jump from Retrieved Segments or from search results codes nothing; Enter codes only a
selection the coder has just made with the selection keys, and only once."""

from __future__ import annotations

from test_tui_coding_loop import codes_in_db, open_first_document
from tui_support import settle, wait_for

from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.dialogs import PromptScreen
from qualcode.tui.screens.search import SearchScreen
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.code_system import CodeSystem
from qualcode.tui.widgets.retrieved import RetrievedSegments


async def choose_code_in_code_system(pilot, app, name: str) -> None:
    """Put the Code System's cursor on ``name`` (what Enter would apply), back to the browser."""
    code_id = next(c.id for c in app.state.codes.codes if c.name == name)
    app.query_one(CodeSystem).select_code(code_id)
    await pilot.pause()
    assert app.query_one(CodeSystem).selected_code() == code_id
    await pilot.press("f4")


async def test_a_second_enter_after_a_find_goes_to_the_next_hit(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await open_first_document(pilot, app)
        await choose_code_in_code_system(pilot, app, "ABH-Kooperation")
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press(*"die", "enter")
        await pilot.pause()
        first = browser.selection_offsets()
        assert app.view.text[slice(*first)].lower() == "die"
        await pilot.press("enter")
        await pilot.pause()
        second = browser.selection_offsets()
        assert second[0] > first[0]
        assert app.view.text[slice(*second)].lower() == "die"
        await settle(pilot, app)
        assert codes_in_db(small_project, "lena") == []


async def test_enter_after_a_jump_from_retrieved_segments_codes_nothing(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        table = app.query_one(RetrievedSegments)
        await wait_for(pilot, lambda: len(table.segments) == 1)
        await choose_code_in_code_system(pilot, app, "ABH-Kooperation")
        await pilot.press("f5", "enter")
        await wait_for(pilot, lambda: app.view is not None)
        browser = app.query_one(DocumentBrowser)
        assert browser.has_focus
        await pilot.press("enter")
        await settle(pilot, app)
        assert codes_in_db(small_project, "lena") == []
        assert any("Enter does not code it" in n.message for n in app._notifications)
        # a code key still codes the passage reached by the jump
        await pilot.press("c", *"abh", "enter")
        await settle(pilot, app)
        await settle(pilot, app)
        assert codes_in_db(small_project, "lena") == [
            ("ABH-Kooperation", "Die Treffen der Bündniskerngruppe fallen aus.")]


async def test_enter_after_a_jump_from_search_results_codes_nothing(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await choose_code_in_code_system(pilot, app, "ABH-Kooperation")
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        await pilot.press(*"Mails", "enter")
        await wait_for(pilot, lambda: app.screen.hits)
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.view is not None)
        browser = app.query_one(DocumentBrowser)
        assert app.view.text[slice(*browser.selection_offsets())] == "Mails"
        await pilot.press("enter", "enter")
        await settle(pilot, app)
        assert codes_in_db(small_project, "lena") == []


async def test_enter_codes_the_coders_own_selection_once(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await open_first_document(pilot, app)
        await choose_code_in_code_system(pilot, app, "ABH-Kooperation")
        text = app.view.text
        # a find, then the coder extends the hit with the selection keys: now Enter codes
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press(*"Anrufe", "enter")
        await pilot.pause()
        await pilot.press("shift+right")
        start, end = browser.selection_offsets()
        assert text[start:end] == "Anrufe."
        await pilot.press("enter")
        await settle(pilot, app)
        await settle(pilot, app)
        assert codes_in_db(small_project, "lena") == [("ABH-Kooperation", "Anrufe.")]
        # a second Enter on the same selection does not code it again
        await pilot.press("enter")
        await settle(pilot, app)
        assert codes_in_db(small_project, "lena") == [("ABH-Kooperation", "Anrufe.")]
        # s (sentence) is a selection key: Enter codes that selection
        browser.select_offsets(text.index("Die Ausländerbehörde"), text.index("Die Ausländer"))
        await pilot.press("s", "enter")
        await settle(pilot, app)
        await settle(pilot, app)
        assert len(codes_in_db(small_project, "lena")) == 2
