"""Navigation in a long transcript (issue 12 item 5): go to line, beginning and end, next and
previous coded segment of the activated codes, next and previous turn of a speaker; every
jump shows the passage with lines of context above it."""

from __future__ import annotations

import pytest
from tui_support import add_text_document, settle, wait_for

from qualcode.store import codes, coders, documents, segments
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.dialogs import PromptScreen
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.code_system import CodeSystem


def long_transcript(turns: int = 300) -> str:
    lines = ["Datum: 2020-05-04", "Modus: Video", ""]
    for n in range(1, turns + 1):
        speaker = "I" if n % 2 else "B"
        lines += [f"{speaker}: Absatz {n}. Die Beratung lief weiter, auch wenn die Räume knapp "
                  f"waren. #00:{n // 60:02d}:{n % 60:02d}-0#", ""]
    return "\n".join(lines)


@pytest.fixture
def long_project(tmp_path):
    """One 600-line transcript; ``Alpha`` codes turns 10, 50, 120, ``Beta`` turns 20, 80."""
    path = tmp_path / "long.qualcode"
    with Project.create(path) as project:
        add_text_document(project, "Lang", long_transcript())
        alpha = codes.add_code(project, "Alpha", color="#2874A6")
        beta = codes.add_code(project, "Beta", color="#E67E22")
        anna = coders.ensure_coder(project, "anna")
        doc = documents.resolve_document(project, "Lang")
        text = documents.document_text(project, doc.id)
        for code, n in ((alpha, 10), (alpha, 50), (alpha, 120), (beta, 20), (beta, 80)):
            start = text.index(f"Absatz {n}.")
            segments.add_segment(project, doc, code, anna, start, start + len(f"Absatz {n}."))
    return path


async def open_long(pilot, app) -> DocumentBrowser:
    await wait_for(pilot, lambda: app.state is not None)
    await pilot.press("enter")
    await wait_for(pilot, lambda: app.view is not None and len(app.view.segments) == 5)
    await pilot.pause()
    return app.query_one(DocumentBrowser)


def visible_with_context(browser: DocumentBrowser, offset: int, context: int = 2) -> bool:
    """The line of ``offset`` is on screen with at least ``context`` rows above it."""
    row = browser.wrapped_document.location_to_offset(browser.view.location(offset)).y
    top = browser.scroll_offset.y
    return top + context <= row < top + browser.scrollable_content_region.height


def selected(browser: DocumentBrowser) -> str:
    start, end = browser.selection_offsets()
    return browser.view.text[start:end]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_go_to_line_shows_it_with_context(long_project, size):
    app = QualcodeApp(long_project, "lena")
    async with app.run_test(size=size) as pilot:
        browser = await open_long(pilot, app)
        await pilot.press("colon")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press(*"540", "enter")
        await pilot.pause()
        assert browser.cursor_location == (539, 0)
        assert visible_with_context(browser, app.view.lines.line_start(540))
        assert "Z. 540" in str(app.query_one("#status").render())
        # a line that does not exist is refused with the range, the cursor stays
        await pilot.press("colon")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press(*"9999", "enter")
        await pilot.pause()
        assert browser.cursor_location == (539, 0)
        assert any("from 1 to 603" in n.message for n in app._notifications)


async def test_beginning_and_end_of_the_document(long_project):
    app = QualcodeApp(long_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await open_long(pilot, app)
        await pilot.press("ctrl+end")
        await pilot.pause()
        end = len(app.view.text)
        assert browser.selection_offsets() == (end, end)
        assert visible_with_context(browser, end)
        await pilot.press("ctrl+home")
        await pilot.pause()
        assert browser.selection_offsets() == (0, 0)
        assert browser.scroll_offset.y == 0


async def test_next_and_previous_coded_segment_follow_the_activated_codes(long_project):
    app = QualcodeApp(long_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await open_long(pilot, app)
        # nothing activated: every coded segment, in document order
        await pilot.press("full_stop")
        assert selected(browser) == "Absatz 10."
        await pilot.press("full_stop")
        assert selected(browser) == "Absatz 20."
        assert visible_with_context(browser, browser.selection_offsets()[0])
        await pilot.press("comma")
        assert selected(browser) == "Absatz 10."
        # activate Beta in the Code System: only its segments
        code_system = app.query_one(CodeSystem)
        beta = next(c.id for c in app.state.codes.codes if c.name == "Beta")
        await pilot.press("f3")
        code_system.select_code(beta)
        await pilot.pause()
        await pilot.press("space", "f4")
        await wait_for(pilot, lambda: app.active_codes == {beta})
        await pilot.press("full_stop")
        assert selected(browser) == "Absatz 20."
        await pilot.press("full_stop")
        assert selected(browser) == "Absatz 80."
        assert visible_with_context(browser, browser.selection_offsets()[0])
        await pilot.press("full_stop")  # no further Beta segment: stays, says so
        assert selected(browser) == "Absatz 80."
        assert any("No coded segment of the activated codes after" in n.message
                   for n in app._notifications)
        await pilot.press("comma")
        assert selected(browser) == "Absatz 20."


async def test_next_and_previous_turn_of_the_same_speaker(long_project):
    app = QualcodeApp(long_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await open_long(pilot, app)
        await pilot.press("colon")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        line = app.view.lines.line_of(app.view.text.index("B: Absatz 100."))
        await pilot.press(*str(line), "enter")
        await pilot.pause()

        def here() -> str:
            start = browser.selection_offsets()[0]
            return app.view.text[start:start + 11].strip()

        await pilot.press("greater_than_sign")
        assert here() == "Absatz 102."  # B's next turn, I's turn 101 skipped
        assert visible_with_context(browser, browser.selection_offsets()[0])
        await pilot.press("greater_than_sign")
        assert here() == "Absatz 104."
        await pilot.press("less_than_sign", "less_than_sign", "less_than_sign")
        assert here() == "Absatz 98."
        await settle(pilot, app)
