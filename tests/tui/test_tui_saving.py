"""What the workbench writes and when: changes ahead of queued reads, every queued change
committed before the app ends (also when a signal ends it), other programs' changes noticed
from the moment of opening, a read-only project refused in one line, and the question who is
coding in a project without coders."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input
from tui_support import add_text_document, settle, wait_for

from qualcode.store import codes, coders, documents, segments
from qualcode.store.project import Project
from qualcode.tui import jobs
from qualcode.tui.app import QualcodeApp
from qualcode.tui.database import Database
from qualcode.tui.screens.dialogs import PromptScreen
from qualcode.tui.screens.picker import PickerScreen
from qualcode.tui.widgets.browser import DocumentBrowser


def segment_rows(path: Path) -> list[tuple[str, str, int, int]]:
    with Project.open(path) as project:
        return [tuple(row) for row in project.db.execute(
            "SELECT coders.name, codes.name, start, end FROM segments "
            "JOIN coders ON coders.id = coder_id JOIN codes ON codes.id = code_id "
            "ORDER BY segments.id")]


def ids(path: Path) -> tuple[int, int]:
    with Project.open(path) as project:
        document = documents.resolve_document(project, "Interview-A")
        return document.id, codes.get_code(project, "ABH-Kooperation").id


# -- the database thread ---------------------------------------------------------------------
def test_a_change_runs_before_the_reads_queued_ahead_of_it(small_project):
    database = Database(small_project, lambda message: None)
    database.start()
    document_id, code_id = ids(small_project)
    release, order = threading.Event(), []
    database.submit(lambda p: release.wait(30))  # a slow read keeps the thread busy
    database.submit(lambda p: order.append("read 1"))
    database.submit(lambda p: order.append("read 2"))
    database.submit(lambda p: order.append(
        ("change", jobs.apply_code(p, document_id, code_id, "lena", 0, 5))), write=True)
    database.submit(lambda p: order.append("read 3"))
    release.set()
    database.stop()
    assert [entry if isinstance(entry, str) else entry[0] for entry in order] == [
        "change", "read 1", "read 2", "read 3"]
    assert segment_rows(small_project)[-1] == ("lena", "ABH-Kooperation", 0, 5)


def test_stop_commits_every_queued_change(small_project):
    database = Database(small_project, lambda message: None)
    database.start()
    document_id, code_id = ids(small_project)
    release = threading.Event()
    database.submit(lambda p: release.wait(30))
    for start in range(0, 30, 10):
        database.submit(lambda p, s=start: jobs.apply_code(p, document_id, code_id, "lena",
                                                          s, s + 5), write=True)
    threading.Timer(0.05, release.set).start()
    database.stop()  # returns only when the queue is done and the project closed
    assert [row[2] for row in segment_rows(small_project) if row[0] == "lena"] == [0, 10, 20]


def test_a_failed_write_is_one_line_naming_the_file(small_project):
    os.chmod(small_project, 0o444)
    errors: list[Exception] = []
    database = Database(small_project, lambda message: errors.append(message.error))
    database.start()
    assert database.readonly == "the file is write-protected"
    document_id, code_id = ids(small_project)
    database.submit(lambda p: jobs.apply_code(p, document_id, code_id, "lena", 0, 5),
                    errback=errors.append, write=True)
    database.stop()
    assert len(errors) == 1
    message = str(errors[0])
    assert message.startswith(f"{small_project}: read-only (the file is write-protected)")
    assert "\n" not in message


# -- quitting ----------------------------------------------------------------------------------
async def code_first_sentence(pilot, app) -> None:
    await wait_for(pilot, lambda: app.state is not None)
    await pilot.press("enter")
    await wait_for(pilot, lambda: app.view is not None and app.view.sentences is not None)
    browser = app.query_one(DocumentBrowser)
    offset = app.view.text.index("Dann kamen")
    browser.select_offsets(offset, offset)
    await pilot.press("s", "c", *"abh", "enter")


@pytest.mark.parametrize("code", [0, 129, 143])
async def test_quitting_right_after_coding_keeps_the_coding(small_project, code):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await code_first_sentence(pilot, app)
        app.quit_saving(code)  # what ctrl+q (0), SIGHUP (129) and SIGTERM (143) call
        await wait_for(pilot, lambda: app.return_code is not None)
    assert app.return_code == code
    assert [row[:2] for row in segment_rows(small_project)] == [
        ("anna", "Bündniskerngruppe"), ("lena", "ABH-Kooperation")]


async def test_ctrl_q_waits_for_the_keys_typed_before_it(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.view is not None)
        app.query_one(DocumentBrowser).select_offsets(0, 5)
        await settle(pilot, app)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        # As typing "abh", Enter and ctrl+q in one burst: every key is queued before the
        # first is handled, and ctrl+q (a priority key) is seen before the picker has
        # handled Enter.
        for key, char in [("a", "a"), ("b", "b"), ("h", "h"), ("enter", "\r"),
                          ("ctrl+q", "\x11")]:
            app.post_message(events.Key(key, char))
        await wait_for(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0
    assert segment_rows(small_project)[-1] == ("lena", "ABH-Kooperation", 0, 5)


# -- changes by other programs -------------------------------------------------------------------
async def test_a_change_right_after_opening_is_noticed(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        # another program writes before the workbench has looked at the file again
        with Project.open(small_project) as project:
            document = documents.resolve_document(project, "Interview-A")
            abh = codes.get_code(project, "ABH-Kooperation")
            segments.add_segment(project, document, abh, coders.ensure_coder(project, "cli"),
                                 0, 5)
        abh_id = next(c.id for c in app.state.codes.codes if c.name == "ABH-Kooperation")
        await wait_for(pilot, lambda: app.state.codes.counts.get(abh_id) == 1, timeout=15)


# -- a read-only project -----------------------------------------------------------------------
async def test_a_read_only_project_opens_and_refuses_coding_in_one_line(small_project):
    # chmod 444 counts as write-protected for root too (store.file_access.readonly_reason)
    os.chmod(small_project, 0o444)
    before = segment_rows(small_project)
    app = QualcodeApp(small_project, "lena")
    notes: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (notes.append(str(message)), notify(message, **kw))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        assert "read-only" in app.sub_title
        await pilot.press("enter")  # reading works: the document opens
        await wait_for(pilot, lambda: app.view is not None)
        app.query_one(DocumentBrowser).select_offsets(0, 5)
        for key in ("c", "x", "ctrl+z"):
            notes.clear()
            await pilot.press(key)
            await settle(pilot, app)
            assert not isinstance(app.screen, PickerScreen)
            assert len(notes) == 1 and "read-only" in notes[0] and "\n" not in notes[0]
        await pilot.press("f3", "A")  # a new code: refused the same way
        assert "read-only" in notes[-1]
    assert segment_rows(small_project) == before


# -- who is coding -----------------------------------------------------------------------------
@pytest.fixture
def uncoded_project(tmp_path: Path) -> Path:
    """One interview and one code, nobody has coded yet."""
    path = tmp_path / "neu.qualcode"
    with Project.create(path) as project:
        add_text_document(project, "Interview-A", "I: Wie geht es?\n\nB: Gut, danke.\n", "THM")
        codes.add_code(project, "Befinden")
    return path


async def test_asks_who_is_coding_in_a_project_without_coders(uncoded_project):
    app = QualcodeApp(uncoded_project, "root", ask_coder=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        assert "Who is coding?" in app.screen.question
        answer = app.screen.query_one(Input)
        assert answer.value == "root"  # prefilled with the default (system user) name
        answer.value = "Lena Schmidt"
        await pilot.press("enter")
        await pilot.pause()
        assert app.coder == "Lena Schmidt" and "Coder: Lena Schmidt" in app.sub_title
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.view is not None)
        offset = app.view.text.index("Gut")
        app.query_one(DocumentBrowser).select_offsets(offset, offset + 3)
        await pilot.press("c", *"bef", "enter")
        await settle(pilot, app)
    assert segment_rows(uncoded_project) == [("Lena Schmidt", "Befinden", offset, offset + 3)]


async def test_escape_keeps_the_prefilled_name(uncoded_project):
    app = QualcodeApp(uncoded_project, "jonas", ask_coder=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press("escape")
        await pilot.pause()
        assert app.coder == "jonas" and not isinstance(app.screen, PromptScreen)


async def test_a_named_coder_is_not_asked(uncoded_project):
    app = QualcodeApp(uncoded_project, "lena", ask_coder=False)  # --coder lena
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await settle(pilot, app)
        assert not isinstance(app.screen, PromptScreen)


async def test_a_recent_code_key_right_before_ctrl_q_is_written(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        abh = next(c.id for c in app.state.codes.codes if c.name == "ABH-Kooperation")
        app.quick.used(abh)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.view is not None)
        app.query_one(DocumentBrowser).select_offsets(0, 5)
        await settle(pilot, app)
        for key, char in [("1", "1"), ("ctrl+q", "\x11")]:  # typed in one burst
            app.post_message(events.Key(key, char))
        await wait_for(pilot, lambda: app.return_code is not None)
    assert segment_rows(small_project)[-1] == ("lena", "ABH-Kooperation", 0, 5)
