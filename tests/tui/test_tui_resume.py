"""Reopening the workbench where the coder left it: document, cursor, activated codes and
documents, coder filter; per coder, outside the undo history."""

from __future__ import annotations

from tui_support import settle, wait_for

from qualcode.store.documents import delete_document, resolve_document
from qualcode.store.project import Project
from qualcode.store.workbench_state import read_workbench_state
from qualcode.tui.app import QualcodeApp
from qualcode.tui.resume import checked_state
from qualcode.tui.screens.picker import PickerScreen
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.code_system import CodeSystem
from qualcode.tui.widgets.document_system import DocumentSystem
from qualcode.tui.widgets.retrieved import RetrievedSegments


def batches(path) -> int:
    with Project.open(path) as project:
        return project.db.execute("SELECT count(*) FROM batches").fetchone()[0]


async def a_day_of_work(small_project) -> tuple[int, int, int]:
    """Lena opens Interview-A, puts the cursor on "WhatsApp", activates a code and
    Interview-B, shows only her codings, and quits; returns (document, offset, code)."""
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        a = next(d.id for d in app.state.documents if d.name == "Interview-A")
        b = next(d.id for d in app.state.documents if d.name == "Interview-B")
        code = next(c.id for c in app.state.codes.codes if c.path == "Bündniskerngruppe")
        app.query_one(DocumentSystem).select_node("document", a)
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.view is not None)
        offset = app.view.text.index("WhatsApp")
        app.query_one(DocumentBrowser).select_offsets(offset, offset)
        await pilot.press("f3")
        app.query_one(CodeSystem).select_code(code)
        await pilot.pause()
        await pilot.press("space", "f2")
        app.query_one(DocumentSystem).select_node("document", b)
        await pilot.pause()
        await pilot.press("space", "f9")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    return a, offset, code


async def test_next_morning_the_workbench_opens_where_the_coder_stopped(small_project):
    before = batches(small_project)
    a, offset, code = await a_day_of_work(small_project)
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.view is not None and app.state is not None)
        b_id = next(d.id for d in app.state.documents if d.name == "Interview-B")
        await settle(pilot, app)
        assert app.view.id == a
        assert app.query_one(DocumentBrowser).selection_offsets() == (offset, offset)
        assert app.active_codes == frozenset({code})
        assert app.query_one(CodeSystem).active == {code}
        assert app.active_documents == frozenset({b_id})
        assert app.query_one(DocumentSystem).active == {b_id}
        assert app.coder_filter == "lena"
        assert "only lena" in app.sub_title
        # Retrieved Segments are narrowed again: anna's segment of that code in
        # Interview-B is hidden by lena's filter
        retrieved = app.query_one(RetrievedSegments)
        await wait_for(pilot, lambda: "1 code(s)" in str(retrieved.border_subtitle))
        assert retrieved.total == 0
    # where one stopped is not a change: nothing to undo, nothing in the history
    assert batches(small_project) == before


async def test_each_coder_has_their_own_place(small_project):
    await a_day_of_work(small_project)
    app = QualcodeApp(small_project, "anna")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await settle(pilot, app)
        await settle(pilot, app)
        assert app.view is None
        assert app.active_codes == frozenset() and app.coder_filter is None
    with Project.open(small_project) as project:
        assert read_workbench_state(project, "lena")["coder_filter"] is True


async def test_a_deleted_document_is_not_reopened(small_project):
    await a_day_of_work(small_project)
    with Project.open(small_project) as project:
        delete_document(project, resolve_document(project, "Interview-A").id)
        b = resolve_document(project, "Interview-B").id
        assert checked_state(project, "lena")["document"] is None
        assert checked_state(project, "lena")["documents"] == [b]
        assert checked_state(project, "nobody") == {
            "document": None, "cursor": 0, "codes": [], "documents": [],
            "coder_filter": False}
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await settle(pilot, app)
        await settle(pilot, app)
        assert app.view is None
        assert app.active_documents == frozenset({b})


async def test_answering_who_is_coding_leads_to_that_coders_place(small_project):
    a, offset, _ = await a_day_of_work(small_project)
    # started without --coder by a system user who is not one of the project's coders
    app = QualcodeApp(small_project, "rechner-7", ask_coder=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
        await pilot.press(*"lena", "enter")
        await wait_for(pilot, lambda: app.view is not None)
        await settle(pilot, app)
        assert app.coder == "lena" and app.view.id == a
        assert app.query_one(DocumentBrowser).selection_offsets() == (offset, offset)
