"""The preview before autocoding search hits: which segments would be created and which are
skipped (lying inside a segment this coder coded with this code); ``h``/``s``/``t`` choose
the scope (hit, sentence, speaker turn), ``y`` codes them all in one undoable transaction."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label
from textual.worker import get_current_worker

from qualcode.analysis.autocoding import AutocodePlan, plan_autocode
from qualcode.store.codes import get_code_by_id
from qualcode.store.project import Project
from qualcode.tui.screens.analysis_base import when_alive

SCOPE_NAMES = {"hit": "the words found", "sentence": "their sentences",
               "turn": "their speaker turns"}


class AutocodePreviewScreen(ModalScreen[AutocodePlan | None]):
    """Plans in a thread worker (a search may need spaCy); dismisses with the plan on ``y``."""

    DEFAULT_CSS = """
    AutocodePreviewScreen { align: center middle; }
    AutocodePreviewScreen > Vertical {
        width: 96%; height: 90%; border: thick $accent; background: $surface; padding: 0 1;
    }
    AutocodePreviewScreen Label { width: 100%; }
    AutocodePreviewScreen #summary { text-style: bold; }
    AutocodePreviewScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("y", "apply", "Code them", id="autocode.apply"),
        Binding("h", "scope('hit')", "Hit", id="autocode.hit"),
        Binding("s", "scope('sentence')", "Sentence", id="autocode.sentence"),
        Binding("t", "scope('turn')", "Turn", id="autocode.turn"),
        Binding("escape,n", "cancel", "Cancel", id="autocode.cancel"),
    ]

    def __init__(self, query: str, lemma: bool, code_id: int, coder: str,
                 scope: str = "hit", within: str = "turn", speaker: str | None = None,
                 include_headers: bool = False) -> None:
        super().__init__()
        self.query_text, self.lemma, self.code_id, self.coder = query, lemma, code_id, coder
        self.within = within
        self.speaker = speaker
        self.include_headers = include_headers
        self.scope = scope
        self.plan: AutocodePlan | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("", id="title")
            yield Label("Planning…", id="summary")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="planned")
            yield Footer()

    def on_mount(self) -> None:
        self.query_one("#planned", DataTable).focus()
        self.action_scope(self.scope)

    def action_scope(self, scope: str) -> None:
        self.scope = scope
        self.plan = None
        self.query_one("#planned", DataTable).loading = True
        self.query_one("#summary", Label).update(f"Planning: code {SCOPE_NAMES[scope]}…")
        self._plan(scope)

    @work(thread=True, exclusive=True, group="autocode-plan")
    def _plan(self, scope: str) -> None:
        worker = get_current_worker()
        try:
            with Project.open(self.app.path) as project:
                code = get_code_by_id(project, self.code_id)
                plan = plan_autocode(project, self.query_text, code, self.coder, scope=scope,
                                     lemma=self.lemma, within=self.within,
                                     speakers=[self.speaker] if self.speaker else None,
                                     include_headers=self.include_headers)
        except Exception as error:  # shown in the dialog
            if not worker.is_cancelled:
                self.app.call_from_thread(when_alive(self, self._failed), error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(when_alive(self, self._show), plan)

    def _failed(self, error: Exception) -> None:
        self.query_one("#planned", DataTable).loading = False
        self.query_one("#summary", Label).update(Text(f"{type(error).__name__}: {error}"))

    def _show(self, plan: AutocodePlan) -> None:
        if plan.scope != self.scope:
            return
        self.plan = plan
        new = len(plan.new_segments)
        lemma = " (lemma)" if plan.result.lemma else ""
        speakers = f" · speaker {', '.join(plan.speakers)}" if plan.speakers else ""
        if plan.result.include_headers:
            lemma += " (header lines included)"
        self.query_one("#title", Label).update(
            Text(f"Autocode “{plan.query}”{lemma}{speakers} with {plan.code.path} as "
                 f"{plan.coder}"))
        self.query_one("#summary", Label).update(Text(
            f"{len(plan.result.hits)} hit(s) → {len(plan.segments)} segment(s) of "
            f"{SCOPE_NAMES[plan.scope]}: {new} will be created, {plan.skipped} skipped "
            f"(already coded with {plan.code.path} by {plan.coder}) · y codes them, "
            f"h/s/t scope"))
        table = self.query_one("#planned", DataTable)
        table.loading = False
        table.clear(columns=True)
        table.add_column("Dokument")
        table.add_column("Z.")
        table.add_column("Sprecher")
        table.add_column("Status")
        table.add_column("Text", width=200)
        for segment in plan.segments:
            lines = (str(segment.line_start) if segment.line_start == segment.line_end
                     else f"{segment.line_start}–{segment.line_end}")
            table.add_row(Text(segment.document), lines, Text(segment.speaker or ""),
                          "schon codiert" if segment.exists else "neu",
                          Text(" ".join(segment.text.split())[:300]))

    def action_apply(self) -> None:
        if self.plan is None:
            self.notify("Still planning…", severity="warning", timeout=2)
            return
        if not self.plan.new_segments:
            self.notify("Nothing new to code.", severity="warning")
            return
        self.dismiss(self.plan)

    def action_cancel(self) -> None:
        self.dismiss(None)
