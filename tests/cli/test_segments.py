"""``qualcode segments PROJECT [--code C]... [--no-subcodes] [--document D]... [--group G]
[--coder C] [--format table|json|csv]``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from cli.conftest import MULTILINE_PASSAGE, THM_01, assert_one_line_error, dump, ok, run

CONTRACT_KEYS = {"id", "document", "code", "coder", "start", "end", "text", "line_start",
                 "line_end", "time"}


def ids(project: Path, *args: str) -> list[int]:
    return [s["id"] for s in json.loads(
        ok("segments", project, "--format", "json", *args).stdout)]


def test_json_has_the_contract_keys_and_exact_values(project: Path):
    result = ok("segments", project, "--format", "json")
    assert result.stderr == ""
    found = json.loads(result.stdout)
    assert len(found) == 8
    for record in found:
        assert CONTRACT_KEYS <= set(record)
        assert {"group", "comment", "weight", "anchor", "created", "modified"} <= set(record)
    second = next(s for s in found if s["id"] == 2)
    start = THM_01.index("Wir haben")
    assert {key: second[key] for key in CONTRACT_KEYS} == {
        "id": 2, "document": "THM-01", "code": "Corona/Telefon\\/E-Mail", "coder": "lena",
        "start": start, "end": start + len(MULTILINE_PASSAGE), "text": MULTILINE_PASSAGE,
        "line_start": 7, "line_end": 9, "time": "#00:00:10-0#",
    }
    assert second["group"] == "THM-Interviews"
    assert THM_01[second["start"]:second["end"]] == second["text"]


def test_segments_come_in_document_order(project: Path):
    # THM-01: s2 (line 7), s1 (line 8), s3 and s8 (line 13); THM-02: s7 (7), s4 (11);
    # RG-01: s5 (7), s6 (11).
    assert ids(project) == [2, 1, 3, 8, 7, 4, 5, 6]


def test_time_is_where_the_turn_starts(project: Path):
    times = {s["id"]: s["time"] for s in json.loads(
        ok("segments", project, "--format", "json").stdout)}
    assert times == {1: "#00:00:10-0#", 2: "#00:00:10-0#", 3: "#00:01:30-0#",
                     8: "#00:01:30-0#", 7: "#00:00:08-0#", 4: "#00:00:45-0#",
                     5: "#00:00:05-0#", 6: "#00:00:36-0#"}


def test_time_is_null_before_the_first_turn(plain_project: Path):
    ok("code", plain_project, "THM-01", "Netzwerk", "--match", "Kommune: Kreis Nord",
       "--coder", "lena")
    [segment] = json.loads(ok("segments", plain_project, "--format", "json").stdout)
    assert (segment["line_start"], segment["line_end"], segment["time"]) == (3, 3, None)


def test_code_filter_includes_subcodes_unless_told_not_to(project: Path):
    assert ids(project, "--code", "Corona") == [2, 1, 7, 6]
    assert ids(project, "--code", "Corona", "--no-subcodes") == [7]
    assert ids(project, "--code", "Corona/Telefon\\/E-Mail") == [2, 6]
    assert ids(project, "--code", "Corona/Sprechstunden", "--code", "Netzwerk") == [1, 5]


def test_document_group_and_coder_filters(project: Path):
    assert ids(project, "--document", "RG-01") == [5, 6]
    assert ids(project, "--document", "THM-02", "--document", "3") == [7, 4, 5, 6]
    assert ids(project, "--group", "Reflexionsgespräche") == [5, 6]
    assert ids(project, "--group", "THM-Interviews") == [2, 1, 3, 8, 7, 4]
    assert ids(project, "--coder", "jonas") == [8, 7]
    assert ids(project, "--coder", "niemand") == []
    assert ids(project, "--code", "Behörden", "--coder", "lena", "--group",
               "THM-Interviews") == [3, 4]


def test_csv_format(project: Path):
    rows = list(csv.DictReader(io.StringIO(
        ok("segments", project, "--coder", "jonas", "--format", "csv").stdout)))
    assert [(r["id"], r["document"], r["code"], r["line_start"], r["time"], r["text"])
            for r in rows] == [
        ("8", "THM-01", "Behörden/Wartezeiten", "13", "#00:01:30-0#",
         "wochenlang niemand erreichbar"),
        ("7", "THM-02", "Corona", "7", "#00:00:08-0#",
         "Die Gespräche am Bildschirm liefen besser als gedacht."),
    ]


def test_table_shows_line_ranges(project: Path):
    lines = ok("segments", project, "--code", "Corona/Telefon\\/E-Mail").stdout.splitlines()
    assert lines[0].split() == ["id", "document", "lines", "code", "coder", "text"]
    assert lines[2].split()[:3] == ["2", "THM-01", "7-9"]
    assert lines[3].split()[:3] == ["6", "RG-01", "11"]


@pytest.mark.parametrize(("args", "fragment"), [
    (["--code", "Corona/Telefon/E-Mail"], "no code 'Corona/Telefon/E-Mail'"),
    (["--document", "RG-09"], "no document 'RG-09'"),
])
def test_unknown_code_or_document_is_an_error(project: Path, args: list[str], fragment: str):
    before = dump(project)
    assert_one_line_error(run("segments", project, *args), fragment)
    assert dump(project) == before
