"""``qualcode import PROJECT PATH... [--group NAME]``: import transcripts."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import opened, project_argument
from qualcode.cli.encoding_option import encoding_option
from qualcode.cli.output import message
from qualcode.importers.batch import import_paths
from qualcode.importers.reader import supported_suffixes


@click.command("import")
@project_argument
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--group", metavar="NAME", help="Put the documents into this document group.")
@click.option("--recursive", is_flag=True, help="Also import files in subfolders.")
@encoding_option()
def import_files(project: Path, paths: tuple[Path, ...], group: str | None,
                 recursive: bool, encoding: str | None) -> None:
    """Import transcript files or whole folders.

    Formats: .txt (UTF-8/16, Windows-1252 ...), .docx, .rtf, .odt, .vtt, .srt and noScribe
    .html. Each file imports completely or not at all; a file whose text is already in the
    project is skipped. A file that is mostly UTF-8 with a few stray bytes is refused unless
    --encoding utf-8-repair is given. Exits with status 1 when any file failed.
    """
    with opened(project) as proj:
        report = import_paths(proj, paths, group, recursive=recursive, encoding=encoding)
    for outcome in report.outcomes:
        prefix = {"imported": "", "skipped": "skipped: ", "failed": "error: "}[outcome.status]
        message(prefix + outcome.message)
        for note in outcome.notes:
            message(f"  note: {note}")
    if report.ignored:
        message(f"ignored {len(report.ignored)} file(s) of other types "
                f"(importable: {', '.join(supported_suffixes())})")
    if not report.outcomes:  # exit status 1 needs its one-line reason
        message(f"error: no transcript files in {', '.join(map(str, paths))}")
    elif len(report.outcomes) > 1 or not report.failed:
        # A single file that failed has said everything in its one error line.
        message(f"{report.count('imported')} imported, {report.count('skipped')} skipped, "
                f"{report.count('failed')} failed")
    if report.failed or not report.outcomes:
        raise SystemExit(1)
