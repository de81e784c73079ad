"""Where a jump in a transcript lands: the next coded segment, the next turn of a speaker,
and the name of an in-vivo code. Pure functions over offsets (0-based code points)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Protocol, TypeVar


class _Spanned(Protocol):
    start: int
    end: int
    code_id: int


S = TypeVar("S", bound=_Spanned)

#: An in-vivo code name is cut at a word boundary after this many characters.
INVIVO_MAX = 60
_EDGE = "…\"'„“”‚‘’«»‹›()[]{}.,;:!?-–— \t\n"


def next_segment(segments: Sequence[S], start: int, end: int, forward: bool,
                 codes: Collection[int] = ()) -> S | None:
    """The coded segment after (``forward``) or before the selection ``[start, end)``.

    Segments are ordered by ``(start, end)``; with ``codes``, only segments of those code ids
    count (empty: every segment). ``None`` when there is none in that direction (no wrap).
    """
    here = (start, end)
    wanted = [s for s in segments if not codes or s.code_id in codes]
    if forward:
        after = [s for s in wanted if (s.start, s.end) > here]
        return min(after, key=lambda s: (s.start, s.end), default=None)
    before = [s for s in wanted if (s.start, s.end) < here]
    return max(before, key=lambda s: (s.start, s.end), default=None)


class _Turn(Protocol):
    start: int
    speaker: str


T = TypeVar("T", bound=_Turn)


def next_turn(turns: Sequence[T], current: T, forward: bool) -> T | None:
    """The next (or previous) turn of ``current``'s speaker in ``turns`` (ordered by start);
    ``None`` when that speaker has no further turn in that direction."""
    same = [t for t in turns if t.speaker == current.speaker]
    if forward:
        return next((t for t in same if t.start > current.start), None)
    return next((t for t in reversed(same) if t.start < current.start), None)


def invivo_name(words: str) -> str:
    """The name of an in-vivo code for the selected ``words``: whitespace collapsed,
    quotes and punctuation at both ends dropped, cut after :data:`INVIVO_MAX` characters at a
    word boundary (ending in ``…``). A slash stays part of the name (escape it in a CODEPATH).

    Raises ``ValueError`` when no word is left.
    """
    name = re.sub(r"\s+", " ", words).strip(_EDGE)
    if not name:
        raise ValueError("the selection holds no words to name a code after")
    if len(name) > INVIVO_MAX:
        cut = name[:INVIVO_MAX + 1].rsplit(" ", 1)[0] if " " in name[:INVIVO_MAX + 1] \
            else name[:INVIVO_MAX]
        name = cut.rstrip(_EDGE) + "…"
    return name
