"""CSV cells a spreadsheet would run as a formula get a leading ``'`` (OWASP); numbers stay
numbers (``qualcode.exports.formula_escape``)."""

from __future__ import annotations

import pytest

from qualcode.exports.formula_escape import csv_cell, csv_row


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0",
                                  "@SUM(1)", "-2+3", "\tTab", "\rCR", "=", "-", "+49 30 1234",
                                  "-Sonstiges"])
def test_formula_starts_are_prefixed(text: str):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-3, -0.25, 0, 1.5, None, "-3", "-0.25", "+1e5", "-0,5",
                                   ".5", "Corona", "Behörden/Wartezeiten", "#00:01:23-4#",
                                   "12-14", "'schon zitiert", ""])
def test_numbers_and_plain_text_are_unchanged(value):
    assert csv_cell(value) == value


def test_a_row():
    assert csv_row(["=1+2", 3, -4.0, "x"]) == ["'=1+2", 3, -4.0, "x"]
