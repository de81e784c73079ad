"""``qualcode sets create|add|remove|delete|list|rename``: document sets, named collections
of documents across groups (MAXQDA: "Dokumentsets"). ``--set NAME`` limits listings and
analyses to a set. Every change is undone by ``qualcode undo``."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import naming_project, opened, project_argument
from qualcode.cli.output import emit, format_option, message
from qualcode.store import document_sets as store
from qualcode.store.document_edits import resolve_documents


def _names(names: list[str]) -> str:
    return ", ".join(names) if names else "no documents"


@click.group()
def sets() -> None:
    """Create, fill, list, rename and delete document sets."""


@sets.command("list")
@project_argument
@format_option()
def list_(project: Path, fmt: str) -> None:
    """Document sets with their documents.

    JSON: a list of {"id", "name", "documents": [NAME, ...]}.
    """
    with opened(project) as proj:
        found = store.list_sets(proj)
    if fmt == "json":
        emit([{"id": s.id, "name": s.name, "documents": list(s.documents)} for s in found],
             fmt, [])
        return
    emit([{"id": s.id, "name": s.name, "count": len(s.documents),
           "documents": ", ".join(s.documents)} for s in found], fmt,
         ["id", "name", "count", "documents"], widths={"documents": 60})


@sets.command("create")
@project_argument
@click.argument("name")
@click.argument("document_refs", metavar="[DOCUMENT]...", nargs=-1)
def create(project: Path, name: str, document_refs: tuple[str, ...]) -> None:
    """Create a document set, optionally with documents."""
    with opened(project) as proj, naming_project(project):
        chosen = resolve_documents(proj, document_refs)
        created = store.create_set(proj, name, chosen)
    message(f"created document set {created} with {_names([d.name for d in chosen])}")


@sets.command("add")
@project_argument
@click.argument("name")
@click.argument("document_refs", metavar="DOCUMENT...", nargs=-1, required=True)
def add(project: Path, name: str, document_refs: tuple[str, ...]) -> None:
    """Add documents to a document set."""
    with opened(project) as proj, naming_project(project):
        added, present = store.add_to_set(proj, name, resolve_documents(proj, document_refs))
    note = f" ({', '.join(present)} already in it)" if present else ""
    message(f"added {_names(added)} to document set {name}{note}")


@sets.command("remove")
@project_argument
@click.argument("name")
@click.argument("document_refs", metavar="DOCUMENT...", nargs=-1, required=True)
def remove(project: Path, name: str, document_refs: tuple[str, ...]) -> None:
    """Take documents out of a document set (they stay in the project)."""
    with opened(project) as proj, naming_project(project):
        removed = store.remove_from_set(proj, name, resolve_documents(proj, document_refs))
    message(f"removed {_names(removed)} from document set {name}")


@sets.command("rename")
@project_argument
@click.argument("name")
@click.argument("new_name")
def rename(project: Path, name: str, new_name: str) -> None:
    """Rename a document set."""
    with opened(project) as proj, naming_project(project):
        new = store.rename_set(proj, name, new_name)
    message(f"renamed document set {name} to {new}")


@sets.command("delete")
@project_argument
@click.argument("name")
def delete(project: Path, name: str) -> None:
    """Delete a document set; its documents stay in the project."""
    with opened(project) as proj, naming_project(project):
        count = store.delete_set(proj, name)
    message(f"deleted document set {name} ({count} document(s) stay in the project)")
