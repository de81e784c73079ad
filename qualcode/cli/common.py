"""Helpers shared by the commands: opening the project, resolving names, the coder option."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from qualcode.store.coders import default_coder_name
from qualcode.store.project import Project

project_argument = click.argument("project", type=click.Path(dir_okay=False, path_type=Path))


def coder_option(help_text: str | None = None):
    """``--coder NAME``; for coding commands the default is the system user name."""
    return click.option(
        "--coder", default=None, metavar="NAME",
        help=help_text or f"Who codes (default: $QUALCODE_CODER or the system user name, "
                          f"now {default_coder_name()!r}).",
    )


def coder_filter_option():
    """``--coder NAME`` as a filter: without it every coder's segments count."""
    return click.option("--coder", default=None, metavar="NAME",
                        help="Only this coder's segments (default: every coder's).")


@contextmanager
def opened(path: Path) -> Iterator[Project]:
    """Open an existing project for one command and close it afterwards."""
    project = Project.open(path)
    try:
        yield project
    finally:
        project.close()
