"""The variables editor (F11): documents x variables, values checked against their type as
`qualcode variable set` checks them, a new variable with its type, undo with ctrl+z, and a
thousand documents opening at once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tui_support import settle, wait_for

from qualcode.store.documents import list_documents, set_variable, variable_types
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.dialogs import PromptScreen
from qualcode.tui.screens.variables import PAGE_ROWS, VariablesScreen
from textual.widgets import DataTable


def variables(path) -> dict[str, dict]:
    with Project.open(path) as project:
        return {d.name: d.variables for d in list_documents(project)}


async def open_editor(pilot, app) -> DataTable:
    await wait_for(pilot, lambda: app.state is not None)
    await pilot.press("f11")
    await wait_for(pilot, lambda: isinstance(app.screen, VariablesScreen)
                   and app.screen.table is not None)
    return app.screen.query_one(DataTable)


async def test_edit_a_value_with_type_checking_and_undo(small_project):
    with Project.open(small_project) as project:
        a = list_documents(project)[0]
        set_variable(project, a.id, "Alter", "34")
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        grid = await open_editor(pilot, app)
        labels = [str(c.label) for c in grid.columns.values()]
        # the transcript's header lines (Datum, Modus, Kommune) are variables too
        assert labels == ["Document", "Datum (date)", "Modus (text)", "Kommune (text)",
                          "Alter (integer)"]
        assert grid.get_row_at(0) == ["Interview-A", "2020-05-11", "Telefon", "Kreis", "34"]
        # Interview-B's Alter: a word is refused, the prompt keeps it and says why
        grid.cursor_coordinate = grid.cursor_coordinate._replace(row=1, column=4)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press(*"vierzig", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen)
                       and "is not an integer" in app.screen.question)
        assert app.screen.query_one("#answer").value == "vierzig"
        await pilot.press("ctrl+u", *"41", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, VariablesScreen))
        await settle(pilot, app)
        assert variables(small_project)["Interview-B"] == {"Alter": 41}
        assert grid.get_row_at(1)[4] == "41"
        # ctrl+z takes the value back, also while the editor is shown
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        await settle(pilot, app)
        assert "Alter" not in variables(small_project)["Interview-B"]
        await wait_for(pilot, lambda: grid.get_row_at(1)[4] == "")
        assert grid.cursor_coordinate == (1, 4)


async def test_add_a_variable_with_its_type_then_fill_and_clear_it(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        grid = await open_editor(pilot, app)
        await pilot.press("a", *"Interviewdatum", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, PromptScreen))
        await pilot.press(*"date", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, VariablesScreen)
                       and len(app.screen.table.variables) == 4)
        await settle(pilot, app)
        with Project.open(small_project) as project:
            assert variable_types(project)["Interviewdatum"] == "date"
        assert grid.cursor_column == 4  # on the new variable's column
        await pilot.press("enter", *"11.05.2020", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, VariablesScreen))
        await settle(pilot, app)
        assert variables(small_project)["Interview-A"]["Interviewdatum"] == "2020-05-11"
        assert grid.get_row_at(0)[4] == "2020-05-11"
        await pilot.press("delete")
        await settle(pilot, app)
        await pilot.pause()
        assert "Interviewdatum" not in variables(small_project)["Interview-A"]
        assert grid.get_row_at(0)[4] == ""


def _thousand_documents(tmp_path: Path) -> Path:
    path = tmp_path / "many.qualcode"
    with Project.create(path) as project:
        from tui_support import add_text_document

        add_text_document(project, "Interview-0000", "B: Hallo. #00:00:01-0#\n")
        set_variable(project, 1, "Alter", "30")
        set_variable(project, 1, "Kommune", "Kreis")
    # The other 999 straight in SQL: importing them one by one would take most of the test.
    connection = sqlite3.connect(path)
    with connection:
        row = connection.execute("SELECT * FROM documents WHERE id = 1").fetchone()
        columns = [d[0] for d in connection.execute("SELECT * FROM documents").description]
        for n in range(1, 1000):
            values = dict(zip(columns, row))
            values.update(id=None, guid=f"guid-{n}", name=f"Interview-{n:04d}",
                          sha256=f"{n:064x}", position=n + 1)
            marks = ",".join("?" * len(values))
            cursor = connection.execute(
                f"INSERT INTO documents ({','.join(values)}) VALUES ({marks})",
                list(values.values()))
            connection.execute("INSERT INTO document_variables VALUES (?, 1, ?)",
                               [cursor.lastrowid, 20 + n % 50])
    connection.close()
    return path


async def test_a_thousand_documents_open_and_the_last_can_be_edited(tmp_path):
    path = _thousand_documents(tmp_path)
    app = QualcodeApp(path, "lena")
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await open_editor(pilot, app)
        screen = app.screen
        # a page of documents at a time; moving past its last row turns the page
        assert grid.row_count == PAGE_ROWS and len(screen.table.rows) == 1000
        grid.cursor_coordinate = grid.cursor_coordinate._replace(row=PAGE_ROWS - 1)
        await pilot.press("down")
        await pilot.pause()
        assert screen.cursor().row == PAGE_ROWS
        assert grid.get_row_at(grid.cursor_row)[0] == f"Interview-{PAGE_ROWS:04d}"
        await pilot.press("up")
        await pilot.pause()
        assert screen.cursor().row == PAGE_ROWS - 1
        await pilot.press("ctrl+end")  # the last document
        await pilot.pause()
        assert screen.cursor().row == 999
        grid.cursor_coordinate = grid.cursor_coordinate._replace(column=2)
        await pilot.press("enter", *"Stadt", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, VariablesScreen))
        await settle(pilot, app)
        assert variables(path)["Interview-0999"]["Kommune"] == "Stadt"
        assert grid.get_row_at(grid.cursor_row) == ["Interview-0999", "69", "Stadt"]
        await pilot.press("ctrl+home")
        await pilot.pause()
        assert screen.cursor().row == 0
