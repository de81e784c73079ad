"""Moving items within an ordered list: before or after another item, first or last.

Used to reorder documents within their group and document groups among themselves; the
store writes the resulting order as positions.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from qualcode.domain.errors import InputError

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class Placement:
    """Where moved items go: ``before`` or ``after`` an item, ``first`` or ``last``.

    Exactly one is set; items are named as the caller names them (names or ids).
    """

    before: Hashable | None = None
    after: Hashable | None = None
    first: bool = False
    last: bool = False

    def check(self) -> Placement:
        """Return the placement; raises :class:`InputError` unless exactly one is given."""
        given = [self.before is not None, self.after is not None, self.first, self.last]
        if sum(given) != 1:
            raise InputError("give exactly one of --before, --after, --first, --last")
        return self

    @property
    def anchor(self) -> Hashable | None:
        """The item named by ``before`` or ``after`` (``None`` for first/last)."""
        return self.before if self.before is not None else self.after


def reordered(order: Sequence[T], moved: Sequence[T], placement: Placement) -> list[T]:
    """``order`` with the ``moved`` items (kept in the order given) taken out and put at
    ``placement``. Every moved item and the anchor must be in ``order``; raises
    :class:`InputError` when the anchor is itself one of the moved items."""
    placement.check()
    moved = list(dict.fromkeys(moved))
    anchor = placement.anchor
    if anchor is not None and anchor in moved:
        raise InputError(f"{anchor} cannot be placed before or after itself")
    rest = [item for item in order if item not in moved]
    if placement.first:
        index = 0
    elif placement.last:
        index = len(rest)
    else:
        index = rest.index(anchor) + (1 if placement.after is not None else 0)
    return rest[:index] + moved + rest[index:]
