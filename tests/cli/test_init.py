"""``qualcode init PROJECT`` and what every command does with a PROJECT that is not one."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cli.conftest import assert_one_line_error, dump, ok, run


def test_init_creates_an_empty_project(tmp_path: Path):
    project = tmp_path / "study.qualcode"
    result = ok("init", project)
    assert result.stdout == ""
    assert result.stderr == f"created project {project}\n"
    assert project.is_file()
    # A single file: the WAL is checkpointed away when the command ends.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.qualcode"]
    assert json.loads(ok("documents", project, "--format", "json").stdout) == []
    assert json.loads(ok("codes", "list", project, "--format", "json").stdout) == []
    assert json.loads(ok("segments", project, "--format", "json").stdout) == []


def test_init_refuses_an_existing_file_and_leaves_it_alone(project: Path):
    before = dump(project)
    result = run("init", project)
    assert_one_line_error(result, str(project), "already exists")
    assert dump(project) == before


def test_init_in_a_missing_folder_fails_and_creates_nothing(tmp_path: Path):
    project = tmp_path / "no-such-folder" / "study.qualcode"
    assert_one_line_error(run("init", project), "does not exist")
    assert not project.parent.exists()


def test_help_lists_every_command_of_the_readme():
    listed = ok("--help").stdout
    for command in ("init", "import", "documents", "text", "variable", "codebook", "codes",
                    "code", "autocode", "uncode", "segments", "export", "coders", "memo",
                    "undo", "redo", "log", "demo"):
        assert f"  {command} " in listed or f"  {command}\n" in listed, command


COMMANDS_ON_A_PROJECT = [
    ["documents"],
    ["text", "{p}", "THM-01"],
    ["codes", "list"],
    ["code", "{p}", "THM-01", "Corona", "--match", "Telefon"],
    ["segments"],
    ["export", "frequencies"],
    ["export", "quotes"],
    ["undo"],
    ["log"],
]


def _args(command: list[str], project: Path) -> list[str]:
    if "{p}" in command:
        return [str(project) if part == "{p}" else part for part in command]
    *group, last = command
    if group:  # "codes list PROJECT", "export frequencies PROJECT"
        return [*group, last, str(project)]
    return [last, str(project)]


@pytest.mark.parametrize("command", COMMANDS_ON_A_PROJECT, ids=lambda c: " ".join(c))
def test_a_missing_project_is_a_clear_one_line_error_and_is_not_created(
        tmp_path: Path, command: list[str]):
    project = tmp_path / "missing.qualcode"
    line = assert_one_line_error(run(*_args(command, project)), str(project))
    assert "no such project file" in line
    assert "qualcode init" in line  # says how to make one
    assert not project.exists()


@pytest.mark.parametrize("command", COMMANDS_ON_A_PROJECT[:3], ids=lambda c: " ".join(c))
def test_a_file_that_is_not_a_project_is_a_clear_error_and_is_not_touched(
        tmp_path: Path, command: list[str]):
    notes = tmp_path / "notes.qualcode"
    content = b"I: Das ist eine Textdatei, kein Projekt.\n" * 200
    notes.write_bytes(content)
    assert_one_line_error(run(*_args(command, notes)), str(notes), "not a qualcode project")
    assert notes.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.qualcode"]


def test_another_sqlite_database_is_refused(tmp_path: Path):
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE adressen (name TEXT)")
    connection.execute("INSERT INTO adressen VALUES ('Frau Beispiel')")
    connection.commit()
    connection.close()
    assert_one_line_error(run("documents", other), str(other), "not a qualcode project")
    assert dump(other)[1:-1] == ["CREATE TABLE adressen (name TEXT);",
                                 "INSERT INTO \"adressen\" VALUES('Frau Beispiel');"]


def test_another_sqlite_database_is_not_modified(tmp_path: Path):
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE adressen (name TEXT)")
    connection.commit()
    connection.close()
    content = other.read_bytes()
    run("documents", other)
    assert other.read_bytes() == content


def test_an_empty_file_is_refused_and_left_empty(tmp_path: Path):
    empty = tmp_path / "empty.qualcode"
    empty.touch()
    assert_one_line_error(run("documents", empty), "not a qualcode project")
    assert empty.read_bytes() == b""
