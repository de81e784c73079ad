"""Document sets (MAXQDA: "Dokumentsets"): named collections of documents across groups.

A document may be in several sets, once in each; a set never holds the documents
themselves, so deleting a set or removing a document from it deletes nothing else. Every
change is one batch of the event log (``qualcode undo`` takes it back); deleting a document
removes it from its sets, and undoing that deletion puts it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qualcode.domain.control_chars import check_name
from qualcode.domain.errors import ConflictError, InputError
from qualcode.domain.models import Document
from qualcode.store.document_scope import check_sets
from qualcode.store.project import Project, new_guid


@dataclass(frozen=True)
class DocumentSet:
    """A document set with the names of its documents in the order they were added."""

    id: int
    name: str
    documents: tuple[str, ...]


def list_sets(project: Project) -> list[DocumentSet]:
    """Every document set in order (oldest first), with its documents."""
    members: dict[int, list[str]] = {}
    for set_id, name in project.db.execute(
            """SELECT m.set_id, d.name FROM document_set_members m
               JOIN documents d ON d.id = m.document_id ORDER BY m.set_id, m.position, m.id"""):
        members.setdefault(set_id, []).append(name)
    return [DocumentSet(set_id, name, tuple(members.get(set_id, [])))
            for set_id, name in project.db.execute(
                "SELECT id, name FROM document_sets ORDER BY position, name")]


def _set_id(project: Project, name: str) -> int:
    check_sets(project, [name])
    return project.db.execute("SELECT id FROM document_sets WHERE name = ?",
                              [name]).fetchone()[0]


def _checked_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise InputError("a document set name must not be empty")
    return check_name("document set name", name)


def _refuse_taken(project: Project, name: str, row_id: int | None = None) -> None:
    taken = project.db.execute("SELECT id FROM document_sets WHERE name = ?", [name]).fetchone()
    if taken and taken[0] != row_id:
        raise ConflictError(f"a document set {name!r} already exists")


def _members(project: Project, set_id: int) -> set[int]:
    return {r[0] for r in project.db.execute(
        "SELECT document_id FROM document_set_members WHERE set_id = ?", [set_id])}


def _insert_members(project: Project, set_id: int, documents: Sequence[Document]) -> None:
    position = project.db.execute(
        "SELECT coalesce(max(position), 0) FROM document_set_members WHERE set_id = ?",
        [set_id]).fetchone()[0]
    for offset, document in enumerate(documents, start=1):
        project.db.execute(
            "INSERT INTO document_set_members (set_id, document_id, position) VALUES (?, ?, ?)",
            [set_id, document.id, position + offset])


def create_set(project: Project, name: str, documents: Sequence[Document] = (),
               actor: str | None = None) -> str:
    """Create the set ``name`` holding ``documents``; returns the (stripped) name.

    Raises :class:`InputError` for an empty name or one with a control character and
    :class:`ConflictError` when a set of that name exists.
    """
    name = _checked_name(name)
    _refuse_taken(project, name)
    with project.transaction(f"create document set {name}", actor):
        position = project.db.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM document_sets").fetchone()[0]
        cursor = project.db.execute(
            "INSERT INTO document_sets (guid, name, position) VALUES (?, ?, ?)",
            [new_guid(), name, position])
        _insert_members(project, cursor.lastrowid, documents)
    return name


def add_to_set(project: Project, name: str, documents: Sequence[Document],
               actor: str | None = None) -> tuple[list[str], list[str]]:
    """Add ``documents`` to the set ``name``; returns ``(added, already in the set)`` names.

    Raises :class:`NotFoundError` for an unknown set.
    """
    set_id = _set_id(project, name)
    present = _members(project, set_id)
    new = [d for d in documents if d.id not in present]
    if new:
        with project.transaction(f"add {len(new)} document(s) to set {name}", actor):
            _insert_members(project, set_id, new)
    return [d.name for d in new], [d.name for d in documents if d.id in present]


def remove_from_set(project: Project, name: str, documents: Sequence[Document],
                    actor: str | None = None) -> list[str]:
    """Take ``documents`` out of the set ``name`` (they stay in the project); returns their
    names. Raises :class:`NotFoundError` for an unknown set and :class:`InputError` (nothing
    removed) when one of them is not in the set."""
    set_id = _set_id(project, name)
    present = _members(project, set_id)
    missing = [d.name for d in documents if d.id not in present]
    if missing:
        raise InputError(f"document {missing[0]} is not in set {name}; nothing removed")
    with project.transaction(f"remove {len(documents)} document(s) from set {name}", actor):
        for document in documents:
            project.db.execute(
                "DELETE FROM document_set_members WHERE set_id = ? AND document_id = ?",
                [set_id, document.id])
    return [d.name for d in documents]


def delete_set(project: Project, name: str, actor: str | None = None) -> int:
    """Delete the set ``name`` (its documents stay); returns how many documents it held.
    Raises :class:`NotFoundError` for an unknown set."""
    set_id = _set_id(project, name)
    count = len(_members(project, set_id))
    with project.transaction(f"delete document set {name}", actor):
        # Members first, each as its own event, so that undo puts them back after the set.
        project.db.execute("DELETE FROM document_set_members WHERE set_id = ?", [set_id])
        project.db.execute("DELETE FROM document_sets WHERE id = ?", [set_id])
    return count


def rename_set(project: Project, name: str, new_name: str, actor: str | None = None) -> str:
    """Rename the set ``name``; returns the new name. Raises :class:`NotFoundError`,
    :class:`InputError` (bad name) or :class:`ConflictError` (name taken)."""
    new_name = _checked_name(new_name)
    set_id = _set_id(project, name)
    _refuse_taken(project, new_name, set_id)
    with project.transaction(f"rename document set {name} to {new_name}", actor):
        project.db.execute("UPDATE document_sets SET name = ? WHERE id = ?", [new_name, set_id])
    return new_name


def set_member_ids(project: Project) -> list[tuple[str, tuple[int, ...]]]:
    """Every document set in order as ``(name, ids of its documents)`` (the workbench's
    Document System: activating a set activates its documents)."""
    members: dict[int, list[int]] = {}
    for set_id, document_id in project.db.execute(
            "SELECT set_id, document_id FROM document_set_members ORDER BY set_id, position, id"):
        members.setdefault(set_id, []).append(document_id)
    return [(name, tuple(members.get(set_id, [])))
            for set_id, name in project.db.execute(
                "SELECT id, name FROM document_sets ORDER BY position, name")]
