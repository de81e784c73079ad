"""``qualcode export qdpx|qdc|segments``: exchange files for other programs.

Registered into the ``export`` group (see :mod:`qualcode.cli.commands`).
"""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.analysis.coder_scope import CoderScope, sorted_names
from qualcode.cli.coder_notice import coders_suffix, warn_if_mixed
from qualcode.cli.common import opened, project_argument, segment_filter, segment_filter_options
from qualcode.cli.output import message, write_data
from qualcode.cli.output_file import output_option
from qualcode.exports import refi, segments_table
from qualcode.exports.labels import LANGUAGES
from qualcode.store.coders import list_coders
from qualcode.store.segments import query_segments

_output = output_option("Output file.", required=True)


@click.command("qdpx")
@project_argument
@_output
@click.option("--name", help="Project name in the file (default: the project file's name).")
def qdpx(project: Path, output: Path, name: str | None) -> None:
    """The whole project as a REFI-QDA project (.qdpx) for MAXQDA, ATLAS.ti, NVivo, QualCoder ...

    Coders, codes (colours; definition, anchor example and coding rules as the description),
    documents as UTF-8 text sources, coded segments with coder and comment, memos, document
    variables and document groups (as sets). GUIDs are kept, so a file that comes back
    matches. Positions are code points of the stored text.
    """
    with opened(project) as proj:
        report = refi.export_qdpx(proj, output, name)
        coders = sorted_names(c.name for c in list_coders(proj))
    # Every coding keeps its coder in the file, so nothing is mixed; the names are told.
    named = f" ({', '.join(coders)})" if coders else ""
    message(f"wrote {output}: {report.sources} documents, {report.codes} codes, "
            f"{report.codings} codings, {report.users} coders{named}, {report.notes} memos, "
            f"{report.variables} variables, {report.sets} document groups")
    for item in report.not_exported:
        message(f"  not exported: {item}")


@click.command("qdc")
@project_argument
@_output
def qdc(project: Path, output: Path) -> None:
    """The code system as a REFI-QDA codebook (.qdc), with GUIDs, colours and descriptions."""
    with opened(project) as proj:
        count = refi.export_qdc(proj, output)
    message(f"wrote {count} codes to {output}")


@click.command("segments")
@project_argument
@segment_filter_options
@click.option("--format", "fmt", type=click.Choice(segments_table.FORMATS), default="csv",
              show_default=True)
@output_option("Output file (default: stdout; required for xlsx).")
@click.option("--lang", "language", type=click.Choice(LANGUAGES), default="de",
              show_default=True, help="Language of the XLSX column titles.")
def segments_export(project: Path, codes: tuple[str, ...], no_subcodes: bool,
                    documents: tuple[str, ...], group: str | None, sets: tuple[str, ...],
                    coder: str | None, fmt: str,
                    output: Path | None, language: str) -> None:
    """Coded segments as a table: one row per segment with document group, document, code,
    first and last line, time mark, coded text, coder, comment, weight and creation time.

    CSV columns (fixed keys): group, document, code, line_start, line_end, time, text, coder,
    comment, weight, created, id, start, end.
    """
    if output is None and fmt == "xlsx":
        raise click.UsageError("--format xlsx needs -o FILE")
    with opened(project) as proj:
        found = query_segments(proj, segment_filter(proj, codes, no_subcodes, documents, group,
                                                    coder, sets))
    scope = CoderScope(coder, sorted_names(s.coder for s in found))
    warn_if_mixed(scope, "exported")
    if output is None:
        write_data(segments_table.to_csv(found).encode("utf-8"))
        return
    shortened = segments_table.write(found, output, fmt, language)
    message(f"wrote {len(found)} coded segments to {output}{coders_suffix(scope)}")
    if shortened:
        message(f"  note: {shortened} text(s) longer than Excel's cell limit "
                f"({segments_table.EXCEL_CELL_LIMIT:,} characters) were shortened")
