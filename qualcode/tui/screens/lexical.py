"""Lexical search: words, "phrases", lemmas, OR / AND / NEAR (the query language of
``qualcode search``), hits as keyword-in-context lines; Enter jumps to a hit, ``a``
autocodes the hits after a preview; ``p`` keeps only the hits of one speaker (the ``I:``/``B:``
labels of the transcripts), for the search and its autocoding; ``ctrl+t`` finds words on
header lines too.

Searching runs in a thread worker with its own project connection: the first search of a
project loads spaCy and lemmatises every document (seconds), later ones read the cache.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label
from textual.worker import get_current_worker

from qualcode.analysis.autocoding import apply_autocode
from qualcode.analysis.search import WITHIN, SearchHit, SearchResult, search
from qualcode.exports import search_hits
from qualcode.store.project import Project
from qualcode.tui.screens.analysis_base import AnalysisScreen, Command
from qualcode.tui.screens.autocode_preview import AutocodePreviewScreen
from qualcode.tui.screens.jump_list import Passage
from qualcode.tui.screens.picker import PickerScreen

#: Context code points asked for on each side; the screen shows what fits.
CONTEXT = 80
DOCUMENT_WIDTH = 12


def kwic(hit: SearchHit, width: int) -> Text:
    """The hit centred in ``width`` cells: left context right-aligned, the hit in bold
    reverse, right context cut to fit."""
    found = " ".join(hit.text.split())
    side = max(0, (width - len(found)) // 2)
    left = hit.left if len(hit.left) <= side else "…" + hit.left[len(hit.left) - side + 1:]
    right_width = max(0, width - side - len(found))
    right = hit.right if len(hit.right) <= right_width else hit.right[: right_width - 1] + "…"
    return Text.assemble(left.rjust(side) if side else "", (found, "bold reverse"), right)


class LexicalSearchScreen(AnalysisScreen):
    """Type a query and Enter; ↓ to the hits, Enter jumps; ``a`` autocodes them."""

    TITLE_TEXT = "Lexical search"
    EXPORT_PATH = "exports/search.xlsx"
    EXPORT_FORMATS = search_hits.FORMATS
    DEFAULT_CSS = """
    LexicalSearchScreen #query-row { height: 1; padding: 0 1; }
    LexicalSearchScreen #query-row Label { width: auto; padding-right: 1; }
    LexicalSearchScreen #query { border: none; height: 1; padding: 0 1; width: 1fr; }
    LexicalSearchScreen #hits { height: 1fr; border: round $primary-background; }
    LexicalSearchScreen #hits:focus { border: round $accent; }
    """
    BINDINGS = [
        Binding("ctrl+l", "toggle_lemma", "Lemma on/off", id="lexical.lemma"),
        Binding("w", "within", "AND/NEAR within", show=False, id="lexical.within"),
        Binding("p", "speaker", "Speaker", id="lexical.speaker"),
        Binding("a", "autocode", "Autocode…", id="lexical.autocode"),
        # After autocoding: at 80 columns the footer cuts here; the settings line shows ^t.
        Binding("ctrl+t", "toggle_headers", "Headers", id="lexical.headers"),
        Binding("slash", "focus_query", "Query", id="lexical.query"),
        Binding("down", "focus_hits", "Hits", show=False, id="lexical.hits"),
    ]

    def __init__(self, query: str = "", lemma: bool = True, within: str = "turn",
                 speaker: str | None = None, include_headers: bool = False) -> None:
        super().__init__()
        self.query_text, self.lemma, self.within = query, lemma, within
        #: Only hits in turns of this speaker label (None: everything).
        self.speaker = speaker
        self.include_headers = include_headers
        #: The speaker labels of the project, read by the first search.
        self.speakers: list[str] = []
        self.result: SearchResult | None = None
        self.searching = False
        self.focus_hits_when_found = False

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="query-row"):
            yield Label("Query")
            yield Input(self.query_text,
                        placeholder='Ausländerbehörde OR "per Video" · Wort* · AND · NEAR/n',
                        id="query")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="hits")

    def on_mount(self) -> None:  # the base class's on_mount runs too
        self.query_one("#hits", DataTable).add_columns("Dokument", "Z.", "Treffer")
        self.query_one("#query", Input).focus()

    # -- searching -------------------------------------------------------------------------
    def reload(self) -> None:
        self.shown_coder = self.app.coder_filter
        # The query syntax is in the query field's placeholder; this line fits 80 columns.
        self.settings(f"Lemma {'on' if self.lemma else 'off'} (^l) · headers "
                      f"{'in' if self.include_headers else 'out'} (^t) · AND/NEAR in a "
                      f"{self.within} (w) · speaker: {self.speaker or 'all'} (p)",
                      coders=False)
        if self.query_text.strip():
            self.run_search()
        elif not self.searching:
            self.status("Type a query and press Enter.")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_text = event.value
        if self.query_text.strip():
            self.focus_hits_when_found = True
            self.run_search()

    def run_search(self) -> None:
        self.searching = True
        self.query_one("#hits", DataTable).loading = True
        self.status(f"Searching “{self.query_text}”… (the first search of a session loads "
                    "spaCy and lemmatises the documents: a few seconds)")
        self._search(self.query_text, self.lemma, self.within, self.speaker,
                     self.include_headers)

    @work(thread=True, exclusive=True, group="lexical-search")
    def _search(self, query: str, lemma: bool, within: str, speaker: str | None,
                include_headers: bool) -> None:
        worker = get_current_worker()
        try:
            with Project.open(self.app.path) as project:
                labels = [row[0] for row in project.db.execute(
                    "SELECT DISTINCT speaker FROM turns ORDER BY speaker")]
                result = search(project, query, lemma=lemma, within=within, width=CONTEXT,
                                speakers=[speaker] if speaker else None,
                                include_headers=include_headers)
        except Exception as error:  # a malformed query, missing language data: shown
            if not worker.is_cancelled:
                self.app.call_from_thread(self.alive(self._search_failed), error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.alive(self._show), result, labels)

    def _search_failed(self, error: Exception) -> None:
        self.searching = False
        self.result = None
        self.failed(error)

    def _show(self, result: SearchResult, speakers: list[str] | None = None) -> None:
        self.searching = False
        self.result = result
        if speakers is not None:
            self.speakers = speakers
        table = self.query_one("#hits", DataTable)
        table.loading = False
        self._draw()
        documents = len({h.document_id for h in result.hits})
        matched = ", ".join(f"{word} → {key}" for word, key in result.matched_as.items()
                            if result.lemma and word != key)
        self.status(f"“{result.query}”: {len(result.hits)} hit(s) in {documents} of "
                    f"{result.documents} document(s)"
                    + (f" in turns of {self.speaker}" if self.speaker else "")
                    + (f" · lemmas: {matched}" if matched
                                                          else "")
                    + (" · header lines included" if result.include_headers else "")
                    + (" · Enter jumps, a autocodes" if result.hits else ""))
        if self.focus_hits_when_found and result.hits:
            table.focus()
        self.focus_hits_when_found = False

    def _draw(self) -> None:
        table = self.query_one("#hits", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        if self.result is None:
            return
        # Three columns' padding, the border and the scrollbar.
        width = max(20, self.size.width - DOCUMENT_WIDTH - 5 - 10)
        table.add_column("Dokument", width=DOCUMENT_WIDTH)
        table.add_column("Z.", width=5)
        table.add_column("Treffer im Kontext", width=width)
        for index, hit in enumerate(self.result.hits):
            name = hit.document if len(hit.document) <= DOCUMENT_WIDTH else \
                hit.document[: DOCUMENT_WIDTH - 1] + "…"
            table.add_row(Text(name), Text(str(hit.line), justify="right"), kwic(hit, width),
                          key=str(index))
        if self.result.hits:
            table.move_cursor(row=min(row, len(self.result.hits) - 1), animate=False)

    def on_resize(self) -> None:
        if self.result is not None:
            self._draw()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        hit = self.result.hits[int(event.row_key.value)]
        self.app.jump_to(Passage(hit.document_id, hit.start, hit.end))

    # -- actions ---------------------------------------------------------------------------
    def action_toggle_lemma(self) -> None:
        self.lemma = not self.lemma
        self.reload()

    def action_toggle_headers(self) -> None:
        """Header lines (``Datum: ...``, the document variables) left out <-> searched too."""
        self.include_headers = not self.include_headers
        self.reload()

    def action_within(self) -> None:
        """Where AND needs all its parts and NEAR its pair: turn -> sentence -> document."""
        self.within = WITHIN[(WITHIN.index(self.within) + 1) % len(WITHIN)]
        self.reload()

    def action_speaker(self) -> None:
        """Only hits of one speaker: all -> each label of the project -> all."""
        if not self.speakers:
            self.notify("Search first: the speakers come from the transcripts.",
                        severity="warning")
            return
        cycle: list[str | None] = [None, *self.speakers]
        index = cycle.index(self.speaker) if self.speaker in cycle else 0
        self.speaker = cycle[(index + 1) % len(cycle)]
        self.reload()

    def action_focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    def action_focus_hits(self) -> None:
        self.query_one("#hits", DataTable).focus()

    def action_autocode(self) -> None:
        """Pick a code, preview the segments, then code them all in one transaction."""
        result = self.result
        if result is None or not result.hits:
            self.notify("Search first: autocoding codes the hits.", severity="warning")
            return

        speaker = self.speaker

        def chosen(code_id) -> None:
            if isinstance(code_id, int):
                self.app.push_screen(AutocodePreviewScreen(
                    result.query, result.lemma, code_id, self.app.coder,
                    within=result.within, speaker=speaker,
                    include_headers=result.include_headers), apply)

        def apply(plan) -> None:
            if plan is None:
                return
            actor = self.app.coder
            self.app.db.submit(lambda p: apply_autocode(p, plan, actor=actor),
                               lambda done: self.app._changed(
                                   f"Autocoded {len(done.created)} segment(s) with "
                                   f"{plan.code.path}"
                                   + (f", skipped {done.skipped} already coded with "
                                      f"{plan.code.path} by {plan.coder}"
                                      if done.skipped else "")
                                   + " · ctrl+z undoes all of it"),
                               self.app.report_error, write=True)

        self.app.push_screen(PickerScreen(f"Autocode the {len(result.hits)} hit(s) with…",
                                          self.app.code_choices()), chosen)

    def export_job(self, fmt: str):
        if self.result is None:
            self.notify("Search first.", severity="warning")
            return None
        hits = list(self.result.hits)
        return lambda project: search_hits.render(hits, fmt)

    def palette_commands(self) -> list[Command]:
        return [("Lexical search: lemma on/off", "Match every inflected form",
                 self.action_toggle_lemma),
                ("Lexical search: header lines in/out",
                 "Also find words on header lines (Datum: ..., the document variables)",
                 self.action_toggle_headers),
                ("Lexical search: AND/NEAR within turn / sentence / document",
                 "Where AND needs all its parts and NEAR its pair", self.action_within),
                ("Lexical search: speaker", "Only hits in turns of one speaker (I, B, ...)",
                 self.action_speaker),
                ("Lexical search: autocode the hits…",
                 "Hit, sentence or turn, after a preview; one undoable step",
                 self.action_autocode),
                *super().palette_commands()]
