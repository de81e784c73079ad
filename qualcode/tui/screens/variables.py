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
#: Documents drawn at a time: a DataTable measures every cell it holds, so a thousand
#: documents are shown a page at a time (moving past a page's edge turns the page).
PAGE_ROWS = 100
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


class VariableGrid(DataTable):
    """The editor's table: ``up``/``down``, ``pageup``/``pagedown`` past the first or last row
    of the page shown turn the page (:class:`VariablesScreen` holds the pages)."""

    def _turn(self, step: int) -> bool:
        screen = self.screen
        return isinstance(screen, VariablesScreen) and screen.turn_page(step)

    def action_cursor_down(self) -> None:
        if not (self.cursor_row >= self.row_count - 1 and self._turn(1)):
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if not (self.cursor_row <= 0 and self._turn(-1)):
            super().action_cursor_up()

    def action_page_down(self) -> None:
        if not (self.cursor_row >= self.row_count - 1 and self._turn(1)):
            super().action_page_down()

    def action_page_up(self) -> None:
        if not (self.cursor_row <= 0 and self._turn(-1)):
            super().action_page_up()

    def action_scroll_top(self) -> None:  # ctrl+home: the first document, not the page's
        if isinstance(self.screen, VariablesScreen):
            self.screen.action_first()

    def action_scroll_bottom(self) -> None:  # ctrl+end: the last document
        if isinstance(self.screen, VariablesScreen):
            self.screen.action_last()


class VariablesScreen(Screen):
    """Documents x variables, :data:`PAGE_ROWS` documents at a time (``[``/``]`` or moving
    past the edge turn the page, ``ctrl+home``/``ctrl+end`` go to the first or last
    document); an edit redraws one cell."""

    DEFAULT_CSS = """
    VariablesScreen .variables-line { height: 1; padding: 0 1; color: $text-muted; }
    VariablesScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,f11", "close", "Close", id="variables.close"),
        Binding("enter", "edit", "Edit value", id="variables.edit"),
        Binding("a", "add", "Add variable", id="variables.add"),
        Binding("delete", "clear", "Clear value", show=False, id="variables.clear"),
        Binding("right_square_bracket", "page(1)", "Next page", show=False,
                id="variables.next_page"),
        Binding("left_square_bracket", "page(-1)", "Previous page", show=False,
                id="variables.previous_page"),
        Binding("ctrl+home", "first", "First document", show=False, id="variables.first"),
        Binding("ctrl+end", "last", "Last document", show=False, id="variables.last"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.table: VariableTable | None = None
        #: Index in ``table.rows`` of the first document shown.
        self.page_start = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="variables-status", classes="variables-line")
        yield VariableGrid(id="variables-table", cursor_type="cell", fixed_columns=1,
                           zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Document variables — {self.app.path.name}"
        self.reload()

    def reload(self, keep: Coordinate | None = None) -> None:
        """Load the table again (after adding a variable, an undo, an outside change);
        ``keep`` is the cursor as ``(document index, column)`` (default: where it is)."""
        self.app.db.submit(variable_table, when_alive(self, lambda t: self._show(t, keep)))

    def cursor(self) -> Coordinate | None:
        """The cursor as ``(index of the document in the whole table, column)``."""
        grid = self.query_one(DataTable)
        if not grid.row_count:
            return None
        return Coordinate(self.page_start + grid.cursor_row, grid.cursor_column)

    def _show(self, table: VariableTable, keep: Coordinate | None) -> None:
        keep = keep or self.cursor()
        self.table = table
        if keep is None:
            keep = Coordinate(0, 1 if table.variables else 0)
        self._draw_page(keep)

    def _draw_page(self, cursor: Coordinate) -> None:
        """Show the page holding the document ``cursor.row`` and put the cursor there."""
        table = self.table
        grid = self.query_one(DataTable)
        row = max(0, min(cursor.row, len(table.rows) - 1))
        self.page_start = row - row % PAGE_ROWS
        grid.clear(columns=True)
        grid.add_column("Document", key="document")
        for name, type_ in table.variables:
            grid.add_column(Text(f"{name} ({type_})"), key=name)
        grid.add_rows([(_cut(name, 40), *(_cut(shown_value(v)) for v in values))
                       for _, name, values in
                       table.rows[self.page_start:self.page_start + PAGE_ROWS]])
        if grid.row_count:
            grid.cursor_coordinate = Coordinate(row - self.page_start,
                                                min(cursor.column, len(table.variables)))
        grid.focus()
        self._status()

    def turn_page(self, step: int) -> bool:
        """Show the next (``step`` 1) or previous (-1) page, the cursor on its first or last
        document; ``False`` when there is none."""
        if self.table is None:
            return False
        start = self.page_start + step * PAGE_ROWS
        if not 0 <= start < len(self.table.rows):
            return False
        column = self.query_one(DataTable).cursor_column
        row = start if step > 0 else start + PAGE_ROWS - 1
        self._draw_page(Coordinate(row, column))
        return True

    def action_page(self, step: int) -> None:
        self.turn_page(step)

    def action_first(self) -> None:
        if self.table is not None and self.table.rows:
            self._draw_page(Coordinate(0, self.query_one(DataTable).cursor_column))

    def action_last(self) -> None:
        if self.table is not None and self.table.rows:
            self._draw_page(Coordinate(len(self.table.rows) - 1,
                                       self.query_one(DataTable).cursor_column))

    def _status(self, note: str = "") -> None:
        table = self.table
        if table is None:
            return
        if not table.variables:
            text = "No variables yet: a adds one (name and type)."
        else:
            shown = ""
            if len(table.rows) > PAGE_ROWS:
                last = min(self.page_start + PAGE_ROWS, len(table.rows))
                shown = f" (shown: {self.page_start + 1}–{last}, [ ] pages)"
            text = (f"{len(table.rows)} document(s){shown} × {len(table.variables)} "
                    "variable(s) · Enter: edit · a: add variable · Del: clear · Esc: back")
        self.query_one("#variables-status", Static).update(note or text)

    def _cell(self) -> tuple[int, str, str, str, int] | None:
        """``(document id, document name, variable, its type, row)`` under the cursor."""
        grid = self.query_one(DataTable)
        table = self.table
        if table is None or not table.rows or grid.cursor_column == 0 or not table.variables:
            return None
        row, column = self.page_start + grid.cursor_row, grid.cursor_column
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
            rows = list(self.table.rows)
            index = next((i for i, r in enumerate(rows) if r[0] == document_id), None)
            if index is not None and column - 1 < len(self.table.variables):
                values = list(rows[index][2])
                values[column - 1] = value
                rows[index] = (document_id, document, tuple(values))
                self.table = VariableTable(self.table.variables, rows)
                grid = self.query_one(DataTable)
                if 0 <= index - self.page_start < grid.row_count:
                    grid.update_cell_at(Coordinate(index - self.page_start, column),
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
            keep = Coordinate(self.page_start + grid.cursor_row if grid.row_count else 0,
                              len(self.table.variables) + 1)
            self.reload(keep)

        self.app.db.submit(lambda p: add_variable(p, name, type_, coder),
                           when_alive(self, added),
                           when_alive(self, lambda e: self.notify(str(e), severity="error")),
                           write=True)

    def action_close(self) -> None:
        self.app.pop_screen()
