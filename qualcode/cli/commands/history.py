"""``qualcode undo|redo|log``: the event log."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import emit, format_option, message
from qualcode.store import history


@click.command()
@project_argument
def undo(project: Path) -> None:
    """Undo the last change (coding, code system, memo)."""
    with opened(project) as proj:
        batch = history.undo(proj)
    message(f"undone: {batch.action}")


@click.command()
@project_argument
def redo(project: Path) -> None:
    """Redo the last undone change."""
    with opened(project) as proj:
        batch = history.redo(proj)
    message(f"redone: {batch.action}")


@click.command()
@project_argument
@click.option("-n", "--limit", type=int, default=30, show_default=True)
@format_option()
def log(project: Path, limit: int, fmt: str) -> None:
    """Show the most recent changes (the audit trail), newest first."""
    with opened(project) as proj:
        rows = [b.__dict__ for b in history.history(proj, limit)]
    emit(rows, fmt, ["id", "created", "actor", "action", "events"], widths={"action": 70})
