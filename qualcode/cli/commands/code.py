"""``qualcode code PROJECT DOCUMENT CODEPATH (--start N --end M | --match TEXT)``."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import coder_option, opened, project_argument
from qualcode.cli.output import message, write_stdout
from qualcode.domain.spans import check_span
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import get_code
from qualcode.store.documents import resolve_document
from qualcode.store.segments import add_segment, get_segment, locate


@click.command()
@project_argument
@click.argument("document")
@click.argument("codepath")
@click.option("--start", type=int, help="First code point (0-based).")
@click.option("--end", type=int, help="Code point after the last one (half-open).")
@click.option("--match", "match", metavar="TEXT",
              help="Code the one occurrence of TEXT in the document.")
@coder_option()
@click.option("--comment", default="", help="A comment on the coded segment.")
@click.option("--weight", type=click.IntRange(0, 100), default=0, show_default=True,
              help="Weight 0-100.")
def code(project: Path, document: str, codepath: str, start: int | None, end: int | None,
         match: str | None, coder: str | None, comment: str, weight: int) -> None:
    """Code a passage of DOCUMENT with CODEPATH; prints the new segment's id.

    --match fails and lists the occurrences when TEXT occurs more than once.
    """
    by_offsets = start is not None or end is not None
    if by_offsets == (match is not None) or (by_offsets and (start is None or end is None)):
        raise click.UsageError("give either --start and --end, or --match")
    with opened(project) as proj:
        doc = resolve_document(proj, document)
        target = get_code(proj, codepath)
        if match is not None:
            start, end = locate(proj, doc, match)
        assert start is not None and end is not None
        check_span(start, end, doc.characters)  # before ensure_coder: bad input writes nothing
        who = ensure_coder(proj, coder)
        segment_id = add_segment(proj, doc, target, who, start, end, comment=comment,
                                 weight=weight)
        segment = get_segment(proj, segment_id)
    write_stdout(f"{segment_id}\n")
    message(f"coded {doc.name} [{start}, {end}) lines {segment.line_start}-{segment.line_end} "
            f"with {target.path} as {who.name}")
