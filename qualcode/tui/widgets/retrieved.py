"""Retrieved Segments: the coded segments of the activated codes and documents, paged in SQL.

A segment's weight (when not 0) and ``✎`` (when it has a comment) show in the column after
the code; ``v`` opens the reading view with every segment's whole text (also F10)."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from qualcode.domain.codepath import split_codepath
from qualcode.domain.models import Segment
from qualcode.exports.retrieved_text import marks

PAGE_SIZE = 500


class RetrievedSegments(DataTable):
    """One row per segment (document, lines, code, coder, text); Enter jumps to the passage."""

    DEFAULT_CSS = """
    RetrievedSegments { border: round $primary-background; height: 100%; }
    RetrievedSegments:focus { border: round $accent; }
    """

    BINDINGS = [
        Binding("v", "read", "Read (whole text)", id="retrieved.read"),
        Binding("right_square_bracket", "page(1)", "Next page", show=False, id="retrieved.next"),
        Binding("left_square_bracket", "page(-1)", "Previous page", show=False,
                id="retrieved.previous"),
    ]

    class Jump(Message):
        """Show ``segment`` in the Document Browser."""

        def __init__(self, segment: Segment) -> None:
            super().__init__()
            self.segment = segment

    class ReadRequested(Message):
        """Open the reading view of these segments."""

    class PageRequested(Message):
        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.border_title = "Retrieved Segments"
        self.segments: dict[str, Segment] = {}
        self.total = 0
        self.page_offset = 0

    def on_mount(self) -> None:
        self.add_column("Dokument", key="document", width=9)
        self.add_column("Z.", key="lines", width=5)
        self.add_column("Code", key="code", width=12)
        # Weight and comment mark: narrow, so the coder still shows at 80 columns.
        self.add_column("W✎", key="marks", width=4)
        # The coder before the text: at 80 columns the text runs off the right edge, and two
        # coders' segments of one passage must not look like duplicates.
        self.add_column("Coder", key="coder", width=8)
        self.add_column("Text", key="text", width=60)

    def set_segments(self, segments: list[Segment], total: int, offset: int, scope: str) -> None:
        """Show one page of ``total`` matching segments starting at ``offset``."""
        self.segments = {str(s.id): s for s in segments}
        self.total, self.page_offset = total, offset
        self.clear()
        for s in segments:
            lines = str(s.line_start) if s.line_start == s.line_end else \
                f"{s.line_start}–{s.line_end}"
            text = s.text.replace("\n", " ⏎ ")
            self.add_row(s.document, lines, split_codepath(s.code)[-1], marks(s), s.coder, text[:200],
                         key=str(s.id))
        shown = f"{offset + 1}–{offset + len(segments)} of {total}" if total else "none"
        self.border_title = f"Retrieved Segments ({shown})"
        self.border_subtitle = scope

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        segment = self.segments.get(event.row_key.value)
        if segment is not None:
            self.post_message(self.Jump(segment))

    def action_read(self) -> None:
        self.post_message(self.ReadRequested())

    def action_page(self, step: int) -> None:
        target = self.page_offset + step * PAGE_SIZE
        if 0 <= target < self.total:
            self.post_message(self.PageRequested(target))
