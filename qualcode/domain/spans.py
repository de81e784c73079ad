"""Span maths on half-open ``[start, end)`` intervals of 0-based code points."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from qualcode.domain.errors import InputError


class Span(NamedTuple):
    """A half-open interval ``[start, end)`` of code points; ``len`` is ``end - start``."""

    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


def check_span(start: int, end: int, text_length: int) -> Span:
    """Validate a coded-segment span against a text of ``text_length`` code points.

    Raises :class:`InputError` unless ``0 <= start < end <= text_length``.
    """
    if not (0 <= start < end <= text_length):
        raise InputError(
            f"span [{start}, {end}) is not inside the text (0..{text_length}) or is empty"
        )
    return Span(start, end)


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Number of code points shared by ``[a_start, a_end)`` and ``[b_start, b_end)`` (>= 0)."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[Span]:
    """Union of spans as a sorted list of disjoint, non-adjacent spans."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [Span(s, e) for s, e in merged]


def union_length(spans: Iterable[tuple[int, int]]) -> int:
    """Number of code points covered by at least one span."""
    return sum(s.length for s in merge_spans(spans))


def trim_whitespace(text: str, start: int, end: int) -> Span:
    """Shrink ``[start, end)`` so it neither starts nor ends with whitespace.

    Returns the original span when it holds nothing but whitespace.
    """
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Span(s, e) if s < e else Span(start, end)
