"""A code-by-column table (code matrix, code relations, crosstab) drawn in the terminal: codes
in their colours down the left (fixed while the columns scroll), every cell a scaled block
``▁..█`` beside its number, column headers on two or three lines (the label, ``n = …``,
what the column counts)."""

from __future__ import annotations

import re
import textwrap

from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from qualcode.exports.grids import Grid, format_value, scaled_symbol

_HEADER = re.compile(r"^(?P<label>.*) \(n = (?P<n>\d+)\)(?:: (?P<kind>.*))?$", re.DOTALL)
MIN_CELL = 6
MAX_CELL = 16
WIDE_CELL = 24


def header_lines(label: str, width: int) -> tuple[list[str], list[str]]:
    """A grid column label as header lines ``(label lines, detail lines)``: the label
    wrapped onto at most two lines of ``width``, then ``n = …`` and what the column counts
    (``Kreis (n = 2): Nennungen`` -> ``(["Kreis"], ["n = 2", "Nennungen"])``)."""
    match = _HEADER.match(label)
    value = match["label"] if match else label
    lines = textwrap.wrap(value, width, break_long_words=False) or [""]
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    details = []
    if match:
        details = [f"n = {match['n']}"] + ([match["kind"]] if match["kind"] else [])
    return [_fit(line, width) for line in lines], [_fit(line, width) for line in details]


def _header_width(label: str) -> int:
    """Cells the header would like: the whole label (value, ``n = …``, kind) up to
    :data:`WIDE_CELL`, else half of it (two lines)."""
    match = _HEADER.match(label)
    value = match["label"] if match else label
    wanted = len(value) if len(value) <= WIDE_CELL else (len(value) + 1) // 2
    wanted = max([wanted, *(len(word) for word in value.split())])
    if match:
        wanted = max(wanted, len(match["kind"] or ""), len(f"n = {match['n']}"))
    return wanted


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class GridTable(DataTable):
    """Shows a :class:`~qualcode.exports.grids.Grid`; the cursor moves cell by cell and
    ``[``/``]`` page through the columns. Column 0 is the code; grid column ``j`` is table
    column ``j + 1``."""

    DEFAULT_CSS = """
    GridTable { height: 1fr; border: round $primary-background; }
    GridTable:focus { border: round $accent; }
    """
    BINDINGS = [
        Binding("right_square_bracket", "page(1)", "Next columns", show=False,
                id="grid.next_columns"),
        Binding("left_square_bracket", "page(-1)", "Previous columns", show=False,
                id="grid.previous_columns"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="cell", fixed_columns=1, header_height=2,
                         zebra_stripes=True, **kwargs)
        self.grid: Grid | None = None
        self.cell_width = MIN_CELL

    def show(self, grid: Grid, symbols: bool = True, max_cell: int = MAX_CELL) -> None:
        """Draw ``grid`` (keeping the cursor where it was when the shape allows); columns
        are at most ``max_cell`` wide unless the terminal has room for more."""
        cursor = self.cursor_coordinate
        self.grid = grid
        self.clear(columns=True)
        name_width = max((len(r.name) + 2 * r.depth + 2 for r in grid.rows), default=8)
        name_width = min(max(name_width, 10), max(18, min(40, self.app.size.width // 3)))
        top = max((v for row in grid.values for v in row if v is not None), default=0)
        texts = [[format_value(v, "de") for v in row] for row in grid.values]
        # Few columns in a wide terminal: room for whole labels; many: scroll or page.
        room = (self.app.size.width - name_width - 4) // max(1, len(grid.column_labels)) - 2
        cap = min(WIDE_CELL, max(max_cell, room))
        mark = 2 if symbols else 0
        widths = [min(cap, max(MIN_CELL, _header_width(label),
                               max((len(row[j]) for row in texts), default=1) + mark))
                  for j, label in enumerate(grid.column_labels)]
        self.cell_width = sum(widths) // max(1, len(widths))
        headers = [header_lines(label, width)
                   for label, width in zip(grid.column_labels, widths)]
        # Labels on one or two lines, padded above, so that the n = … lines align.
        label_lines = max((len(h[0]) for h in headers), default=1)
        detail_lines = max((len(h[1]) for h in headers), default=0)
        self.header_height = label_lines + detail_lines
        self.add_column(Text("\n" * (self.header_height - 1) + "Code"), width=name_width,
                        key="code")
        for index, ((lines, details), width) in enumerate(zip(headers, widths)):
            lines = [""] * (self.header_height - detail_lines - len(lines)) + lines + details
            self.add_column(Text("\n".join(lines), justify="right"), width=width,
                            key=str(index))
        for i, (row, values) in enumerate(zip(grid.rows, grid.values)):
            name = Text.assemble(("■ ", row.color), "· " * row.depth,
                                 (row.name, "bold" if row.depth == 0 else ""))
            name.truncate(name_width, overflow="ellipsis")
            cells = []
            for value, text in zip(values, texts[i]):
                shown = Text(justify="right")
                mark = scaled_symbol(value, top) if symbols else ""
                if mark.strip():
                    shown.append(f"{mark} ", style=row.color)
                shown.append(text, style="" if value else "dim")
                cells.append(shown)
            self.add_row(name, *cells, key=str(i))
        if self.row_count and grid.column_labels:
            row = min(cursor.row, self.row_count - 1)
            column = min(max(cursor.column, 1), len(grid.column_labels))
            self.move_cursor(row=row, column=column, animate=False)

    def cell_at_cursor(self) -> tuple[int, int] | None:
        """``(row, grid column)`` under the cursor, ``None`` on the code column or when empty."""
        if self.grid is None or not self.row_count:
            return None
        coordinate: Coordinate = self.cursor_coordinate
        if coordinate.column == 0 or coordinate.row >= len(self.grid.rows):
            return None
        return coordinate.row, coordinate.column - 1

    def action_page(self, step: int) -> None:
        """Move the cursor a screenful of columns left or right."""
        if self.grid is None or not self.grid.column_labels:
            return
        fixed = self.columns[next(iter(self.columns))].get_render_width(self)
        visible = max(1, (self.scrollable_content_region.width - fixed)
                      // (self.cell_width + 2 * self.cell_padding))
        column = self.cursor_coordinate.column + step * visible
        column = min(max(column, 1), len(self.grid.column_labels))
        self.move_cursor(column=column, scroll=False)
        # The page starts with the cursor's column (the code column stays fixed).
        widths = [c.get_render_width(self) for c in self.ordered_columns[1:column]]
        self.scroll_to(x=sum(widths), animate=False)
