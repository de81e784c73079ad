"""``qualcode segments PROJECT``: retrieved segments with filters."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import coder_filter_option, opened, project_argument
from qualcode.cli.output import emit, format_option
from qualcode.domain.models import Segment
from qualcode.domain.timemarks import format_f4_mark
from qualcode.store.documents import resolve_document
from qualcode.store.segments import SegmentFilter, code_ids_for, query_segments


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
@click.option("--code", "codes", multiple=True, metavar="CODEPATH",
              help="Only segments of this code and its subcodes (repeatable).")
@click.option("--no-subcodes", is_flag=True, help="With --code: leave out subcodes.")
@click.option("--document", "documents", multiple=True, metavar="DOCUMENT",
              help="Only segments in this document (repeatable).")
@click.option("--group", metavar="NAME", help="Only segments in this document group.")
@coder_filter_option()
@format_option()
def segments(project: Path, codes: tuple[str, ...], no_subcodes: bool,
             documents: tuple[str, ...], group: str | None, coder: str | None,
             fmt: str) -> None:
    """List coded segments (retrieved segments) with text, lines and time mark."""
    with opened(project) as proj:
        flt = SegmentFilter(
            code_ids=code_ids_for(proj, codes, subcodes=not no_subcodes) if codes else None,
            document_ids=tuple(resolve_document(proj, d).id for d in documents) or None,
            group=group, coder=coder,
        )
        found = query_segments(proj, flt)
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
