"""What every analysis screen of the workbench shares: a settings line, a status line, the
keys to close (the screen is kept: ctrl+b brings it back), export and switch the coder
filter, and reloading when the project changed (an undo, an autocoding, an anchor flag)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from qualcode.store.project import Project
from qualcode.tui.screens.dialogs import PromptScreen

#: ``(title, help, callback)`` of a command palette entry.
Command = tuple[str, str, Callable[[], object]]


def when_alive(screen: Screen, callback: Callable) -> Callable:
    """``callback`` that does nothing once ``screen`` is gone (replaced by another analysis,
    dismissed, or the app quitting): database and worker answers can arrive after that."""
    def call(*args) -> None:
        if not screen.is_attached:
            return
        try:
            callback(*args)
        except NoMatches:  # quitting: the screen's widgets are already gone
            pass

    return call


class AnalysisScreen(Screen):
    """Base of the analysis screens. Subclasses compose their body in :meth:`compose_body`,
    load their data in :meth:`reload` and describe exports with :meth:`export_job`."""

    DEFAULT_CSS = """
    AnalysisScreen .analysis-line { height: 1; padding: 0 1; color: $text-muted; }
    AnalysisScreen #settings { color: $text; background: $boost; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="analysis.close"),
        Binding("e", "export", "Export…", id="analysis.export"),
        Binding("f9", "coder_filter", "Filter", show=False, id="analysis.filter"),
    ]
    #: Shown in the header, the help screen and the ctrl+b notification.
    TITLE_TEXT = "Analysis"
    #: Suggested export file; its extension picks the format.
    EXPORT_PATH = "exports/analysis.xlsx"
    EXPORT_FORMATS: tuple[str, ...] = ("csv", "xlsx", "md")

    def __init__(self) -> None:
        super().__init__()
        self._stale = False
        self.shown_coder: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="settings", classes="analysis-line")
        yield from self.compose_body()
        yield Static("", id="status", classes="analysis-line")
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.title = f"{self.TITLE_TEXT} — {self.app.path.name}"
        self.reload()

    # -- data ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Load the data again (coder filter of the workbench included)."""

    def project_changed(self) -> None:
        """The project changed: reload now when shown, else when shown again."""
        if self.is_current:
            self.reload()
        else:
            self._stale = True

    def on_screen_resume(self) -> None:
        if self._stale or self.shown_coder != self.app.coder_filter:
            self._stale = False
            self.reload()

    def alive(self, callback: Callable) -> Callable:
        """``callback`` guarded by :func:`when_alive`."""
        return when_alive(self, callback)

    def settings(self, text: str, coders: bool = True) -> None:
        """Show the screen's settings (and whose codings count: F9 switches)."""
        if coders:
            coder = self.app.coder_filter
            text += f" · {'all coders' if coder is None else f'only {coder}'} (F9)"
        self.query_one("#settings", Static).update(Text(text))

    def status(self, text: str | Text) -> None:
        """Show ``text`` under the table (plain text: a code or a query is never markup)."""
        self.query_one("#status", Static).update(Text(text) if isinstance(text, str) else text)

    def failed(self, error: Exception) -> None:
        """Show what went wrong in the status line and clear the tables (they showed other
        settings); the screen stays usable."""
        for table in self.query(DataTable):
            table.loading = False
            table.clear(columns=True)
        self.status(Text.assemble((f"{type(error).__name__}: ", "bold"), str(error)))

    # -- actions ---------------------------------------------------------------------------
    def action_close(self) -> None:
        self.app.pop_screen()

    def action_coder_filter(self) -> None:
        self.app.action_toggle_coder_filter()
        self.reload()

    def action_export(self) -> None:
        formats = ", ".join(f".{f}" for f in self.EXPORT_FORMATS)

        def chosen(answer: str | None) -> None:
            if not answer or not answer.strip():
                return
            path = Path(answer.strip()).expanduser()
            fmt = path.suffix.lstrip(".").lower()
            if fmt not in self.EXPORT_FORMATS:
                self.notify(f"{path}: use {formats}", severity="error")
                return
            job = self.export_job(fmt)
            if job is not None:
                self.app.run_analysis_export(path, job)

        coder = self.app.coder_filter
        used = ("every coder's segments" if coder is None else f"{coder}'s segments") \
            + self.export_scope()
        self.app.push_screen(PromptScreen(f"Export to ({formats}) — as shown: {used} (F9 on "
                                          "the screen switches)", self.EXPORT_PATH), chosen)

    def export_scope(self) -> str:
        """Which documents the export covers, for its prompt (``""``: every document)."""
        return ""

    def export_job(self, fmt: str) -> Callable[[Project], bytes] | None:
        """A function building the export's bytes from a project (run in a worker)."""
        return None

    def palette_commands(self) -> list[Command]:
        """This screen's actions for the command palette."""
        formats = ", ".join(self.EXPORT_FORMATS)
        return [(f"{self.TITLE_TEXT}: export…", f"Write this table ({formats})",
                 self.action_export),
                (f"{self.TITLE_TEXT}: close", "Back to the workbench (ctrl+b returns here)",
                 self.action_close)]
