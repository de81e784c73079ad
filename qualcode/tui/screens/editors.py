"""Editors: a memo editor and the code details editor (definition, anchor example, rules)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, TextArea

EDITOR_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 90%; height: 90%; padding: 0 1; border: thick $accent; background: $surface;
}}
{name} TextArea {{ height: 1fr; min-height: 4; }}
{name} Label {{ margin-top: 1; }}
"""


class MemoScreen(ModalScreen[str | None]):
    """Edit a memo's text; ctrl+s saves (dismisses with the text), Escape discards."""

    DEFAULT_CSS = EDITOR_CSS.format(name="MemoScreen")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="memo.save"),
        Binding("escape", "cancel", "Discard", id="memo.cancel"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text)
            yield TextArea(self.text, soft_wrap=True, id="memo")
            yield Footer()

    def on_mount(self) -> None:
        self.query_one("#memo", TextArea).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one("#memo", TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class CodeDetails:
    """What the code editor returns."""

    name: str
    color: str
    definition: str
    anchor_example: str
    coding_rules: str


class CodeDetailsScreen(ModalScreen[CodeDetails | None]):
    """Edit a code's name, colour, definition, anchor example and coding rules."""

    DEFAULT_CSS = EDITOR_CSS.format(name="CodeDetailsScreen")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="code_details.save"),
        Binding("escape", "cancel", "Discard", id="code_details.cancel"),
    ]

    def __init__(self, details: CodeDetails) -> None:
        super().__init__()
        self.details = details

    def compose(self) -> ComposeResult:
        d = self.details
        with Vertical():
            with VerticalScroll():
                yield Label("Name")
                yield Input(d.name, id="name")
                yield Label("Colour (#RRGGBB)")
                yield Input(d.color, id="color")
                yield Label("Definition")
                yield TextArea(d.definition, soft_wrap=True, id="definition")
                yield Label("Anchor example")
                yield TextArea(d.anchor_example, soft_wrap=True, id="anchor_example")
                yield Label("Coding rules")
                yield TextArea(d.coding_rules, soft_wrap=True, id="coding_rules")
            yield Footer()

    def on_mount(self) -> None:
        self.query_one("#definition", TextArea).focus()

    def action_save(self) -> None:
        color = self.query_one("#color", Input).value.strip()
        if not re.fullmatch(r"#?[0-9A-Fa-f]{6}", color):
            self.notify(f"Colour {color!r}: write it as #RRGGBB, e.g. #2874A6.", severity="error")
            self.query_one("#color", Input).focus()
            return
        self.dismiss(CodeDetails(
            self.query_one("#name", Input).value.strip(),
            self.query_one("#color", Input).value.strip(),
            self.query_one("#definition", TextArea).text.strip(),
            self.query_one("#anchor_example", TextArea).text.strip(),
            self.query_one("#coding_rules", TextArea).text.strip(),
        ))

    def action_cancel(self) -> None:
        self.dismiss(None)
