"""``qualcode memo add|list``: memos on the project, documents, codes and segments, and
in-text memos at a line or offset of a document."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import coder_option, opened, project_argument
from qualcode.cli.output import emit, format_option, message
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import get_code, list_codes
from qualcode.domain.lines import LineIndex
from qualcode.store.documents import document_text, list_documents, resolve_document
from qualcode.store.memos import MEMO_KINDS, add_memo, check_span, line_span, list_memos
from qualcode.store.segments import get_segment


@click.group()
def memo() -> None:
    """Memos: free, document, code, segment and in-text memos."""


@memo.command("add")
@project_argument
@click.argument("text")
@click.option("--document", metavar="DOCUMENT", help="Attach to this document.")
@click.option("--code", "codepath", metavar="CODEPATH", help="Attach to this code.")
@click.option("--segment", type=int, metavar="SEGMENT_ID", help="Attach to this segment.")
@click.option("--line", type=click.IntRange(min=1), metavar="N",
              help="With --document: an in-text memo on line N (1-based, as `qualcode text` "
                   "numbers lines).")
@click.option("--offset", metavar="START[:END]",
              help="With --document: an in-text memo at these code-point offsets.")
@click.option("--title", default="")
@coder_option("Author (default: the system user name).")
def add(project: Path, text: str, document: str | None, codepath: str | None,
        segment: int | None, line: int | None, offset: str | None, title: str,
        coder: str | None) -> None:
    """Add a memo with TEXT (free memo unless attached; with --line or --offset, a memo at
    that position in the document's text)."""
    targets = [t for t in (document, codepath, segment) if t is not None]
    if len(targets) > 1:
        raise click.UsageError("attach a memo to one of --document, --code, --segment")
    if (line is not None or offset is not None) and document is None:
        raise click.UsageError("--line and --offset need --document")
    if line is not None and offset is not None:
        raise click.UsageError("give --line or --offset, not both")
    span = _offsets(offset) if offset is not None else None
    with opened(project) as proj:
        # Resolve the target before ensure_coder: a bad target must write nothing.
        if document is not None and (line is not None or span is not None):
            kind, target = "text", resolve_document(proj, document).id
            if line is not None:
                span = line_span(proj, target, line)
            check_span(proj, target, span)
        elif document is not None:
            kind, target = "document", resolve_document(proj, document).id
        elif codepath is not None:
            kind, target = "code", get_code(proj, codepath).id
        elif segment is not None:
            kind, target = "segment", get_segment(proj, segment).id
        else:
            kind, target = "free", None
        author = ensure_coder(proj, coder)
        created = add_memo(proj, kind, text, title=title, target_id=target, author_id=author.id,
                           actor=author.name, span=span)  # the author's own change, for their undo
    message(f"added {'in-text' if kind == 'text' else kind} memo {created.id}")


def _offsets(value: str) -> tuple[int, int]:
    """``START`` or ``START:END`` as ``(start, end)`` (a bare START is an empty anchor)."""
    try:
        parts = [int(p) for p in value.split(":")]
    except ValueError:
        parts = []
    if len(parts) not in (1, 2) or any(p < 0 for p in parts):
        raise click.BadParameter(f"{value!r} is not START or START:END (code points)",
                                 param_hint="--offset")
    return (parts[0], parts[-1])


@memo.command("list")
@project_argument
@click.option("--kind", type=click.Choice(MEMO_KINDS), help="Only memos of this kind.")
@format_option()
def list_(project: Path, kind: str | None, fmt: str) -> None:
    """List all memos with the document (its name) or code (its CODEPATH) they belong to;
    in-text memos (kind ``text``) also with their line and offsets."""
    with opened(project) as proj:
        names = {d.id: d.name for d in list_documents(proj)}
        paths = {c.id: c.path for c in list_codes(proj)}
        memos = list_memos(proj, kind)
        indexes = {d: LineIndex(document_text(proj, d))
                   for d in {m.document_id for m in memos if m.kind == "text"}}
        rows = [{**m.__dict__, "document": names.get(m.document_id),
                 "code": paths.get(m.code_id),
                 "line": indexes[m.document_id].line_of(m.start) if m.kind == "text" else None}
                for m in memos]
    emit(rows, fmt, ["id", "kind", "document", "line", "code", "segment_id", "author", "title",
                     "text"], widths={"text": 50})
