"""Analysis in the workbench: the Code Matrix Browser, the Code Relations Browser, crosstabs,
lexical search with autocoding and representative quotes, each a screen over the
workbench. Mixed into :class:`~qualcode.tui.app.QualcodeApp`.

An analysis screen stays alive when left (Escape, or a jump to a passage): ctrl+b brings the
last one back with its settings and cursor; opening another analysis replaces it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.binding import Binding

from qualcode.exports.files import write_atomically
from qualcode.store.project import Project
from qualcode.tui.screens.analysis_base import AnalysisScreen, Command
from qualcode.tui.screens.autocode_preview import AutocodePreviewScreen
from qualcode.tui.screens.crosstab import CrosstabScreen
from qualcode.tui.screens.jump_list import JumpListScreen, Passage
from qualcode.tui.screens.lexical import LexicalSearchScreen
from qualcode.tui.screens.matrix import MatrixScreen
from qualcode.tui.screens.picker import PickerScreen
from qualcode.tui.screens.quotes import QuotesScreen
from qualcode.tui.screens.relations import RelationsScreen
from qualcode.tui.widgets.code_system import CodeSystem
from qualcode.tui.widgets.grid_table import GridTable

#: The installed name of the current analysis screen.
SCREEN_NAME = "analysis"

#: Workbench-wide keys of the analysis screens (added to QualcodeApp.BINDINGS).
ANALYSIS_BINDINGS = [
    Binding("f6", "code_matrix", "Code matrix", show=False, id="app.code_matrix"),
    Binding("f7", "code_relations", "Code relations", show=False, id="app.code_relations"),
    Binding("ctrl+o", "crosstab", "Crosstab by variable", show=False, id="app.crosstab"),
    Binding("ctrl+l", "lexical_search", "Lexical search", show=False, id="app.lexical_search"),
    Binding("ctrl+r", "representative_quotes", "Representative quotes", show=False,
            id="app.quotes"),
    Binding("ctrl+b", "back_to_analysis", "Back to the analysis", show=False,
            id="app.back_to_analysis"),
]


class Analysis:
    """Opens the analysis screens, brings the last one back, jumps from them to passages."""

    _analysis_screen: AnalysisScreen | None = None

    # -- opening and leaving ---------------------------------------------------------------
    def open_analysis(self, screen: AnalysisScreen) -> None:
        """Show ``screen`` over the workbench, replacing the previous analysis screen."""
        previous = self._analysis_screen
        shown = previous is not None and previous in self.screen_stack
        self._to_workbench()
        if previous is not None:
            self.uninstall_screen(previous)
            if not shown:  # a popped screen that is no longer installed is removed by Textual
                previous.remove()
        self._analysis_screen = screen
        self.back_to_review = False  # ctrl+b now returns here, not to the agreement review
        self.install_screen(screen, SCREEN_NAME)
        self.push_screen(SCREEN_NAME)

    def _to_workbench(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_back_to_analysis(self) -> None:
        if self.return_to_review():  # the last jump came from the agreement review
            return
        screen = self._analysis_screen
        if screen is None:
            self.notify("No analysis yet: F6 code matrix, F7 code relations, ctrl+o crosstab, "
                        "ctrl+l lexical search, ctrl+r quotes.", severity="warning")
            return
        if screen in self.screen_stack:
            while self.screen is not screen:
                self.pop_screen()
            return
        self._to_workbench()
        self.push_screen(SCREEN_NAME)

    def jump_to(self, passage: Passage | None) -> None:
        """Show ``passage`` in the Document Browser (ctrl+b returns to the analysis)."""
        if passage is None:
            return
        self.back_to_review = False
        self._to_workbench()
        self.open_document(passage.document_id, (passage.start, passage.end))
        if self._analysis_screen is not None:
            self.notify(f"ctrl+b: back to the {self._analysis_screen.TITLE_TEXT.lower()}",
                        timeout=3)

    def _changed(self, note: str | None = None) -> None:
        super()._changed(note)
        if self._analysis_screen is not None:
            self._analysis_screen.project_changed()

    # -- the screens -----------------------------------------------------------------------
    def action_code_matrix(self) -> None:
        self.open_analysis(MatrixScreen())

    def action_code_relations(self) -> None:
        self.open_analysis(RelationsScreen())

    def action_crosstab(self) -> None:
        self.open_analysis(CrosstabScreen())

    def action_lexical_search(self) -> None:
        self.open_analysis(LexicalSearchScreen())

    def action_representative_quotes(self) -> None:
        """Quotes of the code under the Code System's cursor (asks when there is none)."""
        code_id = self.query_one(CodeSystem).selected_code()
        if code_id is not None and self.code_by_id(code_id) is not None:
            self.open_analysis(QuotesScreen(code_id))
            return

        def chosen(value) -> None:
            if isinstance(value, int):
                self.open_analysis(QuotesScreen(value))

        self.push_screen(PickerScreen("Representative quotes of…", self.code_choices()), chosen)

    # -- export ----------------------------------------------------------------------------
    @work(thread=True, group="tasks")
    def run_analysis_export(self, path: Path, build: Callable[[Project], bytes]) -> None:
        """Build an export from its own connection and write it atomically, in a worker."""
        try:
            with Project.open(self.path) as project:
                data = build(project)
            write_atomically(path, data)
        except Exception as error:  # reported in the UI; nothing was written
            self.call_from_thread(self.notify, str(error), severity="error", timeout=6)
            return
        self.call_from_thread(self.notify, f"Wrote {path}")

    # -- discoverability -------------------------------------------------------------------
    def analysis_commands(self, screen) -> list[Command]:
        """Command palette entries: the analysis screens, and the shown screen's actions."""
        commands: list[Command] = [
            ("Code matrix", "Codes × documents, groups or variable values (F6)",
             self.action_code_matrix),
            ("Code relations", "Co-occurring codes: overlap, same turn, within N (F7)",
             self.action_code_relations),
            ("Crosstab by variable", ("Segments and documents per value, n in the headers "
                                      "(ctrl+o)"), self.action_crosstab),
            ("Lexical search…", ("Words, phrases, lemmas, OR/AND/NEAR; autocode the hits "
                                 "(ctrl+l)"), self.action_lexical_search),
            ("Representative quotes", ("Most typical quotes of the Code System's code; "
                                       "anchor examples (ctrl+r)"),
             self.action_representative_quotes),
            ("Back to the analysis", "Show the last analysis screen again (ctrl+b)",
             self.action_back_to_analysis),
        ]
        if isinstance(screen, AnalysisScreen):
            commands += screen.palette_commands()
        return commands

    def analysis_help_areas(self) -> list[tuple[str, list[Binding]]]:
        """``(area, bindings)`` of the analysis screens for the help screen."""
        return [
            ("Analysis screens", AnalysisScreen.BINDINGS),
            ("Matrix tables", GridTable.BINDINGS),
            ("Code matrix", MatrixScreen.BINDINGS),
            ("Code relations", RelationsScreen.BINDINGS),
            ("Crosstab", CrosstabScreen.BINDINGS),
            ("Lexical search", LexicalSearchScreen.BINDINGS),
            ("Autocode preview", AutocodePreviewScreen.BINDINGS),
            ("Quotes", QuotesScreen.BINDINGS),
            ("Cell segments", JumpListScreen.BINDINGS),
        ]
