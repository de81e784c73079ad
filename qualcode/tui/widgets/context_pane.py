"""Context pane of the disagreement review: one coder's segment in its surrounding lines.

A read-only TextArea showing an :class:`~qualcode.tui.agreement_jobs.Excerpt` with the
document's own line numbers; the coder's segment is tinted in the code's colour and bold, the
other coder's segment underlined, so differing boundaries show in both panes.
"""

from __future__ import annotations

from rich.style import Style
from textual.widgets import TextArea
from textual.widgets.text_area import TextAreaTheme

from qualcode.domain.lines import LineIndex
from qualcode.tui.agreement_jobs import Excerpt
from qualcode.tui.colors import highlight_style

OWN, OTHER = "qc-own", "qc-other"


class ContextPane(TextArea):
    """Shows ``excerpt`` for side ``"a"`` or ``"b"``; Tab focuses it to scroll long passages.

    The screen's keys keep working while it has focus: it is read-only, and its undo/redo
    keys are handed to the screen."""

    DEFAULT_CSS = """
    ContextPane { border: round $primary-background; height: 1fr; min-height: 4; }
    ContextPane:focus { border: round $accent; }
    ContextPane.-chosen { border: round $success; }
    ContextPane.-chosen:focus { border: double $success; }
    """

    def __init__(self, side: str, **kwargs) -> None:
        self.side = side
        self.excerpt: Excerpt | None = None
        self.color = "#808080"
        self._index: LineIndex | None = None
        super().__init__("", read_only=True, soft_wrap=True, show_line_numbers=True,
                         highlight_cursor_line=False, **kwargs)
        self._theme_object = TextAreaTheme(name=f"qualcode-context-{side}", syntax_styles={})
        self.register_theme(self._theme_object)
        self.theme = self._theme_object.name

    def show(self, excerpt: Excerpt | None, color: str) -> None:
        """Display ``excerpt`` (``None``: nothing) with the coder's segment in ``color``."""
        self.excerpt, self.color = excerpt, color
        self._index = LineIndex(excerpt.text) if excerpt else None
        self._update_styles()
        self.line_number_start = excerpt.first_line if excerpt else 1
        self.load_text(excerpt.text if excerpt else "")
        own, other = self._spans()
        anchor = own or other
        if anchor is not None:
            line, column = self._index.to_line_col(anchor[0])
            self.move_cursor((line - 1, column))
            # After the new text is laid out (wrapping decides where the cursor row is).
            self.call_after_refresh(self.scroll_cursor_visible, center=True)
        else:
            self.scroll_home(animate=False)

    def _spans(self) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        if self.excerpt is None:
            return None, None
        a, b = self.excerpt.span_a, self.excerpt.span_b
        return (a, b) if self.side == "a" else (b, a)

    def _update_styles(self) -> None:
        theme = self.app.current_theme
        surface = theme.surface or ("#1e1e1e" if theme.dark else "#ffffff")
        styles = {OWN: highlight_style(self.color, surface, theme.dark) + Style(bold=True),
                  OTHER: Style(underline=True)}
        self._theme_object.syntax_styles = styles
        if self._theme is not None:  # TextArea draws with a copy of the registered theme
            self._theme.syntax_styles = styles

    def _build_highlight_map(self) -> None:
        self._line_cache.clear()
        self._highlights.clear()
        own, other = self._spans()
        for span, name in ((other, OTHER), (own, OWN)):
            if span is not None:
                self._highlight(*span, name)

    def _highlight(self, start: int, end: int, name: str) -> None:
        """Style ``[start, end)`` of the excerpt (TextArea wants UTF-8 byte columns)."""
        index, text = self._index, self.excerpt.text
        first, last = index.line_range(start, end)
        for line in range(first, last + 1):
            line_start = index.line_start(line)
            content = text[line_start:index.line_end(line)]
            a = len(content[:max(start - line_start, 0)].encode("utf-8"))
            b = len(content[:min(end - line_start, len(content))].encode("utf-8"))
            self._highlights[line - 1].append((a, b, name))

    # TextArea binds ctrl+z / ctrl+y to its own undo; here they undo resolutions.
    def action_undo(self) -> None:
        self.screen.action_undo()

    def action_redo(self) -> None:
        self.screen.action_redo()
