"""``qualcode variable set PROJECT DOCUMENT NAME VALUE [--type T]`` and ``variable list``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.conftest import assert_one_line_error, dump, ok, run


def variables(project: Path) -> dict[str, dict]:
    return {d["name"]: d["variables"] for d in json.loads(
        ok("documents", project, "--format", "json").stdout)}


def listed(project: Path) -> dict[str, tuple[str, dict]]:
    return {v["variable"]: (v["type"], v["values"]) for v in json.loads(
        ok("variable", "list", project, "--format", "json").stdout)}


def test_header_variables_are_typed(project: Path):
    assert listed(project) == {
        "Datum": ("date", {"THM-01": "2021-03-15", "THM-02": "2021-04-02",
                           "RG-01": "2021-06-10"}),
        "Modus": ("text", {"THM-01": "Anruf", "THM-02": "Video", "RG-01": "Präsenz"}),
        "Kommune": ("text", {"THM-01": "Kreis Nord", "THM-02": "Stadt Süd",
                             "RG-01": "Kreis Nord"}),
    }


@pytest.mark.parametrize(("value", "type_", "stored"), [
    ("12", "integer", 12),
    ("3,5", "float", 3.5),
    ("28.04.2021", "date", "2021-04-28"),
    ("wahr", "boolean", True),
    ("007", "text", "007"),
    ("Landkreis", "text", "Landkreis"),
])
def test_set_infers_the_type(project: Path, value: str, type_: str, stored: object):
    result = ok("variable", "set", project, "THM-02", "Neu", value)
    assert result.stdout == ""
    assert result.stderr == f"THM-02: Neu = {value} ({type_})\n"
    assert variables(project)["THM-02"]["Neu"] == stored
    assert listed(project)["Neu"] == (type_, {"THM-02": stored})


def test_set_with_an_explicit_type(project: Path):
    ok("variable", "set", project, "RG-01", "Kennung", "42", "--type", "text")
    assert variables(project)["RG-01"]["Kennung"] == "42"
    assert listed(project)["Kennung"][0] == "text"


def test_a_value_that_does_not_fit_the_type_is_refused_and_changes_nothing(project: Path):
    ok("variable", "set", project, "THM-01", "Teilnehmende", "12")
    before = dump(project)
    assert_one_line_error(
        run("variable", "set", project, "THM-02", "Teilnehmende", "etwa 20"),
        "THM-02: variable 'Teilnehmende' is an integer; 'etwa 20' is not an integer (to hold "
        "such values, convert it: qualcode variable convert PROJECT Teilnehmende text)")
    assert dump(project) == before
    assert listed(project)["Teilnehmende"] == ("integer", {"THM-01": 12})


def test_an_explicit_type_converts_the_variable_for_every_document_and_says_so(project: Path):
    ok("variable", "set", project, "THM-01", "Teilnehmende", "12")
    result = ok("variable", "set", project, "THM-02", "Teilnehmende", "etwa 20", "--type", "text")
    assert result.stderr == ("converted variable 'Teilnehmende' from integer to text (1 values)\n"
                             "THM-02: Teilnehmende = etwa 20 (text)\n")
    assert listed(project)["Teilnehmende"] == ("text", {"THM-01": "12", "THM-02": "etwa 20"})


def test_a_header_date_variable_is_not_retyped_by_a_text_value(project: Path):
    before = dump(project)
    assert_one_line_error(run("variable", "set", project, "RG-01", "Datum", "Juni 2021"),
                          "RG-01: variable 'Datum' is a date; 'Juni 2021' is not a date")
    assert dump(project) == before


def test_convert_changes_the_type_for_every_document(project: Path):
    result = ok("variable", "convert", project, "Datum", "text")
    assert result.stderr == "converted variable 'Datum' from date to text (3 values)\n"
    assert listed(project)["Datum"] == ("text", {"THM-01": "2021-03-15", "THM-02": "2021-04-02",
                                                 "RG-01": "2021-06-10"})
    ok("variable", "set", project, "RG-01", "Datum", "Juni 2021")
    assert variables(project)["RG-01"]["Datum"] == "Juni 2021"


def test_convert_refuses_a_value_that_does_not_fit_and_changes_nothing(project: Path):
    before = dump(project)
    assert_one_line_error(run("variable", "convert", project, "Kommune", "integer"),
                          "THM-01: variable 'Kommune': 'Kreis Nord' is not an integer; "
                          "nothing converted")
    assert dump(project) == before


def test_convert_an_unknown_variable(project: Path):
    assert_one_line_error(run("variable", "convert", project, "Kommunen", "text"),
                          "no variable 'Kommunen' (did you mean: Kommune?)")


def test_set_overwrites_a_header_variable(project: Path):
    ok("variable", "set", project, "THM-02", "Kommune", "Stadt West")
    assert variables(project)["THM-02"]["Kommune"] == "Stadt West"


def test_a_value_not_of_the_given_type_changes_nothing(project: Path):
    before = dump(project)
    assert_one_line_error(run("variable", "set", project, "THM-01", "Alter", "abc",
                              "--type", "integer"), "'abc' is not an integer")
    assert dump(project) == before


def test_unknown_document_changes_nothing(project: Path):
    before = dump(project)
    assert_one_line_error(run("variable", "set", project, "THM-9", "Alter", "3"),
                          "no document 'THM-9'")
    assert dump(project) == before


def test_unknown_type_is_a_usage_error(project: Path):
    result = run("variable", "set", project, "THM-01", "Alter", "3", "--type", "zahl")
    assert result.exit_code == 2


def test_list_table(project: Path):
    lines = ok("variable", "list", project).stdout.splitlines()
    assert lines[0].split() == ["variable", "type", "values"]
    assert lines[2].split()[:2] == ["Datum", "date"]
    assert "THM-01=Anruf" in lines[3]
