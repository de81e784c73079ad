"""``qualcode documents PROJECT``: list documents."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import emit, format_option
from qualcode.store.documents import list_documents


@click.command()
@project_argument
@click.option("--group", metavar="NAME", help="Only documents of this document group.")
@format_option()
def documents(project: Path, group: str | None, fmt: str) -> None:
    """List documents with group, variables, turns, characters and SHA-256."""
    with opened(project) as proj:
        docs = list_documents(proj, group)
    rows = [
        {"id": d.id, "name": d.name, "group": d.group, "variables": d.variables,
         "turns": d.turns, "characters": d.characters, "sha256": d.sha256,
         "source": d.source_name, "format": d.source_format, "encoding": d.encoding,
         "imported": d.imported_at}
        for d in docs
    ]
    columns = ["id", "name", "group", "turns", "characters", "format", "encoding", "variables"]
    if fmt == "csv":
        columns = columns + ["sha256", "source", "imported"]
    emit(rows, fmt, columns, widths={"variables": 60})
