"""The variables editor (F11): the document variables as a table, documents down, variables
across (MAXQDA's "Liste der Dokumentvariablen" in data view). Enter edits a value under the
rules of ``qualcode variable set`` (a value must fit its variable's type; an empty value
clears it); ``a`` adds a variable with its type. Every change is one undoable change of the
active coder (``ctrl+z`` in the workbench)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from qualcode.domain.variables import VARIABLE_TYPES
from qualcode.store.variable_table import VariableTable, add_variable, set_value, variable_table
from qualcode.tui.screens.analysis_base import when_alive
from qualcode.tui.screens.dialogs import PromptScreen
from qualcode.tui.screens.picker import Choice, PickerScreen

#: Widest a value column is drawn (longer values are cut with "…"; Enter shows them whole).
CELL_WIDTH = 24
_TYPE_HINTS = {
    "text": "any text",
    "integer": "a whole number, e.g. 42",
    "float": "a number, e.g. 3,5 or 3.5",
    "date": "a date, e.g. 28.04.2020 or 2020-04-28",
    "boolean": "true/false or wahr/falsch",
}


def shown_value(value: object) -> str:
    """A stored value as the editor shows and pre-fills it (booleans as ``true``/``false``,
    floats with a decimal comma as German users type them, nothing for ``None``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return str(value)


def _cut(text: str, width: int = CELL_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class VariablesScreen(Screen):
    """Documents x variables; the table holds every row (a DataTable draws only the visible
    lines, so a thousand documents open at once), and an edit redraws one cell."""

    DEFAULT_CSS = """
    VariablesScreen .variables-line { height: 1; padding: 0 1; color: $text-muted; }
    VariablesScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,f11", "close", "Close", id="variables.close"),
        Binding("enter", "edit", "Edit value", id="variables.edit"),
        Binding("a", "add", "Add variable", id="variables.add"),
        Binding("delete", "clear", "Clear value", show=False, id="variables.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.table: VariableTable | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="variables-status", classes="variables-line")
        yield DataTable(id="variables-table", cursor_type="cell", fixed_columns=1,
                        zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Document variables — {self.app.path.name}"
        self.reload()

    def reload(self, keep: Coordinate | None = None) -> None:
        """Load the table again (after adding a variable, an undo, an outside change)."""
        self.app.db.submit(variable_table, when_alive(self, lambda t: self._show(t, keep)))

    def _show(self, table: VariableTable, keep: Coordinate | None) -> None:
        self.table = table
        grid = self.query_one(DataTable)
        keep = keep or (grid.cursor_coordinate if grid.row_count else None)
        grid.clear(columns=True)
        grid.add_column("Document", key="document")
        for name, type_ in table.variables:
            grid.add_column(Text(f"{name} ({type_})"), key=name)
        grid.add_rows([(_cut(name, 40), *(_cut(shown_value(v)) for v in values))
                       for _, name, values in table.rows])
        if keep is not None and grid.row_count:
            grid.cursor_coordinate = Coordinate(min(keep.row, grid.row_count - 1),
                                                min(keep.column, len(table.variables)))
        elif table.variables:
            grid.cursor_coordinate = Coordinate(0, 1)
        grid.focus()
        self._status()

    def _status(self, note: str = "") -> None:
        table = self.table
        if table is None:
            return
        if not table.variables:
            text = "No variables yet: a adds one (name and type)."
        else:
            text = (f"{len(table.rows)} document(s) × {len(table.variables)} variable(s) · "
                    "Enter: edit · a: add variable · Del: clear · Esc: back")
        self.query_one("#variables-status", Static).update(note or text)

    def _cell(self) -> tuple[int, str, str, str, int] | None:
        """``(document id, document name, variable, its type, row)`` under the cursor."""
        grid = self.query_one(DataTable)
        table = self.table
        if table is None or not table.rows or grid.cursor_column == 0 or not table.variables:
            return None
        row, column = grid.cursor_row, grid.cursor_column
        document_id, document, _ = table.rows[row]
        name, type_ = table.variables[column - 1]
        return document_id, document, name, type_, row

    # -- editing ---------------------------------------------------------------------------
    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()  # the table's own Enter
        self.action_edit()

    def action_edit(self) -> None:
        cell = self._cell()
        if cell is None:
            self.notify("Move to a variable's column (→) to edit a value; a adds a variable.",
                        severity="warning", timeout=3)
            return
        document_id, document, name, type_, row = cell
        current = shown_value(self.table.rows[row][2][self.query_one(DataTable).cursor_column - 1])
        self._ask(document_id, document, name, type_, row, current, "")

    def action_clear(self) -> None:
        cell = self._cell()
        if cell is not None:
            document_id, document, name, type_, row = cell
            self._save(document_id, document, name, type_, row, "")

    def _ask(self, document_id: int, document: str, name: str, type_: str, row: int,
             value: str, problem: str) -> None:
        question = (f"{name} of {document} ({type_}: {_TYPE_HINTS[type_]}; empty clears it)")
        if problem:
            question = f"{problem}\n{question}"

        def answered(text: str | None) -> None:
            if text is not None:
                self._save(document_id, document, name, type_, row, text)

        self.app.push_screen(PromptScreen(question, value), answered)

    def _save(self, document_id: int, document: str, name: str, type_: str, row: int,
              text: str) -> None:
        if self.app.refuse_readonly():
            return
        coder = self.app.coder
        column = self.query_one(DataTable).cursor_column

        def saved(value) -> None:
            values = list(self.table.rows[row][2])
            values[column - 1] = value
            rows = list(self.table.rows)
            rows[row] = (document_id, document, tuple(values))
            self.table = VariableTable(self.table.variables, rows)
            self.query_one(DataTable).update_cell_at(Coordinate(row, column),
                                                     _cut(shown_value(value)))
            self._status(f"{document}: {name} = {shown_value(value) or '(empty)'} "
                         "(ctrl+z in the workbench undoes)")
            self.app.refresh_all()

        def refused(error: Exception) -> None:
            # The typed value stays in the prompt, with the reason above it.
            self._ask(document_id, document, name, type_, row, text, str(error))

        self.app.db.submit(lambda p: set_value(p, document_id, name, text, coder),
                           when_alive(self, saved), when_alive(self, refused), write=True)

    def action_add(self) -> None:
        if self.app.refuse_readonly():
            return

        def named(name: str | None) -> None:
            if not name or not name.strip():
                return
            choices = [Choice(t, t, hint=_TYPE_HINTS[t]) for t in VARIABLE_TYPES]
            self.app.push_screen(PickerScreen(f"Type of variable {name.strip()}", choices),
                                 lambda type_: type_ and self._add(name.strip(), type_))

        self.app.push_screen(PromptScreen("New variable: name"), named)

    def _add(self, name: str, type_: str) -> None:
        coder = self.app.coder

        def added(added_name: str) -> None:
            self.notify(f"Added variable {added_name} ({type_}) (ctrl+z in the workbench "
                        "undoes)", timeout=3)
            grid = self.query_one(DataTable)
            keep = Coordinate(grid.cursor_row if grid.row_count else 0,
                              len(self.table.variables) + 1)
            self.reload(keep)

        self.app.db.submit(lambda p: add_variable(p, name, type_, coder),
                           when_alive(self, added),
                           when_alive(self, lambda e: self.notify(str(e), severity="error")),
                           write=True)

    def action_close(self) -> None:
        self.app.pop_screen()
