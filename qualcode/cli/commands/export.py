"""``qualcode export frequencies|quotes``: report files."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.analysis.coder_scope import CoderScope, coder_scope
from qualcode.analysis.frequencies import code_frequencies
from qualcode.cli.coder_notice import coders_suffix, warn_if_mixed
from qualcode.cli.common import coder_filter_option, opened, project_argument, set_option
from qualcode.cli.output import message, write_data
from qualcode.cli.output_file import output_option
from qualcode.exports import frequencies as frequency_export
from qualcode.exports import quotes as quote_export
from qualcode.exports import report as report_export
from qualcode.exports.files import write_atomically
from qualcode.exports.labels import LANGUAGES

language_option = click.option("--lang", "language", type=click.Choice(LANGUAGES), default="de",
                               show_default=True, help="Language of headings and labels.")


def _emit(render, output: Path | None, fmt: str, scope: CoderScope | None = None) -> None:
    """Render once (``render() -> bytes``), then write to ``output`` atomically or to stdout;
    the summary line names the coders of ``scope``."""
    if output is None and fmt in ("xlsx", "docx", "png"):
        raise click.UsageError(f"--format {fmt} needs -o FILE")
    data = render()
    if output is None:
        write_data(data)
    else:
        write_atomically(output, data)
        message(f"wrote {output}" + (coders_suffix(scope) if scope is not None else ""))


def output_format(fmt: str | None, output: Path | None, formats: tuple[str, ...],
                  default: str) -> str:
    """The --format given, else the -o file's extension when it is a known format."""
    if fmt is not None:
        return fmt
    suffix = output.suffix.lstrip(".").lower() if output is not None else ""
    if suffix == "markdown":
        suffix = "md"
    return suffix if suffix in formats else default


@click.group()
def export() -> None:
    """Write frequency tables, quote collections and exchange files (qdpx, qdc, segments)."""


@export.command("frequencies")
@project_argument
@click.option("--by", metavar="group|VARIABLE",
              help="Split the counts by document group or by a document variable.")
@click.option("--rollup", is_flag=True, help="Count subcodes' segments in their parents.")
@coder_filter_option()
@click.option("--group", "groups", multiple=True, metavar="NAME",
              help="Only documents of this document group (repeatable).")
@set_option()
@click.option("--format", "fmt", type=click.Choice(frequency_export.FORMATS), default=None,
              help="Output format [default: from the -o file name, else csv].")
@output_option("Output file (default: stdout; required for xlsx and png).")
@language_option
def frequencies(project: Path, by: str | None, rollup: bool, coder: str | None,
                groups: tuple[str, ...], sets: tuple[str, ...], fmt: str | None,
                output: Path | None, language: str) -> None:
    """Coded segments and documents per code, with the percentage of documents.

    png/svg: a bar chart of coded segments per code in the code colours.
    """
    fmt = output_format(fmt, output, frequency_export.FORMATS, "csv")
    with opened(project) as proj:
        table = code_frequencies(proj, rollup=rollup, coder=coder, by=by,
                                 groups=list(groups) or None, sets=list(sets) or None)
    scope = CoderScope(coder, table.coders)
    warn_if_mixed(scope)
    _emit(lambda: frequency_export.render(table, fmt, language), output, fmt, scope)


@export.command("quotes")
@project_argument
@click.option("--code", "codes", multiple=True, metavar="CODEPATH",
              help="Only these codes and their subcodes (repeatable; default: all).")
@click.option("--attribution", default="name", show_default=True,
              metavar="name|group|VARIABLE|none",
              help="What follows each quote; combine with commas (group,Kommune). "
                   "'none' leaves out every document name and variable value.")
@coder_filter_option()
@click.option("--group", "groups", multiple=True, metavar="NAME",
              help="Only documents of this document group (repeatable).")
@set_option()
@click.option("--format", "fmt", type=click.Choice(quote_export.FORMATS), default=None,
              help="Output format [default: from the -o file name, else md].")
@output_option("Output file (default: stdout; required for docx).")
@click.option("--title", help="Title of the collection.")
@click.option("--representative", type=click.IntRange(1, None), metavar="N",
              help="Only the N most representative quotes per code (anchor examples first, "
                   "at most one per document; see `qualcode quotes`).")
@click.option("--memos/--no-memos", default=True, show_default=True,
              help="Code memos after each code's definition.")
@click.option("--document-memos", is_flag=True,
              help="A last chapter with the document memos (attributed like the quotes).")
@language_option
def quotes(project: Path, codes: tuple[str, ...], attribution: str, coder: str | None,
           groups: tuple[str, ...], sets: tuple[str, ...], fmt: str | None,
           output: Path | None, title: str | None,
           representative: int | None, memos: bool, document_memos: bool,
           language: str) -> None:
    """Quote collection by theme: a chapter per top-level code, a section per subcode, each
    with the code's definition and memos."""
    fmt = output_format(fmt, output, quote_export.FORMATS, "md")
    with opened(project) as proj:
        chapters = quote_export.collect_quotes(proj, list(codes) or None, coder, attribution,
                                               representative=representative, memos=memos,
                                               groups=list(groups) or None,
                                               sets=list(sets) or None)
        notes = (quote_export.collect_document_memos(proj, attribution)
                 if document_memos else None)
    scope = CoderScope(coder, quote_export.quote_coders(chapters))
    warn_if_mixed(scope, "quoted")
    _emit(lambda: quote_export.render(chapters, fmt, language, title, notes), output, fmt,
          scope)


@export.command("report")
@project_argument
@click.option("--by", metavar="group|VARIABLE",
              help="Add a crosstab and a matrix heatmap by this document variable or group.")
@click.option("--within", default="turn", show_default=True, metavar="overlap|turn|N",
              help="Co-occurrence relation for the code-relations heatmap.")
@click.option("--representative", type=click.IntRange(1, None), default=3, show_default=True,
              metavar="N", help="Representative quotes per code.")
@click.option("--rollup/--no-rollup", default=True, show_default=True,
              help="Count subcodes in their parents.")
@coder_filter_option()
@set_option()
@click.option("--attribution", default="none", show_default=True,
              metavar="name|group|VARIABLE|none", help="What follows each quote.")
@click.option("--format", "fmt", type=click.Choice(report_export.REPORT_FORMATS),
              default="docx", show_default=True)
@click.option("--charts", "chart_format", type=click.Choice(("png", "svg")), default="png",
              show_default=True, help="Markdown: chart files written beside the report.")
@output_option("Output file.", required=True)
@click.option("--title", help="Title of the report.")
@language_option
def report(project: Path, by: str | None, within: str, representative: int, rollup: bool,
           coder: str | None, sets: tuple[str, ...], attribution: str, fmt: str,
           chart_format: str, output: Path,
           title: str | None, language: str) -> None:
    """An analysis report: frequencies with a bar chart, a crosstab and matrix heatmap by a
    variable, the co-occurrence heatmap and representative quotes per code (DOCX with the
    charts embedded, or Markdown with chart files beside it)."""
    with opened(project) as proj:
        scope = coder_scope(proj, coder)
        warn_if_mixed(scope)
        built = report_export.build_report(
            proj, by=by, within=within, representative=representative, rollup=rollup,
            coder=coder, attribution=attribution, language=language, title=title,
            svg=fmt == "md" and chart_format == "svg", sets=list(sets) or None)
    written = report_export.write(built, output, fmt, language, chart_format)
    for index, path in enumerate(written):  # the report first, then its chart files
        message(f"wrote {path}" + (coders_suffix(scope) if index == 0 else ""))


def _add_exchange_commands() -> None:
    # REFI-QDA and the segment table live in their own module (lxml is only loaded for them).
    from qualcode.cli.commands.export_exchange import qdc, qdpx, segments_export

    for command in (qdpx, qdc, segments_export):
        export.add_command(command)


_add_exchange_commands()
