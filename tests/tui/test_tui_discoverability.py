"""Help screen, command palette, find in document and in the project, memos."""

from __future__ import annotations

from tui_support import settle, wait_for

from qualcode.store.memos import list_memos
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.editors import MemoScreen
from qualcode.tui.screens.help import HelpScreen
from qualcode.tui.screens.search import SearchScreen
from qualcode.tui.widgets.browser import DocumentBrowser


async def test_help_lists_every_binding_on_question_mark_and_f1(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#keys")
        actions = {table.get_row_at(i)[2] for i in range(table.row_count)}
        for expected in ("Sentence", "Turn", "Code…", "Apply code", "Uncode", "Re-code",
                         "Set bounds", "Comment", "Weight", "Find", "Find in project",
                         "Undo", "Redo", "Coder", "Filter", "New subcode", "Rename",
                         "Merge into…", "Delete", "Quit"):
            assert expected in actions, expected
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        keys = [(str(area), str(key)) for area, key, _ in rows]
        assert ("Global", "ctrl+p") in keys
        # the selection keys sit with the Document Browser's own keys
        shift = keys.index(("Document Browser", "shift+←/→/↑/↓"))
        assert keys[shift - 1][0] == "Document Browser"
        await pilot.press("escape", "f1")
        assert isinstance(app.screen, HelpScreen)


async def test_command_palette_offers_the_workbench_actions(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for expected in ("Apply code…", "Select sentence", "Select speaker turn", "Uncode",
                         "Undo", "Redo", "Find in project", "Switch coder", "New code",
                         "Merge code", "Delete code", "Free memos", "Import files…",
                         "Import codebook…", "Export frequencies…", "Export quotes…"):
            assert expected in titles, expected


async def test_find_in_document_moves_through_the_matches(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.view is not None)
        browser = app.query_one(DocumentBrowser)
        await pilot.press("slash", *"die", "enter")
        first = browser.selection_offsets()
        assert app.view.text[slice(*first)].lower() == "die"
        await pilot.press("n")
        second = browser.selection_offsets()
        assert second[0] > first[0]
        await pilot.press("N")
        assert browser.selection_offsets() == first


async def test_find_in_project_jumps_to_the_hit(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"Mails", "enter")
        await wait_for(pilot, lambda: app.screen.hits)
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.view is not None)
        browser = app.query_one(DocumentBrowser)
        assert app.view.document.name == "Interview-B"
        assert app.view.text[slice(*browser.selection_offsets())] == "Mails"
        # ctrl+f again: the last query is there with its results
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen) and app.screen.hits)
        assert app.screen.query_one("#query").value == "Mails"
        assert [h.document for h in app.screen.hits] == ["Interview-B"]


async def test_document_memo_is_edited_in_place_and_saved(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, MemoScreen))
        app.screen.query_one("#memo").text = "Gespräch wurde zweimal unterbrochen."
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        await settle(pilot, app)
    with Project.open(small_project) as project:
        memos = list_memos(project, "document")
    assert [(m.text, m.author) for m in memos] == [("Gespräch wurde zweimal unterbrochen.",
                                                    "lena")]
