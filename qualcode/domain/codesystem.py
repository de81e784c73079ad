"""The code system as a tree: path resolution, descendants, depth-first order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from difflib import get_close_matches

from qualcode.domain.codepath import join_codepath, split_codepath
from qualcode.domain.errors import NotFoundError


class CodeTree:
    """Tree over rows ``(id, parent_id, name, position)``.

    Children are ordered by ``position`` then name. Paths are CODEPATHs
    (see :mod:`qualcode.domain.codepath`).
    """

    def __init__(self, rows: Iterable[tuple[int, int | None, str, int]]) -> None:
        self.parent: dict[int, int | None] = {}
        self.name: dict[int, str] = {}
        self.children: dict[int | None, list[int]] = {None: []}
        order: dict[int, tuple[int, str]] = {}
        for code_id, parent_id, name, position in rows:
            self.parent[code_id] = parent_id
            self.name[code_id] = name
            order[code_id] = (position, name.casefold())
            self.children.setdefault(code_id, [])
        for code_id, parent_id in self.parent.items():
            self.children.setdefault(parent_id, []).append(code_id)
        for kids in self.children.values():
            kids.sort(key=order.__getitem__)

    def names_of(self, code_id: int) -> list[str]:
        """Names from the top-level ancestor down to ``code_id``."""
        names = []
        current: int | None = code_id
        while current is not None:
            names.append(self.name[current])
            current = self.parent[current]
        return names[::-1]

    def path_of(self, code_id: int) -> str:
        """CODEPATH of ``code_id``."""
        return join_codepath(self.names_of(code_id))

    def depth_of(self, code_id: int) -> int:
        """0 for a top-level code."""
        return len(self.names_of(code_id)) - 1

    def find(self, path: str) -> int | None:
        """Id of the code at ``path``, or ``None``."""
        current: int | None = None
        for name in split_codepath(path):
            match = [c for c in self.children.get(current, []) if self.name[c] == name]
            if not match:
                return None
            current = match[0]
        return current

    def resolve(self, path: str) -> int:
        """Id of the code at ``path``; raises :class:`NotFoundError` naming close matches."""
        found = self.find(path)
        if found is None:
            known = [self.path_of(c) for c in self.parent]
            close = get_close_matches(path, known, n=3, cutoff=0.6)
            hint = f" (did you mean: {', '.join(close)}?)" if close else ""
            raise NotFoundError(f"no code {path!r}{hint}")
        return found

    def descendants(self, code_id: int) -> list[int]:
        """All codes below ``code_id``, depth-first, excluding it."""
        return descendants_of(self.children, code_id)

    def walk(self) -> Iterator[int]:
        """Every code, depth-first in code-system order."""
        for top in self.children[None]:
            yield top
            yield from self.descendants(top)

    def top_level_of(self, code_id: int) -> int:
        """The top-level ancestor of ``code_id`` (itself when top-level)."""
        current = code_id
        while self.parent[current] is not None:
            current = self.parent[current]  # type: ignore[assignment]
        return current


def descendants_of(children: Mapping[int | None, list[int]], code_id: int) -> list[int]:
    """Every code below ``code_id`` in a tree given as ``children`` (code id -> ids of its
    subcodes in order), depth-first, ``code_id`` itself excluded."""
    out: list[int] = []
    stack = list(reversed(children.get(code_id, [])))
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(reversed(children.get(current, [])))
    return out
