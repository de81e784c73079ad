"""Managing documents in the workbench's Document System with the keyboard alone: rename,
delete (asking with its coded segments and memos), move to a group, reorder, document sets
and their activation; every change undone with ctrl+z."""

from __future__ import annotations

from tui_support import add_text_document, settle, wait_for

from qualcode.store import document_sets
from qualcode.store.documents import list_documents
from qualcode.store.memos import add_memo
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.dialogs import ConfirmScreen
from qualcode.tui.widgets.document_system import DocumentSystem
from qualcode.tui.widgets.retrieved import RetrievedSegments

DUPLICATE = """I: Was hat sich im Bündnis verändert? #00:00:04-1#

B: Die Treffen der Bündniskerngruppe fallen aus. Wir schreiben uns Mails. #00:00:13-8#

"""


def names(path) -> list[tuple[str | None, str]]:
    with Project.open(path) as project:
        return [(d.group, d.name) for d in list_documents(project)]


async def start(pilot, app) -> DocumentSystem:
    await wait_for(pilot, lambda: app.state is not None)
    tree = app.query_one(DocumentSystem)
    await pilot.press("f2")
    await pilot.pause()
    return tree


async def changed(pilot, app) -> None:
    await settle(pilot, app)
    await settle(pilot, app)


def notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_wrongly_imported_document_is_cleaned_up_with_the_keyboard(small_project):
    with Project.open(small_project) as project:
        # the duplicate: Interview-B imported a second time under another name, with a memo
        add_text_document(project, "Interview-B (1)", DUPLICATE, "THM")
        document = [d for d in list_documents(project) if d.name == "Interview-B (1)"][0]
        add_memo(project, "document", "falsch importiert", target_id=document.id)
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        tree = await start(pilot, app)
        tree.select_node("document", document.id)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = str(app.screen.question)
        assert "Interview-B (1)" in question
        assert "0 coded segment(s)" in question and "1 memo(s)" in question
        await pilot.press("y")
        await changed(pilot, app)
        assert ("THM", "Interview-B (1)") not in names(small_project)
        assert any(n.startswith("Deleted document Interview-B (1)") for n in notes(app))
        assert all(d.id != document.id for d in app.state.documents)
        # a mistake? ctrl+z brings it back with its memo
        await pilot.press("ctrl+z")
        await changed(pilot, app)
        assert ("THM", "Interview-B (1)") in names(small_project)
        await pilot.press("ctrl+y")
        await changed(pilot, app)
        assert ("THM", "Interview-B (1)") not in names(small_project)


async def test_deleting_asks_and_n_keeps_the_document(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        tree = await start(pilot, app)
        b = next(d.id for d in app.state.documents if d.name == "Interview-B")
        tree.select_node("document", b)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "1 coded segment(s)" in str(app.screen.question)
        await pilot.press("n")
        await changed(pilot, app)
        assert ("THM", "Interview-B") in names(small_project)


async def test_rename_move_and_reorder_documents_and_groups(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        tree = await start(pilot, app)
        a = next(d.id for d in app.state.documents if d.name == "Interview-A")
        tree.select_node("document", a)
        await pilot.press("R", "ctrl+u", *"Interview-Anna", "enter")
        await changed(pilot, app)
        assert ("THM", "Interview-Anna") in names(small_project)
        assert "Renamed document Interview-A to Interview-Anna (ctrl+z undoes)" in notes(app)
        # down past Interview-B, then back up
        tree.select_node("document", a)
        await pilot.press("ctrl+down")
        await changed(pilot, app)
        assert names(small_project) == [("THM", "Interview-B"), ("THM", "Interview-Anna")]
        await pilot.press("ctrl+z")
        await changed(pilot, app)
        assert names(small_project) == [("THM", "Interview-Anna"), ("THM", "Interview-B")]
        # into a new group (typed in the picker), then that group before THM
        tree.select_node("document", a)
        await pilot.press("g", *"Kreis", "enter")
        await changed(pilot, app)
        assert names(small_project) == [("THM", "Interview-B"), ("Kreis", "Interview-Anna")]
        assert "Moved Interview-Anna to new group Kreis (ctrl+z undoes)" in notes(app)
        tree.select_node("group", "Kreis")
        await pilot.press("ctrl+up")
        await changed(pilot, app)
        assert names(small_project) == [("Kreis", "Interview-Anna"), ("THM", "Interview-B")]
        tree.select_node("group", "Kreis")
        await pilot.press("R", "ctrl+u", *"Landkreis", "enter")
        await changed(pilot, app)
        assert names(small_project)[0] == ("Landkreis", "Interview-Anna")
        for _ in range(3):
            await pilot.press("ctrl+z")
            await changed(pilot, app)
        assert names(small_project) == [("THM", "Interview-Anna"), ("THM", "Interview-B")]


async def test_document_sets_from_the_keyboard_narrow_retrieved_segments(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        tree = await start(pilot, app)
        b = next(d.id for d in app.state.documents if d.name == "Interview-B")
        tree.select_node("document", b)
        await pilot.press("s", *"Bündnis", "enter")
        await changed(pilot, app)
        with Project.open(small_project) as project:
            assert [(s.name, s.documents) for s in document_sets.list_sets(project)] == [
                ("Bündnis", ("Interview-B",))]
        assert "Created document set Bündnis with Interview-B (ctrl+z undoes)" in notes(app)
        # the set is shown below the groups; space on it activates its documents
        await wait_for(pilot, lambda: any(n.data == ("set", "Bündnis")
                                          for n in tree._tree_nodes.values()))
        tree.select_node("set", "Bündnis")
        await pilot.pause()
        await pilot.press("space")
        await changed(pilot, app)
        assert app.active_documents == frozenset({b})
        retrieved = app.query_one(RetrievedSegments)
        await wait_for(pilot, lambda: retrieved.total == 1)
        # s on a document of the set takes it out again
        tree.select_node("document", b)
        await pilot.press("s", *"Bündnis", "enter")
        await changed(pilot, app)
        assert "Removed Interview-B from set Bündnis (ctrl+z undoes)" in notes(app)
        await pilot.press("ctrl+z")
        await changed(pilot, app)
        with Project.open(small_project) as project:
            assert document_sets.list_sets(project)[0].documents == ("Interview-B",)


async def test_the_palette_and_help_offer_the_document_actions(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for expected in ("Rename document or group", "Delete document", "Move document to group",
                         "Move document or group up", "Move document or group down",
                         "Document set…", "Variables editor"):
            assert expected in titles, expected
        keys = {b.key for b in DocumentSystem.BINDINGS}
        assert {"R", "delete", "g", "ctrl+up", "ctrl+down", "s"} <= keys


async def test_deleting_the_open_document_empties_the_browser(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        tree = await start(pilot, app)
        a = next(d.id for d in app.state.documents if d.name == "Interview-A")
        tree.select_node("document", a)
        await pilot.pause()
        await pilot.press("space", "enter")
        await wait_for(pilot, lambda: app.view is not None)
        await pilot.press("f2", "delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await changed(pilot, app)
        assert app.view is None and app.active_documents == frozenset()
        assert app.query_one("#browser").text == ""
        assert ("THM", "Interview-A") not in names(small_project)
