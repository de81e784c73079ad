"""``qualcode codebook import|export``: the code system as a YAML file."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import message
from qualcode.cli.output_file import follow_symlinks_option, output_argument
from qualcode.exports.codebook import export_codebook
from qualcode.importers.codebook import import_codebook


@click.group()
def codebook() -> None:
    """Import or export the code system as YAML (see codebooks/); import also reads REFI-QDA
    .qdc codebooks (export one with: qualcode export qdc)."""


@codebook.command("import")
@project_argument
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def import_(project: Path, file: Path) -> None:
    """Merge codebook FILE (.yaml, REFI-QDA .qdc, or the code book of a .qdpx) into the code
    system (one transaction; codes matched by GUID, else by path)."""
    with opened(project) as proj:
        result = import_codebook(proj, file)
    message(f"{file}: {len(result.created)} codes created, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged")
    for note in result.notes:
        message(f"  note: {note}")


@codebook.command("export")
@project_argument
@output_argument("file")
@follow_symlinks_option()
def export_(project: Path, file: Path) -> None:
    """Write the code system to FILE.yaml (with GUIDs, so re-import matches codes)."""
    with opened(project) as proj:
        count = export_codebook(proj, file)
    message(f"wrote {count} codes to {file}")
