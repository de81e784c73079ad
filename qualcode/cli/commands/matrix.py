"""``qualcode matrix PROJECT``: the code matrix (codes x documents, groups or variable values)."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.analysis.coder_scope import CoderScope, sorted_names
from qualcode.analysis.matrix import UNITS, VALUE_KINDS, code_matrix, matrix_cell_segments
from qualcode.cli.coder_notice import coders_suffix, warn_if_mixed
from qualcode.cli.common import coder_filter_option, opened, project_argument, set_option
from qualcode.cli.grid_output import (
    emit_grid,
    emit_segments,
    grid_format_option,
    language_option,
    output_option,
)
from qualcode.exports.grids import matrix_grid


@click.command()
@project_argument
@click.option("--by", default="document", show_default=True, metavar="document|group|VARIABLE",
              help="Columns: each document, each document group, or each value of a "
                   "document variable (e.g. Kommune, Modus).")
@click.option("--values", "values", type=click.Choice(VALUE_KINDS), default="count",
              show_default=True, help="What a cell shows.")
@click.option("--count", "unit", type=click.Choice(UNITS), default="segments",
              show_default=True,
              help="Count coded segments, or documents (each document once).")
@click.option("--rollup", is_flag=True, help="Parent codes include their subcodes' segments.")
@coder_filter_option()
@click.option("--group", "groups", multiple=True, metavar="NAME",
              help="Only documents of this document group (repeatable).")
@set_option()
@grid_format_option()
@output_option()
@click.option("--symbols", is_flag=True, help="Table: a scaled symbol before each number.")
@click.option("--cell", nargs=2, metavar="CODEPATH COLUMN",
              help="Instead of the matrix, list the coded segments behind one cell "
                   "(--format table|json|csv).")
@language_option()
def matrix(project: Path, by: str, values: str, unit: str, rollup: bool, coder: str | None,
           groups: tuple[str, ...], sets: tuple[str, ...], fmt: str, output: Path | None,
           symbols: bool, cell: tuple[str, str] | None,
           language: str) -> None:
    """Code matrix: codes x documents, document groups or values of a document variable.

    JSON: {"rows": [CODEPATH, ...], "columns": [...], "values": [[...], ...]}.
    Markdown, XLSX and charts print n (documents) in the column headers.
    """
    with opened(project) as proj:
        if cell:
            found = matrix_cell_segments(proj, cell[0], cell[1], by=by, rollup=rollup,
                                         coder=coder, groups=list(groups) or None,
                                         sets=list(sets) or None)
        else:
            result = code_matrix(proj, by=by, values=values, unit=unit, rollup=rollup,
                                 coder=coder, groups=list(groups) or None,
                                 sets=list(sets) or None)
    if cell:
        if fmt not in ("table", "json", "csv"):
            raise click.UsageError("--cell lists segments: use --format table, json or csv")
        warn_if_mixed(CoderScope(coder, sorted_names(s.coder for s in found)))
        emit_segments(found, fmt)
        return
    scope = CoderScope(coder, result.coders)
    warn_if_mixed(scope)
    emit_grid(matrix_grid(result, language), fmt, output, language, symbols,
              coders_suffix(scope))
