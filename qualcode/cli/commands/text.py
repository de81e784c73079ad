"""``qualcode text PROJECT DOCUMENT``: print the stored text exactly."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import write_stdout
from qualcode.store.documents import document_text, resolve_document


@click.command()
@project_argument
@click.argument("document")
def text(project: Path, document: str) -> None:
    """Print the stored (normalised) text of DOCUMENT exactly, nothing added.

    Offsets of coded segments count code points of this text.
    """
    with opened(project) as proj:
        doc = resolve_document(proj, document)
        write_stdout(document_text(proj, doc.id))
