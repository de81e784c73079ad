"""Code Matrix Browser: codes x documents, document groups or values of a document variable,
as counts, presence or percentages, drawn with scaled symbols beside the numbers; ``s`` limits
it to a document set."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from qualcode.analysis.matrix import VALUE_KINDS, CodeMatrix, code_matrix
from qualcode.exports.grids import GRID_FORMATS, format_value, matrix_grid, render
from qualcode.tui import analysis_jobs
from qualcode.tui.screens.analysis_base import AnalysisScreen, Command
from qualcode.tui.screens.jump_list import SEGMENT_COLUMNS, JumpListScreen, segment_rows
from qualcode.tui.screens.picker import Choice, PickerScreen
from qualcode.tui.screens.set_scope import DocumentSetScope
from qualcode.tui.widgets.grid_table import GridTable

VALUE_NAMES = {"count": "counts", "presence": "presence (1/0)", "row-percent": "row %",
               "column-percent": "column %"}
UNIT_NAMES = {"segments": "coded segments", "documents": "documents (each once)"}


def by_name(by: str) -> str:
    return {"document": "documents", "group": "document groups"}.get(by, f"variable {by}")


class MatrixScreen(DocumentSetScope, AnalysisScreen):
    """Enter on a cell lists the segments behind it; Enter on one of those jumps there."""

    TITLE_TEXT = "Code matrix"
    EXPORT_PATH = "exports/matrix.xlsx"
    EXPORT_FORMATS = ("xlsx", "csv", "md", "png", "svg", "json")
    BINDINGS = [
        Binding("b", "by", "Columns…", id="matrix.by"),
        Binding("v", "values", "Values", id="matrix.values"),
        Binding("r", "rollup", "Rollup", id="matrix.rollup"),
        Binding("u", "unit", "Segments/documents", show=False, id="matrix.unit"),
        Binding("y", "symbols", "Symbols on/off", show=False, id="matrix.symbols"),
        Binding("s", "document_set", "Document set…", show=False, id="matrix.set"),
    ]

    def __init__(self, by: str = "document", values: str = "count", unit: str = "segments",
                 rollup: bool = False) -> None:
        super().__init__()
        self.by, self.values, self.unit, self.rollup = by, values, unit, rollup
        self.symbols = True
        self.matrix: CodeMatrix | None = None
        self.variables: list[str] = []

    def compose_body(self) -> ComposeResult:
        yield GridTable(id="grid")

    def on_mount(self) -> None:  # the base class's on_mount runs too (Textual walks the MRO)
        self.query_one(GridTable).focus()

    def reload(self) -> None:
        by, values, unit, rollup = self.by, self.values, self.unit, self.rollup
        coder, document_set = self.app.coder_filter, self.document_set
        self.shown_coder = coder
        self.settings(f"Columns: {by_name(by)} · {VALUE_NAMES[values]} of {UNIT_NAMES[unit]}"
                      f" · rollup {'on' if rollup else 'off'}{self.set_note()}")
        self.app.db.submit(
            lambda p: analysis_jobs.load_matrix(p, by, values, unit, rollup, coder,
                                                document_set),
            self.alive(self._show), self.alive(self.failed))

    def _show(self, loaded) -> None:
        self.matrix, splits = loaded
        self.variables = splits.variables
        self.query_one(GridTable).show(matrix_grid(self.matrix, "de"), self.symbols)
        self._describe()

    def failed(self, error: Exception) -> None:
        self.matrix = None
        super().failed(error)

    def _describe(self) -> None:
        matrix, cell = self.matrix, self.query_one(GridTable).cell_at_cursor()
        if matrix is None:
            return
        if not matrix.rows or not matrix.columns:
            self.status("Nothing to show: no codes or no documents.")
            return
        if cell is None:
            self.status(f"{len(matrix.rows)} codes × {len(matrix.columns)} columns · "
                        f"{matrix.documents} documents")
            return
        i, j = cell
        row, column = matrix.rows[i], matrix.columns[j]
        count = matrix.counts[i][j]
        what = f"{count} {UNIT_NAMES[self.unit].split(' (')[0]}"
        if matrix.value_kind.endswith("percent"):
            share = format_value(matrix.values[i][j], "de")
            total = (matrix.row_totals[i] if matrix.value_kind == "row-percent"
                     else matrix.column_totals[j])
            what = f"{share} % ({count} of {total})"
        n = "" if matrix.by == "document" else f" (n = {column.documents})"
        self.status(f"{row.path} × {column.label}{n}: {what} · Enter lists the segments"
                    + (f" · column {j + 1}/{len(matrix.columns)}, [ ] pages"
                       if len(matrix.columns) > 8 else ""))

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._describe()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        cell = self.query_one(GridTable).cell_at_cursor()
        if cell is None or self.matrix is None:
            return
        row, column = self.matrix.rows[cell[0]], self.matrix.columns[cell[1]]
        by, rollup, coder, document_set = self.by, self.rollup, self.shown_coder, \
            self.document_set

        def show(segments) -> None:
            if not segments:
                self.notify("Nothing behind this cell.", timeout=2)
                return
            title = f"{row.path} × {column.label}: {len(segments)} segment(s)"
            self.app.push_screen(JumpListScreen(title, SEGMENT_COLUMNS, segment_rows(segments)),
                                 self.app.jump_to)

        self.app.db.submit(lambda p: analysis_jobs.cell_segments(
            p, row.path, column.label, by, rollup, coder, document_set),
            self.alive(show), self.alive(self.failed))

    # -- settings --------------------------------------------------------------------------
    def action_by(self) -> None:
        choices = [Choice("document", "Documents"), Choice("group", "Document groups"),
                   *(Choice(name, f"Variable: {name}") for name in self.variables)]

        def chosen(value) -> None:
            if isinstance(value, str):
                self.by = value
                self.reload()

        self.app.push_screen(PickerScreen("Columns of the matrix", choices), chosen)

    def action_values(self) -> None:
        self.values = VALUE_KINDS[(VALUE_KINDS.index(self.values) + 1) % len(VALUE_KINDS)]
        self.reload()

    def action_unit(self) -> None:
        self.unit = "documents" if self.unit == "segments" else "segments"
        self.reload()

    def action_rollup(self) -> None:
        self.rollup = not self.rollup
        self.reload()

    def action_symbols(self) -> None:
        self.symbols = not self.symbols
        if self.matrix is not None:
            self.query_one(GridTable).show(matrix_grid(self.matrix, "de"), self.symbols)

    def export_job(self, fmt: str):
        assert fmt in GRID_FORMATS
        by, values, unit, rollup, coder = (self.by, self.values, self.unit, self.rollup,
                                           self.shown_coder)
        sets = [self.document_set] if self.document_set else None
        return lambda project: render(matrix_grid(code_matrix(
            project, by=by, values=values, unit=unit, rollup=rollup, coder=coder, sets=sets)),
            fmt)

    def palette_commands(self) -> list[Command]:
        return [("Code matrix: columns…", "Documents, document groups or a variable",
                 self.action_by),
                ("Code matrix: next kind of values", "Counts, presence, row %, column %",
                 self.action_values),
                ("Code matrix: rollup on/off", "Parent codes include their subcodes",
                 self.action_rollup),
                ("Code matrix: count segments/documents", ("Each document once, or "
                                                            "every segment"), self.action_unit),
                ("Code matrix: symbols on/off", "Scaled blocks beside the numbers",
                 self.action_symbols),
                ("Code matrix: document set…", "Only the documents of one set (s)",
                 self.action_document_set),
                *super().palette_commands()]
