"""The memo manager (MAXQDA's "Memo-Manager"): every memo of the project in one list —
free, document, code, segment and in-text memos — filtered by kind and by words, with a jump
to where each memo belongs, editing and deleting."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Label

from qualcode.tui.memo_jobs import KIND_LABELS, MemoRow

#: The kind filter cycles through these (``None``: every kind).
KIND_FILTERS: tuple[str | None, ...] = (None, "free", "document", "code", "segment", "text")


@dataclass(frozen=True)
class ManagerChoice:
    """What the coder asked for: ``verb`` is ``jump``, ``edit`` or ``delete`` on ``row``;
    ``words`` and ``kind`` are the filter to restore when the manager opens again."""

    verb: str
    row: MemoRow
    words: str
    kind: str | None


class MemoManagerScreen(ModalScreen[ManagerChoice | None]):
    """All memos in a table; Enter jumps, ``e`` edits, ``Delete`` deletes (asks first),
    ``ctrl+t`` cycles the kind filter, typing in the filter line narrows by words."""

    DEFAULT_CSS = """
    MemoManagerScreen { align: center middle; }
    MemoManagerScreen > Vertical {
        width: 96%; height: 90%; border: thick $accent; background: $surface; padding: 0 1;
    }
    MemoManagerScreen #memo-filter-line { height: 3; }
    MemoManagerScreen #memo-filter { width: 1fr; }
    MemoManagerScreen #memo-kind { width: 22; padding: 1 1; }
    MemoManagerScreen DataTable { height: 1fr; }
    MemoManagerScreen #memo-count { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="memo_manager.cancel"),
        Binding("ctrl+t", "next_kind", "Kind", id="memo_manager.kind"),
        Binding("e", "edit", "Edit", id="memo_manager.edit"),
        Binding("delete,x", "delete", "Delete", id="memo_manager.delete"),
        Binding("down", "to_table", "List", show=False, id="memo_manager.to_table"),
    ]

    def __init__(self, rows: list[MemoRow], words: str = "", kind: str | None = None,
                 memo_id: int | None = None) -> None:
        super().__init__()
        self.rows, self.words, self.kind, self.memo_id = rows, words, kind, memo_id
        self.shown: list[MemoRow] = []
        self.where_width = 16

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Memos — Enter: go to where it belongs · e: edit · Delete: delete",
                        id="memo-title")
            with Horizontal(id="memo-filter-line"):
                yield Input(self.words, placeholder="filter: words in memo, title, author, place",
                            id="memo-filter")
                yield Label("", id="memo-kind")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="memo-table")
            yield Label("", id="memo-count")
            yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#memo-table", DataTable)
        inner = int(self.app.size.width * 0.96) - 6
        self.where_width = 16 if inner < 90 else 28
        widths = {"Kind": 8, "Where": self.where_width, "Line": 4, "Author": 8}
        for name, width in widths.items():
            table.add_column(name, width=width)
        table.add_column("Memo", width=max(20, inner - sum(w + 2 for w in widths.values())))
        self.fill()
        # Opened afresh, typing filters at once and ↓ or Enter goes to the list; reopened after
        # an edit or a deletion, the list has the focus on the same memo.
        if self.memo_id is not None and self.shown:
            table.focus()
        else:
            self.query_one("#memo-filter", Input).focus()

    def fill(self) -> None:
        """Show the rows that pass the filter, keeping the cursor on the same memo."""
        table = self.query_one("#memo-table", DataTable)
        current = self.memo_id
        if table.row_count and 0 <= table.cursor_row < len(self.shown):
            current = self.shown[table.cursor_row].memo.id
        table.clear()
        self.shown = [r for r in self.rows
                      if (self.kind is None or r.memo.kind == self.kind
                          or (self.kind == "free" and r.memo.kind == "project"))
                      and r.matches(self.words)]
        for index, row in enumerate(self.shown):
            memo = row.memo
            first = (f"{memo.title}: " if memo.title else "") + " ".join(memo.text.split())
            # Text, not str: a memo's "[...]" is not markup.
            where = row.where if len(row.where) <= self.where_width \
                else row.where[: self.where_width - 1] + "…"
            table.add_row(Text(row.kind), Text(where),
                          Text("" if row.line is None else str(row.line)),
                          Text((memo.author or "")[:8]), Text(first or "(empty)"),
                          key=str(index))
        kind = "all" if self.kind is None else KIND_LABELS[self.kind]
        self.query_one("#memo-kind", Label).update(f"kind: {kind} (ctrl+t)")
        self.query_one("#memo-count", Label).update(
            f"{len(self.shown)} of {len(self.rows)} memos")
        for index, row in enumerate(self.shown):
            if row.memo.id == current:
                table.move_cursor(row=index)
                break

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.words = event.value
        self.fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.shown:
            self.query_one("#memo-table", DataTable).focus()

    def action_to_table(self) -> None:
        if self.shown:
            self.query_one("#memo-table", DataTable).focus()

    def action_next_kind(self) -> None:
        self.kind = KIND_FILTERS[(KIND_FILTERS.index(self.kind) + 1) % len(KIND_FILTERS)]
        self.fill()

    def _choose(self, verb: str) -> None:
        table = self.query_one("#memo-table", DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return
        self.dismiss(ManagerChoice(verb, self.shown[table.cursor_row], self.words, self.kind))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._choose("jump")

    def action_edit(self) -> None:
        self._choose("edit")

    def action_delete(self) -> None:
        self._choose("delete")

    def action_cancel(self) -> None:
        self.dismiss(None)
