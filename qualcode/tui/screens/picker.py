"""Fuzzy picker: type a few letters, pick with the arrow keys and Enter."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class Choice:
    """One pickable item: ``value`` is returned, ``text`` is matched, ``color`` marks it."""

    value: object
    text: str
    color: str | None = None
    hint: str = ""


class PickerScreen(ModalScreen[object | None]):
    """Choose one of ``choices`` by fuzzy match; with ``allow_new``, Enter on text that matches
    nothing returns ``("new", text)``."""

    DEFAULT_CSS = """
    PickerScreen { align: center middle; }
    PickerScreen > Vertical {
        width: 76; max-width: 95%; height: 80%; padding: 0 1;
        border: thick $accent; background: $surface;
    }
    PickerScreen OptionList { height: 1fr; }
    PickerScreen Label { width: 100%; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", "Down", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Up", show=False, id="picker.up"),
    ]

    def __init__(self, title: str, choices: list[Choice], allow_new: bool = False) -> None:
        super().__init__()
        self.title_text, self.choices, self.allow_new = title, choices, allow_new
        self.shown: list[Choice] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text)
            yield Input(placeholder="type to filter…", id="filter")
            yield OptionList(id="options")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#filter", Input).focus()

    def _fill(self, query: str) -> None:
        matcher = Matcher(query) if query else None
        scored = []
        for index, choice in enumerate(self.choices):
            score = matcher.match(choice.text) if matcher else 1.0
            if score > 0:
                scored.append((-score, index, choice))
        scored.sort(key=lambda item: (item[0], item[1]) if query else (0, item[1]))
        self.shown = [choice for _, _, choice in scored]
        options = self.query_one("#options", OptionList)
        options.clear_options()
        for choice in self.shown:
            name = matcher.highlight(choice.text) if matcher else Content(choice.text)
            options.add_option(Option(Content.assemble(
                ("■ ", choice.color) if choice.color else "", name,
                (f"  {choice.hint}", "dim") if choice.hint else "",
            )))
        if self.allow_new and query.strip() and not any(c.text == query for c in self.shown):
            options.add_option(Option(Content.assemble((f"+ new: {query}", "italic")),
                                      id="__new__"))
        if options.option_count:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def action_move(self, step: int) -> None:
        options = self.query_one("#options", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._choose(self.query_one("#options", OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        if index is None:
            return
        if index >= len(self.shown):
            text = self.query_one("#filter", Input).value.strip()
            if self.allow_new and text:
                self.dismiss(("new", text))
            return
        self.dismiss(self.shown[index].value)

    def action_cancel(self) -> None:
        self.dismiss(None)
