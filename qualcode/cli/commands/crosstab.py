"""``qualcode crosstab PROJECT --by VARIABLE``: codes x values of a document variable, as
report tables print them ("Nennungen", n = ... in the column headers)."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.analysis.coder_scope import CoderScope
from qualcode.analysis.frequencies import code_frequencies
from qualcode.cli.coder_notice import coders_suffix, warn_if_mixed
from qualcode.cli.common import coder_filter_option, opened, project_argument, set_option
from qualcode.cli.grid_output import (
    emit_grid,
    grid_format_option,
    language_option,
    output_option,
)
from qualcode.exports.grids import CROSSTAB_COUNTS, crosstab_grid


@click.command()
@project_argument
@click.option("--by", required=True, metavar="VARIABLE|group",
              help="A document variable (e.g. Kommune, Modus) or 'group'.")
@click.option("--count", "count", type=click.Choice(CROSSTAB_COUNTS), default="both",
              show_default=True,
              help="Coded segments (mentions), documents (each document once), or both.")
@click.option("--percent", is_flag=True,
              help="Add the documents as a percentage of the column's n.")
@click.option("--total/--no-total", default=True, show_default=True,
              help="A first column for the whole project.")
@click.option("--rollup", is_flag=True, help="Parent codes include their subcodes' segments.")
@coder_filter_option()
@click.option("--group", "groups", multiple=True, metavar="NAME",
              help="Only documents of this document group (repeatable).")
@set_option()
@grid_format_option()
@output_option()
@language_option()
def crosstab(project: Path, by: str, count: str, percent: bool, total: bool, rollup: bool,
             coder: str | None, groups: tuple[str, ...], sets: tuple[str, ...], fmt: str,
             output: Path | None, language: str) -> None:
    """Crosstab of codes by a document variable: segments and/or documents per value, with
    n (documents) in the column headers.

    JSON: {"rows": [CODEPATH, ...], "columns": [KEY, ...], "values": [[...], ...]} with the
    keys of the CSV header: segments[VALUE], documents[VALUE], documents_percent[VALUE]
    (segments, documents, documents_percent for the total).
    """
    with opened(project) as proj:
        table = code_frequencies(proj, rollup=rollup, coder=coder, by=by,
                                 groups=list(groups) or None, sets=list(sets) or None)
    scope = CoderScope(coder, table.coders)
    warn_if_mixed(scope)
    emit_grid(crosstab_grid(table, count, percent, total, language), fmt, output, language,
              summary=coders_suffix(scope))
