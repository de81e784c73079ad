"""Typed document variables (as MAXQDA's document variables: text, integer, float, date, boolean)."""

from __future__ import annotations

import re
from datetime import date

VARIABLE_TYPES = ("text", "integer", "float", "date", "boolean")

_INTEGER = re.compile(r"[+-]?\d{1,15}")
_FLOAT = re.compile(r"[+-]?\d{1,15}[.,]\d+")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_BOOLEAN = {"true": True, "false": False, "wahr": True, "falsch": False}

Value = str | int | float | bool


def infer_type(raw: str) -> str:
    """The narrowest variable type that represents ``raw`` exactly.

    ``"12" -> integer``, ``"3,5" -> float``, ``"28.04.2020"`` and ``"2020-04-28" -> date``,
    ``"true"/"false" -> boolean``, anything else ``text``. A leading zero (``"007"``) stays text.
    """
    value = raw.strip()
    if _INTEGER.fullmatch(value) and not re.match(r"[+-]?0\d", value):
        return "integer"
    if _FLOAT.fullmatch(value):
        return "float"
    if _to_date(value) is not None:
        return "date"
    if value.lower() in _BOOLEAN:
        return "boolean"
    return "text"


def _to_date(value: str) -> str | None:
    match = _ISO_DATE.fullmatch(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _GERMAN_DATE.fullmatch(value)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def article(type_: str) -> str:
    """A type name with its English indefinite article: ``"an integer"``, ``"a date"``."""
    return f"an {type_}" if type_[:1] in ("a", "e", "i", "o", "u") else f"a {type_}"


def widen(type_a: str, type_b: str) -> str:
    """The type that holds values of both types: integer+float -> float, else text."""
    if type_a == type_b:
        return type_a
    if {type_a, type_b} == {"integer", "float"}:
        return "float"
    return "text"


def convert(raw: str | Value, type_: str) -> Value:
    """``raw`` as a value of ``type_``: int, float, ISO date string, bool, or str.

    Raises ``ValueError`` when ``raw`` does not fit ``type_``.
    """
    if type_ not in VARIABLE_TYPES:
        raise ValueError(f"unknown variable type {type_!r} (one of {', '.join(VARIABLE_TYPES)})")
    if type_ == "text":
        return raw if isinstance(raw, str) else str(raw)
    if isinstance(raw, bool):
        if type_ == "boolean":
            return raw
        raise ValueError(f"{raw!r} is not {article(type_)}")
    if type_ == "integer" and isinstance(raw, int):
        return raw
    if type_ == "float" and isinstance(raw, (int, float)):
        return float(raw)
    value = str(raw).strip()
    if type_ == "integer" and _INTEGER.fullmatch(value):
        return int(value)
    if type_ == "float" and (_FLOAT.fullmatch(value) or _INTEGER.fullmatch(value)):
        return float(value.replace(",", "."))
    if type_ == "date":
        iso = _to_date(value)
        if iso is not None:
            return iso
    if type_ == "boolean" and value.lower() in _BOOLEAN:
        return _BOOLEAN[value.lower()]
    raise ValueError(f"{raw!r} is not {article(type_)}")
