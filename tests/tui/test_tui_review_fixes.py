"""Behaviour a first-time user relies on: who is coding, other coders' segments, outside
changes to the project file, sentence selection without the speaker label."""

from __future__ import annotations

from tui_support import settle, wait_for

from qualcode.store import codes, coders, documents, segments
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.dialogs import ConfirmScreen
from qualcode.tui.screens.picker import PickerScreen
from qualcode.tui.widgets.browser import DocumentBrowser


async def test_asks_who_is_coding_when_the_default_coder_is_new(small_project):
    app = QualcodeApp(small_project, "someone", ask_coder=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        assert [c.text for c in app.screen.choices] == ["anna"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.coder == "anna" and "Coder: anna" in app.sub_title


async def test_does_not_ask_when_the_coder_is_known(small_project):
    app = QualcodeApp(small_project, "anna", ask_coder=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.pause(0.3)
        assert not isinstance(app.screen, PickerScreen)


async def test_removing_another_coders_segment_asks_first(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("down", "enter")  # Interview-B, coded by anna
        await wait_for(pilot, lambda: app.view is not None)
        await settle(pilot, app)
        browser = app.query_one(DocumentBrowser)
        offset = app.view.text.index("Treffen")
        browser.select_offsets(offset, offset)
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "coded by anna" in app.screen.question
        await pilot.press("n")
        await settle(pilot, app)
        assert [s.coder for s in app.view.segments] == ["anna"]


async def test_changes_made_outside_the_workbench_appear(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.pause(2.5)  # the first check records the file's version
        with Project.open(small_project) as project:
            doc = documents.resolve_document(project, "Interview-A")
            abh = codes.get_code(project, "ABH-Kooperation")
            segments.add_segment(project, doc, abh, coders.ensure_coder(project, "cli"), 0, 5)
        abh_id = next(c.id for c in app.state.codes.codes if c.name == "ABH-Kooperation")
        await wait_for(pilot, lambda: app.state.codes.counts.get(abh_id) == 1, timeout=8)


async def test_sentence_selection_leaves_the_speaker_label_out(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.view is not None and app.view.sentences is not None)
        browser = app.query_one(DocumentBrowser)
        label = app.view.text.index("B: Am Anfang")
        browser.select_offsets(label, label)
        await pilot.press("s")
        start, end = browser.selection_offsets()
        assert app.view.text[start:end] == "Am Anfang war alles ruhig."
