"""``qualcode undo|redo|log PROJECT``: the event log through the command line."""

from __future__ import annotations

import json
from pathlib import Path


from cli.conftest import RG_01, assert_one_line_error, dump, ok, run


def log(project: Path, *args: str) -> list[dict]:
    return json.loads(ok("log", project, "--format", "json", *args).stdout)


def segment_ids(project: Path) -> list[int]:
    return sorted(s["id"] for s in json.loads(
        ok("segments", project, "--format", "json").stdout))


def test_log_lists_changes_newest_first_with_actor(project: Path):
    entries = log(project)
    assert {"id", "created", "actor", "action", "events"} <= set(entries[0])
    assert [e["id"] for e in entries] == sorted((e["id"] for e in entries), reverse=True)
    # The last change was jonas coding segment 8 in THM-01.
    newest = entries[0]
    assert newest["actor"] == "jonas"
    assert newest["action"].startswith("code THM-01 [")
    assert newest["action"].endswith(") with Behörden/Wartezeiten")
    assert newest["events"] == 1
    assert len(log(project, "-n", "3")) == 3


def test_undo_and_redo_a_coding(project: Path):
    passage = "Kontakt zu den Familien"
    result = ok("code", project, "RG-01", "Netzwerk", "--match", passage, "--coder", "lena")
    assert result.stdout == "9\n"
    start = RG_01.index(passage)
    action = f"code RG-01 [{start}, {start + len(passage)}) with Netzwerk"
    undone = ok("undo", project)
    assert undone.stdout == ""
    assert undone.stderr == f"undone: {action}\n"
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert ok("redo", project).stderr == f"redone: {action}\n"
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    entries = log(project)
    assert [e["action"] for e in entries[:3]] == [f"redo: {action}", f"undo: {action}", action]
    assert entries[0]["events"] == 1


def test_undo_several_steps_in_reverse_order(project: Path):
    ok("codes", "add", project, "Neu")
    ok("codes", "rename", project, "Neu", "Neuer")
    assert ok("undo", project).stderr == "undone: rename code Neu to Neuer\n"
    assert ok("undo", project).stderr == "undone: add code Neu\n"
    paths = [c["path"] for c in json.loads(ok("codes", "list", project, "--format",
                                                 "json").stdout)]
    assert "Neu" not in paths and "Neuer" not in paths
    assert ok("redo", project).stderr == "redone: add code Neu\n"
    assert ok("redo", project).stderr == "redone: rename code Neu to Neuer\n"
    paths = [c["path"] for c in json.loads(ok("codes", "list", project, "--format",
                                                 "json").stdout)]
    assert "Neuer" in paths


def test_undo_restores_a_forced_delete(project: Path):
    ok("codes", "delete", project, "Behörden", "--force")
    assert segment_ids(project) == [1, 2, 5, 6, 7]
    ok("undo", project)
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8]
    codes = {c["path"]: c["segments"] for c in json.loads(
        ok("codes", "list", project, "--format", "json").stdout)}
    assert codes["Behörden/Wartezeiten"] == 3


def test_nothing_to_redo_changes_nothing(project: Path):
    before = dump(project)
    assert_one_line_error(run("redo", project), "nothing to redo")
    assert dump(project) == before


def test_an_import_cannot_be_undone(plain_project: Path):
    # The last change of the plain project is the import of RG-01.
    before = dump(plain_project)
    assert_one_line_error(run("undo", plain_project), "cannot be undone", "import RG-01.txt")
    assert dump(plain_project) == before


def test_nothing_to_undo_in_a_new_project(empty_project: Path):
    before = dump(empty_project)
    assert_one_line_error(run("undo", empty_project), "nothing to undo")
    assert dump(empty_project) == before


def test_a_failed_command_leaves_no_trace_in_the_log(project: Path):
    before = log(project)
    run("code", project, "THM-01", "Corona", "--match", "haben", "--coder", "neu")
    run("codes", "delete", project, "Behörden")
    assert log(project) == before
