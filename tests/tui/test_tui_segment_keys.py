"""Keys that change the coded segment under the cursor: which segment they act on, and the
number keys they update."""

from __future__ import annotations

from tui_support import add_text_document, settle, wait_for

from qualcode.store import codes, coders, documents, segments
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.dialogs import PromptScreen
from qualcode.tui.screens.picker import PickerScreen
from qualcode.tui.widgets.browser import DocumentBrowser


def _two_own_segments(path) -> tuple[int, int]:
    """lena codes the same passage of Interview-A with two codes; returns the code ids."""
    with Project.open(path) as project:
        doc = documents.resolve_document(project, "Interview-A")
        lena = coders.ensure_coder(project, "lena")
        text = documents.document_text(project, doc.id)
        start = text.index("Dann kamen die Anrufe.")
        end = start + len("Dann kamen die Anrufe.")
        abh = codes.get_code(project, "ABH-Kooperation")
        bkg = codes.get_code(project, "Bündniskerngruppe")
        segments.add_segment(project, doc, abh, lena, start, end)
        segments.add_segment(project, doc, bkg, lena, start, end)
        return abh.id, bkg.id


async def _open_at(pilot, app, needle: str) -> DocumentBrowser:
    await wait_for(pilot, lambda: app.state is not None)
    await pilot.press("enter")  # Interview-A
    await wait_for(pilot, lambda: app.view is not None)
    await settle(pilot, app)
    browser = app.query_one(DocumentBrowser)
    offset = app.view.text.index(needle)
    browser.select_offsets(offset, offset)
    return browser


async def test_comment_and_weight_ask_which_of_two_own_segments(small_project):
    _two_own_segments(small_project)
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_at(pilot, app, "kamen die")
        for key in ("semicolon", "w"):
            await pilot.press(key)
            await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
            assert app.screen.title_text.startswith("Which segment")
            assert len(app.screen.choices) == 2
            await pilot.press("escape")
            await pilot.pause()
        # choosing the second one comments exactly that segment
        await pilot.press("semicolon")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press(*"wichtig", "enter")
        await settle(pilot, app)
        await settle(pilot, app)
    with Project.open(small_project) as project:
        found = segments.query_segments(project, segments.SegmentFilter(coder="lena"))
        assert sorted(s.comment for s in found) == ["", "wichtig"]


async def test_recoding_gives_the_new_code_a_number_key(small_project):
    abh, bkg = _two_own_segments(small_project)
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_at(pilot, app, "kamen die")
        await settle(pilot, app)
        messenger = next(c.id for c in app.state.codes.codes if c.name == "Messenger")
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press("enter")  # the first of the two segments
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen)
                       and app.screen.title_text.startswith("Re-code"))
        await pilot.press(*"messenger", "enter")
        await settle(pilot, app)
        await settle(pilot, app)
        # a free key, without moving the codes already on keys
        assert app.quick.key_of(messenger) == 3
        assert app.quick.code(1) in (abh, bkg) and app.quick.code(2) in (abh, bkg)


async def test_the_cursor_stays_in_view_when_the_terminal_narrows(tmp_path):
    path = tmp_path / "lang.qualcode"
    turns = "\n\n".join(
        f"B: Absatz {n}. Wir haben die Beratung in der Unterkunft weiter angeboten, auch wenn "
        f"die Räume knapp waren und die Termine oft verschoben werden mussten. #00:{n:02d}:00-0#"
        for n in range(1, 60))
    with Project.create(path) as project:
        add_text_document(project, "Lang", turns)
    app = QualcodeApp(path, "lena")
    async with app.run_test(size=(160, 40)) as pilot:
        browser = await _open_at(pilot, app, "Absatz 40.")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        row = browser.wrapped_document.location_to_offset(browser.cursor_location).y
        top = browser.scroll_offset.y
        assert top <= row < top + browser.scrollable_content_region.height
