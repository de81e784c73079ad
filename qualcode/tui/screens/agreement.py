"""The agreement review: agreement per code, and every disagreement between two coders,
resolved one key each into a consensus coder.

Computing runs in a thread worker with its own connection (the statistics import
scikit-learn and statsmodels); resolutions and undo run on the workbench's database thread,
one transaction each, and a recomputation follows each of them. Results of an older
computation are dropped (``_generation``), so the screen always shows the latest state.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from qualcode.domain.disagreements import Disagreement
from qualcode.exports import disagreements as disagreement_export
from qualcode.store.consensus import resolve_disagreement
from qualcode.store.project import Project
from qualcode.tui.agreement_jobs import (
    ADOPTION,
    AgreementSettings,
    Review,
    adopt_agreed_passages,
    compute_review,
    redo_resolution,
    undo_resolution,
)
from qualcode.tui.screens.agreement_setup import AgreementSetupScreen
from qualcode.tui.screens.dialogs import PromptScreen
from qualcode.tui.widgets.agreement_tables import (
    OVERALL,
    AgreementTable,
    DisagreementList,
    kind_label,
    short_code,
    statistics_legend,
)
from qualcode.tui.widgets.context_pane import ContextPane

CHOICE_WORDS = {"a": "take A", "b": "take B", "both": "take both", "neither": "take neither"}


def consensus_text(review: Review) -> str:
    """What the consensus coder holds and what is open: the header's subtitle."""
    s = review.settings
    if s.against_consensus:
        return f"{s.coder_a} against {s.coder_b}: read only (s: choose two coders to resolve)"
    if review.agreed and review.adopted < review.agreed:
        agreed = f"{review.adopted} of {review.agreed} agreed"
    else:
        agreed = f"{review.adopted} agreed"
    return f"{s.consensus}: {agreed} · {review.resolved} resolved · {review.open} open"


def level_text(settings: AgreementSettings) -> str:
    """The level and its settings in a few words."""
    if settings.level == "segment":
        return f"segments ≥ {settings.threshold:g} % ({settings.overlap})"
    if settings.level == "unit":
        return f"unit level ({settings.unit}s)"
    return f"{settings.level} level"


class AgreementScreen(Screen[None]):
    """Per-code agreement table, the list of disagreements and the current disagreement with
    both coders' segments in context; resolve with a / b / o / x, adopt every agreed passage
    with c, undo with ctrl+z. The header's subtitle says what the consensus coder holds.

    ``adopt``: adopt the agreed passages once the first computation is shown (the setup
    dialog offers it when it creates the consensus coder)."""

    DEFAULT_CSS = """
    AgreementScreen #bar { height: 1; padding: 0 1; }
    AgreementScreen #summary { width: 1fr; color: $text-muted; }
    AgreementScreen #progress { width: auto; text-style: bold; }
    AgreementScreen #current { height: 1; padding: 0 1; background: $boost; }
    AgreementScreen #top { height: auto; }
    AgreementScreen AgreementTable, AgreementScreen DisagreementList {
        max-height: 8; width: 1fr;
    }
    AgreementScreen DisagreementList { display: none; }
    AgreementScreen.-list DisagreementList { display: block; }
    AgreementScreen.-list AgreementTable { display: none; }
    AgreementScreen.-tall #top { layout: vertical; }
    AgreementScreen.-tall AgreementTable { max-height: 12; }
    AgreementScreen.-tall DisagreementList { max-height: 12; }
    AgreementScreen.-wide #top { layout: horizontal; }
    AgreementScreen.-tall AgreementTable, AgreementScreen.-tall DisagreementList,
    AgreementScreen.-wide AgreementTable, AgreementScreen.-wide DisagreementList {
        display: block;
    }
    AgreementScreen #legend { height: auto; max-height: 2; padding: 0 1; color: $text-muted; }
    AgreementScreen.-list #legend { display: none; }
    AgreementScreen.-tall #legend, AgreementScreen.-wide #legend { display: block; }
    AgreementScreen #legend.-empty { display: none; }
    AgreementScreen #panes { height: 1fr; layout: vertical; }
    AgreementScreen.-sides #panes, AgreementScreen.-wide #panes { layout: horizontal; }
    /* The compact footer gives every key a right margin, the palette key docked on the
       right too: the column it leaves free showed the last character of the keys behind. */
    AgreementScreen Footer FooterKey.-command-palette { margin-right: 0; padding-right: 1; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-sides"), (150, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]

    # Every action shows in the footer, the most used first (80 columns show the first ones).
    BINDINGS = [
        Binding("n", "step(1)", "Next", id="agreement.next"),
        Binding("p", "step(-1)", "Prev", id="agreement.previous"),
        Binding("a", "take('a')", "Take A", id="agreement.take_a"),
        Binding("b", "take('b')", "Take B", id="agreement.take_b"),
        Binding("o", "take('both')", "Both", id="agreement.take_both"),
        Binding("x", "take('neither')", "Neither", id="agreement.take_neither"),
        Binding("ctrl+z", "undo", "Undo", id="agreement.undo"),
        Binding("l", "toggle_list", "List", id="agreement.list"),
        Binding("e", "export", "Export", id="agreement.export"),
        Binding("escape,q", "close", "Close", id="agreement.close"),
        Binding("u", "next_open", "Next open", id="agreement.next_open"),
        Binding("s", "settings", "Settings", id="agreement.settings"),
        Binding("g", "go_to_passage", "Go to passage", id="agreement.go"),
        Binding("ctrl+y", "redo", "Redo", id="agreement.redo"),
        Binding("c", "adopt_agreed", "Adopt agreed", id="agreement.adopt"),
    ]

    def __init__(self, settings: AgreementSettings, coders: list[tuple[str, int]],
                 adopt: bool = False) -> None:
        super().__init__()
        self.settings = settings
        self.coders = coders
        self._adopt_first = adopt
        self.review: Review | None = None
        self.items: list[Disagreement] = []
        self.current = -1
        self._generation = 0
        # Resolutions sent to the database thread and not yet written (key -> choice):
        # shown at once, and kept over a recomputation that read the project before them.
        self._pending: dict[str, str] = {}

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="bar"):
            yield Static(id="summary")
            yield Static(id="progress")
        with Horizontal(id="top"):
            yield AgreementTable(id="codes")
            yield DisagreementList(id="list")
        yield Static("", id="legend")
        yield Static("", id="current")
        with Container(id="panes"):
            yield ContextPane("a", id="pane-a")
            yield ContextPane("b", id="pane-b")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # Short: the subtitle (what the consensus holds) must fit beside it at 80 columns.
        self.title = "Agreement"
        self.sub_title = ""
        self.query_one(AgreementTable).focus()
        self.recompute()

    # -- computing -------------------------------------------------------------------------
    def recompute(self, keep: str | None = None) -> None:
        """Recompute agreement and disagreements off the UI thread; then show the
        disagreement ``keep`` (default: the one shown now)."""
        self._generation += 1
        self.query_one("#progress", Static).update("computing…")
        self._compute(self.settings, self._generation, keep)

    @work(thread=True, group="agreement")
    def _compute(self, settings: AgreementSettings, generation: int, keep: str | None) -> None:
        try:
            with Project.open(self.app.path) as project:
                review = compute_review(project, settings)
        except Exception as error:  # shown on the screen; the project is only read
            self.app.call_from_thread(self._failed, error, generation)
            return
        self.app.call_from_thread(self._show, review, generation, keep)

    def _current_generation(self, generation: int) -> bool:
        """True when a result belongs to the latest computation of a screen still shown
        (the user may have closed it, or resolved again, while it was computed)."""
        return generation == self._generation and self.is_attached

    def _failed(self, error: Exception, generation: int) -> None:
        if not self._current_generation(generation):
            return
        self.query_one("#progress", Static).update("")
        self.query_one("#summary", Static).update(f"⚠ {error} — s: settings")
        self.notify(str(error), severity="error", timeout=8)

    def _show(self, review: Review, generation: int, keep: str | None) -> None:
        if not self._current_generation(generation):
            return
        first = self.review is None
        shown = self.item()
        self.review = review
        self.items = [replace(item, resolution=self._pending[item.key])
                      if item.key in self._pending else item for item in review.items]
        keys = [item.key for item in self.items]
        wanted = keep or (shown.key if shown else None)
        if first:  # a review (re)opened resumes at the first open disagreement
            index = next((i for i, item in enumerate(self.items) if item.resolution is None), 0)
        elif wanted in keys:
            index = keys.index(wanted)
        else:
            index = min(max(self.current, 0), len(keys) - 1)
        self.query_one(AgreementTable).show(review.result, self.items)
        legend = self.query_one("#legend", Static)
        legend.update(statistics_legend(review.result))
        legend.set_class(not legend.content, "-empty")
        listing = self.query_one(DisagreementList)
        listing.show(self.items, index)
        listing.border_subtitle = (f"segments matched at ≥ {self.settings.threshold:g} % "
                                   f"({self.settings.overlap})")
        self._update_summary()
        if shown is not None and 0 <= index < len(keys) and keys[index] == shown.key:
            # The same disagreement: new resolution state, panes (and their scroll) stay.
            self.current = index
            self._describe(self.items[index])
        else:
            self.current = -1
            self.select(index)
        result = review.result
        if first and (result.skipped_documents or result.notes):
            notes = list(result.notes)
            if result.skipped_documents:
                notes.append("not compared (not coded by both): "
                             + ", ".join(result.skipped_documents))
            self.notify(" ".join(notes), timeout=8)
        if first and self._adopt_first:
            self._adopt_first = False
            self.action_adopt_agreed()

    def _update_summary(self) -> None:
        s = self.settings
        documents = len(self.review.result.documents) if self.review else 0
        self.query_one("#summary", Static).update(
            f"{s.coder_a} ↔ {s.coder_b} · {level_text(s)} · {documents} "
            f"doc{'s' if documents != 1 else ''}"
            + ("" if s.against_consensus else f" · → {s.consensus}"))
        if self.review is not None:
            self.sub_title = consensus_text(replace(self.review, items=self.items))
        resolved = sum(item.resolution is not None for item in self.items)
        self.query_one("#progress", Static).update(
            f"{resolved} of {len(self.items)} resolved")
        self.query_one(DisagreementList).mark(self.items, self.current)

    def on_resize(self) -> None:
        # The line above the panes shortens a long code path only to the width it has.
        self.call_after_refresh(self._redescribe)

    def _redescribe(self) -> None:
        item = self.item()
        if item is not None and self.is_attached:
            self._describe(item)

    # -- the current disagreement ----------------------------------------------------------
    def item(self) -> Disagreement | None:
        """The disagreement shown, or ``None``."""
        return self.items[self.current] if 0 <= self.current < len(self.items) else None

    def select(self, index: int) -> None:
        """Show disagreement ``index`` (0-based) with both coders' segments in context."""
        if index == self.current and self.item() is not None:
            return
        self.current = index
        item = self.item()
        current = self.query_one("#current", Static)
        panes = self.query_one("#pane-a", ContextPane), self.query_one("#pane-b", ContextPane)
        if item is None:
            current.update("No disagreements: the two coders agree on every segment."
                           if self.review else "")
            for pane in panes:
                pane.show(None, "#808080")
                pane.border_title = pane.border_subtitle = ""
            return
        self.query_one(DisagreementList).mark(self.items, index)
        self._describe(item)
        excerpt = self.review.excerpts.get(item.key) if self.review else None
        color = self.review.colors.get(item.code_id, "#808080") if self.review else "#808080"
        for pane in panes:
            pane.show(excerpt, color)

    def _describe(self, item: Disagreement) -> None:
        """The line above the panes and the panes' titles for ``item``."""
        state = ("open" if item.resolution is None
                 else f"resolved: {CHOICE_WORDS[item.resolution]}")
        line = self.query_one("#current", Static)
        before = f"{self.current + 1}/{len(self.items)} · {item.document} · "
        after = f" · {kind_label(item)} · {state}"
        room = line.content_region.width
        code = short_code(item.code, room - cell_len(before + after) if room > 0 else None)
        line.update(Text(before + code + after))
        chosen = {"a": {"a"}, "b": {"b"}, "both": {"a", "b"}}.get(item.resolution, set())
        for side, coder, segment in (("a", item.coder_a, item.segment_a),
                                     ("b", item.coder_b, item.segment_b)):
            pane = self.query_one(f"#pane-{side}", ContextPane)
            if segment is None:
                where = "not coded"
            elif segment.line_start == segment.line_end:
                where = f"Z. {segment.line_start}"
            else:
                where = f"Z. {segment.line_start}–{segment.line_end}"
            pane.border_title = f"{side.upper()}: {coder} · {where}"
            pane.border_subtitle = "" if segment is None else f"{side}: take {side.upper()}"
            pane.set_class(side in chosen, "-chosen")

    @on(DataTable.RowHighlighted, "#list")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Only the user's ↓ ↑ in the list; the screen moves the cursor itself otherwise.
        if event.data_table.has_focus:
            self.select(event.cursor_row)

    @on(DataTable.RowSelected, "#list")
    def _picked(self, event: DataTable.RowSelected) -> None:
        self.select(event.cursor_row)
        if self.has_class("-list"):
            self.action_toggle_list()

    @on(DataTable.RowSelected, "#codes")
    def _code_picked(self, event: DataTable.RowSelected) -> None:
        code = event.row_key.value
        found = [i for i, item in enumerate(self.items) if code in (item.code, OVERALL)]
        if not found:
            self.notify("No disagreements with this code.", timeout=3)
            return
        open_ = [i for i in found if self.items[i].resolution is None]
        self.select((open_ or found)[0])

    # -- actions ---------------------------------------------------------------------------
    def action_step(self, delta: int) -> None:
        if not self.items:
            self.notify("No disagreements.", timeout=2)
            return
        target = self.current + delta
        if not 0 <= target < len(self.items):
            self.notify("That was the " + ("last" if delta > 0 else "first")
                        + " disagreement (u: next open one).", timeout=2)
            return
        self.select(target)

    def action_next_open(self) -> None:
        target = self._next_open(self.current)
        if target is None:
            self.notify(f"All {len(self.items)} disagreements are resolved.", timeout=3)
        else:
            self.select(target)

    def _next_open(self, after: int) -> int | None:
        """The next unresolved disagreement after ``after``, from the top when needed."""
        n = len(self.items)
        for step in range(1, n + 1):
            index = (after + step) % n
            if self.items[index].resolution is None:
                return index
        return None

    def action_take(self, choice: str) -> None:
        """Resolve the disagreement shown: copy A's, B's, both or neither segment into the
        consensus coder (one transaction; ctrl+z undoes it)."""
        item = self.item()
        if item is None:
            self.notify("No disagreement to resolve.", severity="warning", timeout=2)
            return
        if self.settings.against_consensus:
            self.notify(self._read_only(), severity="warning", timeout=4)
            return
        missing = {"a": item.segment_a is None, "b": item.segment_b is None}
        if missing.get(choice):
            coder = item.coder_a if choice == "a" else item.coder_b
            self.notify(f"{coder} did not code this passage: take the other version, both "
                        "(o) or neither (x).", severity="warning", timeout=4)
            return
        consensus, actor = self.settings.consensus, getattr(self.app, "coder", None)
        self._pending[item.key] = choice
        self.app.db.submit(
            lambda p: resolve_disagreement(p, item, choice, consensus, actor=actor),
            lambda _: self._resolved(item.key, choice),
            lambda error: self._resolution_failed(item.key, error), write=True)
        # Show the choice and move on now, not when the write is done: a key typed ahead
        # acts on the next disagreement, never again on this one.
        self._show_resolution(self.current, choice)

    def _show_resolution(self, index: int, choice: str) -> None:
        """Mark disagreement ``index`` resolved with ``choice`` and go to the next open one."""
        item = self.items[index]
        self.items[index] = replace(item, resolution=choice)
        self.query_one(DisagreementList).update_resolution(self.items[index])
        self._update_summary()
        self.notify(f"{item.key}: {CHOICE_WORDS[choice]} → {self.settings.consensus} "
                    "(ctrl+z undoes)", timeout=2)
        following = self._next_open(index)
        self.current = -1
        self.select(index if following is None else following)

    def _resolution_failed(self, key: str, error: Exception) -> None:
        self._pending.pop(key, None)
        self._write_failed(error)

    def _read_only(self) -> str:
        return (f"{self.settings.consensus} is one of the coders compared: nothing to resolve "
                "here (s: choose two coders).")

    def action_adopt_agreed(self) -> None:
        """Copy every passage the two coders agree on into the consensus coder, as
        ``qualcode resolve --agreed`` does (one change; ctrl+z undoes it)."""
        if self.settings.against_consensus:
            self.notify(self._read_only(), severity="warning", timeout=4)
            return
        settings, actor = self.settings, getattr(self.app, "coder", None)
        self.app.db.submit(lambda p: adopt_agreed_passages(p, settings, actor),
                           self._adopted, self._write_failed, write=True)

    def _adopted(self, added: int) -> None:
        consensus = self.settings.consensus
        self.app.notify(f"{consensus}: {added} agreed passage(s) adopted"
                        + (" (ctrl+z undoes)" if added else " (it held them all)"), timeout=3)
        if self.is_attached:
            self.recompute()

    def _resolved(self, key: str, choice: str) -> None:
        if self._pending.get(key) == choice:
            del self._pending[key]
        if not self.is_attached:  # closed while the resolution was written
            return
        review = self.review
        if (review is not None and review.agreed and not review.adopted
                and review.resolved == 0):  # this resolution started the consensus coder
            self.app.notify(f"{self.settings.consensus} started: c adopts the {review.agreed} "
                            "agreed passage(s) too (as resolve --agreed)", timeout=5)
        self.recompute()

    def _write_failed(self, error: Exception) -> None:
        self.app.notify(str(error), severity="error", timeout=6)
        if self.is_attached:
            self.recompute()

    def action_undo(self) -> None:
        """Take back the last resolution (only resolutions: other changes are undone in the
        workbench)."""
        actor = getattr(self.app, "coder", None)
        self.app.db.submit(lambda p: undo_resolution(p, actor),
                           lambda key: self._undone(key, "Undone"), self._write_failed, write=True)

    def action_redo(self) -> None:
        actor = getattr(self.app, "coder", None)
        self.app.db.submit(lambda p: redo_resolution(p, actor),
                           lambda key: self._undone(key, "Redone"), self._write_failed, write=True)

    def _undone(self, key: str, what: str) -> None:
        if key == ADOPTION:
            self.app.notify(f"{what}: adoption of the agreed passages", timeout=2)
            key = None
        else:
            self.app.notify(f"{what}: resolution of {key}", timeout=2)
        if self.is_attached:
            self.recompute(keep=key)

    def action_toggle_list(self) -> None:
        """Narrow screens: swap the per-code table and the list; wide ones: focus the other."""
        table, listing = self.query_one(AgreementTable), self.query_one(DisagreementList)
        if self.has_class("-tall") or self.has_class("-wide"):
            (table if listing.has_focus else listing).focus()
            return
        self.toggle_class("-list")
        (listing if self.has_class("-list") else table).focus()

    def action_export(self) -> None:
        """Write the list of disagreements for a team meeting (.xlsx, .csv, .md or .json)."""
        s = self.settings
        default = f"exports/disagreements-{s.coder_a}-{s.coder_b}.xlsx"

        def chosen(answer: str | None) -> None:
            if answer and answer.strip():
                self._export(list(self.items), Path(answer.strip()).expanduser())

        self.app.push_screen(PromptScreen("Export the disagreements to (.xlsx, .csv or .md)",
                                          default), chosen)

    @work(thread=True, group="agreement-export")
    def _export(self, items: list[Disagreement], path: Path) -> None:
        fmt = path.suffix.lstrip(".").lower()
        try:
            if fmt not in disagreement_export.FORMATS:
                raise ValueError(f"{path}: use .xlsx, .csv, .md or .json")
            disagreement_export.write(items, path, fmt, self.settings.coders)
        except Exception as error:  # reported in the UI; nothing else changes
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=6)
            return
        self.app.call_from_thread(self.notify, f"Wrote {len(items)} disagreements to {path}")

    def action_settings(self) -> None:
        def chosen(settings: AgreementSettings | None) -> None:
            if settings is not None:
                self.settings = settings
                self.app.agreement_settings = settings
                self._adopt_first = setup.adopt_agreed
                self.review, self.items, self.current = None, [], -1
                self.recompute()

        setup = AgreementSetupScreen(self.coders, self.settings)
        self.app.push_screen(setup, chosen)

    def action_go_to_passage(self) -> None:
        """Show the passage in the Document Browser with both coders' segments; the review
        is kept, ctrl+b returns to this disagreement."""
        item = self.item()
        if item is None:
            return
        self.app.leave_review(self, item)

    def on_screen_resume(self) -> None:
        # Back from the Document Browser (ctrl+b): the project may have changed meanwhile.
        if self.review is not None:
            item = self.item()
            self.recompute(keep=item.key if item else None)

    def action_close(self) -> None:
        self.dismiss(None)

    def commands(self) -> list[tuple[str, object, str]]:
        """``(title, callback, help)`` for the command palette on this screen."""
        return [
            ("Next disagreement", lambda: self.action_step(1), "key n"),
            ("Previous disagreement", lambda: self.action_step(-1), "key p"),
            ("Next open disagreement", self.action_next_open, "key u"),
            ("Take coder A's version", lambda: self.action_take("a"), "key a"),
            ("Take coder B's version", lambda: self.action_take("b"), "key b"),
            ("Take both versions", lambda: self.action_take("both"), "key o"),
            ("Take neither version", lambda: self.action_take("neither"), "key x"),
            ("Adopt every agreed passage into the consensus", self.action_adopt_agreed,
             "key c · as qualcode resolve --agreed"),
            ("Undo the last resolution", self.action_undo, "key ctrl+z"),
            ("Redo the resolution", self.action_redo, "key ctrl+y"),
            ("Show the list of disagreements / the table", self.action_toggle_list, "key l"),
            ("Export the disagreements…", self.action_export, "key e · .xlsx, .csv or .md"),
            ("Agreement settings…", self.action_settings, "key s · coders, level, threshold"),
            ("Go to the passage in the Document Browser", self.action_go_to_passage,
             "key g · ctrl+b comes back"),
            ("Close the agreement review", self.action_close, "key Esc"),
            ("Help", lambda: self.app.action_help(), "key ? or F1"),
        ]


#: Every key of the review, for the help screen: the workbench key that opens it, the review's
#: keys and those of its settings dialog.
HELP_BINDINGS = [
    Binding("ctrl+g", "app.agreement", "Open the agreement review (workbench)",
            id="agreement.open"),
    *AgreementScreen.BINDINGS, *AgreementSetupScreen.BINDINGS,
]
