"""Typed document variables: text, integer, float, date, boolean."""

from __future__ import annotations

import pytest

from qualcode.domain.variables import VARIABLE_TYPES, convert, infer_type, widen


@pytest.mark.parametrize("raw,expected", [
    ("12", "integer"),
    ("-3", "integer"),
    (" 45 ", "integer"),
    ("007", "text"),          # a leading zero is an identifier, not a number
    ("3,5", "float"),
    ("3.5", "float"),
    ("2020-04-28", "date"),
    ("28.04.2020", "date"),
    ("1.2.2021", "date"),
    ("2020-02-30", "text"),   # no such day
    ("31.13.2020", "text"),
    ("true", "boolean"),
    ("Falsch", "boolean"),
    ("WAHR", "boolean"),
    ("00:13:20", "text"),
    ("kreisfreie Stadt", "text"),
    ("", "text"),
])
def test_infer_type(raw, expected):
    assert infer_type(raw) == expected


@pytest.mark.parametrize("raw,type_,expected", [
    ("12", "integer", 12),
    ("3,5", "float", 3.5),
    ("4", "float", 4.0),
    (7, "float", 7.0),
    ("28.04.2020", "date", "2020-04-28"),
    ("2020-04-28", "date", "2020-04-28"),
    ("wahr", "boolean", True),
    ("false", "boolean", False),
    (True, "boolean", True),
    (12, "text", "12"),
    ("Kreis", "text", "Kreis"),
])
def test_convert(raw, type_, expected):
    value = convert(raw, type_)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize("raw,type_", [
    ("3,5", "integer"),
    ("zwölf", "integer"),
    ("morgen", "date"),
    ("ja", "boolean"),
    (True, "integer"),
    ("2020-02-30", "date"),
])
def test_convert_refuses_values_that_do_not_fit(raw, type_):
    with pytest.raises(ValueError):
        convert(raw, type_)


def test_unknown_type_is_refused_naming_the_types():
    with pytest.raises(ValueError) as error:
        convert("1", "zahl")
    for type_ in VARIABLE_TYPES:
        assert type_ in str(error.value)


def test_widen():
    assert widen("integer", "integer") == "integer"
    assert widen("integer", "float") == "float"
    assert widen("float", "integer") == "float"
    assert widen("date", "text") == "text"
    assert widen("boolean", "integer") == "text"


def test_every_inferred_type_converts_its_own_value():
    for raw in ("12", "3,5", "28.04.2020", "true", "Kreis"):
        convert(raw, infer_type(raw))  # does not raise
    assert convert("3,5", infer_type("3,5")) == 3.5
