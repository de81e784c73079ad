"""``qualcode anchor PROJECT SEGMENT_ID [--off]``: flag a coded segment as an anchor example
(Ankerbeispiel)."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import message
from qualcode.store.segments import get_segment, update_segment


@click.command()
@project_argument
@click.argument("segment_id", type=int)
@click.option("--off", is_flag=True, help="Remove the flag.")
def anchor(project: Path, segment_id: int, off: bool) -> None:
    """Flag coded segment SEGMENT_ID as an anchor example of its code (--off: unflag).

    Anchor examples come first in `qualcode quotes` and `export quotes --representative`.
    Undo with: qualcode undo.
    """
    with opened(project) as proj:
        before = get_segment(proj, segment_id)
        if before.anchor == (not off):
            message(f"segment {segment_id} is {'not ' if off else ''}an anchor example already")
            return
        segment = update_segment(proj, segment_id, anchor=not off)
    message(f"segment {segment_id} ({segment.code}, {segment.document} lines "
            f"{segment.line_start}-{segment.line_end}) is "
            f"{'now' if segment.anchor else 'no longer'} an anchor example")
