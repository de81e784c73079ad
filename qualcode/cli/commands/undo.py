"""``qualcode undo PROJECT [--coder NAME]``: take back that person's last change."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.coder_option import coder_option
from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import message
from qualcode.store import history


@click.command()
@project_argument
@coder_option("undo")
def undo(project: Path, coder: str | None) -> None:
    """Undo your last change (coding, code system, memo, import, resolution).

    Refused, with what blocks it, when someone has changed or used the same rows since.
    """
    with opened(project) as proj:
        reverted = history.undo(proj, coder)
    message(f"undone: {reverted.summary}")
