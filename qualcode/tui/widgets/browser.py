"""Document Browser: a read-only TextArea that shows a transcript with its codings.

Speaker labels are bold, time marks dim, coded passages tinted in their code's colour (shorter
segments drawn over longer ones), and a coding-stripe gutter left of the line numbers shows a
bar per code covering each line (up to three; ``+`` when more). Offsets are converted with the
document's own :class:`~qualcode.domain.lines.LineIndex`, not TextArea's O(n) helpers.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Selection, TextAreaTheme

from qualcode.domain.timemarks import F4_MARK
from qualcode.tui.colors import highlight_style
from qualcode.tui.model import DocumentView

STRIPE_CELLS = 3
THEME = "qualcode"


class DocumentBrowser(TextArea):
    """The transcript with its coded segments; reports coding intents as messages."""

    DEFAULT_CSS = """
    DocumentBrowser { border: round $primary-background; height: 1fr; }
    DocumentBrowser:focus { border: round $accent; }
    """

    BINDINGS = [
        Binding("s", "select_sentence", "Sentence", id="browser.sentence"),
        Binding("t", "select_turn", "Turn", id="browser.turn"),
        Binding("c", "code_picker", "Code…", id="browser.code_picker"),
        Binding("enter", "code_selected", "Apply code", id="browser.code_selected"),
        *[Binding(str(n), f"code_recent({n})", f"Quick code {n}", show=False,
                  id=f"browser.recent_{n}") for n in range(1, 10)],
        Binding("x,delete", "remove", "Uncode", id="browser.remove"),
        Binding("r", "recode", "Re-code", show=False, id="browser.recode"),
        Binding("b", "bounds", "Set bounds", show=False, id="browser.bounds"),
        Binding("semicolon", "comment", "Comment", show=False, id="browser.comment"),
        Binding("w", "weight", "Weight", show=False, id="browser.weight"),
        Binding("slash", "find", "Find", id="browser.find"),
        Binding("n", "find_next", "Next match", show=False, id="browser.find_next"),
        Binding("N", "find_previous", "Previous match", show=False, id="browser.find_previous"),
        Binding("escape", "collapse", "Clear selection", show=False, id="browser.collapse"),
        # TextArea binds f6/f7 to "select line"/"select all"; here they are the workbench's.
        Binding("f6", "app.code_matrix", "Code matrix", show=False, id="browser.code_matrix"),
        Binding("f7", "app.code_relations", "Code relations", show=False,
                id="browser.code_relations"),
    ]

    class Intent(Message):
        """The user asked for a coding action on ``[start, end)`` (offsets in code points).

        ``action`` is one of ``picker``, ``selected``, ``recent``, ``remove``, ``recode``,
        ``bounds``, ``comment``, ``weight``, ``find``, ``find_next``, ``find_previous``,
        ``undo``, ``redo``; ``number`` is the recent-code slot for ``recent``.
        """

        def __init__(self, action: str, start: int, end: int, number: int = 0) -> None:
            super().__init__()
            self.action = action
            self.start = start
            self.end = end
            self.number = number

    def __init__(self, **kwargs) -> None:
        # Set before TextArea.__init__, which already builds the highlight map.
        self.view: DocumentView | None = None
        self.code_colors: dict[int, str] = {}
        self._stripes: dict[int, list[int]] = {}
        super().__init__("", read_only=True, soft_wrap=True, show_line_numbers=True,
                         highlight_cursor_line=False, **kwargs)
        # Code tints are drawn over the selection's background; reverse video keeps a
        # selection visible on any tint.
        self._theme_object = TextAreaTheme(name=THEME, syntax_styles={},
                                           selection_style=Style(reverse=True))
        self.register_theme(self._theme_object)
        self.theme = THEME

    def _on_resize(self) -> None:
        super()._on_resize()
        # Re-wrapping moves every line below the cursor: without this, a narrower terminal
        # shows another passage than the one the status line names.
        if self.view is not None:
            self.call_after_refresh(self.scroll_cursor_visible, animate=False)

    # -- data in ---------------------------------------------------------------------------
    def show_document(self, view: DocumentView, code_colors: dict[int, str]) -> None:
        """Display ``view`` from its first line."""
        self.view = view
        self.code_colors = code_colors
        self._update_styles()
        self.load_text(view.text)
        self._compute_stripes()
        self.move_cursor((0, 0))
        self.scroll_home(animate=False)

    def update_codings(self, view: DocumentView, code_colors: dict[int, str]) -> None:
        """Redraw the codings of the open document (text and cursor stay)."""
        self.view = view
        self.code_colors = code_colors
        self._update_styles()
        self._build_highlight_map()
        self._compute_stripes()
        self.refresh()

    def add_coding(self, view: DocumentView, segment, color: str) -> None:
        """Draw one new coded segment at once (a full redraw follows when it is stored)."""
        self.view = view
        if segment.code_id not in self.code_colors:
            self.code_colors[segment.code_id] = color
            self._update_styles()
        self._add_highlight(segment.start, segment.end, f"qc-code-{segment.code_id}")
        first, last = view.lines.line_range(segment.start, segment.end)
        for line in range(first - 1, last):
            row = self._stripes.setdefault(line, [])
            if segment.code_id not in row:
                row.append(segment.code_id)
        self._forget_rendered(first - 1, last - 1)
        self.refresh()

    def _forget_rendered(self, first_row: int, last_row: int) -> None:
        """Drop cached renderings of document rows ``first_row..last_row`` (0-based) only, so
        a new coding repaints its lines without re-rendering the whole screen."""
        visual = {y for y, info in enumerate(self.wrapped_document._offset_to_line_info)
                  if info is not None and first_row <= info[0] <= last_row}
        cache = self._line_cache
        for key in [k for k in cache.keys() if k[2] in visual]:
            cache.discard(key)

    def _update_styles(self) -> None:
        theme = self.app.current_theme
        surface = theme.surface or ("#1e1e1e" if theme.dark else "#ffffff")
        styles = {
            "qc-speaker": Style(bold=True),
            "qc-timemark": Style(dim=True, italic=True),
        }
        for code_id, color in self.code_colors.items():
            styles[f"qc-code-{code_id}"] = highlight_style(color, surface, theme.dark)
        self._theme_object.syntax_styles = styles
        if self._theme is not None:  # TextArea draws with a copy of the registered theme
            self._theme.syntax_styles = styles

    # -- drawing ---------------------------------------------------------------------------
    def _build_highlight_map(self) -> None:
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        view = self.view
        if view is None:
            return
        add = self._add_highlight
        for segment in sorted(view.segments, key=lambda s: s.start - s.end):
            add(segment.start, segment.end, f"qc-code-{segment.code_id}")
        for turn in view.turns:
            label_end = turn.start + len(turn.speaker) + 1
            if label_end <= turn.end:
                add(turn.start, label_end, "qc-speaker")
        for match in F4_MARK.finditer(view.text):
            add(match.start(), match.end(), "qc-timemark")

    def _add_highlight(self, start: int, end: int, name: str) -> None:
        """Style ``[start, end)`` with theme style ``name`` (TextArea wants UTF-8 byte columns)."""
        view = self.view
        lines, texts, ascii_only = view.lines, view.line_texts, view.line_ascii
        first, last = lines.line_range(start, end)
        for line in range(first, last + 1):
            line_start = lines.line_start(line)
            content = texts[line - 1]
            a = max(start - line_start, 0)
            b = min(end - line_start, len(content))
            if not ascii_only[line - 1]:
                a, b = len(content[:a].encode("utf-8")), len(content[:b].encode("utf-8"))
            self._highlights[line - 1].append((a, b, name))

    def _compute_stripes(self) -> None:
        stripes: dict[int, list[int]] = {}
        view = self.view
        if view is not None:
            for segment in view.segments:
                first, last = view.lines.line_range(segment.start, segment.end)
                for line in range(first - 1, last):
                    row = stripes.setdefault(line, [])
                    if segment.code_id not in row:
                        row.append(segment.code_id)
        self._stripes = stripes
        self._line_cache.clear()

    @property
    def gutter_width(self) -> int:
        base = super().gutter_width
        return base + STRIPE_CELLS + 1 if base else 0

    def _render_line(self, y: int) -> Strip:
        strip = super()._render_line(y)
        if not self.show_line_numbers:
            return strip
        info = None
        y_offset = y + self.scroll_offset.y
        if y_offset < self.wrapped_document.height:
            try:
                info = self.wrapped_document._offset_to_line_info[y_offset]
            except IndexError:
                info = None
        codes = self._stripes.get(info[0], []) if info else []
        gutter_style = self._theme_object.gutter_style or Style()
        cells = []
        for index in range(STRIPE_CELLS):
            if index < len(codes) and (index < STRIPE_CELLS - 1 or len(codes) <= STRIPE_CELLS):
                color = self.code_colors.get(codes[index], "#808080")
                cells.append(Segment("▌", gutter_style + Style(color=color)))
            elif index < len(codes):
                cells.append(Segment("+", gutter_style + Style(bold=True)))
            else:
                cells.append(Segment(" ", gutter_style))
        cells.append(Segment(" ", gutter_style))
        rest = strip.crop(STRIPE_CELLS + 1, strip.cell_length)
        return Strip.join([Strip(cells, STRIPE_CELLS + 1), rest])

    # -- selection helpers -----------------------------------------------------------------
    def selection_offsets(self) -> tuple[int, int]:
        """The selection as offsets ``(start, end)``, start <= end."""
        if self.view is None:
            return 0, 0
        a, b = (self.view.offset(loc) for loc in self.selection)
        return (a, b) if a <= b else (b, a)

    def select_offsets(self, start: int, end: int, center: bool = True) -> None:
        """Select ``[start, end)`` and scroll it into view."""
        if self.view is None:
            return
        self.selection = Selection(self.view.location(start), self.view.location(end))
        self.scroll_cursor_visible(center=center, animate=False)

    # -- actions -----------------------------------------------------------------------------
    def _intent(self, action: str, number: int = 0) -> None:
        if self.view is None:
            self.notify("Open a document first (Document System: Enter).", severity="warning")
            return
        start, end = self.selection_offsets()
        self.post_message(self.Intent(action, start, end, number))

    def action_select_sentence(self) -> None:
        if self.view is None:
            return
        start, end = self.selection_offsets()
        span = self.view.sentence_around(start, end)
        if span is None:
            self.notify("Sentences are still being computed…", timeout=2)
            return
        self.select_offsets(span.start, span.end, center=False)

    def action_select_turn(self) -> None:
        if self.view is None:
            return
        start, end = self.selection_offsets()
        first, last = self.view.turn_at(start), self.view.turn_at(max(end - 1, start))
        if first is None or last is None:
            self.notify("No speaker turn here.", severity="warning", timeout=2)
            return
        self.select_offsets(first.body_start, max(last.body_end, first.body_start + 1),
                            center=False)

    def action_collapse(self) -> None:
        self.selection = Selection.cursor(self.selection.end)

    def action_code_picker(self) -> None:
        self._intent("picker")

    def action_code_selected(self) -> None:
        self._intent("selected")

    def action_code_recent(self, number: int) -> None:
        self._intent("recent", number)

    def action_remove(self) -> None:
        self._intent("remove")

    def action_delete_right(self) -> None:  # TextArea binds delete; read-only: uncode
        self._intent("remove")

    def action_recode(self) -> None:
        self._intent("recode")

    def action_bounds(self) -> None:
        self._intent("bounds")

    def action_comment(self) -> None:
        self._intent("comment")

    def action_weight(self) -> None:
        self._intent("weight")

    def action_find(self) -> None:
        self._intent("find")

    def action_find_next(self) -> None:
        self._intent("find_next")

    def action_find_previous(self) -> None:
        self._intent("find_previous")

    def action_undo(self) -> None:  # TextArea binds ctrl+z: coding undo here
        self._intent("undo")

    def action_redo(self) -> None:
        self._intent("redo")
