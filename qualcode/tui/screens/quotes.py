"""Representative quotes of a code: anchor examples (Ankerbeispiele) first, then the most
typical segments spread over documents (:mod:`qualcode.analysis.representative`); a key
flags the quote under the cursor as anchor example (undoable), Enter jumps to it.

Ranking needs the lemmas of every document and scikit-learn (seconds on first use), so it
runs in a thread worker with its own project connection.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from qualcode.analysis.representative import QuoteRanking, RankedQuote, representative_quotes
from qualcode.exports import quotes as quote_export
from qualcode.store.codes import get_code_by_id
from qualcode.store.project import Project
from qualcode.store.segments import update_segment
from qualcode.tui.analysis_jobs import check_coder
from qualcode.tui.screens.analysis_base import AnalysisScreen, Command
from qualcode.tui.screens.jump_list import Passage, lines
from qualcode.tui.screens.picker import PickerScreen

DEFAULT_TOP = 10


def typicality(quote: RankedQuote) -> str:
    """Cosine similarity to the code's centroid, two decimals with a decimal comma."""
    return f"{quote.typicality:.2f}".replace(".", ",")


def rank_quotes(project: Project, code_id: int, top: int, per_document: int,
                coder: str | None) -> QuoteRanking:
    check_coder(project, coder)
    code = get_code_by_id(project, code_id)
    return representative_quotes(project, code.path, top=top, coder=coder,
                                 per_document=per_document)


class QuotesScreen(AnalysisScreen):
    """The ranked quotes of one code, best first."""

    TITLE_TEXT = "Representative quotes"
    EXPORT_PATH = "exports/zitate.docx"
    EXPORT_FORMATS = ("docx", "md")
    DEFAULT_CSS = """
    QuotesScreen #quotes { height: 1fr; border: round $primary-background; }
    QuotesScreen #quotes:focus { border: round $accent; }
    QuotesScreen #quote { height: 30%; min-height: 3; padding: 0 1; overflow-y: auto;
                          border-top: hkey $primary-background; }
    """
    BINDINGS = [
        Binding("a,space", "toggle_anchor", "Anchor on/off", id="quotes.anchor"),
        Binding("c", "choose_code", "Code…", id="quotes.code"),
        Binding("plus", "top(5)", "More", show=False, id="quotes.more"),
        Binding("minus", "top(-5)", "Fewer", show=False, id="quotes.fewer"),
        Binding("d", "per_document", "Per document", show=False, id="quotes.per_document"),
    ]

    def __init__(self, code_id: int, top: int = DEFAULT_TOP, per_document: int = 1) -> None:
        super().__init__()
        self.code_id, self.top, self.per_document = code_id, top, per_document
        self.ranking: QuoteRanking | None = None

    def compose_body(self) -> ComposeResult:
        yield DataTable(cursor_type="row", zebra_stripes=True, id="quotes")
        yield Static("", id="quote")

    def on_mount(self) -> None:  # the base class's on_mount runs too
        self.query_one("#quotes", DataTable).focus()

    # -- data ------------------------------------------------------------------------------
    def reload(self) -> None:
        coder = self.shown_coder = self.app.coder_filter
        code = self.app.code_by_id(self.code_id)
        limit = "no limit per document" if not self.per_document else \
            f"at most {self.per_document} per document"
        self.settings(f"{code.path if code else '?'} · top {self.top} · {limit}")
        self.query_one("#quotes", DataTable).loading = True
        self.status("Ranking… (the first time loads spaCy and scikit-learn: a few seconds)")
        self._rank(self.code_id, self.top, self.per_document, coder)

    @work(thread=True, exclusive=True, group="quotes")
    def _rank(self, code_id: int, top: int, per_document: int, coder: str | None) -> None:
        worker = get_current_worker()
        try:
            with Project.open(self.app.path) as project:
                ranking = rank_quotes(project, code_id, top, per_document, coder)
        except Exception as error:  # shown in the status line
            if not worker.is_cancelled:
                self.app.call_from_thread(self.alive(self._rank_failed), error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.alive(self._show), ranking)

    def _rank_failed(self, error: Exception) -> None:
        self.ranking = None
        self.failed(error)
        self._show_quote()

    def _show(self, ranking: QuoteRanking) -> None:
        table = self.query_one("#quotes", DataTable)
        current = self.current()
        keep = current.segment.id if current else None
        self.ranking = ranking
        table.loading = False
        table.clear(columns=True)
        table.add_column("#", width=2)
        table.add_column("Anker", width=5)
        table.add_column("Dokument", width=10)
        table.add_column("Z.", width=7)
        table.add_column("Typ.", width=4)
        table.add_column("Text", width=300)
        cursor = 0
        for index, quote in enumerate(ranking.quotes):
            segment = quote.segment
            table.add_row(Text(str(quote.rank), justify="right"), "  ✓" if quote.anchor else "",
                          Text(segment.document[:10]), lines(segment), typicality(quote),
                          Text(" ".join(segment.text.split())[:300]), key=str(index))
            if segment.id == keep:
                cursor = index
        if ranking.quotes:
            table.move_cursor(row=cursor, animate=False)
        anchors = sum(1 for q in ranking.quotes if q.anchor)
        bounds = (f"; {ranking.out_of_bounds} outside 5–150 words" if ranking.out_of_bounds
                  else "")
        self.status(f"{len(ranking.quotes)} quote(s) from {ranking.candidates} segment(s) of "
                    f"{ranking.code.path}{bounds} · {anchors} anchor example(s) · "
                    "a flags, Enter jumps")
        self._show_quote()

    def current(self) -> RankedQuote | None:
        table = self.query_one("#quotes", DataTable)
        if self.ranking is None or not self.ranking.quotes or not table.row_count:
            return None
        return self.ranking.quotes[min(table.cursor_row, len(self.ranking.quotes) - 1)]

    def _show_quote(self) -> None:
        quote = self.current()
        pane = self.query_one("#quote", Static)
        if quote is None:
            pane.update("No quotes: the code has no segments of 5–150 words (for this coder)."
                        if self.ranking is not None else "")
            return
        segment = quote.segment
        source = (f"— {segment.document}, Z. {lines(segment)}, {segment.coder}, "
                  f"typicality {typicality(quote)}, "
                  f"{quote.words} words" + (", Ankerbeispiel" if quote.anchor else ""))
        pane.update(Text.assemble(f"„{segment.text.strip()}“\n", (source, "dim")))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_quote()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        quote = self.current()
        if quote is not None:
            segment = quote.segment
            self.app.jump_to(Passage(segment.document_id, segment.start, segment.end))

    # -- actions ---------------------------------------------------------------------------
    def action_toggle_anchor(self) -> None:
        """Flag or unflag the quote under the cursor as anchor example (one undoable step)."""
        quote = self.current()
        if quote is None:
            return
        segment_id, flag, actor = quote.segment.id, not quote.anchor, self.app.coder
        note = (f"Segment {segment_id} is {'now' if flag else 'no longer'} an anchor example "
                "(ctrl+z undoes)")
        self.app.db.submit(lambda p: update_segment(p, segment_id, anchor=flag, actor=actor),
                           lambda _: self.app._changed(note), self.app.report_error, write=True)

    def action_choose_code(self) -> None:
        def chosen(value) -> None:
            if isinstance(value, int):
                self.code_id = value
                self.reload()

        self.app.push_screen(PickerScreen("Representative quotes of…", self.app.code_choices()),
                             chosen)

    def action_top(self, step: int) -> None:
        self.top = max(5, self.top + step)
        self.reload()

    def action_per_document(self) -> None:
        self.per_document = 0 if self.per_document else 1
        self.reload()

    def export_job(self, fmt: str):
        code_id, top, per_document, coder = (self.code_id, self.top, self.per_document,
                                             self.shown_coder)

        def build(project: Project) -> bytes:
            ranking = rank_quotes(project, code_id, top, per_document, coder)
            section = quote_export.ranked_section(project, ranking, "name")
            title = f"Repräsentative Zitate: {ranking.code.path}"
            if fmt == "md":
                return quote_export.to_markdown([section], "de", title).encode("utf-8")
            return quote_export.to_docx([section], "de", title)

        return build

    def palette_commands(self) -> list[Command]:
        return [("Quotes: anchor example on/off",
                 "Flag the quote under the cursor (Ankerbeispiel)", self.action_toggle_anchor),
                ("Quotes: another code…", "Rank the quotes of another code",
                 self.action_choose_code),
                ("Quotes: more", "Five more quotes", lambda: self.action_top(5)),
                ("Quotes: fewer", "Five fewer quotes", lambda: self.action_top(-5)),
                ("Quotes: one per document / no limit", "Spread over documents or not",
                 self.action_per_document),
                *super().palette_commands()]
