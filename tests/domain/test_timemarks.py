"""f4/f5 time marks #hh:mm:ss-d# and noScribe's [hh:mm:ss]."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.domain.timemarks import (
    BRACKET_MARK,
    F4_MARK,
    format_f4_mark,
    mark_to_ms,
    parse_f4_mark,
)


@pytest.mark.parametrize("mark,ms", [
    ("#00:01:23-4#", 83_400),
    ("#00:00:00-0#", 0),
    ("#01:00:00-0#", 3_600_000),
    ("#00:00:05#", 5_000),          # without a fraction
    ("#00:00:05-45#", 5_450),       # f5: hundredths
    ("#00:00:05-456#", 5_456),      # milliseconds
    ("#1:02:03-4#", 3_723_400),     # one-digit hour
    ("#00:00:05.5#", 5_500),
    (" #00:00:05-5# ", 5_500),      # surrounding spaces
])
def test_parse_f4_mark(mark, ms):
    assert parse_f4_mark(mark) == ms


@pytest.mark.parametrize("mark", ["00:01:23-4", "#00:60:00-0#", "#00:00:61-0#", "#aa:00:00-0#",
                                  "[00:00:12]", ""])
def test_not_an_f4_mark(mark):
    with pytest.raises(ValueError):
        parse_f4_mark(mark)


def test_format_rounds_down_to_tenths():
    assert format_f4_mark(83_400) == "#00:01:23-4#"
    assert format_f4_mark(83_499) == "#00:01:23-4#"
    assert format_f4_mark(0) == "#00:00:00-0#"
    assert format_f4_mark(3_723_400) == "#01:02:03-4#"


def test_negative_time_is_refused():
    with pytest.raises(ValueError):
        format_f4_mark(-1)


def test_marks_found_in_text():
    line = "B: Das war's. #00:02:10-7#"
    assert mark_to_ms(F4_MARK.search(line)) == 130_700
    assert mark_to_ms(BRACKET_MARK.search("S01: [00:01:05] Ja.")) == 65_000


@settings(database=None)
@given(st.integers(0, 100 * 3_600_000 - 1))
def test_format_then_parse_keeps_the_time_to_the_tenth(ms):
    assert parse_f4_mark(format_f4_mark(ms)) == ms - ms % 100


@settings(database=None)
@given(st.integers(0, 99), st.integers(0, 59), st.integers(0, 59), st.integers(0, 9))
def test_parse_then_format_gives_the_mark_back(h, m, s, d):
    mark = f"#{h:02d}:{m:02d}:{s:02d}-{d}#"
    assert format_f4_mark(parse_f4_mark(mark)) == mark
