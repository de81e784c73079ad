"""``qualcode redo PROJECT [--coder NAME]``: re-apply that person's last undone change."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.coder_option import coder_option
from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import message
from qualcode.store import history


@click.command()
@project_argument
@coder_option("redo")
def redo(project: Path, coder: str | None) -> None:
    """Redo your last undone change.

    Refused, with what blocks it, when someone has changed or taken the same rows since.
    """
    with opened(project) as proj:
        reverted = history.redo(proj, coder)
    message(f"redone: {reverted.summary}")
