"""``qualcode groups list|rename|order``: document groups (created on import or by
``documents move``). Every change is undone by ``qualcode undo``."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.commands.documents import placement_of
from qualcode.cli.common import naming_project, opened, project_argument
from qualcode.cli.output import emit, format_option, message
from qualcode.store import document_groups as store


@click.group()
def groups() -> None:
    """List, rename and order document groups."""


@groups.command("list")
@project_argument
@format_option()
def list_(project: Path, fmt: str) -> None:
    """Document groups in their order with their number of documents.

    JSON: a list of {"id", "name", "position", "documents"}.
    """
    with opened(project) as proj:
        rows = [{"id": g.id, "name": g.name, "position": g.position, "documents": g.documents}
                for g in store.group_infos(proj)]
    emit(rows, fmt, ["id", "name", "documents"])


@groups.command("rename")
@project_argument
@click.argument("group")
@click.argument("new_name")
def rename(project: Path, group: str, new_name: str) -> None:
    """Rename a document group (its documents stay in it)."""
    with opened(project) as proj, naming_project(project):
        new = store.rename_group(proj, group, new_name)
    message(f"renamed document group {group} to {new}")


@groups.command("order")
@project_argument
@click.argument("names", metavar="GROUP...", nargs=-1, required=True)
@click.option("--before", metavar="GROUP", help="Put them before this group.")
@click.option("--after", metavar="GROUP", help="Put them after this group.")
@click.option("--first", is_flag=True, help="Put them first.")
@click.option("--last", is_flag=True, help="Put them last.")
def order(project: Path, names: tuple[str, ...], before: str | None, after: str | None,
          first: bool, last: bool) -> None:
    """Reorder document groups (the groups given, in that order)."""
    placement = placement_of(before, after, first, last)
    with opened(project) as proj, naming_project(project):
        new = store.order_groups(proj, names, placement)
    message(f"ordered document groups: {', '.join(new)}")
