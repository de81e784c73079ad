"""``qualcode sets create|add|remove|delete|list|rename`` and ``--set NAME`` in listings,
analyses and exports; every change undoable."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from cli.conftest import assert_one_line_error, dump, ok, run

MIRA = {"QUALCODE_CODER": "mira"}


def sets(project: Path) -> list[tuple[str, list[str]]]:
    return [(s["name"], s["documents"])
            for s in json.loads(ok("sets", "list", project, "--format", "json").stdout)]


def test_each_change_says_what_it_did_and_is_undone(project: Path):
    steps = [
        (("create", "Kontrast", "THM-01", "RG-01"),
         "created document set Kontrast with THM-01, RG-01"),
        (("add", "Kontrast", "THM-02", "RG-01"),
         "added THM-02 to document set Kontrast (RG-01 already in it)"),
        (("remove", "Kontrast", "THM-01"), "removed THM-01 from document set Kontrast"),
        (("rename", "Kontrast", "Vergleich"), "renamed document set Kontrast to Vergleich"),
        (("delete", "Vergleich"),
         "deleted document set Vergleich (2 document(s) stay in the project)"),
    ]
    states = []
    for args, said in steps:
        states.append(sets(project))
        assert ok("sets", args[0], project, *args[1:], env=MIRA).stderr == said + "\n"
    assert sets(project) == []
    assert len(json.loads(ok("documents", project, "--format", "json").stdout)) == 3
    for state in reversed(states):
        ok("undo", project, env=MIRA)
        assert sets(project) == state


def test_list_table(project: Path):
    ok("sets", "create", project, "Kontrast", "RG-01", "THM-02")
    lines = ok("sets", "list", project).stdout.splitlines()
    assert lines[0].split() == ["id", "name", "count", "documents"]
    assert lines[2].split() == ["1", "Kontrast", "2", "RG-01,", "THM-02"]


def test_errors_name_the_project_and_change_nothing(project: Path):
    ok("sets", "create", project, "Kontrast", "THM-01")
    before = dump(project)
    for args, words in [
        (("create", "Kontrast"), "a document set 'Kontrast' already exists"),
        (("create", "Neu", "THM-09"), "no document 'THM-09'"),
        (("create", "a\x07b"), "document set name 'a\\x07b' contains a control character"),
        (("create", " "), "a document set name must not be empty"),
        (("add", "Kontrats", "RG-01"), "no document set 'Kontrats' (did you mean: Kontrast?)"),
        (("remove", "Kontrast", "RG-01"), "document RG-01 is not in set Kontrast"),
        (("rename", "Kontrast", "\u2066X"),
         "document set name '\\u2066X' contains a control character"),
        (("delete", "Leer"), "no document set 'Leer'"),
    ]:
        assert_one_line_error(run("sets", args[0], project, *args[1:]), f"{project}: {words}")
    assert dump(project) == before


def test_a_set_scopes_segments_and_the_segment_export(project: Path):
    ok("sets", "create", project, "Nur-RG", "RG-01")
    found = json.loads(ok("segments", project, "--set", "Nur-RG", "--format", "json").stdout)
    assert [(s["document"], s["code"]) for s in found] == \
        [("RG-01", "Netzwerk"), ("RG-01", "Corona/Telefon\\/E-Mail")]
    rows = list(csv.DictReader(io.StringIO(
        ok("export", "segments", project, "--set", "Nur-RG").stdout)))
    assert [r["document"] for r in rows] == ["RG-01", "RG-01"]
    assert ok("segments", project, "--set", "Nur-RG", "--group", "THM-Interviews",
              "--format", "json").stdout.strip() == "[]"


def test_a_set_used_in_the_frequency_export(project: Path):
    ok("sets", "create", project, "Zwei", "THM-02", "RG-01")
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(
        ok("export", "frequencies", project, "--set", "Zwei").stdout))}
    # THM-02: Behörden/Wartezeiten (lena), Corona (jonas); RG-01: Netzwerk,
    # Corona/Telefon\/E-Mail. n = 2 documents.
    assert rows["Behörden/Wartezeiten"]["segments"] == "1"
    assert rows["Behörden/Wartezeiten"]["documents_percent"] == "50.0"
    assert rows["Corona/Sprechstunden"]["segments"] == "0"  # only in THM-01
    assert rows["Netzwerk"]["documents"] == "1"


def test_a_set_in_matrix_crosstab_quotes_and_the_quote_export(project: Path):
    ok("sets", "create", project, "Nur-RG", "RG-01")
    matrix = json.loads(ok("matrix", project, "--set", "Nur-RG", "--format", "json").stdout)
    assert matrix["columns"] == ["RG-01"]
    crosstab = json.loads(ok("crosstab", project, "--by", "Kommune", "--set", "Nur-RG",
                             "--format", "json").stdout)
    assert "segments[Stadt Süd]" not in crosstab["columns"]
    quotes = json.loads(ok("quotes", project, "--code", "Netzwerk", "--set", "Nur-RG",
                           "--format", "json", "--min-words", "0").stdout)
    assert {q["document"] for q in quotes} == {"RG-01"}
    markdown = ok("export", "quotes", project, "--set", "Nur-RG").stdout
    assert "Handy" in markdown and "Sprechstunden fielen" not in markdown


def test_an_unknown_set_in_an_analysis_is_one_line(project: Path):
    for command, extra in ((["segments"], []), (["export", "frequencies"], []),
                           (["matrix"], []), (["crosstab"], ["--by", "Kommune"]),
                           (["export", "quotes"], []), (["quotes"], ["--code", "Netzwerk"])):
        result = run(*command, project, *extra, "--set", "Nix")
        assert_one_line_error(result, "no document set 'Nix'")
