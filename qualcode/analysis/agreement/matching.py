"""Matching two coders' segments with the same code: how much do two segments overlap?

MAXQDA's segment-level rule: a segment agrees when the other coder has a segment with the
same code in the same document that overlaps it by at least a threshold (MAXQDA's default
90 %). Overlap is the characters shared divided by the characters covered by either segment
(``union``, the default) or by the shorter segment (``shorter``).
"""

from __future__ import annotations

from collections.abc import Sequence

from qualcode.analysis.agreement.options import DEFAULT_THRESHOLD, OVERLAPS
from qualcode.domain.errors import InputError
from qualcode.domain.models import Segment
from qualcode.domain.spans import overlap

__all__ = ["DEFAULT_THRESHOLD", "OVERLAPS", "agrees", "check_threshold", "matched",
           "overlap_share"]


def check_threshold(threshold: float, measure: str) -> None:
    """Raise :class:`InputError` unless 0 < threshold <= 100 and ``measure`` is known."""
    if not 0 < threshold <= 100:
        raise InputError(f"threshold {threshold:g} outside (0, 100] percent")
    if measure not in OVERLAPS:
        raise InputError(f"unknown overlap measure {measure!r} (one of {', '.join(OVERLAPS)})")


def overlap_share(a: Segment, b: Segment, measure: str = "union") -> float:
    """Shared characters of ``a`` and ``b`` ÷ characters covered by either (``union``) or by
    the shorter one (``shorter``); a fraction in [0, 1]."""
    shared = overlap(a.start, a.end, b.start, b.end)
    if not shared:
        return 0.0
    length_a, length_b = a.end - a.start, b.end - b.start
    whole = length_a + length_b - shared if measure == "union" else min(length_a, length_b)
    return shared / whole


def agrees(a: Segment, b: Segment, threshold: float, measure: str) -> bool:
    """True when ``a`` and ``b`` overlap by at least ``threshold`` percent."""
    share = overlap_share(a, b, measure)
    # Compare in percent with a tolerance so that e.g. 9/10 meets a 90 % threshold exactly.
    return share > 0 and share * 100 >= threshold - 1e-9


def matched(own: Sequence[Segment], other: Sequence[Segment], threshold: float,
            measure: str) -> list[bool]:
    """For each of ``own``: does some segment of ``other`` agree with it?"""
    return [any(agrees(a, b, threshold, measure) for b in other) for a in own]
