"""Help: every key binding of the workbench, by area."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.keys import format_key
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label

#: Selection keys inherited from Textual's TextArea, explained for coders.
SELECTION_KEYS = [
    ("shift+←/→/↑/↓", "extend the selection by a character / line"),
    ("ctrl+shift+←/→", "extend the selection by a word"),
    ("shift+home/end", "extend the selection to the start / end of the line"),
    ("mouse drag", "select with the mouse"),
    ("escape", "collapse the selection to the cursor"),
]


def binding_rows(areas: list[tuple[str, list[Binding]]]) -> list[tuple[str, str, str]]:
    """``(area, keys, description)`` for every binding with a description."""
    rows = []
    for area, bindings in areas:
        for binding in bindings:
            if isinstance(binding, tuple):
                binding = Binding(*binding)
            if binding.description:
                keys = " / ".join(format_key(key.strip()) for key in binding.key.split(","))
                rows.append((area, keys, binding.description))
    return rows


def with_inherited_keys(rows: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """``rows`` with the keys Textual provides: the palette first among the global keys, the
    selection keys right after the Document Browser's own."""
    rows = [*rows[:1], ("Global", "ctrl+p", "command palette: every action by name"), *rows[1:]]
    browser = [i for i, row in enumerate(rows) if row[0] == "Document Browser"]
    at = browser[-1] + 1 if browser else len(rows)
    selection = [("Document Browser", keys, text) for keys, text in SELECTION_KEYS]
    return rows[:at] + selection + rows[at:]


class HelpScreen(ModalScreen[None]):
    """A table of all bindings; Escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 90%; height: 90%; border: thick $accent; background: $surface; padding: 0 1;
    }
    HelpScreen DataTable { height: 1fr; }
    """
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", id="help.close")]

    def __init__(self, areas: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.areas = areas

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Keys — every action is also in the command palette (ctrl+p)")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="keys")
            yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#keys", DataTable)
        table.add_columns("Area", "Key", "Action")
        for row in with_inherited_keys(binding_rows(self.areas)):
            table.add_row(*row)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
