"""``qualcode log PROJECT``: who changed what and when (the audit trail)."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import emit, format_option
from qualcode.store import history


@click.command()
@project_argument
@click.option("-n", "--limit", type=click.IntRange(min=1), default=30, show_default=True,
              help="How many changes to show.")
@click.option("--coder", default=None, metavar="NAME", help="Only this person's changes.")
@format_option()
def log(project: Path, limit: int, coder: str | None, fmt: str) -> None:
    """Show who changed what and when (the audit trail), newest first.

    The note says which change an undo or redo acted on, whether a change is undone now
    (undone by #ID) or back again (redone by #ID), and whether its recorded values were
    purged.
    """
    with opened(project) as proj:
        rows = [{**entry.__dict__, "note": entry.note}
                for entry in history.history(proj, limit, actor=coder)]
    emit(rows, fmt, ["id", "created", "actor", "action", "events", "note"],
         widths={"action": 60})
