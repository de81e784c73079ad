"""``qualcode cooccurrence PROJECT``: code relations (codes x codes)."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.analysis.coder_scope import CoderScope, sorted_names
from qualcode.analysis.cooccurrence import UNITS, code_cooccurrence, cooccurring_segments
from qualcode.cli.coder_notice import coders_suffix, warn_if_mixed
from qualcode.cli.commands.segments import segment_record
from qualcode.cli.common import coder_filter_option, opened, project_argument
from qualcode.cli.grid_output import (
    emit_grid,
    grid_format_option,
    language_option,
    output_option,
)
from qualcode.cli.output import emit
from qualcode.exports.grids import cooccurrence_grid


@click.command()
@project_argument
@click.option("--within", default="overlap", show_default=True, metavar="overlap|turn|N",
              help="Overlapping segments, segments in the same speaker turn, or at most N "
                   "characters apart.")
@coder_filter_option()
@click.option("--code", "codes", multiple=True, metavar="CODEPATH",
              help="Only these codes and their subcodes (repeatable; default: all).")
@click.option("--count", "unit", type=click.Choice(UNITS), default="pairs", show_default=True,
              help="Count pairs of segments, or documents with at least one pair.")
@grid_format_option()
@output_option()
@click.option("--symbols", is_flag=True, help="Table: a scaled symbol before each number.")
@click.option("--cell", nargs=2, metavar="CODEPATH CODEPATH",
              help="Instead of the matrix, list the pairs of segments behind one cell "
                   "(--format table|json|csv).")
@language_option()
def cooccurrence(project: Path, within: str, coder: str | None, codes: tuple[str, ...],
                 unit: str, fmt: str, output: Path | None, symbols: bool,
                 cell: tuple[str, str] | None, language: str) -> None:
    """Code co-occurrence: how often two codes are applied together by the same coder.

    JSON: {"rows": [CODEPATH, ...], "columns": [CODEPATH, ...], "values": [[...], ...]};
    the diagonal is 0. With --cell, JSON is a list of {"a": segment, "b": segment} in the
    `segments --format json` shape.
    """
    with opened(project) as proj:
        if cell:
            pairs = cooccurring_segments(proj, cell[0], cell[1], within=within, coder=coder)
        else:
            result = code_cooccurrence(proj, within=within, coder=coder,
                                       codes=list(codes) or None, unit=unit)
    if cell:
        if fmt not in ("table", "json", "csv"):
            raise click.UsageError("--cell lists segments: use --format table, json or csv")
        warn_if_mixed(CoderScope(coder, sorted_names(p.a.coder for p in pairs)))
        if fmt == "json":
            emit([{"a": segment_record(p.a), "b": segment_record(p.b)} for p in pairs],
                 "json", [])
            return
        rows = [{"document": p.a.document, "a_id": p.a.id, "a_lines": _lines(p.a),
                 "a_code": p.a.code, "b_id": p.b.id, "b_lines": _lines(p.b),
                 "b_code": p.b.code, "coder": p.a.coder, "a_text": p.a.text,
                 "b_text": p.b.text} for p in pairs]
        columns = ["document", "coder", "a_id", "a_lines", "a_text", "b_id", "b_lines",
                   "b_text"]
        emit(rows, fmt, columns, widths={"a_text": 40, "b_text": 40})
        return
    scope = CoderScope(coder, result.coders)
    warn_if_mixed(scope)
    emit_grid(cooccurrence_grid(result, language), fmt, output, language, symbols,
              coders_suffix(scope))


def _lines(segment) -> str:
    if segment.line_start == segment.line_end:
        return str(segment.line_start)
    return f"{segment.line_start}-{segment.line_end}"
