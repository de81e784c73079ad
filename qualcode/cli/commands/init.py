"""``qualcode init PROJECT``: create an empty project file."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import project_argument
from qualcode.cli.output import message
from qualcode.store.project import Project


@click.command()
@project_argument
def init(project: Path) -> None:
    """Create a new, empty project file PROJECT."""
    Project.create(project).close()
    message(f"created project {project}")
