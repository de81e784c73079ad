"""In-text memos and the memo manager in the workbench, keyboard only (Textual Pilot):
`M` writes a memo on the cursor's line, the gutter marks the line, `M` there opens it again,
`ctrl+z` takes it back, `f12` lists every memo, filters by kind and words, jumps to where each
belongs, edits and deletes."""

from __future__ import annotations

from tui_support import settle, wait_for

from qualcode.store import codes as code_store
from qualcode.store import documents, memos, segments
from qualcode.store.coders import ensure_coder
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.editors import MemoScreen
from qualcode.tui.screens.memo_manager import MemoManagerScreen
from qualcode.tui.widgets.browser import MEMO_MARK, DocumentBrowser
from qualcode.tui.widgets.code_system import CodeSystem


def stored_memos(path):
    with Project.open(path) as project:
        return memos.list_memos(project)


def add_every_kind(path):
    """One memo of each kind: free, document (Interview-A), code, segment, in-text
    (Interview-B, line 3)."""
    with Project.open(path) as project:
        lena = ensure_coder(project, "lena")
        doc_a = documents.resolve_document(project, "Interview-A")
        doc_b = documents.resolve_document(project, "Interview-B")
        code = code_store.get_code(project, "ABH-Kooperation")
        segment = segments.document_segments(project, doc_b.id)[0]
        memos.add_memo(project, "free", "Kommunen vergleichen", title="Idee",
                       author_id=lena.id)
        memos.add_memo(project, "document", "Telefoninterview, kurz", target_id=doc_a.id)
        memos.add_memo(project, "code", "Auch Amtshilfe", target_id=code.id)
        memos.add_memo(project, "segment", "Gutes Ankerbeispiel", target_id=segment.id)
        memos.add_memo(project, "text", "Mails: welche Plattform?", target_id=doc_b.id,
                       span=memos.line_span(project, doc_b.id, 3), author_id=lena.id)


async def open_document(pilot, app, down: int = 0) -> DocumentBrowser:
    await wait_for(pilot, lambda: app.state is not None)
    await pilot.press(*(["down"] * down), "enter")
    await wait_for(pilot, lambda: app.view is not None)
    await settle(pilot, app)
    return app.query_one(DocumentBrowser)


def gutter(browser: DocumentBrowser, row: int) -> str:
    """The text of screen row ``row`` of the browser, gutter included."""
    return browser.render_line(row).text


async def test_m_writes_an_in_text_memo_on_the_line_marks_it_and_opens_it_again(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await open_document(pilot, app)
        text = app.view.text
        offset = text.index("Dann kamen")
        line = app.view.lines.line_of(offset)
        browser.select_offsets(offset, offset)
        await pilot.press("M")
        assert isinstance(app.screen, MemoScreen)
        await pilot.press(*"Anrufe von wem?", "ctrl+s")
        await settle(pilot, app)
        await wait_for(pilot, lambda: browser.text_memos)
        [memo] = stored_memos(small_project)
        assert (memo.kind, memo.author, memo.text) == ("text", "lena", "Anrufe von wem?")
        assert (memo.start, memo.end) == (app.view.lines.line_start(line),
                                          app.view.lines.line_end(line))
        # the gutter marks the line (first screen row of that line), no other line
        browser.scroll_home(animate=False)
        await pilot.pause()
        rows = [gutter(browser, y) for y in range(browser.size.height)]
        marked = [r for r in rows if MEMO_MARK in r]
        assert len(marked) == 1 and marked[0].split(MEMO_MARK)[0].strip().endswith(str(line))
        # M on any column of that line opens the same memo; an edit is saved
        browser.select_offsets(offset + 5, offset + 5)
        await pilot.press("M")
        assert isinstance(app.screen, MemoScreen)
        assert app.screen.query_one("#memo").text == "Anrufe von wem?"
        await pilot.press("end", *" Amt?", "ctrl+s")
        await settle(pilot, app)
        assert [m.text for m in stored_memos(small_project)] == ["Anrufe von wem? Amt?"]
        # ctrl+z takes back the edit, then the memo; the mark goes
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert [m.text for m in stored_memos(small_project)] == ["Anrufe von wem?"]
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        await wait_for(pilot, lambda: not browser.text_memos)
        assert stored_memos(small_project) == []
        assert not any(MEMO_MARK in gutter(browser, y) for y in range(browser.size.height))


async def test_m_with_a_selection_anchors_the_memo_at_the_selection(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await open_document(pilot, app)
        start = app.view.text.index("Ausländerbehörde")
        browser.select_offsets(start, start + len("Ausländerbehörde"))
        await pilot.press("M", *"Welche?", "ctrl+s")
        await settle(pilot, app)
        [memo] = stored_memos(small_project)
        assert app.view.text[memo.start:memo.end] == "Ausländerbehörde"
        # Escape in the editor writes nothing
        browser.select_offsets(0, 0)
        await pilot.press("M", *"verworfen", "escape")
        await settle(pilot, app)
        assert len(stored_memos(small_project)) == 1


async def test_memo_manager_lists_every_kind_filters_and_jumps(small_project):
    add_every_kind(small_project)
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("f12")
        await wait_for(pilot, lambda: isinstance(app.screen, MemoManagerScreen))
        manager = app.screen
        assert [r.kind for r in manager.shown] == [
            "free", "document", "code", "segment", "in-text"]
        assert [r.where for r in manager.shown][1:] == [
            "Interview-A", "ABH-Kooperation", "Interview-B · Bündniskerngruppe", "Interview-B"]
        assert manager.shown[4].line == 3
        # the kind filter: ctrl+t cycles all -> free -> document -> code -> segment -> in-text
        for _ in range(5):
            await pilot.press("ctrl+t")
        assert [r.kind for r in manager.shown] == ["in-text"]
        for _ in range(1):
            await pilot.press("ctrl+t")
        assert len(manager.shown) == 5
        # words narrow the list (title, text, author, place)
        assert manager.query_one("#memo-filter").has_focus  # typing filters at once
        await pilot.press(*"bündnis")
        assert [r.kind for r in manager.shown] == ["segment"]
        await pilot.press("ctrl+u", *"plattform", "enter", "enter")  # Enter: to the list, jump
        await wait_for(pilot, lambda: app.view is not None
                       and app.view.document.name == "Interview-B")
        await settle(pilot, app)
        browser = app.query_one(DocumentBrowser)
        assert app.view.lines.line_of(browser.selection_offsets()[0]) == 3
        assert browser.has_focus
        # M there opens that memo
        await pilot.press("M")
        assert app.screen.query_one("#memo").text == "Mails: welche Plattform?"
        await pilot.press("escape")
        # a code memo jumps to its code in the Code System
        await pilot.press("f12")
        await wait_for(pilot, lambda: isinstance(app.screen, MemoManagerScreen))
        await pilot.press("down", "down", "down", "enter")  # ↓ from the filter to the list
        await pilot.pause()
        codes = app.query_one(CodeSystem)
        assert codes.has_focus and codes.selected_code() is not None
        assert app.code_by_id(codes.selected_code()).name == "ABH-Kooperation"


async def test_memo_manager_edits_and_deletes_and_undo_brings_a_memo_back(small_project):
    add_every_kind(small_project)
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("f12")
        await wait_for(pilot, lambda: isinstance(app.screen, MemoManagerScreen))
        # ↓ from the filter to the list, then to the in-text memo (last)
        await pilot.press("down", "down", "down", "down", "down", "e")
        assert isinstance(app.screen, MemoScreen)
        await pilot.press("end", *" Teams?", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MemoManagerScreen))
        manager = app.screen
        assert manager.shown[-1].memo.text == "Mails: welche Plattform? Teams?"
        # the manager opens again on the same memo: Delete asks, "no" keeps it
        await pilot.press("delete")
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, MemoManagerScreen))
        assert len(stored_memos(small_project)) == 5
        await pilot.press("delete", "y")
        await settle(pilot, app)
        await wait_for(pilot, lambda: isinstance(app.screen, MemoManagerScreen))
        assert [m.kind for m in stored_memos(small_project)] == [
            "free", "document", "code", "segment"]
        assert len(app.screen.shown) == 4
        await pilot.press("escape", "ctrl+z")
        await settle(pilot, app)
        assert [m.kind for m in stored_memos(small_project)][-1] == "text"


async def test_memo_manager_is_in_the_palette_and_help(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Memo manager" in titles and "In-text memo" in titles
        await pilot.press("f1")
        await pilot.pause()
        table = app.screen.query_one("#keys")
        rows = {tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)}
        assert ("Document Browser", "M", "Memo here") in rows
        assert ("Global", "f12", "Memo manager") in rows
        assert ("Memo manager", "ctrl+t", "Kind") in rows


def test_memo_manager_snapshot(snap_compare, small_project):
    add_every_kind(small_project)
    app = QualcodeApp(small_project, "lena")

    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: app.state is not None)
        await settle(pilot, app)
        await pilot.press("f12")
        await wait_for(pilot, lambda: isinstance(app.screen, MemoManagerScreen))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
