"""``qualcode codes add|list|edit|rename|move|order|merge|delete``: edit the code system."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.commands.documents import placement_of
from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import emit, format_option, message
from qualcode.store import codes as store


@click.group()
def codes() -> None:
    """Edit the code system (codes and subcodes)."""


@codes.command("add")
@project_argument
@click.argument("codepath")
@click.option("--color", metavar="HEX", help="Colour as #RRGGBB.")
@click.option("--definition", default="", help="What the code captures.")
@click.option("--anchor-example", default="", help="A typical quote (anchor example).")
@click.option("--coding-rules", default="", help="When to use the code and when not.")
def add(project: Path, codepath: str, color: str | None, definition: str, anchor_example: str,
        coding_rules: str) -> None:
    """Add a code; missing parent codes are created."""
    with opened(project) as proj:
        code = store.add_code(proj, codepath, color=color, definition=definition,
                              anchor_example=anchor_example, coding_rules=coding_rules)
    message(f"added code {code.path} ({code.color})")


@codes.command("list")
@project_argument
@format_option()
def list_(project: Path, fmt: str) -> None:
    """List the code system with segment counts."""
    with opened(project) as proj:
        all_codes = store.list_codes(proj)
        counts = dict(proj.db.execute("SELECT code_id, count(*) FROM segments GROUP BY code_id"))
    rows = [
        {"id": c.id, "path": c.path, "name": c.name, "parent_id": c.parent_id, "depth": c.depth,
         "color": c.color, "segments": counts.get(c.id, 0), "definition": c.definition,
         "anchor_example": c.anchor_example, "coding_rules": c.coding_rules, "guid": c.guid}
        for c in all_codes
    ]
    if fmt == "table":
        for row in rows:
            row["code"] = "  " * row["depth"] + row["name"]
        emit(rows, fmt, ["id", "code", "color", "segments", "definition"],
             widths={"definition": 50, "code": 50})
    else:
        emit(rows, fmt, ["id", "path", "color", "segments", "definition", "anchor_example",
                         "coding_rules", "guid"])


@codes.command("edit")
@project_argument
@click.argument("codepath")
@click.option("--color", metavar="HEX")
@click.option("--definition")
@click.option("--anchor-example")
@click.option("--coding-rules")
def edit(project: Path, codepath: str, **fields: str | None) -> None:
    """Change colour, definition, anchor example or coding rules."""
    changes = {k: v for k, v in fields.items() if v is not None}
    if not changes:
        raise click.UsageError("give at least one of --color, --definition, --anchor-example, "
                               "--coding-rules")
    with opened(project) as proj:
        code = store.update_code(proj, codepath, **changes)
    message(f"updated {code.path}: {', '.join(changes)}")


@codes.command("rename")
@project_argument
@click.argument("codepath")
@click.argument("new_name")
def rename(project: Path, codepath: str, new_name: str) -> None:
    """Rename a code (its subcodes and coded segments follow)."""
    with opened(project) as proj:
        code = store.rename_code(proj, codepath, new_name)
    message(f"renamed {codepath} to {code.path}")


@codes.command("move")
@project_argument
@click.argument("codepath")
@click.argument("new_parent", required=False)
@click.option("--top", is_flag=True, help="Move to the top level.")
def move(project: Path, codepath: str, new_parent: str | None, top: bool) -> None:
    """Move a code with its subcodes under NEW_PARENT (or --top)."""
    if bool(new_parent) == top:
        raise click.UsageError("give either NEW_PARENT or --top")
    with opened(project) as proj:
        code = store.move_code(proj, codepath, None if top else new_parent)
    message(f"moved {codepath} to {code.path}")


@codes.command("order")
@project_argument
@click.argument("codepaths", metavar="CODEPATH...", nargs=-1, required=True)
@click.option("--before", metavar="CODE", help="Put them before this sibling.")
@click.option("--after", metavar="CODE", help="Put them after this sibling.")
@click.option("--first", is_flag=True, help="Put them first among their siblings.")
@click.option("--last", is_flag=True, help="Put them last among their siblings.")
def order(project: Path, codepaths: tuple[str, ...], before: str | None, after: str | None,
          first: bool, last: bool) -> None:
    """Reorder codes among their siblings (the codes given, in that order; same parent)."""
    placement = placement_of(before, after, first, last)
    with opened(project) as proj:
        new = store.order_codes(proj, list(codepaths), placement)
    message(f"ordered codes: {', '.join(new)}")


@codes.command("merge")
@project_argument
@click.argument("source")
@click.argument("target")
def merge(project: Path, source: str, target: str) -> None:
    """Merge code SOURCE into TARGET: segments, memos and subcodes move, SOURCE goes."""
    with opened(project) as proj:
        moved = store.merge_codes(proj, source, target)
    message(f"merged {source} into {target}: {moved} coded segment(s) moved")


@codes.command("delete")
@project_argument
@click.argument("codepath")
@click.option("--force", is_flag=True, help="Also delete the code's coded segments.")
def delete(project: Path, codepath: str, force: bool) -> None:
    """Delete a code and its subcodes (with --force when they have coded segments)."""
    with opened(project) as proj:
        count = store.delete_code(proj, codepath, force=force)
    message(f"deleted {codepath} and its subcodes ({count} coded segment(s) deleted)")
