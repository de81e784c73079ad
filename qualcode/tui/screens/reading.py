"""The reading view of Retrieved Segments (MAXQDA's Retrieved Segments window): every
segment's whole text, wrapped, under a header line with document, lines, time mark, code,
coder and weight, and its comment. Pages come from SQL as the cursor nears the end of what is
loaded. Dismisses with the :class:`~qualcode.domain.models.Segment` to jump to, or ``None``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from qualcode.domain.models import Segment
from qualcode.exports.retrieved_text import COMMENT_MARK, header_parts
from qualcode.tui.reading import ReadingQuery, check_weight
from qualcode.tui.screens.dialogs import PromptScreen

#: Ask for the next page when the cursor is this close to the last loaded segment.
_AHEAD = 10


def segment_prompt(segment: Segment, color: str | None) -> Text:
    """A segment as the reading view draws it: a stripe in the code's colour and the header
    line, ``✎ comment`` when there is one, then the text (wrapped by the list)."""
    text = Text(no_wrap=False)
    text.append("▌ ", style=color or "")
    parts = header_parts(segment)
    for index, part in enumerate(parts):
        if index:
            text.append(" · ", style="dim")
        style = "bold" if index == 0 else ""
        if part.startswith("weight "):
            style = "bold reverse"
        text.append(part, style=style)
    if segment.comment.strip():
        text.append(f"\n{COMMENT_MARK} {segment.comment.strip()}", style="italic")
    text.append("\n")
    text.append(segment.text.rstrip("\n") or " ")
    return text


class SegmentReader(OptionList):
    """The segments as wrapped text. ``↓``/``↑`` scroll through a segment taller than the
    screen before moving on, so no line of a long passage is skipped."""

    DEFAULT_CSS = """
    SegmentReader, SegmentReader:focus { height: 1fr; border: none; padding: 0 1; }
    SegmentReader > .option-list--option-highlighted { background: $boost; text-style: none; }
    SegmentReader:focus > .option-list--option-highlighted { background: $accent 20%; }
    """

    def _option_lines(self, index: int) -> tuple[int, int]:
        self._update_lines()
        return self._index_to_line[index], self._heights[index]

    def action_cursor_down(self) -> None:
        index = self.highlighted
        if index is not None and index in self._index_to_line:
            top, height = self._option_lines(index)
            bottom_shown = self.scroll_offset.y + self.scrollable_content_region.height
            if top + height > bottom_shown:
                self.scroll_to(y=min(self.scroll_offset.y
                                     + max(self.scrollable_content_region.height - 2, 1),
                                     top + height - 1), animate=False, immediate=True)
                return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        index = self.highlighted
        if index is not None and index in self._index_to_line:
            top, _ = self._option_lines(index)
            if top < self.scroll_offset.y:
                self.scroll_to(y=max(self.scroll_offset.y
                                     - max(self.scrollable_content_region.height - 2, 1), top),
                               animate=False, immediate=True)
                return
        super().action_cursor_up()


class ReadingScreen(Screen[Segment | None]):
    """Shows ``query`` page by page. ``load(query, offset, callback)`` runs
    :func:`~qualcode.tui.reading.read_page` on the database thread and hands
    ``(segments, total)`` to ``callback``; ``export(query, path)`` writes what is shown;
    ``colors`` maps code ids to colours."""

    DEFAULT_CSS = """
    ReadingScreen #reading-title { height: auto; padding: 0 1; background: $primary-background; }
    """
    BINDINGS = [
        Binding("escape,f10", "close", "Close", id="reading.close"),
        Binding("o", "cycle_order", "Sort", id="reading.order"),
        Binding("w", "min_weight", "Min. weight", id="reading.weight"),
        Binding("semicolon", "toggle_commented", "With comment", id="reading.commented"),
        Binding("e", "export", "Export", id="reading.export"),
    ]

    def __init__(self, query: ReadingQuery,
                 load: Callable[[ReadingQuery, int, Callable], None],
                 export: Callable[[ReadingQuery, str], None],
                 colors: dict[int, str]) -> None:
        super().__init__()
        self.query_state = query
        self._load, self._export, self.code_colors = load, export, colors
        self.segments: list[Segment] = []
        self.total = 0
        self._generation = 0
        self._loading = False

    def compose(self) -> ComposeResult:
        yield Static("Retrieved Segments — loading…", id="reading-title")
        yield SegmentReader(id="reading")
        yield Footer()

    def on_mount(self) -> None:
        reader = self.query_one(SegmentReader)
        reader.focus()
        # Scrolling with the mouse wheel near the end fetches the next page too.
        self.watch(reader, "scroll_y", self._scrolled, init=False)
        self.reload()

    def _scrolled(self, _old: float, new: float) -> None:
        reader = self.query_one(SegmentReader)
        if new >= reader.max_scroll_y - reader.scrollable_content_region.height:
            self._maybe_more(at_end=True)

    # -- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        """Start again from the first segment (after a change of order or filter)."""
        self._generation += 1
        self.segments, self.total, self._loading = [], 0, False
        self.query_one(SegmentReader).clear_options()
        self._request(0)

    def _request(self, offset: int) -> None:
        self._loading = True
        generation, query = self._generation, self.query_state
        self._load(query, offset,
                   lambda result: self._arrived(generation, offset, result))

    def _arrived(self, generation: int, offset: int, result) -> None:
        if generation != self._generation or not self.is_attached:
            return  # an older order or filter, or the view was closed
        segments, total = result
        self._loading = False
        if offset != len(self.segments):
            return
        self.segments.extend(segments)
        self.total = total
        reader = self.query_one(SegmentReader)
        options: list = []
        for segment in segments:
            options += [Option(segment_prompt(segment, self.code_colors.get(segment.code_id)),
                               id=str(segment.id)), None]
        reader.add_options(options)
        if reader.highlighted is None and self.segments:
            reader.highlighted = 0
        self._show_title()
        self._maybe_more()

    def _maybe_more(self, at_end: bool = False) -> None:
        reader = self.query_one(SegmentReader)
        index = reader.highlighted or 0
        if (not self._loading and len(self.segments) < self.total
                and (at_end or index >= len(self.segments) - _AHEAD)):
            self._request(len(self.segments))

    def _show_title(self) -> None:
        reader = self.query_one(SegmentReader)
        if self.total:
            position = f"{(reader.highlighted or 0) + 1} of {self.total}"
        else:
            position = "none"
        self.query_one("#reading-title", Static).update(
            f"Retrieved Segments ({position}) · {self.query_state.describe()}")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_title()
        self._maybe_more()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.segments[event.option_index])

    # -- keys ------------------------------------------------------------------------------
    def action_close(self) -> None:
        self.dismiss(None)

    def action_cycle_order(self) -> None:
        self.query_state = self.query_state.next_order()
        self.reload()

    def action_toggle_commented(self) -> None:
        self.query_state = replace(self.query_state, commented=not self.query_state.commented)
        self.reload()

    def action_min_weight(self) -> None:
        def chosen(text: str | None) -> None:
            if text is not None:
                self.query_state = replace(self.query_state, min_weight=int(text))
                self.reload()

        self.app.push_screen(PromptScreen("Show segments weighing at least (0–100; 0: all)",
                                          str(self.query_state.min_weight),
                                          check=check_weight), chosen)

    def action_export(self) -> None:
        def chosen(path: str | None) -> None:
            if path and path.strip():
                self._export(self.query_state, path.strip())

        self.app.push_screen(PromptScreen(
            "Export the segments as shown (all of them, this order and filter; .md or .txt)",
            "exports/retrieved-segments.md"), chosen)

