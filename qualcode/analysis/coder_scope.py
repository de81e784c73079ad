"""Whose coded segments an analysis or export uses, so that coders are never mixed silently.

Several coders may code the same material (an agreement check, a team splitting work).
Counting or quoting all of them together is sometimes wanted, but it must be said: every
export names the coders it used, and a front end warns (:meth:`CoderScope.warning`) when no
coder was chosen and more than one has segments in scope.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from qualcode.store.project import Project


@dataclass(frozen=True)
class CoderScope:
    """``chosen``: the coder asked for (``None``: every coder); ``coders``: the names of the
    coders with coded segments in scope, sorted case-insensitively."""

    chosen: str | None
    coders: tuple[str, ...]

    @property
    def mixed(self) -> bool:
        """True when no coder was chosen and several coders' segments are used together."""
        return self.chosen is None and len(self.coders) > 1

    def names(self) -> str:
        """``"anna, ben"``; the chosen coder even without segments; ``""`` for nobody."""
        if self.chosen is not None:
            return self.chosen
        return ", ".join(self.coders)

    def warning(self, verb: str = "counted") -> str | None:
        """The one-line warning for a mixed scope (``None`` otherwise), e.g.
        ``warning: segments of 2 coders are counted together (anna, ben); give --coder to
        choose``; ``verb`` says what happens to them (``counted``, ``quoted``)."""
        if not self.mixed:
            return None
        return (f"warning: segments of {len(self.coders)} coders are {verb} together "
                f"({', '.join(self.coders)}); give --coder to choose")


def coder_scope(
    project: Project,
    coder: str | None = None,
    *,
    code_ids: Sequence[int] | None = None,
    document_ids: Sequence[int] | None = None,
    groups: Sequence[str] | None = None,
) -> CoderScope:
    """The coders with segments of ``code_ids`` in ``document_ids`` and documents of
    ``groups`` (``None``: no restriction); with ``coder`` only that coder, if they have any."""
    where: list[str] = []
    params: list = []
    for column, values in (("s.code_id", code_ids), ("s.document_id", document_ids),
                           ("g.name", groups)):
        if values is not None:
            where.append(f"{column} IN ({','.join('?' * len(values))})")
            params.extend(values)
    if coder is not None:
        where.append("c.name = ?")
        params.append(coder)
    sql = f"""SELECT DISTINCT c.name FROM segments s
              JOIN coders c ON c.id = s.coder_id
              JOIN documents d ON d.id = s.document_id
              LEFT JOIN document_groups g ON g.id = d.group_id
              {"WHERE " + " AND ".join(where) if where else ""}"""
    return CoderScope(coder, sorted_names(row[0] for row in project.db.execute(sql, params)))


def sorted_names(names: Iterable[str]) -> tuple[str, ...]:
    """Coder names, each once, sorted case-insensitively (the order every notice uses)."""
    return tuple(sorted(set(names), key=lambda name: (name.casefold(), name)))
