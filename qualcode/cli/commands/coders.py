"""``qualcode coders list|rename``."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import emit, format_option, message
from qualcode.store.coders import list_coders, rename_coder


@click.group()
def coders() -> None:
    """Coders: who coded what."""


@coders.command("list")
@project_argument
@format_option()
def list_(project: Path, fmt: str) -> None:
    """List coders with their number of coded segments."""
    with opened(project) as proj:
        counts = dict(proj.db.execute(
            "SELECT coder_id, count(*) FROM segments GROUP BY coder_id"))
        rows = [{"id": c.id, "name": c.name, "segments": counts.get(c.id, 0), "guid": c.guid}
                for c in list_coders(proj)]
    emit(rows, fmt, ["id", "name", "segments"])


@coders.command("rename")
@project_argument
@click.argument("old")
@click.argument("new")
def rename(project: Path, old: str, new: str) -> None:
    """Rename coder OLD to NEW (their codings follow)."""
    with opened(project) as proj:
        rename_coder(proj, old, new)
    message(f"renamed coder {old} to {new}")
