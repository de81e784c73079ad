"""``qualcode coders list|rename``."""

from __future__ import annotations

import json
from pathlib import Path

from cli.conftest import assert_one_line_error, dump, ok, run


def coders(project: Path) -> list[tuple[str, int]]:
    return [(c["name"], c["segments"]) for c in json.loads(
        ok("coders", "list", project, "--format", "json").stdout)]


def test_list_names_coders_with_their_segments(project: Path):
    assert coders(project) == [("jonas", 2), ("lena", 6)]
    table = ok("coders", "list", project).stdout.splitlines()
    assert table[0].split() == ["id", "name", "segments"]
    assert [line.split()[1:] for line in table[2:]] == [["jonas", "2"], ["lena", "6"]]


def test_an_empty_project_has_no_coders(empty_project: Path):
    assert coders(empty_project) == []


def test_rename_moves_the_codings_along(project: Path):
    result = ok("coders", "rename", project, "lena", "Lena M.")
    assert result.stderr == "renamed coder lena to Lena M.\n"
    assert coders(project) == [("jonas", 2), ("Lena M.", 6)]
    found = json.loads(ok("segments", project, "--coder", "Lena M.", "--format", "json").stdout)
    assert len(found) == 6
    assert json.loads(ok("segments", project, "--coder", "lena", "--format", "json").stdout) == []


def test_rename_to_a_taken_name_or_from_an_unknown_one_changes_nothing(project: Path):
    before = dump(project)
    assert_one_line_error(run("coders", "rename", project, "lena", "jonas"),
                          "a coder 'jonas' already exists")
    assert_one_line_error(run("coders", "rename", project, "mira", "kim"), "no coder 'mira'")
    assert_one_line_error(run("coders", "rename", project, "lena", "  "), "must not be empty")
    assert dump(project) == before
