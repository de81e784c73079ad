"""``qualcode documents PROJECT``: list documents; ``documents rename|delete|move|order``:
manage them. ``documents PROJECT ...`` without a subcommand is ``documents list PROJECT ...``
(the listing as it always was)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from qualcode.cli.common import naming_project, opened, project_argument, set_option
from qualcode.cli.output import emit, format_option, message
from qualcode.domain.errors import ConflictError
from qualcode.domain.ordering import Placement
from qualcode.store import document_edits as edits
from qualcode.store.documents import list_documents


class ListByDefault(click.Group):
    """A group whose first argument, when it is no subcommand, starts ``list`` (so that
    ``documents PROJECT --format json`` keeps working)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@click.group(cls=ListByDefault)
def documents() -> None:
    """List documents (documents PROJECT), rename, delete, move them between groups, order them.

    Every change is undone by qualcode undo.
    """


@documents.command("list")
@project_argument
@click.option("--group", metavar="NAME", help="Only documents of this document group.")
@set_option()
@format_option()
def list_(project: Path, group: str | None, sets: tuple[str, ...], fmt: str) -> None:
    """List documents with group, variables, turns, characters and SHA-256."""
    with opened(project) as proj, naming_project(project):
        docs = list_documents(proj, group, list(sets) or None)
    rows = [
        {"id": d.id, "name": d.name, "group": d.group, "variables": d.variables,
         "turns": d.turns, "characters": d.characters, "sha256": d.sha256,
         "source": d.source_name, "format": d.source_format, "encoding": d.encoding,
         "imported": d.imported_at}
        for d in docs
    ]
    columns = ["id", "name", "group", "turns", "characters", "format", "encoding", "variables"]
    if fmt == "csv":
        columns = columns + ["sha256", "source", "imported"]
    emit(rows, fmt, columns, widths={"variables": 60})


@documents.command("rename")
@project_argument
@click.argument("document")
@click.argument("new_name")
def rename(project: Path, document: str, new_name: str) -> None:
    """Rename a document (its coded segments, memos and variables stay with it)."""
    with opened(project) as proj, naming_project(project):
        old, new = edits.rename_document(proj, document, new_name)
    message(f"renamed document {old} to {new}")


def placement_of(before: str | None, after: str | None, first: bool, last: bool) -> Placement:
    """The :class:`Placement` of the --before/--after/--first/--last options; a usage error
    unless exactly one is given."""
    if sum([before is not None, after is not None, first, last]) != 1:
        raise click.UsageError("give exactly one of --before, --after, --first, --last")
    return Placement(before, after, first, last)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _interactive() -> bool:
    """Whether a person can answer a question (stdin and stderr are terminals)."""
    return sys.stdin.isatty() and sys.stderr.isatty()


@documents.command("delete")
@project_argument
@click.argument("document_refs", metavar="DOCUMENT...", nargs=-1, required=True)
@click.option("--yes", is_flag=True, help="Delete without asking (needed without a terminal).")
def delete(project: Path, document_refs: tuple[str, ...], yes: bool) -> None:
    """Delete documents with their coded segments, memos and variables (qualcode undo
    brings them back). Asks first, naming what goes; without a terminal only with --yes."""
    with opened(project) as proj, naming_project(project):
        chosen = edits.resolve_documents(proj, document_refs)
        counts = edits.deletion_counts(proj, chosen)
        names = ", ".join(d.name for d in chosen)
        what = (f"{_plural(counts.documents, 'document')} ({names}) with "
                f"{_plural(counts.segments, 'coded segment')} and "
                f"{_plural(counts.memos, 'memo')}")
        if not yes:
            if not _interactive():
                raise ConflictError(f"deleting {what} needs --yes without a terminal; "
                                    "nothing deleted")
            try:
                agreed = click.confirm(f"{project}: delete {what}?", default=False, err=True)
            except click.Abort:
                agreed = False
            if not agreed:
                raise ConflictError("delete cancelled, nothing changed")
        edits.delete_documents(proj, chosen)
    message(f"deleted {what}; qualcode undo brings them back")


@documents.command("move")
@project_argument
@click.argument("document_refs", metavar="DOCUMENT...", nargs=-1, required=True)
@click.option("--group", metavar="NAME", help="The document group (created when new).")
@click.option("--no-group", is_flag=True, help="Take the documents out of every group.")
def move(project: Path, document_refs: tuple[str, ...], group: str | None,
         no_group: bool) -> None:
    """Move documents to the end of a document group (created when new)."""
    if (group is None) == (not no_group):
        raise click.UsageError("give either --group NAME or --no-group")
    with opened(project) as proj, naming_project(project):
        chosen = edits.resolve_documents(proj, document_refs)
        created = edits.move_documents(proj, chosen, group)
    names = ", ".join(d.name for d in chosen)
    target = f"document group {group.strip()}" if group is not None else "no group"
    message(f"moved {names} to {target}" + (" (new group)" if created else ""))


@documents.command("order")
@project_argument
@click.argument("document_refs", metavar="DOCUMENT...", nargs=-1, required=True)
@click.option("--before", metavar="DOCUMENT", help="Put them before this document.")
@click.option("--after", metavar="DOCUMENT", help="Put them after this document.")
@click.option("--first", is_flag=True, help="Put them first in their group.")
@click.option("--last", is_flag=True, help="Put them last in their group.")
def order(project: Path, document_refs: tuple[str, ...], before: str | None,
          after: str | None, first: bool, last: bool) -> None:
    """Reorder documents within their document group (in the order given)."""
    placement = placement_of(before, after, first, last)
    with opened(project) as proj, naming_project(project):
        chosen = edits.resolve_documents(proj, document_refs)
        new = edits.order_documents(proj, chosen, placement)
    group = chosen[0].group
    message(f"ordered {'group ' + group if group else 'documents without group'}: "
            f"{', '.join(new)}")
