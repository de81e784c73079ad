"""``qualcode export frequencies|quotes``: report files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from qualcode.analysis.frequencies import code_frequencies
from qualcode.cli.common import coder_filter_option, opened, project_argument
from qualcode.cli.output import message
from qualcode.exports import frequencies as frequency_export
from qualcode.exports import quotes as quote_export
from qualcode.exports.labels import LANGUAGES

language_option = click.option("--lang", "language", type=click.Choice(LANGUAGES), default="de",
                               show_default=True, help="Language of headings and labels.")


def _emit(data: bytes, output: Path | None, fmt: str, write) -> None:
    if output is None:
        if fmt in ("xlsx", "docx"):
            raise click.UsageError(f"--format {fmt} needs -o FILE")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write()
        message(f"wrote {output}")


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
@click.option("--format", "fmt", type=click.Choice(frequency_export.FORMATS), default=None,
              help="Output format [default: from the -o file name, else csv].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: stdout; required for xlsx).")
@language_option
def frequencies(project: Path, by: str | None, rollup: bool, coder: str | None,
                groups: tuple[str, ...], fmt: str | None, output: Path | None,
                language: str) -> None:
    """Coded segments and documents per code, with the percentage of documents."""
    fmt = output_format(fmt, output, frequency_export.FORMATS, "csv")
    with opened(project) as proj:
        table = code_frequencies(proj, rollup=rollup, coder=coder, by=by,
                                 groups=list(groups) or None)
    data = frequency_export.render(table, fmt, language)
    _emit(data, output, fmt, lambda: frequency_export.write(table, output, fmt, language))


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
@click.option("--format", "fmt", type=click.Choice(quote_export.FORMATS), default=None,
              help="Output format [default: from the -o file name, else md].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: stdout; required for docx).")
@click.option("--title", help="Title of the collection.")
@language_option
def quotes(project: Path, codes: tuple[str, ...], attribution: str, coder: str | None,
           groups: tuple[str, ...], fmt: str | None, output: Path | None, title: str | None,
           language: str) -> None:
    """Quote collection by theme: a chapter per top-level code, a section per subcode."""
    fmt = output_format(fmt, output, quote_export.FORMATS, "md")
    with opened(project) as proj:
        chapters = quote_export.collect_quotes(proj, list(codes) or None, coder, attribution,
                                               groups=list(groups) or None)
    if fmt == "md":
        data = quote_export.to_markdown(chapters, language, title).encode("utf-8")
    else:
        data = b""
    _emit(data, output, fmt, lambda: quote_export.write(chapters, output, fmt, language, title))
