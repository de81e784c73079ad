"""Crosstab by a document variable (or the document group), as report tables print it:
coded segments ("Nennungen") and documents per value, with n in the column headers; ``s``
limits it to a document set."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from qualcode.analysis.frequencies import FrequencyTable, code_frequencies
from qualcode.exports.grids import CROSSTAB_COUNTS, GRID_FORMATS, Grid, crosstab_grid, render
from qualcode.tui import analysis_jobs
from qualcode.tui.screens.analysis_base import AnalysisScreen, Command
from qualcode.tui.screens.jump_list import SEGMENT_COLUMNS, JumpListScreen, segment_rows
from qualcode.tui.screens.picker import Choice, PickerScreen
from qualcode.tui.screens.set_scope import DocumentSetScope
from qualcode.tui.widgets.grid_table import GridTable

COUNT_NAMES = {"both": "segments and documents", "segments": "segments (Nennungen)",
               "documents": "documents (each once)"}


def column_value(key: str) -> str | None:
    """The variable value of a crosstab column key (``documents[Kreis]`` -> ``Kreis``);
    ``None`` for the total columns."""
    return key.split("[", 1)[1][:-1] if "[" in key else None


class CrosstabScreen(DocumentSetScope, AnalysisScreen):
    """Codes x values of a variable; Enter on a cell lists its segments."""

    TITLE_TEXT = "Crosstab"
    EXPORT_PATH = "exports/crosstab.xlsx"
    EXPORT_FORMATS = ("xlsx", "csv", "md", "png", "svg", "json")
    BINDINGS = [
        Binding("b", "by", "Variable…", id="crosstab.by"),
        Binding("c", "count", "Segments/documents", id="crosstab.count"),
        Binding("p", "percent", "% of n", id="crosstab.percent"),
        Binding("r", "rollup", "Rollup", id="crosstab.rollup"),
        Binding("s", "document_set", "Document set…", show=False, id="crosstab.set"),
    ]

    def __init__(self, by: str | None = None, count: str = "both", percent: bool = False,
                 rollup: bool = False) -> None:
        super().__init__()
        self.by, self.count, self.percent, self.rollup = by, count, percent, rollup
        self.table: FrequencyTable | None = None
        self.grid: Grid | None = None
        self.variables: list[str] = []

    def compose_body(self) -> ComposeResult:
        yield GridTable(id="grid")

    def on_mount(self) -> None:  # the base class's on_mount runs too
        self.query_one(GridTable).focus()

    def reload(self) -> None:
        by, rollup, document_set = self.by, self.rollup, self.document_set
        coder = self.shown_coder = self.app.coder_filter
        self._settings()
        self.app.db.submit(lambda p: analysis_jobs.load_crosstab(p, by, rollup, coder,
                                                                 document_set),
                           self.alive(self._show), self.alive(self.failed))

    def _settings(self) -> None:
        by = "…" if self.by is None else ("document group" if self.by == "group" else self.by)
        self.settings(f"By {by} · {COUNT_NAMES[self.count]}"
                      f"{' · % of n' if self.percent else ''} · rollup "
                      f"{'on' if self.rollup else 'off'}{self.set_note()}")

    def _show(self, loaded) -> None:
        self.table, splits = loaded
        self.variables = splits.variables
        self.by = self.table.split_by
        self._settings()
        self._draw()

    def _draw(self) -> None:
        self.grid = crosstab_grid(self.table, self.count, self.percent, True, "de")
        self.query_one(GridTable).show(self.grid, symbols=False)
        self._describe()

    def failed(self, error: Exception) -> None:
        self.table = self.grid = None
        super().failed(error)

    def _describe(self) -> None:
        table, grid = self.table, self.grid
        cell = self.query_one(GridTable).cell_at_cursor()
        if table is None or grid is None:
            return
        if cell is None:
            n = ", ".join(f"{value}: {count}" for value, count in table.columns.items())
            self.status(f"n = {table.documents} documents ({n})")
            return
        i, j = cell
        value = column_value(grid.column_keys[j])
        row = table.rows[i]
        found = row.total if value is None else row.columns[value]
        every = "all documents" + (f" of set {self.document_set}" if self.document_set else "")
        where = every if value is None else f"{table.split_by} = {value}"
        self.status(f"{row.path}, {where}: {found.segments} segment(s) in {found.documents} "
                    "document(s) · Enter lists them")

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._describe()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        cell = self.query_one(GridTable).cell_at_cursor()
        if cell is None or self.table is None or self.grid is None:
            return
        row = self.table.rows[cell[0]]
        value = column_value(self.grid.column_keys[cell[1]])
        by, rollup, coder = self.table.split_by, self.rollup, self.shown_coder
        document_set = self.document_set

        def show(segments) -> None:
            if not segments:
                self.notify("Nothing behind this cell.", timeout=2)
                return
            title = f"{row.path}, {value or 'all documents'}: {len(segments)} segment(s)"
            self.app.push_screen(JumpListScreen(title, SEGMENT_COLUMNS, segment_rows(segments)),
                                 self.app.jump_to)

        self.app.db.submit(lambda p: analysis_jobs.cell_segments(p, row.path, value, by,
                                                                 rollup, coder, document_set),
                           self.alive(show), self.alive(self.failed))

    # -- settings --------------------------------------------------------------------------
    def action_by(self) -> None:
        choices = [Choice("group", "Document groups"),
                   *(Choice(name, f"Variable: {name}") for name in self.variables)]

        def chosen(value) -> None:
            if isinstance(value, str):
                self.by = value
                self.reload()

        self.app.push_screen(PickerScreen("Crosstab by…", choices), chosen)

    def action_count(self) -> None:
        self.count = CROSSTAB_COUNTS[(CROSSTAB_COUNTS.index(self.count) + 1)
                                     % len(CROSSTAB_COUNTS)]
        self._settings()
        if self.table is not None:
            self._draw()

    def action_percent(self) -> None:
        self.percent = not self.percent
        self._settings()
        if self.table is not None:
            self._draw()

    def action_rollup(self) -> None:
        self.rollup = not self.rollup
        self.reload()

    def export_job(self, fmt: str):
        assert fmt in GRID_FORMATS
        by, count, percent = self.by, self.count, self.percent
        rollup, coder = self.rollup, self.shown_coder
        sets = [self.document_set] if self.document_set else None
        return lambda project: render(crosstab_grid(code_frequencies(
            project, rollup=rollup, coder=coder, by=by, sets=sets), count, percent, True), fmt)

    def palette_commands(self) -> list[Command]:
        return [("Crosstab: variable…", "Split by a document variable or the group",
                 self.action_by),
                ("Crosstab: segments / documents / both", "What the cells count",
                 self.action_count),
                ("Crosstab: % of n on/off", "Documents as a percentage of the column's n",
                 self.action_percent),
                ("Crosstab: rollup on/off", "Parent codes include their subcodes",
                 self.action_rollup),
                ("Crosstab: document set…", "Only the documents of one set (s)",
                 self.action_document_set),
                *super().palette_commands()]
