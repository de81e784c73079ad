"""CSV cells that a spreadsheet program would run as a formula (CSV injection).

OWASP's rule (owasp.org/www-community/attacks/CSV_Injection): a cell starting with ``=``,
``+``, ``-``, ``@``, a tab (U+0009) or a carriage return (U+000D) is prefixed with a single
quote, so Excel and LibreOffice show ``'=HYPERLINK(...)`` as text instead of evaluating it.
Numbers stay numbers: Python numbers are never changed, and a string that is a plain decimal
number (``-3``, ``-0.25``, ``+1e5``, ``-0,5``) cannot be a formula and is left as it is, so
numeric columns read back unchanged. JSON output is data for programs and is never escaped;
XLSX cells are text cells instead (:mod:`qualcode.exports.workbooks`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: First characters that make a spreadsheet program read a cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet program could read ``text`` as a formula: it starts with one
    of :data:`FORMULA_TRIGGERS` and is not a plain decimal number."""
    return text[:1] in FORMULA_TRIGGERS and _NUMBER.fullmatch(text) is None


def csv_cell(value: object) -> object:
    """``value`` for a CSV cell: a string that :func:`looks_like_formula` gets a leading
    ``'``; anything else (numbers, ``None``, other strings) is returned unchanged."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def csv_row(values: Iterable[object]) -> list[object]:
    """:func:`csv_cell` for each value of a row."""
    return [csv_cell(v) for v in values]
