"""In-vivo coding (issue 12 item 8): one key codes the selection with a new code named after
the selected words, under a parent asked for once a session."""

from __future__ import annotations

import pytest
from test_tui_coding_loop import codes_in_db, open_first_document
from tui_support import settle, wait_for

from qualcode.domain.navigation import INVIVO_MAX, invivo_name
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.picker import PickerScreen


def test_invivo_names_are_the_words_without_edge_punctuation():
    assert invivo_name("„per Post gearbeitet.“ ") == "per Post gearbeitet"
    assert invivo_name("Telefon/\nE-Mail") == "Telefon/ E-Mail"
    long = invivo_name(" ".join(["Ausländerbehörde"] * 10))
    assert len(long) <= INVIVO_MAX + 1 and long.endswith("Ausländerbehörde…")
    with pytest.raises(ValueError):
        invivo_name(" … ")


async def test_i_codes_the_selection_with_a_code_named_after_its_words(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await open_first_document(pilot, app)
        text = app.view.text
        start = text.index("nur noch per Post")
        browser.select_offsets(start, start + len("nur noch per Post"), origin="coder")
        await pilot.press("i")
        # asked once: under which code; a new name creates that parent
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press(*"In-vivo", "enter")
        await settle(pilot, app)
        await settle(pilot, app)
        await wait_for(pilot, lambda: codes_in_db(small_project, "lena"))
        assert codes_in_db(small_project, "lena") == [("In-vivo/nur noch per Post",
                                                       "nur noch per Post")]
        # the second time no question: straight under the same parent
        start = text.index("WhatsApp")
        browser.select_offsets(start, start + len("WhatsApp."), origin="coder")
        await pilot.press("i")
        await settle(pilot, app)
        await settle(pilot, app)
        assert not isinstance(app.screen, PickerScreen)
        await wait_for(pilot, lambda: len(codes_in_db(small_project, "lena")) == 2)
        assert ("In-vivo/WhatsApp", "WhatsApp.") in codes_in_db(small_project, "lena")
        paths = {c.path for c in app.state.codes.codes}
        assert {"In-vivo", "In-vivo/nur noch per Post", "In-vivo/WhatsApp"} <= paths
        # the same words again share the code instead of failing
        browser.select_offsets(start, start + len("WhatsApp"), origin="coder")
        await pilot.press("i")
        await settle(pilot, app)
        await settle(pilot, app)
        await wait_for(pilot, lambda: len(codes_in_db(small_project, "lena")) == 3)
        assert len([p for p in {c.path for c in app.state.codes.codes}
                    if p.startswith("In-vivo/")]) == 2


async def test_invivo_needs_a_selection_and_can_go_to_the_top_level(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await open_first_document(pilot, app)
        await pilot.press("i")
        assert any("Select a passage first" in n.message for n in app._notifications)
        assert not isinstance(app.screen, PickerScreen)
        text = app.view.text
        start = text.index("erstaunlich gut")
        browser.select_offsets(start, start + len("erstaunlich gut"), origin="coder")
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press(*"top level", "enter")
        await wait_for(pilot, lambda: codes_in_db(small_project, "lena"))
        assert codes_in_db(small_project, "lena") == [("erstaunlich gut", "erstaunlich gut")]
