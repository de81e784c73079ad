"""Where navigation jumps land: next/previous coded segment (of some codes), next/previous turn
of the same speaker."""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.domain.navigation import next_segment, next_turn


@dataclass
class Seg:
    start: int
    end: int
    code_id: int


@dataclass
class Turn:
    start: int
    speaker: str


SEGMENTS = [Seg(50, 60, 2), Seg(10, 20, 1), Seg(10, 40, 2), Seg(90, 95, 1)]


def test_next_segment_in_document_order_from_the_selection():
    assert next_segment(SEGMENTS, 0, 0, True) == Seg(10, 20, 1)
    assert next_segment(SEGMENTS, 10, 20, True) == Seg(10, 40, 2)  # same start, longer
    assert next_segment(SEGMENTS, 10, 40, True) == Seg(50, 60, 2)
    assert next_segment(SEGMENTS, 90, 95, True) is None
    assert next_segment(SEGMENTS, 50, 60, False) == Seg(10, 40, 2)
    assert next_segment(SEGMENTS, 10, 20, False) is None


def test_next_segment_of_the_given_codes_only():
    assert next_segment(SEGMENTS, 10, 20, True, {1}) == Seg(90, 95, 1)
    assert next_segment(SEGMENTS, 90, 95, False, {2}) == Seg(50, 60, 2)
    assert next_segment(SEGMENTS, 0, 0, True, {3}) is None


def test_next_turn_of_the_same_speaker():
    turns = [Turn(0, "I"), Turn(10, "B"), Turn(20, "I"), Turn(30, "B2"), Turn(40, "B")]
    assert next_turn(turns, turns[1], True) == Turn(40, "B")
    assert next_turn(turns, turns[4], False) == Turn(10, "B")
    assert next_turn(turns, turns[2], True) is None
    assert next_turn(turns, turns[0], False) is None
