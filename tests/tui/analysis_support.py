"""Helpers for the analysis-screen tests: open a screen, read a drawn table."""

from __future__ import annotations

from textual.coordinate import Coordinate
from tui_support import settle, wait_for

from qualcode.tui.widgets.grid_table import GridTable

#: Long enough for the first spaCy load and lemmatisation on a busy test machine.
NLP_TIMEOUT = 60.0


async def open_analysis(pilot, app, key: str, screen_type):
    """Start the workbench, press ``key`` and wait until its analysis screen has data."""
    await wait_for(pilot, lambda: app.state is not None)
    await settle(pilot, app)
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, screen_type))
    await settle(pilot, app)
    await settle(pilot, app)
    return app.screen


def numbers(table: GridTable) -> list[list[str]]:
    """The cells as drawn without their scaled symbols, one list per code row."""
    out = []
    for row in range(table.row_count):
        cells = [table.get_cell_at(Coordinate(row, column)).plain
                 for column in range(1, len(table.columns))]
        out.append([cell.split(" ")[-1] for cell in cells])
    return out


def symbols(table: GridTable) -> list[list[str]]:
    """The scaled symbols drawn before the numbers (``""`` where there is none)."""
    out = []
    for row in range(table.row_count):
        cells = [table.get_cell_at(Coordinate(row, column)).plain
                 for column in range(1, len(table.columns))]
        out.append([cell.split(" ")[0] if " " in cell else "" for cell in cells])
    return out


def row_names(table: GridTable) -> list[str]:
    return [table.get_cell_at(Coordinate(row, 0)).plain for row in range(table.row_count)]


def headers(table: GridTable) -> list[str]:
    """Each column header's (non-empty) lines joined with `` | ``."""
    return [" | ".join(line for line in column.label.plain.split("\n") if line)
            for column in list(table.columns.values())[1:]]
