"""What lies behind a cell: the coded segments (or pairs of segments) counted in it; Enter on
one jumps to the passage in the Document Browser."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label

from qualcode.domain.codepath import split_codepath
from qualcode.analysis.cooccurrence import SegmentPair
from qualcode.domain.models import Segment


@dataclass(frozen=True)
class Passage:
    """Where to jump: ``[start, end)`` of a document (0-based code points)."""

    document_id: int
    start: int
    end: int


def lines(segment: Segment) -> str:
    return (str(segment.line_start) if segment.line_start == segment.line_end
            else f"{segment.line_start}–{segment.line_end}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def segment_rows(segments: list[Segment]) -> list[tuple[Passage, tuple[str, ...]]]:
    """Rows ``(passage, (document, lines, code, coder, text))``."""
    return [(Passage(s.document_id, s.start, s.end),
             (s.document, lines(s), split_codepath(s.code)[-1], s.coder, _one_line(s.text)))
            for s in segments]


def pair_rows(pairs: list[SegmentPair]) -> list[tuple[Passage, tuple[str, ...]]]:
    """Rows for pairs of segments; the passage spans both segments."""
    rows = []
    for pair in pairs:
        a, b = pair.a, pair.b
        rows.append((Passage(a.document_id, min(a.start, b.start), max(a.end, b.end)),
                     (a.document, f"{lines(a)} / {lines(b)}", a.coder,
                      f"{_one_line(a.text)} ⟷ {_one_line(b.text)}")))
    return rows


SEGMENT_COLUMNS = ("Dokument", "Z.", "Code", "Coder", "Text")
PAIR_COLUMNS = ("Dokument", "Z.", "Coder", "Segment ⟷ Segment")


class JumpListScreen(ModalScreen[Passage | None]):
    """A list of passages; dismisses with the chosen :class:`Passage` (Enter) or ``None``."""

    DEFAULT_CSS = """
    JumpListScreen { align: center middle; }
    JumpListScreen > Vertical {
        width: 96%; height: 90%; border: thick $accent; background: $surface; padding: 0 1;
    }
    JumpListScreen DataTable { height: 1fr; }
    JumpListScreen Label { width: 100%; }
    """
    BINDINGS = [Binding("escape", "cancel", "Back", id="jump_list.cancel")]

    def __init__(self, title: str, columns: tuple[str, ...],
                 rows: list[tuple[Passage, tuple[str, ...]]]) -> None:
        super().__init__()
        self.title_text, self.columns, self.rows = title, columns, rows

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"{self.title_text} — Enter jumps to the passage"))
            yield DataTable(cursor_type="row", zebra_stripes=True, id="passages")
            yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#passages", DataTable)
        # A column holding one value in every row (the cell's code, a filtered coder) says
        # nothing the title does not: it gives its room to the text.
        shown = [i for i in range(len(self.columns) - 1)
                 if len(self.rows) < 2 or len({cells[i] for _, cells in self.rows}) > 1]
        widths = [min(24, max([len(self.columns[i])] + [len(c[i]) for _, c in self.rows]))
                  for i in shown]
        # The text gets the rest of the dialog and wraps onto about three lines.
        text_width = max(20, int(self.app.size.width * 0.96) - 6 - sum(w + 2 for w in widths))
        for i, width in zip(shown, widths):
            table.add_column(self.columns[i], width=width)
        table.add_column(self.columns[-1], width=text_width)
        limit = 5 * text_width // 2
        for index, (_, cells) in enumerate(self.rows):
            text = cells[-1] if len(cells[-1]) <= limit else cells[-1][: limit - 1] + "…"
            # Text, not str: a transcript's "[...]" is not markup.
            table.add_row(*(Text(cells[i][:24]) for i in shown), Text(text), key=str(index),
                          height=None)
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(self.rows[int(event.row_key.value)][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
