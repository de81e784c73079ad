"""Opening the reading view of Retrieved Segments (F10) and exporting it as shown. Mixed
into :class:`~qualcode.tui.app.QualcodeApp`."""

from __future__ import annotations

from pathlib import Path

from qualcode.tui.reading import ReadingQuery, export_reading, read_page
from qualcode.tui.screens.reading import ReadingScreen


class ReadingView:
    """F10: the segments of the activated codes and documents as readable text."""

    #: The last order and filters chosen in the reading view, kept for the next opening.
    reading_choice: ReadingQuery = ReadingQuery()

    def action_read_retrieved(self) -> None:
        if any(isinstance(screen, ReadingScreen) for screen in self.screen_stack):
            return  # already open (perhaps under its own export or weight dialog)
        last = self.reading_choice
        query = ReadingQuery(self.active_codes, self.active_documents, self.coder_filter,
                             last.order, last.min_weight, last.commented)

        def load(query: ReadingQuery, offset: int, callback) -> None:
            self.db.submit(lambda p: read_page(p, query, offset), callback)

        def closed(segment) -> None:
            self.reading_choice = screen.query_state
            if segment is not None:
                self.open_document(segment.document_id, (segment.start, segment.end))

        screen = ReadingScreen(query, load, self.export_reading, self.code_colors())
        self.push_screen(screen, closed)

    def export_reading(self, query: ReadingQuery, path: str) -> None:
        """Write every segment of ``query`` to ``path`` in the background; says where, or why
        not in one line."""
        target = Path(path).expanduser()
        self.db.submit(lambda p: export_reading(p, query, target),
                       lambda n: self.notify(f"Wrote {target} ({n} segments)"),
                       lambda error: self.notify(str(error), severity="error", timeout=6))
