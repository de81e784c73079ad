"""The whole coding loop in the workbench, driven with the keyboard (Textual Pilot)."""

from __future__ import annotations

from tui_support import settle, wait_for

from qualcode.store import segments as segment_store
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.retrieved import RetrievedSegments


async def open_first_document(pilot, app) -> DocumentBrowser:
    await wait_for(pilot, lambda: app.state is not None)
    await pilot.press("enter")  # Document System: the cursor starts on the first document
    await wait_for(pilot, lambda: app.view is not None)
    await wait_for(pilot, lambda: app.view.sentences is not None)
    return app.query_one(DocumentBrowser)


def codes_in_db(path, coder):
    with Project.open(path) as project:
        found = segment_store.query_segments(project, segment_store.SegmentFilter(coder=coder))
        return [(s.code, s.text) for s in found]


async def test_code_a_sentence_see_it_undo_and_find_it_persisted(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await open_first_document(pilot, app)
        assert app.view.document.name == "Interview-A"
        text = app.view.text
        # put the cursor into "Dann kamen die Anrufe." and extend to the sentence
        target = text.index("kamen die")
        browser.select_offsets(target, target)
        await pilot.press("s")
        start, end = browser.selection_offsets()
        assert text[start:end] == "Dann kamen die Anrufe."
        # apply a code through the fuzzy picker: a few letters and Enter
        await pilot.press("c")
        await pilot.press(*"abh", "enter")
        await settle(pilot, app)
        await settle(pilot, app)
        # highlighted in the browser: a highlight in the code's style on that line
        code = next(c for c in app.state.codes.codes if c.path == "ABH-Kooperation")
        row = app.view.lines.line_of(start) - 1
        assert (f"qc-code-{code.id}") in {name for _, _, name in browser._highlights[row]}
        # and listed in Retrieved Segments
        table = app.query_one(RetrievedSegments)
        assert any(s.text == "Dann kamen die Anrufe." and s.coder == "lena"
                   for s in table.segments.values())
        # a second coding with recent-code key 1 on the next sentence
        nxt = text.index("Die Ausländerbehörde hat")
        browser.select_offsets(nxt, nxt)
        await pilot.press("s", "1")
        await settle(pilot, app)
        await settle(pilot, app)
        assert len(codes_in_db(small_project, "lena")) == 2
        # undo removes the last coding, everywhere
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        await settle(pilot, app)
        assert [s.coder for s in app.view.segments].count("lena") == 1
        assert not any("Ausländerbehörde" in s.text for s in table.segments.values()
                       if s.coder == "lena")
        await pilot.press("ctrl+q")
    # reopen: the state after the undo is what the project holds
    assert codes_in_db(small_project, "lena") == [("ABH-Kooperation", "Dann kamen die Anrufe.")]
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_document(pilot, app)
        await settle(pilot, app)
        assert [(s.coder, app.view.text[s.start:s.end]) for s in app.view.segments] == [
            ("lena", "Dann kamen die Anrufe.")]
        # the number keys start where the last session ended: 1 is lena's last code
        code = next(c for c in app.state.codes.codes if c.path == "ABH-Kooperation")
        assert app.quick.shown() == [(1, code.id)]
        browser = app.query_one(DocumentBrowser)
        target = app.view.text.index("Die Ausländerbehörde hat")
        browser.select_offsets(target, target)
        await pilot.press("s", "1")
        await settle(pilot, app)
        await settle(pilot, app)
        assert codes_in_db(small_project, "lena")[-1][0] == "ABH-Kooperation"
        assert len(codes_in_db(small_project, "lena")) == 2


async def test_select_turn_code_with_code_system_selection_and_uncode(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await open_first_document(pilot, app)
        text = app.view.text
        inside = text.index("WhatsApp")
        browser.select_offsets(inside, inside)
        await pilot.press("t")
        start, end = browser.selection_offsets()
        assert text[start:end].startswith("Die läuft jetzt über WhatsApp.")
        assert text[start:end].endswith("sagen die jungen Leute.")
        # choose Messenger in the Code System, back to the browser, Enter applies it
        codes = app.query_one("#codes")
        messenger = next(c for c in app.state.codes.codes if c.name == "Messenger")
        codes.select_code(messenger.id)
        await pilot.pause()
        browser.focus()
        await pilot.press("enter")
        await settle(pilot, app)
        await settle(pilot, app)
        assert codes_in_db(small_project, "lena") == [
            ("Digitale Beratung/Messenger", text[start:end])]
        # uncode the segment under the cursor
        await pilot.press("x")
        await settle(pilot, app)
        await settle(pilot, app)
        assert codes_in_db(small_project, "lena") == []


async def test_retrieved_segments_enter_jumps_to_the_passage(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        table = app.query_one(RetrievedSegments)
        await wait_for(pilot, lambda: len(table.segments) == 1)
        await pilot.press("f5", "enter")
        await wait_for(pilot, lambda: app.view is not None)
        browser = app.query_one(DocumentBrowser)
        start, end = browser.selection_offsets()
        assert app.view.document.name == "Interview-B"
        assert app.view.text[start:end] == "Die Treffen der Bündniskerngruppe fallen aus."


async def test_coding_without_selection_explains_how_to_select(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_document(pilot, app)
        await pilot.press("c")
        assert any("Select a passage first" in n.message for n in app._notifications)
        assert codes_in_db(small_project, "lena") == []


async def test_the_interface_thread_never_touches_the_database(small_project, monkeypatch):
    import threading

    from qualcode.store import project as project_module

    threads = []
    original = project_module.Project.open.__func__

    def recording_open(cls, path):
        threads.append(threading.current_thread() is threading.main_thread())
        return original(cls, path)

    monkeypatch.setattr(project_module.Project, "open", classmethod(recording_open))
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await open_first_document(pilot, app)
        offset = app.view.text.index("Dann kamen")
        browser.select_offsets(offset, offset)
        await pilot.press("s", "c", *"abh", "enter")
        await settle(pilot, app)
        await pilot.press("ctrl+z")
        await settle(pilot, app)
    # the project is opened by the database thread, never on the interface thread
    assert threads and True not in threads
