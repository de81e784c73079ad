"""Transcript time marks.

f4/f5 (audiotranskription.de) writes ``#hh:mm:ss-d#`` with ``d`` tenths of a second (f5 also
writes two digits, hundredths); noScribe writes ``[hh:mm:ss]`` at the start of a turn.
All times are integer milliseconds.
"""

from __future__ import annotations

import re

F4_MARK = re.compile(r"#(\d{1,2}):([0-5]\d):([0-5]\d)(?:[-.,](\d{1,3}))?#")
BRACKET_MARK = re.compile(r"\[(\d{1,2}):([0-5]\d):([0-5]\d)(?:[.,](\d{1,3}))?\]")


def _to_ms(hours: str, minutes: str, seconds: str, fraction: str | None) -> int:
    ms = (int(hours) * 3600 + int(minutes) * 60 + int(seconds)) * 1000
    if fraction:
        # "-4" means 4 tenths, "-45" 45 hundredths, "-450" milliseconds.
        ms += int(fraction.ljust(3, "0"))
    return ms


def parse_f4_mark(mark: str) -> int:
    """Milliseconds of an f4 mark such as ``#00:01:23-4#`` (= 83 400 ms).

    Raises ``ValueError`` when ``mark`` is not an f4 time mark.
    """
    match = F4_MARK.fullmatch(mark.strip())
    if not match:
        raise ValueError(f"not an f4 time mark: {mark!r}")
    return _to_ms(*match.groups())


def mark_to_ms(match: re.Match[str]) -> int:
    """Milliseconds of a match of :data:`F4_MARK` or :data:`BRACKET_MARK`."""
    return _to_ms(*match.groups())


def format_f4_mark(ms: int) -> str:
    """f4 mark for ``ms`` milliseconds, rounded down to tenths: ``83_400 -> "#00:01:23-4#"``."""
    if ms < 0:
        raise ValueError("time must not be negative")
    tenths = ms // 100
    seconds, tenth = divmod(tenths, 10)
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    return f"#{hours:02d}:{minute:02d}:{second:02d}-{tenth}#"
