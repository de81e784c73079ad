"""Output of the code-by-column tables (matrix, co-occurrence, crosstab) and of segment
lists behind a cell, shared by those commands."""

from __future__ import annotations

from pathlib import Path

import click
from tabulate import tabulate

from qualcode.cli.commands.segments import segment_record
from qualcode.cli.output import emit, message, terminal_text, write_data, write_stdout
from qualcode.cli.output_file import output_option as checked_output_option
from qualcode.domain.models import Segment
from qualcode.exports.files import write_atomically
from qualcode.exports.grids import BINARY_FORMATS, GRID_FORMATS, Grid, render, table_rows
from qualcode.exports.labels import LANGUAGES

TABLE_FORMATS = ("table", *GRID_FORMATS)


def grid_format_option():
    return click.option("--format", "fmt", type=click.Choice(TABLE_FORMATS), default="table",
                        show_default=True,
                        help="table (terminal), json, csv, xlsx, md, or a heatmap png/svg.")


def output_option():
    return checked_output_option("Output file (default: stdout; required for xlsx and png).")


def language_option():
    return click.option("--lang", "language", type=click.Choice(LANGUAGES), default="de",
                        show_default=True, help="Language of headings and labels.")


def emit_grid(grid: Grid, fmt: str, output: Path | None, language: str,
              symbols: bool = False, summary: str = "") -> None:
    """Print or write ``grid`` in ``fmt``; ``table`` is for the terminal only. ``summary``
    follows ``wrote FILE`` (e.g. whose segments were counted)."""
    if fmt == "table":
        if output is not None:
            raise click.UsageError("--format table prints to the terminal; use csv, md, "
                                   "xlsx, json, png or svg with -o")
        from qualcode.exports.analysis_labels import words

        headers = [terminal_text(h) for h in [words(language)["code"], *grid.column_labels]]
        rows = [[terminal_text(cell) for cell in row]
                for row in table_rows(grid, language, symbols)]
        write_stdout(terminal_text(f"{grid.title}: {grid.note}") + "\n")
        write_stdout(tabulate(rows, headers=headers,
                              tablefmt="simple", disable_numparse=True,
                              colalign=("left", *["right"] * len(grid.column_labels)))
                     + "\n")
        return
    data = render(grid, fmt, language)
    if output is None:
        if fmt in BINARY_FORMATS:
            raise click.UsageError(f"--format {fmt} needs -o FILE")
        write_data(data)
        return
    write_atomically(output, data)
    message(f"wrote {output}{summary}")


def emit_segments(segments: list[Segment], fmt: str) -> None:
    """Segments in the ``segments --format json`` shape (json), or a table/CSV."""
    rows = [segment_record(s) for s in segments]
    if fmt == "json":
        emit(rows, "json", [])
        return
    for row in rows:
        row["lines"] = (f"{row['line_start']}" if row["line_start"] == row["line_end"]
                        else f"{row['line_start']}-{row['line_end']}")
    if fmt == "csv":
        emit(rows, "csv", ["id", "document", "code", "coder", "start", "end", "line_start",
                           "line_end", "time", "text"])
    else:
        emit(rows, "table", ["id", "document", "lines", "code", "coder", "text"],
             widths={"text": 60, "code": 36})
