"""``qualcode segments PROJECT``: retrieved segments with filters."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import opened, project_argument, segment_filter, segment_filter_options
from qualcode.cli.output import emit, format_option
from qualcode.domain.models import Segment
from qualcode.domain.timemarks import format_f4_mark
from qualcode.store.segments import query_segments


def segment_record(segment: Segment) -> dict:
    """The JSON shape of a coded segment (the CLI contract of ``segments --format json``)."""
    return {
        "id": segment.id, "document": segment.document, "group": segment.group,
        "code": segment.code, "coder": segment.coder, "start": segment.start,
        "end": segment.end, "text": segment.text, "line_start": segment.line_start,
        "line_end": segment.line_end,
        "time": format_f4_mark(segment.time_ms) if segment.time_ms is not None else None,
        "comment": segment.comment, "weight": segment.weight, "anchor": segment.anchor,
        "created": segment.created, "modified": segment.modified,
    }


@click.command()
@project_argument
@segment_filter_options
@format_option()
def segments(project: Path, codes: tuple[str, ...], no_subcodes: bool,
             documents: tuple[str, ...], group: str | None, sets: tuple[str, ...],
             coder: str | None, fmt: str) -> None:
    """List coded segments (retrieved segments) with text, lines and time mark."""
    with opened(project) as proj:
        found = query_segments(proj, segment_filter(proj, codes, no_subcodes, documents, group,
                                                    coder, sets))
    rows = [segment_record(s) for s in found]
    for row in rows:
        row["lines"] = (f"{row['line_start']}" if row["line_start"] == row["line_end"]
                        else f"{row['line_start']}-{row['line_end']}")
    if fmt == "table":
        emit(rows, fmt, ["id", "document", "lines", "code", "coder", "text"],
             widths={"text": 60, "code": 40})
    else:
        emit([{k: v for k, v in r.items() if k != "lines"} for r in rows], fmt,
             ["id", "document", "group", "code", "coder", "start", "end", "line_start",
              "line_end", "time", "text", "comment", "weight", "created"])
