"""``qualcode uncode PROJECT SEGMENT_ID``: remove a coded segment."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import message
from qualcode.store.segments import remove_segment


@click.command()
@project_argument
@click.argument("segment_id", type=int)
def uncode(project: Path, segment_id: int) -> None:
    """Remove coded segment SEGMENT_ID (undo with: qualcode undo)."""
    with opened(project) as proj:
        segment = remove_segment(proj, segment_id)
    message(f"removed segment {segment_id}: {segment.code} in {segment.document} "
            f"lines {segment.line_start}-{segment.line_end} ({segment.coder})")
