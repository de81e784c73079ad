"""Code System editing in the workbench: create, rename, move, merge, delete, colour."""

from __future__ import annotations

from tui_support import settle, wait_for

from qualcode.store import codes as code_store
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.dialogs import ConfirmScreen
from qualcode.tui.widgets.code_system import CodeSystem


def paths(path) -> list[str]:
    with Project.open(path) as project:
        return [c.path for c in code_store.list_codes(project)]


async def start(pilot, app) -> CodeSystem:
    await wait_for(pilot, lambda: app.state is not None)
    tree = app.query_one(CodeSystem)
    await pilot.press("f3")
    return tree


def select(app, tree: CodeSystem, path: str) -> None:
    tree.select_code(next(c.id for c in app.state.codes.codes if c.path == path))


async def test_add_rename_and_colour_a_code(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        tree = await start(pilot, app)
        select(app, tree, "ABH-Kooperation")
        await pilot.pause()
        await pilot.press("a", *"Datenschutz", "enter")
        await settle(pilot, app)
        await settle(pilot, app)
        assert "ABH-Kooperation/Datenschutz" in paths(small_project)
        select(app, tree, "ABH-Kooperation/Datenschutz")
        await pilot.pause()
        await pilot.press("R", "ctrl+u", *"Datenweitergabe", "enter")
        await settle(pilot, app)
        await settle(pilot, app)
        assert "ABH-Kooperation/Datenweitergabe" in paths(small_project)
        select(app, tree, "ABH-Kooperation")
        await pilot.pause()
        await pilot.press("o", "ctrl+u", *"#00aa00", "enter")
        await settle(pilot, app)
        await settle(pilot, app)
        with Project.open(small_project) as project:
            assert code_store.get_code(project, "ABH-Kooperation").color == "#00AA00"


async def test_cut_and_paste_moves_a_code_under_another(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        tree = await start(pilot, app)
        select(app, tree, "Bündniskerngruppe")
        await pilot.pause()
        await pilot.press("ctrl+x")
        select(app, tree, "Digitale Beratung")
        await pilot.pause()
        await pilot.press("ctrl+v")
        await settle(pilot, app)
        await settle(pilot, app)
        assert "Digitale Beratung/Bündniskerngruppe" in paths(small_project)
        # the coded segment followed its code
        with Project.open(small_project) as project:
            code = code_store.get_code(project, "Digitale Beratung/Bündniskerngruppe")
            assert code_store.count_segments(project, [code.id]) == 1


async def test_delete_asks_with_the_number_of_segments_and_can_be_undone(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        tree = await start(pilot, app)
        select(app, tree, "Bündniskerngruppe")
        await pilot.pause()
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "1 coded segment(s) will be deleted" in app.screen.question
        await pilot.press("n")
        await settle(pilot, app)
        assert "Bündniskerngruppe" in paths(small_project)
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot, app)
        await settle(pilot, app)
        assert "Bündniskerngruppe" not in paths(small_project)
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        await settle(pilot, app)
        assert "Bündniskerngruppe" in paths(small_project)


async def test_merge_moves_segments_into_the_target(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        tree = await start(pilot, app)
        select(app, tree, "Bündniskerngruppe")
        await pilot.pause()
        await pilot.press("M", *"abh", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot, app)
        await settle(pilot, app)
        assert "Bündniskerngruppe" not in paths(small_project)
        with Project.open(small_project) as project:
            code = code_store.get_code(project, "ABH-Kooperation")
            assert code_store.count_segments(project, [code.id]) == 1


async def test_edit_definition_anchor_and_rules(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        tree = await start(pilot, app)
        select(app, tree, "ABH-Kooperation")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#anchor_example").text = "„Die ABH schreibt jetzt alle an.“"
        app.screen.query_one("#coding_rules").text = "Nur Aussagen zur ABH."
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        await settle(pilot, app)
        with Project.open(small_project) as project:
            code = code_store.get_code(project, "ABH-Kooperation")
        assert code.anchor_example == "„Die ABH schreibt jetzt alle an.“"
        assert code.coding_rules == "Nur Aussagen zur ABH."
        assert code.definition == "Zusammenarbeit mit der Ausländerbehörde"
