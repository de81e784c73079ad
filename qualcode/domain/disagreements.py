"""A disagreement between two coders and how it is resolved into a consensus coder.

Pure data shared by the analysis layer (which finds disagreements) and the store (which
writes resolutions). A disagreement is identified by its *key* ``"A:B"``: the ids of coder
A's and coder B's segments, ``-`` for a side without a segment (``"12:47"``, ``"12:-"``,
``"-:47"``); the key stays valid as long as those segments exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qualcode.domain.errors import InputError
from qualcode.domain.models import Segment

#: Ways to resolve a disagreement: take coder A's segment, coder B's, both, or neither.
CHOICES = ("a", "b", "both", "neither")

#: Kinds of disagreement: both coders coded the passage but the boundaries differ too much
#: (``boundaries``), or only one coder coded it (``only_a``, ``only_b``).
KINDS = ("boundaries", "only_a", "only_b")

_KEY = re.compile(r"(\d+|-):(\d+|-)")


def disagreement_key(segment_a: int | None, segment_b: int | None) -> str:
    """``"12:47"`` for segments 12 (coder A) and 47 (coder B); ``-`` for a missing side."""
    return f"{segment_a if segment_a is not None else '-'}:" \
           f"{segment_b if segment_b is not None else '-'}"


#: Segment ids are SQLite row ids: 64-bit signed integers.
_MAX_ID = 2**63 - 1


def parse_disagreement_key(key: str) -> tuple[int | None, int | None]:
    """Inverse of :func:`disagreement_key`; raises :class:`InputError` for a malformed key."""
    match = _KEY.fullmatch(key.strip())
    if not match or match.group(1) == match.group(2) == "-":
        raise InputError(f"invalid disagreement {key!r}: expected SEGMENT:SEGMENT such as "
                         "12:47, 12:- or -:47")
    a, b = match.groups()
    for side in (a, b):
        if side != "-" and (len(side) > 19 or int(side) > _MAX_ID):
            raise InputError(f"invalid disagreement {key[:60]!r}: no segment id is that large")
    return (None if a == "-" else int(a)), (None if b == "-" else int(b))


@dataclass(frozen=True)
class Disagreement:
    """Coder A's and coder B's segments with one code in one document that do not agree.

    ``segment_a``/``segment_b`` carry text, offsets and 1-based line numbers; one of them is
    ``None`` when only the other coder coded the passage. ``overlap`` is the share of the two
    segments' characters they have in common (the measure chosen for the comparison; 0 when
    one side is missing). ``resolution`` is the choice already recorded for the consensus
    coder (one of :data:`CHOICES`) or ``None`` while open.
    """

    document_id: int
    document: str
    code_id: int
    code: str
    coder_a: str
    coder_b: str
    segment_a: Segment | None
    segment_b: Segment | None
    overlap: float
    resolution: str | None = None

    @property
    def key(self) -> str:
        return disagreement_key(self.segment_a.id if self.segment_a else None,
                                self.segment_b.id if self.segment_b else None)

    @property
    def kind(self) -> str:
        if self.segment_a is not None and self.segment_b is not None:
            return "boundaries"
        return "only_a" if self.segment_a is not None else "only_b"

    @property
    def start(self) -> int:
        """First code point of either side."""
        return min(s.start for s in (self.segment_a, self.segment_b) if s is not None)

    @property
    def end(self) -> int:
        """End (exclusive) of either side."""
        return max(s.end for s in (self.segment_a, self.segment_b) if s is not None)
