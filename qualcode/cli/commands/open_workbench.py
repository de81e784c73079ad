"""``qualcode open PROJECT [--coder NAME]`` (or ``qualcode PROJECT``): the coding workbench."""

from __future__ import annotations

import os
from pathlib import Path

import click

from qualcode.cli.common import coder_option, project_argument
from qualcode.store.coders import default_coder_name
from qualcode.store.project import Project


def run_workbench(project: Path, coder: str | None) -> None:
    """Check (and migrate) the project, then run the Textual workbench until the user quits.

    Without ``coder`` (and without $QUALCODE_CODER) the workbench asks who is coding when the
    system user name is not among the project's coders.
    """
    Project.open(project).close()
    from qualcode.tui.app import QualcodeApp

    chosen = coder or os.environ.get("QUALCODE_CODER", "").strip() or None
    QualcodeApp(project, chosen or default_coder_name(), ask_coder=chosen is None).run()


@click.command("open")
@project_argument
@coder_option("Active coder (default: $QUALCODE_CODER or the system user name).")
def open_workbench(project: Path, coder: str | None) -> None:
    """Open the coding workbench on PROJECT (Document System, Code System, Document Browser,
    Retrieved Segments). Press ? for help, ctrl+q to quit."""
    run_workbench(project, coder)
