"""Which documents a command or a view works on: document groups and document sets.

A scope is a list of group names and a list of set names (either may be empty: no
restriction). A document is in the scope when it is in one of the groups and in one of the
sets. Resolution lives here, below every front end, so that the command line and the
workbench select the same documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import get_close_matches

from qualcode.domain.errors import NotFoundError
from qualcode.store.project import Project


def _known(project: Project, table: str) -> list[str]:
    return [r[0] for r in project.db.execute(f"SELECT name FROM {table} ORDER BY position, name")]


def _check(project: Project, names: Sequence[str] | None, table: str, noun: str) -> None:
    if not names:
        return
    known = _known(project, table)
    for name in names:
        if name not in known:
            close = get_close_matches(name, known, n=3, cutoff=0.5)
            hint = (f"did you mean: {', '.join(close)}?" if close else
                    f"{noun}s: {', '.join(known) or 'none'}")
            raise NotFoundError(f"no {noun} {name!r} ({hint})")


def check_groups(project: Project, groups: Sequence[str] | None) -> None:
    """Raise :class:`NotFoundError` (with close names) for a group that does not exist."""
    _check(project, groups, "document_groups", "document group")


def check_sets(project: Project, sets: Sequence[str] | None) -> None:
    """Raise :class:`NotFoundError` (with close names) for a set that does not exist."""
    _check(project, sets, "document_sets", "document set")


def scope_condition(groups: Sequence[str] | None, sets: Sequence[str] | None,
                    column: str = "d.id") -> tuple[str, list]:
    """SQL ``AND ...`` keeping the document ids in ``column`` that lie in the scope, and its
    parameters (``("", [])`` for no restriction). Names are not checked here (see
    :func:`check_groups`, :func:`check_sets`): an unknown name selects nothing."""
    sql, params = "", []
    if groups:
        marks = ",".join("?" * len(groups))
        sql += (f" AND {column} IN (SELECT dg.id FROM documents dg WHERE dg.group_id IN "
                f"(SELECT id FROM document_groups WHERE name IN ({marks})))")
        params.extend(groups)
    if sets:
        marks = ",".join("?" * len(sets))
        sql += (f" AND {column} IN (SELECT m.document_id FROM document_set_members m "
                f"JOIN document_sets ds ON ds.id = m.set_id WHERE ds.name IN ({marks}))")
        params.extend(sets)
    return sql, params


def checked_condition(project: Project, groups: Sequence[str] | None,
                      sets: Sequence[str] | None, column: str = "d.id") -> tuple[str, list]:
    """:func:`scope_condition` after checking that every group and set exists."""
    check_groups(project, groups)
    check_sets(project, sets)
    return scope_condition(groups, sets, column)


def scope_document_ids(project: Project, groups: Sequence[str] | None = None,
                       sets: Sequence[str] | None = None) -> tuple[int, ...] | None:
    """Ids of the documents in the scope in document order, or ``None`` when neither groups
    nor sets restrict it. Raises :class:`NotFoundError` for an unknown group or set."""
    if not groups and not sets:
        return None
    sql, params = checked_condition(project, groups, sets)
    return tuple(r[0] for r in project.db.execute(
        f"""SELECT d.id FROM documents d LEFT JOIN document_groups g ON g.id = d.group_id
            WHERE 1 {sql} ORDER BY coalesce(g.position, 0), d.position, d.id""", params))
