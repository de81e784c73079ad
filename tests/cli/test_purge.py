"""``qualcode purge PROJECT [--yes]``: replaced text leaves the file for good."""

from __future__ import annotations

import json
from pathlib import Path

from cli.conftest import assert_one_line_error, dump, ok, run
from cli.history_support import MIRA, import_two_interviews

#: The definition of Netzwerk in the test codebook, replaced in these tests.
OLD_DEFINITION = "Abstimmung mit Partnern vor Ort."


def on_disk(project: Path, text: str) -> bool:
    wal = project.with_name(project.name + "-wal")
    data = project.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    return text.encode("utf-8") in data


def replace_definition(project: Path) -> None:
    ok("codes", "edit", project, "Netzwerk", "--definition", "Arbeit im lokalen Bündnis.",
       env=MIRA)
    assert on_disk(project, OLD_DEFINITION)  # kept by the history, for undo


def test_purge_yes_removes_replaced_text_and_keeps_the_log(project: Path):
    replace_definition(project)
    trail = json.loads(ok("log", project, "--format", "json", "-n", "100").stdout)
    result = ok("purge", project, "--yes", env=MIRA)
    assert result.stdout == ""
    assert result.stderr.startswith("purged the recorded values of ")
    assert "the log keeps who did what and when" in result.stderr
    assert not on_disk(project, OLD_DEFINITION)
    codes = json.loads(ok("codes", "list", project, "--format", "json").stdout)
    assert next(c for c in codes if c["path"] == "Netzwerk")["definition"] == (
        "Arbeit im lokalen Bündnis.")
    after = json.loads(ok("log", project, "--format", "json", "-n", "100").stdout)
    assert (after[0]["action"], after[0]["actor"]) == ("purge history", "mira")
    assert [(e["id"], e["actor"], e["action"]) for e in after[1:]] == [
        (e["id"], e["actor"], e["action"]) for e in trail]
    assert all(e["purged"] and e["note"].endswith("purged") for e in after[1:] if e["events"])
    assert_one_line_error(run("undo", project, env=MIRA), "nothing to undo for mira",
                          "was purged")


def test_purge_asks_and_a_no_changes_nothing(project: Path):
    replace_definition(project)
    before = dump(project)
    result = run("purge", project, input="n\n", env=MIRA)
    assert result.exit_code == 1 and result.stdout == ""
    assert "drop the recorded values of" in result.stderr
    assert "can be undone afterwards" in result.stderr
    assert result.stderr.splitlines()[-1] == f"error: {project}: purge cancelled, nothing changed"
    assert dump(project) == before
    # no answer at all (end of input) is a no as well
    assert run("purge", project, input="", env=MIRA).exit_code == 1
    assert dump(project) == before


def test_purge_asks_and_a_yes_purges(project: Path):
    replace_definition(project)
    result = run("purge", project, input="y\n", env=MIRA)
    assert result.exit_code == 0, result.stderr
    assert not on_disk(project, OLD_DEFINITION)


def test_a_second_purge_finds_nothing_to_drop(project: Path):
    ok("purge", project, "--yes")
    assert ok("purge", project, "--yes").stderr.startswith("nothing to purge in the history")


def test_purge_of_a_missing_project(tmp_path: Path):
    assert_one_line_error(run("purge", tmp_path / "fehlt.qualcode", "--yes"), "fehlt.qualcode")


def test_purge_removes_the_text_of_an_undone_import(project: Path, tmp_path: Path):
    import_two_interviews(project, tmp_path)
    ok("undo", project, env=MIRA)
    withdrawn = "die Kinderbetreuung fehlt aber"  # from SK-01, whose import was undone
    assert on_disk(project, withdrawn)  # kept by the history, for redo
    ok("purge", project, "--yes", env=MIRA)
    assert not on_disk(project, withdrawn)
    assert_one_line_error(run("redo", project, env=MIRA), "nothing to redo for mira")
