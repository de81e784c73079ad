"""``qualcode memo add|list``: memos on the project, documents, codes and segments."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import coder_option, opened, project_argument
from qualcode.cli.output import emit, format_option, message
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import get_code, list_codes
from qualcode.store.documents import list_documents, resolve_document
from qualcode.store.memos import add_memo, list_memos
from qualcode.store.segments import get_segment


@click.group()
def memo() -> None:
    """Memos: free, document, code and segment memos."""


@memo.command("add")
@project_argument
@click.argument("text")
@click.option("--document", metavar="DOCUMENT", help="Attach to this document.")
@click.option("--code", "codepath", metavar="CODEPATH", help="Attach to this code.")
@click.option("--segment", type=int, metavar="SEGMENT_ID", help="Attach to this segment.")
@click.option("--title", default="")
@coder_option("Author (default: the system user name).")
def add(project: Path, text: str, document: str | None, codepath: str | None,
        segment: int | None, title: str, coder: str | None) -> None:
    """Add a memo with TEXT (free memo unless attached)."""
    targets = [t for t in (document, codepath, segment) if t is not None]
    if len(targets) > 1:
        raise click.UsageError("attach a memo to one of --document, --code, --segment")
    with opened(project) as proj:
        # Resolve the target before ensure_coder: a bad target must write nothing.
        if document is not None:
            kind, target = "document", resolve_document(proj, document).id
        elif codepath is not None:
            kind, target = "code", get_code(proj, codepath).id
        elif segment is not None:
            kind, target = "segment", get_segment(proj, segment).id
        else:
            kind, target = "free", None
        author = ensure_coder(proj, coder)
        created = add_memo(proj, kind, text, title=title, target_id=target, author_id=author.id,
                           actor=author.name)  # the author's own change, for their undo
    message(f"added {kind} memo {created.id}")


@memo.command("list")
@project_argument
@format_option()
def list_(project: Path, fmt: str) -> None:
    """List all memos with the document (its name) or code (its CODEPATH) they belong to."""
    with opened(project) as proj:
        names = {d.id: d.name for d in list_documents(proj)}
        paths = {c.id: c.path for c in list_codes(proj)}
        rows = [{**m.__dict__, "document": names.get(m.document_id),
                 "code": paths.get(m.code_id)} for m in list_memos(proj)]
    emit(rows, fmt, ["id", "kind", "document", "code", "segment_id", "author", "title",
                     "text"], widths={"text": 50})
