"""Document Browser: a read-only TextArea that shows a transcript with its codings.

Speaker labels are bold, time marks dim, coded passages tinted in their code's colour (shorter
segments drawn over longer ones), and a coding-stripe gutter left of the line numbers shows a
bar per code covering each line (up to three; ``+`` when more), then ``✎`` on the first line
of a segment with a comment or a non-zero weight (in its code's colour). A line where an
in-text memo starts shows :data:`MEMO_MARK` just before the text. Offsets are converted with the
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
from qualcode.exports.retrieved_text import COMMENT_MARK
from qualcode.tui.colors import highlight_style
from qualcode.tui.model import DocumentView

STRIPE_CELLS = 3
THEME = "qualcode"
#: Gutter mark of a line with an in-text memo (MAXQDA draws memos yellow).
MEMO_MARK = "✉"
MEMO_STYLE = Style(color="#d7af00", bold=True)


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
        Binding("M", "text_memo", "Memo here", show=False, id="browser.text_memo"),
        Binding("slash", "find", "Find", id="browser.find"),
        Binding("n", "find_next", "Next match", show=False, id="browser.find_next"),
        Binding("N", "find_previous", "Previous match", show=False, id="browser.find_previous"),
        Binding("escape", "collapse", "Clear selection", show=False, id="browser.collapse"),
        Binding("colon", "goto_line", "Go to line", show=False, id="browser.goto_line"),
        Binding("ctrl+home", "document_start", "Beginning of document", show=False,
                id="browser.document_start"),
        Binding("ctrl+end", "document_end", "End of document", show=False,
                id="browser.document_end"),
        Binding("full_stop", "next_coded", "Next coded segment", show=False,
                id="browser.next_coded"),
        Binding("comma", "previous_coded", "Previous coded segment", show=False,
                id="browser.previous_coded"),
        Binding("greater_than_sign", "speaker_turn(True)", "Next turn of this speaker",
                show=False, id="browser.next_turn"),
        Binding("less_than_sign", "speaker_turn(False)", "Previous turn of this speaker",
                show=False, id="browser.previous_turn"),
        Binding("i", "invivo", "In-vivo code", show=False, id="browser.invivo"),
        # TextArea binds f6/f7 to "select line"/"select all"; here they are the workbench's.
        Binding("f6", "app.code_matrix", "Code matrix", show=False, id="browser.code_matrix"),
        Binding("f7", "app.code_relations", "Code relations", show=False,
                id="browser.code_relations"),
    ]

    class Intent(Message):
        """The user asked for a coding action on ``[start, end)`` (offsets in code points).

        ``action`` is one of ``picker``, ``selected``, ``recent``, ``remove``, ``recode``,
        ``bounds``, ``comment``, ``weight``, ``find``, ``find_next``, ``find_previous``,
        ``undo``, ``redo``, ``goto_line``, ``next_coded``, ``previous_coded``, ``invivo``,
        ``memo`` (in-text memo at the cursor's line or the selection); ``number`` is the
        recent-code slot for ``recent``.
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
        # The selection last placed by a jump or a find, with how it got there ("jump",
        # "find", "coded", "coder"): Enter codes only a selection the coder made themselves.
        self._placed: tuple[Selection, str] | None = None
        self.text_memos: list = []  # the open document's in-text memos (Memo), text order
        self._memo_rows: frozenset[int] = frozenset()  # 0-based lines where one starts
        # 0-based line -> code id of a segment starting there with a comment or a weight
        self._marked: dict[int, int] = {}
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
        self.text_memos, self._memo_rows = [], frozenset()
        self._update_styles()
        self.load_text(view.text)
        self._compute_stripes()
        self.move_cursor((0, 0))
        self.scroll_home(animate=False)
        self._placed = (self.selection, "jump")

    def update_codings(self, view: DocumentView, code_colors: dict[int, str]) -> None:
        """Redraw the codings of the open document (text and cursor stay)."""
        self.view = view
        self.code_colors = code_colors
        self._update_styles()
        self._build_highlight_map()
        self._compute_stripes()
        self.refresh()

    def set_text_memos(self, memos: list) -> None:
        """Mark the lines where the open document's in-text ``memos`` start."""
        self.text_memos = list(memos)
        rows = frozenset(self.view.lines.line_of(m.start) - 1 for m in memos) if self.view \
            else frozenset()
        if rows != self._memo_rows:
            self._memo_rows = rows
            self._line_cache.clear()
            self.refresh()

    def text_memos_on_line(self, line: int) -> list:
        """The in-text memos starting on 1-based ``line``, in text order."""
        lines = self.view.lines if self.view else None
        return [m for m in self.text_memos if lines and lines.line_of(m.start) == line]

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
        marked: dict[int, int] = {}
        view = self.view
        if view is not None:
            for segment in view.segments:
                first, last = view.lines.line_range(segment.start, segment.end)
                for line in range(first - 1, last):
                    row = stripes.setdefault(line, [])
                    if segment.code_id not in row:
                        row.append(segment.code_id)
                if segment.weight or segment.comment.strip():
                    marked.setdefault(first - 1, segment.code_id)
        self._stripes = stripes
        self._marked = marked
        self._line_cache.clear()

    @property
    def gutter_width(self) -> int:
        base = super().gutter_width
        return base + STRIPE_CELLS + 1 if base else 0

    def _render_line(self, y: int) -> Strip:
        strip = super()._render_line(y)
        if not self.show_line_numbers:
            return strip
        # Not wrapped_document.height: that sums over every line of the document, per call.
        try:
            info = self.wrapped_document._offset_to_line_info[y + self.scroll_offset.y]
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
        marked = self._marked.get(info[0]) if info and info[1] == 0 else None
        if marked is not None:
            color = self.code_colors.get(marked, "#808080")
            cells.append(Segment(COMMENT_MARK, gutter_style + Style(color=color, bold=True)))
        else:
            cells.append(Segment(" ", gutter_style))
        rest = strip.crop(STRIPE_CELLS + 1, strip.cell_length)
        return self._memo_mark(Strip.join([Strip(cells, STRIPE_CELLS + 1), rest]), info)

    def _memo_mark(self, strip: Strip, info) -> Strip:
        """Put :data:`MEMO_MARK` in the margin between line number and text of the first
        row of a line where an in-text memo starts (the stripe cells stay the codes')."""
        if not info or info[1] != 0 or info[0] not in self._memo_rows:
            return strip
        at = STRIPE_CELLS + 1 + super().gutter_width - 2
        style = (self._theme_object.gutter_style or Style()) + MEMO_STYLE
        return Strip.join([strip.crop(0, at), Strip([Segment(MEMO_MARK, style)], 1),
                           strip.crop(at + 1, strip.cell_length)])

    # -- selection helpers -----------------------------------------------------------------
    def selection_offsets(self) -> tuple[int, int]:
        """The selection as offsets ``(start, end)``, start <= end."""
        if self.view is None:
            return 0, 0
        a, b = (self.view.offset(loc) for loc in self.selection)
        return (a, b) if a <= b else (b, a)

    def select_offsets(self, start: int, end: int, center: bool = True,
                       origin: str = "jump") -> None:
        """Select ``[start, end)`` and show it with a few lines of context above.

        ``origin`` says how the selection came about: ``jump`` (Retrieved Segments, search
        results, navigation keys) and ``find`` never let ``Enter`` code it; ``coder`` (the
        selection keys) does. With ``center=False`` the view only scrolls as far as needed.
        """
        if self.view is None:
            return
        self.selection = Selection(self.view.location(start), self.view.location(end))
        self._placed = (self.selection, origin)
        if center:
            self.show_passage(start, end)
        else:
            self.scroll_cursor_visible(animate=False)

    def selection_origin(self) -> str:
        """``jump``, ``find`` or ``coded`` while the selection is the one last placed so;
        ``coder`` once the coder changed it (keys or mouse)."""
        if self._placed is not None and self._placed[0] == self.selection:
            return self._placed[1]
        return "coder"

    def show_passage(self, start: int, end: int) -> None:
        """Scroll so the passage ``[start, end)`` starts about a third down the view: the lines
        before it stay visible as context. Uses the wrapped document's per-line offsets (no
        scan of the whole text)."""
        view = self.view
        wrapped = self.wrapped_document
        height = self.scrollable_content_region.height
        if view is None or height <= 0:
            self.scroll_cursor_visible(center=True, animate=False)
            return
        top = wrapped.location_to_offset(view.location(start)).y
        bottom = wrapped.location_to_offset(view.location(max(end - 1, start))).y
        span = bottom - top + 1
        context = min(height // 3, max(min(2, height - 1), (height - span) // 2))
        self.scroll_to(y=max(top - context, 0), animate=False, force=True, immediate=True)

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of 1-based ``line`` and show it with context.

        Raises ``ValueError`` when the document has no such line."""
        view = self.view
        if view is None:
            return
        offset = view.lines.line_start(line)
        self.select_offsets(offset, offset)

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
        self.select_offsets(span.start, span.end, center=False, origin="coder")

    def action_select_turn(self) -> None:
        if self.view is None:
            return
        start, end = self.selection_offsets()
        first, last = self.view.turn_at(start), self.view.turn_at(max(end - 1, start))
        if first is None or last is None:
            self.notify("No speaker turn here.", severity="warning", timeout=2)
            return
        self.select_offsets(first.body_start, max(last.body_end, first.body_start + 1),
                            center=False, origin="coder")

    def action_collapse(self) -> None:
        self.selection = Selection.cursor(self.selection.end)

    def action_code_picker(self) -> None:
        self._intent("picker")

    def action_code_selected(self) -> None:
        # Enter codes only what the coder has just selected: after a find it goes to the next
        # hit, after a jump or a coding it explains instead of applying a code by accident.
        origin = self.selection_origin()
        if origin == "find":
            self._intent("find_next")
        elif origin == "jump" and self.selection.start != self.selection.end:
            self.notify("Reached by a jump: Enter does not code it. Press c or a number key "
                        "to code this passage.", timeout=3)
        elif origin == "coded":
            self.notify("Already coded with Enter: select the next passage (s, t, "
                        "shift+arrows), or press c or a number key.", timeout=3)
        else:
            self._intent("selected")

    def mark_coded(self) -> None:
        """Remember that ``Enter`` has just coded the current selection (a second ``Enter``
        does not code it again)."""
        self._placed = (self.selection, "coded")

    # -- navigation ------------------------------------------------------------------------
    def action_goto_line(self) -> None:
        self._intent("goto_line")

    def action_document_start(self) -> None:
        if self.view is not None:
            self.select_offsets(0, 0)

    def action_document_end(self) -> None:
        if self.view is not None:
            end = len(self.view.text)
            self.select_offsets(end, end)

    def action_next_coded(self) -> None:
        self._intent("next_coded")

    def action_previous_coded(self) -> None:
        self._intent("previous_coded")

    def action_speaker_turn(self, forward: bool) -> None:
        view = self.view
        if view is None:
            return
        from qualcode.domain.navigation import next_turn

        start, _ = self.selection_offsets()
        current = view.turn_at(start)
        if current is None:
            current = next((t for t in view.turns if t.start > start), None) if forward \
                else None
            if current is None:
                self.notify("No speaker turn here.", severity="warning", timeout=2)
                return
            target = current
        else:
            target = next_turn(view.turns, current, forward)
        if target is None:
            where = "after" if forward else "before"
            self.notify(f"No turn of {current.speaker} {where} this one.", timeout=2)
            return
        self.select_offsets(target.body_start, target.body_start)
        same = [t for t in view.turns if t.speaker == target.speaker]
        self.notify(f"{target.speaker}: turn {same.index(target) + 1} of {len(same)}, "
                    f"Z. {view.lines.line_of(target.start)}", timeout=2)

    def action_invivo(self) -> None:
        self._intent("invivo")

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

    def action_text_memo(self) -> None:
        self._intent("memo")

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
