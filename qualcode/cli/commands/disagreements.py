"""``qualcode disagreements PROJECT --coders A,B``: every disagreement, for review."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.analysis.agreement.disagreements import list_disagreements
from qualcode.analysis.agreement.options import OVERLAPS
from qualcode.cli.commands.agreement import coders_option
from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import emit, message, write_stdout
from qualcode.cli.output_file import output_option
from qualcode.exports import disagreements as export
from qualcode.exports.labels import LANGUAGES
from qualcode.store.consensus import DEFAULT_CONSENSUS

FORMATS = ("table", "json", "csv", "xlsx", "md")


@click.command()
@project_argument
@coders_option("The two coders to compare, A,B.")
@click.option("--threshold", type=click.FloatRange(0, 100, min_open=True), default=90.0,
              show_default=True, help="Minimum overlap in percent for two segments to agree.")
@click.option("--overlap", type=click.Choice(OVERLAPS), default="union", show_default=True,
              help="Overlap measure: ÷ characters of either segment (union) or of the shorter.")
@click.option("--code", "codes", multiple=True, metavar="CODEPATH",
              help="Only this code and its subcodes (repeatable).")
@click.option("--document", "documents", multiple=True, metavar="DOCUMENT",
              help="Only this document (repeatable).")
@click.option("--consensus", default=DEFAULT_CONSENSUS, show_default=True, metavar="NAME",
              help="Consensus coder whose recorded resolutions are shown.")
@click.option("--open", "only_open", is_flag=True, help="Only disagreements not resolved yet.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@output_option("Write to this file (needed for xlsx).")
@click.option("--lang", "language", type=click.Choice(LANGUAGES), default="de",
              show_default=True, help="Language of the md and xlsx list.")
def disagreements(project: Path, coders: list[str], threshold: float, overlap: str,
                  codes: tuple[str, ...], documents: tuple[str, ...], consensus: str,
                  only_open: bool, fmt: str, output: Path | None, language: str) -> None:
    """List every disagreement between two coders: document, code, both coders' segments
    with lines and text, and the resolution recorded so far.

    The ID (A's segment id : B's segment id, - for none) is what `qualcode resolve` takes.
    """
    if len(coders) != 2:
        raise click.UsageError("--coders takes exactly two names: A,B")
    with opened(project) as proj:
        items = list_disagreements(proj, coders, threshold=threshold, overlap=overlap,
                                   codes=codes, documents=documents, consensus=consensus)
    if only_open:
        items = [d for d in items if d.resolution is None]
    pair = (coders[0], coders[1])
    resolved = sum(d.resolution is not None for d in items)
    message(f"{len(items)} disagreement(s) between {pair[0]} and {pair[1]}"
            f"{f', {resolved} resolved' if resolved else ''}")
    if output is not None:
        if fmt == "table":
            raise click.UsageError("-o FILE needs --format json, csv, xlsx or md")
        export.write(items, output, fmt, pair, language)
        message(f"wrote {output}")
    elif fmt == "xlsx":
        raise click.UsageError("--format xlsx needs -o FILE")
    elif fmt == "table":
        rows = export.flat_rows(items)
        for row in rows:
            row["overlap"] = f"{row['overlap'] * 100:.0f} %" if row["kind"] == "boundaries" \
                else ""
        emit(rows, "table", ["id", "document", "code", "kind", "lines_a", "text_a", "lines_b",
                             "text_b", "overlap", "resolution"],
             widths={"text_a": 40, "text_b": 40, "code": 28})
    else:
        write_stdout(export.render(items, fmt, pair, language).decode("utf-8"))
