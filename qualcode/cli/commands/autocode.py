"""``qualcode autocode PROJECT CODEPATH --speaker LABEL``: code every turn of a speaker."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import coder_option, opened, project_argument
from qualcode.cli.output import message
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import get_code
from qualcode.store.documents import list_documents, resolve_document
from qualcode.store.segments import autocode_speaker


@click.command()
@project_argument
@click.argument("codepath")
@click.option("--speaker", required=True, metavar="LABEL", help="Speaker label, e.g. B or I.")
@click.option("--document", "documents", multiple=True, metavar="DOCUMENT",
              help="Only these documents (repeatable; default: all).")
@coder_option()
def autocode(project: Path, codepath: str, speaker: str, documents: tuple[str, ...],
             coder: str | None) -> None:
    """Code the speech of every turn of speaker LABEL with CODEPATH (one transaction).

    A turn this coder already coded with CODEPATH (or that lies inside such a segment) is
    skipped and counted; `qualcode undo` removes the whole run.
    """
    with opened(project) as proj:
        target = get_code(proj, codepath)
        docs = ([resolve_document(proj, d) for d in documents] if documents
                else list_documents(proj))
        who = ensure_coder(proj, coder)
        created, skipped = autocode_speaker(proj, target, who, speaker, docs)
    message(f"coded {created} turn(s) of {speaker} in {len(docs)} document(s) with "
            f"{target.path} as {who.name}"
            + (f"; skipped {skipped} already coded with {target.path} by {who.name}"
               if skipped else ""))
    if created == 0 and skipped == 0:
        message(f"note: no turns of speaker {speaker!r} found")
