"""``qualcode log PROJECT [--coder NAME] [-n N] [--format ...]``: who changed what and when,
newest first, with what each undo and redo acted on."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cli.conftest import assert_one_line_error, dump, ok, run
from cli.history_support import MIRA, import_two_interviews, log

FIELDS = {"id", "created", "actor", "action", "events", "undoes", "redoes", "undone_by",
          "redone_by", "purged", "note"}


def test_log_lists_changes_newest_first_with_actor(project: Path):
    entries = log(project)
    assert FIELDS <= set(entries[0])
    assert [e["id"] for e in entries] == sorted((e["id"] for e in entries), reverse=True)
    # The last change was jonas coding segment 8 in THM-01.
    newest = entries[0]
    assert newest["actor"] == "jonas"
    assert newest["action"].startswith("code THM-01 [")
    assert newest["action"].endswith(") with Behörden/Wartezeiten")
    assert newest["events"] == 1
    assert newest["note"] == "" and newest["undone_by"] is None
    assert len(log(project, "-n", "3")) == 3


def test_log_shows_one_persons_changes_and_what_undo_and_redo_did(project: Path):
    lena = log(project, "--coder", "lena")
    assert {e["actor"] for e in lena} == {"lena"} and len(lena) == 7  # coder + 6 codings
    ok("undo", project, "--coder", "lena")
    coding = log(project, "--coder", "lena")[1]
    assert coding["action"].startswith("code RG-01 [")
    undo_id = log(project, "--coder", "lena")[0]["id"]
    assert coding["undone_by"] == undo_id and coding["note"] == f"undone by #{undo_id}"
    ok("redo", project, "--coder", "lena")
    entries = log(project, "--coder", "lena", "-n", "3")
    assert [e["note"] for e in entries] == [
        f"redo of #{coding['id']}", f"undo of #{coding['id']}",
        f"redone by #{entries[0]['id']}"]
    table = ok("log", project, "--coder", "lena", "-n", "3").stdout
    assert f"redone by #{entries[0]['id']}" in table and "jonas" not in table


def test_log_names_an_import_and_its_undo(project: Path, tmp_path: Path):
    import_two_interviews(project, tmp_path)
    ok("undo", project, env=MIRA)
    undo, imported = log(project, "--coder", "mira")
    assert imported["action"] == "import 2 files"
    assert undo["action"] == "undo: import 2 files" and undo["undoes"] == imported["id"]


def test_log_as_csv_has_the_table_columns(project: Path):
    rows = list(csv.DictReader(io.StringIO(
        ok("log", project, "--format", "csv", "-n", "2").stdout)))
    assert [r["actor"] for r in rows] == ["jonas", "jonas"]
    assert {"id", "created", "actor", "action", "events", "note"} <= set(rows[0])


def test_log_of_a_person_without_changes_is_empty(project: Path):
    assert log(project, "--coder", "niemand") == []


def test_log_only_reads(project: Path):
    before = dump(project)
    ok("log", project)
    assert dump(project) == before


def test_a_failed_command_leaves_no_trace_in_the_log(project: Path):
    before = log(project)
    run("code", project, "THM-01", "Corona", "--match", "haben", "--coder", "neu")
    run("codes", "delete", project, "Behörden")
    run("undo", project, env=MIRA)
    assert log(project) == before


def test_log_limit_must_be_positive(project: Path):
    result = run("log", project, "-n", "0")
    assert result.exit_code == 2 and result.stdout == ""


def test_log_of_a_missing_project(tmp_path: Path):
    assert_one_line_error(run("log", tmp_path / "fehlt.qualcode"), "fehlt.qualcode")
