"""``qualcode uncode PROJECT SEGMENT_ID``."""

from __future__ import annotations

import json
from pathlib import Path

from cli.conftest import assert_one_line_error, dump, ok, run


def segment_ids(project: Path) -> list[int]:
    return sorted(s["id"] for s in json.loads(
        ok("segments", project, "--format", "json").stdout))


def test_uncode_removes_the_segment_and_says_which(project: Path):
    result = ok("uncode", project, "2")
    assert result.stdout == ""
    assert result.stderr == (
        "removed segment 2: Corona/Telefon\\/E-Mail in THM-01 lines 7-9 (lena)\n")
    assert segment_ids(project) == [1, 3, 4, 5, 6, 7, 8]
    codes = {c["path"]: c["segments"] for c in json.loads(
        ok("codes", "list", project, "--format", "json").stdout)}
    assert codes["Corona/Telefon\\/E-Mail"] == 1


def test_uncode_only_touches_that_coder_s_segment(project: Path):
    # Segments 3 (lena) and 8 (jonas) are the same passage with the same code.
    ok("uncode", project, "8")
    remaining = json.loads(ok("segments", project, "--code", "Behörden/Wartezeiten",
                              "--format", "json").stdout)
    assert [(s["id"], s["coder"]) for s in remaining] == [(3, "lena"), (4, "lena")]


def test_uncode_also_removes_the_segment_memo(project: Path):
    ok("memo", "add", project, "Wichtige Stelle", "--segment", "5", "--coder", "lena")
    ok("uncode", project, "5")
    assert json.loads(ok("memo", "list", project, "--format", "json").stdout) == []


def test_uncode_can_be_undone(project: Path):
    ok("uncode", project, "2")
    assert ok("undo", project).stderr == "undone: uncode segment 2\n"
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8]


def test_an_unknown_segment_changes_nothing(project: Path):
    before = dump(project)
    assert_one_line_error(run("uncode", project, "99"), "no coded segment with id 99")
    assert dump(project) == before


def test_segment_id_must_be_a_number(project: Path):
    result = run("uncode", project, "zwei")
    assert result.exit_code == 2
    assert "is not a valid integer" in result.stderr
