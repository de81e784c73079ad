"""``qualcode purge PROJECT``: remove deleted and replaced text from the file for good."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import message
from qualcode.domain.errors import ConflictError, ProjectError
from qualcode.store.history.purge import pending, purge as purge_history


def _kib(size: int) -> str:
    return f"{size / 1024:,.0f} KiB"


@click.command()
@project_argument
@click.option("--yes", is_flag=True, help="Purge without asking.")
def purge(project: Path, yes: bool) -> None:
    """Remove deleted and replaced text from the project file for good.

    The history keeps the old and new values of every change (memo text, comments,
    definitions, the text of documents whose import was undone) so that changes can be
    undone. A purge drops these values and rewrites the file, so removed text is found
    nowhere in it. The log keeps who did what and when; the changes made so far can no
    longer be undone or redone.
    """
    with opened(project) as proj:
        rows, changes = pending(proj)
        if not yes:
            question = (f"{project}: drop the recorded values of {rows} changed rows "
                        f"({changes} changes)? None of the changes so far can be undone "
                        "afterwards; the log keeps who did what and when. Purge")
            try:
                agreed = click.confirm(question, default=False, err=True)
            except click.Abort:
                agreed = False
            if not agreed:
                raise ConflictError(f"{project}: purge cancelled, nothing changed")
        report = purge_history(proj)
    if not report.complete:
        raise ProjectError(
            f"{project}: purged, but another program holding the project open keeps old "
            "pages in its -wal file; close it and run qualcode purge again")
    size = f"{_kib(report.bytes_before)} → {_kib(report.bytes_after)}"
    if report.events:
        message(f"purged the recorded values of {report.events} rows in {report.batches} "
                f"changes (file {size}); the log keeps who did what and when, those "
                "changes can no longer be undone")
    else:
        message(f"nothing to purge in the history; file rewritten ({size})")
