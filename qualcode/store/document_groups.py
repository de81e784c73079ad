"""Document groups (MAXQDA: "Dokumentgruppen"): listing, renaming and ordering them.

Groups are created on import (``--group``) or when documents are moved into a new one
(:func:`qualcode.store.document_edits.move_documents`). Each change is one batch of the
event log, so ``qualcode undo`` takes it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qualcode.domain.control_chars import check_name
from qualcode.domain.errors import ConflictError, InputError
from qualcode.domain.ordering import Placement, reordered
from qualcode.store.document_scope import check_groups
from qualcode.store.project import Project


@dataclass(frozen=True)
class GroupInfo:
    """A document group in its order, with the number of its documents."""

    id: int
    name: str
    position: int
    documents: int


def group_infos(project: Project) -> list[GroupInfo]:
    """Every document group in order (empty groups too)."""
    return [GroupInfo(*row) for row in project.db.execute(
        """SELECT g.id, g.name, g.position,
                  (SELECT count(*) FROM documents d WHERE d.group_id = g.id)
           FROM document_groups g ORDER BY g.position, g.name""")]


def group_id(project: Project, name: str) -> int:
    """Id of the group ``name``; raises :class:`NotFoundError` naming close groups."""
    check_groups(project, [name])
    return project.db.execute("SELECT id FROM document_groups WHERE name = ?",
                              [name]).fetchone()[0]


def checked_group_name(name: str) -> str:
    """``name`` stripped; raises :class:`InputError` when empty or holding a control
    character (:func:`~qualcode.domain.control_chars.check_name`)."""
    name = name.strip()
    if not name:
        raise InputError("a document group name must not be empty")
    return check_name("document group name", name)


def rename_group(project: Project, name: str, new_name: str, actor: str | None = None) -> str:
    """Rename group ``name`` (its documents stay in it); returns the new name.

    Raises :class:`NotFoundError` for an unknown group, :class:`InputError` for a bad new
    name and :class:`ConflictError` when another group has it already.
    """
    new_name = checked_group_name(new_name)
    row_id = group_id(project, name)
    taken = project.db.execute("SELECT id FROM document_groups WHERE name = ?",
                               [new_name]).fetchone()
    if taken and taken[0] != row_id:
        raise ConflictError(f"a document group {new_name!r} already exists")
    with project.transaction(f"rename document group {name} to {new_name}", actor):
        project.db.execute("UPDATE document_groups SET name = ? WHERE id = ?",
                           [new_name, row_id])
    return new_name


def write_positions(project: Project, table: str, ids: Sequence[int]) -> None:
    """Give the rows ``ids`` of ``table`` the positions 1, 2, ... in this order, writing
    only positions that change (each write is an event of the caller's batch)."""
    now = dict(project.db.execute(
        f"SELECT id, position FROM {table} WHERE id IN ({','.join('?' * len(ids))})", ids))
    for position, row_id in enumerate(ids, start=1):
        if now.get(row_id) != position:
            project.db.execute(f"UPDATE {table} SET position = ? WHERE id = ?",
                               [position, row_id])


def order_groups(project: Project, names: Sequence[str], placement: Placement,
                 actor: str | None = None) -> list[str]:
    """Move the groups ``names`` (in the order given) to ``placement`` among all groups;
    returns every group name in the new order. Raises :class:`NotFoundError` for an unknown
    group and :class:`InputError` for a bad placement."""
    placement.check()
    anchor = [placement.anchor] if placement.anchor is not None else []
    check_groups(project, [*names, *anchor])
    groups = group_infos(project)
    new = reordered([g.name for g in groups], list(names), placement)
    ids = {g.name: g.id for g in groups}
    with project.transaction(f"order document groups: {', '.join(new)}", actor):
        write_positions(project, "document_groups", [ids[n] for n in new])
    return new
