"""Code Relations Browser: how often two codes occur together (overlapping segments, the same
speaker turn, or within N characters), drawn with scaled symbols beside the numbers."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from qualcode.analysis.cooccurrence import CooccurrenceMatrix, Relation, code_cooccurrence
from qualcode.exports.grids import GRID_FORMATS, cooccurrence_grid, render
from qualcode.tui import analysis_jobs
from qualcode.tui.screens.analysis_base import AnalysisScreen, Command
from qualcode.tui.screens.dialogs import PromptScreen
from qualcode.tui.screens.jump_list import PAIR_COLUMNS, JumpListScreen, pair_rows
from qualcode.tui.widgets.grid_table import GridTable

DEFAULT_DISTANCE = 200
RELATION_CELL = 12


def within_name(within: str) -> str:
    relation = Relation.parse(within)
    if relation.kind == "distance":
        return f"within {relation.distance} characters"
    return {"overlap": "overlapping segments", "turn": "in the same speaker turn"}[relation.kind]


class RelationsScreen(AnalysisScreen):
    """Codes on both axes; Enter on a cell lists the pairs of segments behind it."""

    TITLE_TEXT = "Code relations"
    EXPORT_PATH = "exports/code-relations.xlsx"
    EXPORT_FORMATS = ("xlsx", "csv", "md", "png", "svg", "json")
    BINDINGS = [
        Binding("w", "within", "Overlap/turn/N", id="relations.within"),
        Binding("n", "distance", "N characters…", id="relations.distance"),
        Binding("u", "unit", "Pairs/documents", show=False, id="relations.unit"),
    ]

    def __init__(self, within: str = "overlap", unit: str = "pairs") -> None:
        super().__init__()
        self.within, self.unit = within, unit
        self.distance = DEFAULT_DISTANCE
        self.matrix: CooccurrenceMatrix | None = None

    def compose_body(self) -> ComposeResult:
        yield GridTable(id="grid")

    def on_mount(self) -> None:  # the base class's on_mount runs too
        self.query_one(GridTable).focus()

    def reload(self) -> None:
        within, unit = self.within, self.unit
        coder = self.shown_coder = self.app.coder_filter
        self.settings(f"Co-occurring: {within_name(within)} · counting "
                      f"{'pairs' if unit == 'pairs' else 'documents'}")
        self.app.db.submit(lambda p: analysis_jobs.load_relations(p, within, unit, coder),
                           self.alive(self._show), self.alive(self.failed))

    def _show(self, matrix: CooccurrenceMatrix) -> None:
        self.matrix = matrix
        # Codes on both axes: narrow columns, names wrapped (the status line has them whole).
        self.query_one(GridTable).show(cooccurrence_grid(matrix, "de"), max_cell=RELATION_CELL)
        self._describe()

    def failed(self, error: Exception) -> None:
        self.matrix = None
        super().failed(error)

    def _describe(self) -> None:
        matrix, cell = self.matrix, self.query_one(GridTable).cell_at_cursor()
        if matrix is None:
            return
        if not matrix.codes:
            self.status("No codes yet.")
            return
        if cell is None:
            total = sum(sum(row) for row in matrix.values) // 2
            self.status(f"{len(matrix.codes)} codes · {total} co-occurrence(s)")
            return
        i, j = cell
        a, b = matrix.codes[i], matrix.codes[j]
        if i == j:
            self.status(f"{a.path}: the diagonal is 0 (a code with itself)")
            return
        unit = "pair(s) of segments" if matrix.unit == "pairs" else "document(s)"
        self.status(f"{a.path} ⟷ {b.path}: {matrix.values[i][j]} {unit} · Enter lists "
                    "the pairs")

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._describe()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        cell = self.query_one(GridTable).cell_at_cursor()
        if cell is None or self.matrix is None or cell[0] == cell[1]:
            return
        a, b = self.matrix.codes[cell[0]], self.matrix.codes[cell[1]]
        within, coder = self.within, self.shown_coder

        def show(pairs) -> None:
            if not pairs:
                self.notify("Nothing behind this cell.", timeout=2)
                return
            title = f"{a.path} ⟷ {b.path}: {len(pairs)} pair(s)"
            self.app.push_screen(JumpListScreen(title, PAIR_COLUMNS, pair_rows(pairs)),
                                 self.app.jump_to)

        self.app.db.submit(lambda p: analysis_jobs.pair_segments(p, a.path, b.path, within,
                                                                 coder),
                           self.alive(show), self.alive(self.failed))

    # -- settings --------------------------------------------------------------------------
    def action_within(self) -> None:
        """overlap -> turn -> within N characters -> overlap."""
        order = ["overlap", "turn", str(self.distance)]
        current = order.index(self.within) if self.within in order else 2
        self.within = order[(current + 1) % 3]
        self.reload()

    def action_distance(self) -> None:
        def chosen(answer: str | None) -> None:
            if answer is None:
                return
            if not answer.strip().isdigit():
                self.notify("A number of characters, e.g. 200.", severity="error")
                return
            self.distance = int(answer.strip())
            self.within = str(self.distance)
            self.reload()

        self.app.push_screen(PromptScreen("Co-occurrence within how many characters?",
                                          str(self.distance)), chosen)

    def action_unit(self) -> None:
        self.unit = "documents" if self.unit == "pairs" else "pairs"
        self.reload()

    def export_job(self, fmt: str):
        assert fmt in GRID_FORMATS
        within, unit, coder = self.within, self.unit, self.shown_coder
        return lambda project: render(cooccurrence_grid(code_cooccurrence(
            project, within=within, unit=unit, coder=coder)), fmt)

    def palette_commands(self) -> list[Command]:
        return [("Code relations: overlap / turn / N characters", "Next kind of co-occurrence",
                 self.action_within),
                ("Code relations: within N characters…", "Set N", self.action_distance),
                ("Code relations: count pairs/documents", "Pairs of segments, or documents",
                 self.action_unit),
                *super().palette_commands()]
