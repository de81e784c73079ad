"""``qualcode groups list|rename|order``: document groups, every change undoable."""

from __future__ import annotations

import json
from pathlib import Path

from cli.conftest import assert_one_line_error, dump, ok, run

MIRA = {"QUALCODE_CODER": "mira"}


def groups(project: Path) -> list[tuple[str, int]]:
    return [(g["name"], g["documents"])
            for g in json.loads(ok("groups", "list", project, "--format", "json").stdout)]


def test_list_shows_groups_in_order_with_their_documents(project: Path):
    assert groups(project) == [("THM-Interviews", 2), ("Reflexionsgespräche", 1)]
    table = ok("groups", "list", project).stdout
    assert table.splitlines()[0].split() == ["id", "name", "documents"]


def test_rename_and_order_each_undoable(project: Path):
    result = ok("groups", "rename", project, "THM-Interviews", "Interviews", env=MIRA)
    assert result.stderr == "renamed document group THM-Interviews to Interviews\n"
    result = ok("groups", "order", project, "Reflexionsgespräche", "--first", env=MIRA)
    assert result.stderr == "ordered document groups: Reflexionsgespräche, Interviews\n"
    assert groups(project) == [("Reflexionsgespräche", 1), ("Interviews", 2)]
    documents = json.loads(ok("documents", project, "--format", "json").stdout)
    assert [d["name"] for d in documents] == ["RG-01", "THM-01", "THM-02"]
    ok("undo", project, env=MIRA)
    ok("undo", project, env=MIRA)
    assert groups(project) == [("THM-Interviews", 2), ("Reflexionsgespräche", 1)]


def test_errors_name_the_project_and_change_nothing(project: Path):
    before = dump(project)
    assert_one_line_error(
        run("groups", "rename", project, "THM-Interviews", "Reflexionsgespräche"),
        f"{project}: a document group 'Reflexionsgespräche' already exists")
    assert_one_line_error(run("groups", "rename", project, "THM-Interview", "X"),
                          f"{project}: no document group 'THM-Interview' "
                          "(did you mean: THM-Interviews?)")
    assert_one_line_error(run("groups", "rename", project, "THM-Interviews", "\u202eX"),
                          f"{project}: document group name", "control character (U+202E)")
    assert_one_line_error(run("groups", "order", project, "THM-Interviews", "--after",
                              "THM-Interviews"), "cannot be placed before or after itself")
    assert run("groups", "order", project, "THM-Interviews").exit_code == 2
    assert dump(project) == before
