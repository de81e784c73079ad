"""Find in project: type a word, see every occurrence, Enter jumps to it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from qualcode.analysis.find import Hit


class SearchScreen(ModalScreen[Hit | None]):
    """Searches through ``search(query) -> None`` (run by the app on the database thread),
    which answers with :meth:`show_hits`; dismisses with the chosen :class:`Hit`."""

    DEFAULT_CSS = """
    SearchScreen { align: center middle; }
    SearchScreen > Vertical {
        width: 90%; height: 85%; border: thick $accent; background: $surface; padding: 0 1;
    }
    SearchScreen OptionList { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="search.cancel"),
        Binding("down", "focus_results", "Results", show=False, id="search.results"),
    ]

    def __init__(self, search, query: str = "") -> None:
        super().__init__()
        self.search = search
        self.query_text = query
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Find in all documents (Enter searches, ↓ to the results)")
            yield Input(self.query_text, placeholder="word or phrase", id="query")
            yield OptionList(id="hits")

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        if self.query_text.strip():  # the last search again, its results at once
            self._run(self.query_text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._run(event.value)

    def _run(self, query: str) -> None:
        self.query_one(Label).update(f"Searching for “{query}”…")
        self.search(query)

    def show_hits(self, query: str, hits: list[Hit]) -> None:
        """Display the results of ``query``."""
        self.hits = hits
        options = self.query_one("#hits", OptionList)
        options.clear_options()
        for hit in hits:
            options.add_option(Option(Content.assemble(
                (f"{hit.document} Z. {hit.line}: ", "bold"), hit.context)))
        self.query_one(Label).update(f"“{query}”: {len(hits)} occurrence(s)"
                                     + (" — ↓ and Enter to jump" if hits else ""))
        if hits:
            options.highlighted = 0

    def action_focus_results(self) -> None:
        self.query_one("#hits", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
