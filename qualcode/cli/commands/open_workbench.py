"""``qualcode open PROJECT [--coder NAME]`` (or ``qualcode PROJECT``): the coding workbench."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from qualcode.cli.common import coder_option, project_argument
from qualcode.store.coders import default_coder_name
from qualcode.store.project import Project


def run_workbench(project: Path, coder: str | None) -> None:
    """Check (and migrate) the project, then run the Textual workbench until the user quits.

    Without ``coder`` (and without $QUALCODE_CODER) the workbench asks who is coding when the
    project has no coders yet or the system user name is not among them. Every change is
    committed before this returns; after SIGHUP or SIGTERM the process exits with 129 or 143.
    """
    Project.open(project).close()
    from qualcode.tui.app import QualcodeApp

    chosen = coder or os.environ.get("QUALCODE_CODER", "").strip() or None
    app = QualcodeApp(project, chosen or default_coder_name(), ask_coder=chosen is None)
    try:
        app.run()
    finally:
        app.db.stop()  # normally done on unmount; here too should the interface have failed
    if app.return_code:
        sys.exit(app.return_code)


@click.command("open")
@project_argument
@coder_option("Active coder (default: $QUALCODE_CODER or the system user name).")
def open_workbench(project: Path, coder: str | None) -> None:
    """Open the coding workbench on PROJECT (Document System, Code System, Document Browser,
    Retrieved Segments). Press ? for help, ctrl+q to quit."""
    run_workbench(project, coder)
