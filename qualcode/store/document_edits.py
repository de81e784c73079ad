"""Managing documents: renaming, deleting, moving them between groups and ordering them
within their group. Each call is one batch of the event log (``qualcode undo`` takes it
back; an undone deletion brings the documents back with their text, turns, variables,
memos, coded segments and set memberships)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qualcode.domain.control_chars import check_name
from qualcode.domain.errors import ConflictError, InputError
from qualcode.domain.models import Document
from qualcode.domain.ordering import Placement, reordered
from qualcode.store.document_groups import checked_group_name, write_positions
from qualcode.store.documents import delete_document, ensure_group, resolve_document
from qualcode.store.project import Project


def resolve_documents(project: Project, refs: Sequence[str]) -> list[Document]:
    """The documents named (or numbered) ``refs``, each once, in the order given; raises
    :class:`NotFoundError` for the first unknown one."""
    found: dict[int, Document] = {}
    for ref in refs:
        document = resolve_document(project, ref)
        found.setdefault(document.id, document)
    return list(found.values())


def _label(documents: Sequence[Document]) -> str:
    names = ", ".join(d.name for d in documents[:3])
    return names + (f" and {len(documents) - 3} more" if len(documents) > 3 else "")


def rename_document(project: Project, ref: str, new_name: str,
                    actor: str | None = None) -> tuple[str, str]:
    """Rename the document ``ref``; returns ``(old name, new name)``.

    Raises :class:`NotFoundError` for an unknown document, :class:`InputError` for an empty
    name or one with a control character, :class:`ConflictError` when another document has
    the name already.
    """
    new_name = new_name.strip()
    if not new_name:
        raise InputError("a document name must not be empty")
    check_name("document name", new_name)
    document = resolve_document(project, ref)
    taken = project.db.execute("SELECT id FROM documents WHERE name = ?", [new_name]).fetchone()
    if taken and taken[0] != document.id:
        raise ConflictError(f"a document {new_name!r} already exists")
    with project.transaction(f"rename document {document.name} to {new_name}", actor):
        project.db.execute("UPDATE documents SET name = ? WHERE id = ?", [new_name, document.id])
    return document.name, new_name


@dataclass(frozen=True)
class DeletionCounts:
    """What deleting documents takes with them: coded segments and memos (document memos,
    in-text memos and memos on their coded segments)."""

    documents: int
    segments: int
    memos: int


def deletion_counts(project: Project, documents: Sequence[Document]) -> DeletionCounts:
    """How many coded segments and memos go with ``documents``."""
    ids = [d.id for d in documents]
    marks = ",".join("?" * len(ids))
    segments = project.db.execute(
        f"SELECT count(*) FROM segments WHERE document_id IN ({marks})", ids).fetchone()[0]
    memos = project.db.execute(
        f"""SELECT count(*) FROM memos WHERE document_id IN ({marks}) OR segment_id IN
            (SELECT id FROM segments WHERE document_id IN ({marks}))""", ids + ids).fetchone()[0]
    return DeletionCounts(len(ids), segments, memos)


def delete_documents(project: Project, documents: Sequence[Document],
                     actor: str | None = None) -> DeletionCounts:
    """Delete ``documents`` with everything of them, as one change; returns the counts."""
    counts = deletion_counts(project, documents)
    noun = "document" if len(documents) == 1 else "documents"
    with project.transaction(f"delete {noun} {_label(documents)}", actor):
        for document in documents:
            delete_document(project, document.id, actor)
    return counts


def _group_order(project: Project, group_id: int | None) -> list[int]:
    """Ids of the documents of a group (``None``: without group) in their order."""
    return [r[0] for r in project.db.execute(
        "SELECT id FROM documents WHERE group_id IS ? ORDER BY position, id", [group_id])]


def move_documents(project: Project, documents: Sequence[Document], group: str | None,
                   actor: str | None = None) -> bool:
    """Move ``documents`` to the end of ``group`` (``None``: out of every group), creating the
    group when new. Returns whether the group was created. Raises :class:`InputError` for
    a bad group name (:func:`~qualcode.store.document_groups.checked_group_name`)."""
    if group is not None:
        group = checked_group_name(group)
    target = f"document group {group}" if group is not None else "no group"
    with project.transaction(f"move {_label(documents)} to {target}", actor):
        created = False
        group_id = None
        if group is not None:
            created = project.db.execute("SELECT 1 FROM document_groups WHERE name = ?",
                                         [group]).fetchone() is None
            group_id = ensure_group(project, group)
        order = [i for i in _group_order(project, group_id)
                 if i not in {d.id for d in documents}]
        for document in documents:
            project.db.execute("UPDATE documents SET group_id = ? WHERE id = ?",
                               [group_id, document.id])
        write_positions(project, "documents", order + [d.id for d in documents])
    return created


def order_documents(project: Project, documents: Sequence[Document], placement: Placement,
                    actor: str | None = None) -> list[str]:
    """Move ``documents`` (in the order given) to ``placement`` within their group; returns
    the names of the group's documents in the new order.

    ``placement.before``/``after`` name a document (name or id) of the same group. Raises
    :class:`InputError` when the documents are not all in one group, the anchor is in
    another group, or the placement is not exactly one of before, after, first, last.
    """
    placement.check()
    groups = {d.group for d in documents}
    if len(groups) != 1:
        raise InputError("the documents to order are in different groups "
                         f"({', '.join(sorted(g or '(none)' for g in groups))}); "
                         "order the documents of one group at a time")
    group = groups.pop()
    where = f"group {group}" if group is not None else "no group"
    ids = [d.id for d in documents]
    if placement.anchor is not None:
        anchor = resolve_document(project, str(placement.anchor))
        if anchor.group != group:
            raise InputError(f"{anchor.name} is not in {where} like {documents[0].name} "
                             f"(move documents between groups with: qualcode documents move)")
        placement = Placement(before=anchor.id if placement.before is not None else None,
                              after=anchor.id if placement.after is not None else None)
        if anchor.id in ids:
            raise InputError(f"{anchor.name} cannot be placed before or after itself")
    group_id = project.db.execute("SELECT group_id FROM documents WHERE id = ?",
                                  [ids[0]]).fetchone()[0]
    new = reordered(_group_order(project, group_id), ids, placement)
    with project.transaction(f"order documents in {where}", actor):
        write_positions(project, "documents", new)
    names = dict(project.db.execute(
        f"SELECT id, name FROM documents WHERE id IN ({','.join('?' * len(new))})", new))
    return [names[i] for i in new]
