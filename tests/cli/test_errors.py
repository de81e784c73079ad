"""The error surface of the command line: every error one line on stderr naming what went
wrong (and the project file, for SQLite's errors) and what to do; exit 2 for usage errors,
1 for the rest; the project left as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
import pytest

import qualcode.store.project as project_module
from qualcode.cli.commands import COMMANDS, load

from cli.conftest import assert_one_line_error, dump, ok, run
from other_process import WriteLock

BEYOND = str(2**63)
TOO_LARGE = "is too large (at most 9223372036854775807)"


def _usage_line(result, command: str) -> str:
    """The usage error: exit 2, one line ending with the help hint of ``command``."""
    assert result.exit_code == 2, result.output
    line = assert_one_line_error(result)
    assert line.endswith(f" (see: qualcode {command} --help)"), line
    return line


# -- usage errors ------------------------------------------------------------------------------
@pytest.mark.parametrize(("args", "expected"), [
    (["nosuch"], "error: no such command 'nosuch' (see: qualcode --help)"),
    ([""], "error: no such command '' (see: qualcode --help)"),
    (["--bogus"], "error: no such option '--bogus' (see: qualcode --help)"),
    (["codes", "nosuch"], "error: no such command 'nosuch' (see: qualcode codes --help)"),
    (["codes", "add"], "error: missing argument 'PROJECT' (see: qualcode codes add --help)"),
    (["segments", "{p}", "--format", "xml"],
     "error: invalid value for '--format': 'xml' is not one of 'table', 'json', 'csv' "
     "(see: qualcode segments --help)"),
    (["code", "{p}", "THM-01", "Corona", "--start", "0", "--end", "5", "--weight", "500"],
     "error: invalid value for '--weight': 500 is not in the range 0<=x<=100 "
     "(see: qualcode code --help)"),
    (["anchor", "{p}", BEYOND],
     f"error: invalid value for 'SEGMENT_ID': {BEYOND} {TOO_LARGE} "
     f"(see: qualcode anchor --help)"),
    (["uncode", "{p}", "--", f"-{BEYOND}0"],
     f"error: invalid value for 'SEGMENT_ID': -{BEYOND}0 is too small (at least -{BEYOND}) "
     f"(see: qualcode uncode --help)"),
])
def test_usage_errors_are_one_line(project, args, expected):
    before = dump(project)
    result = run(*[a.replace("{p}", str(project)) for a in args])
    assert result.exit_code == 2
    assert result.stderr == expected + "\n"
    assert result.stdout == ""
    assert dump(project) == before


def test_a_command_alone_still_shows_its_help():
    result = run("codes")
    assert "Commands:" in result.output and "add" in result.output


def _leaves(command: click.Command, path: list[str]):
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _leaves(sub, [*path, name])
    else:
        yield path, command


ALL_COMMANDS = [(path, command) for name in sorted(COMMANDS)
                for path, command in _leaves(load(name), [name])]


@pytest.mark.parametrize(("path", "command"), ALL_COMMANDS,
                         ids=[" ".join(p) for p, _ in ALL_COMMANDS])
def test_every_command_reports_usage_errors_in_one_line(path, command):
    if command.context_settings.get("ignore_unknown_options"):
        # resolve takes IDs such as -:47; an unknown option is one of them
        assert_one_line_error(run(*path, "--no-such-option"))
        return
    _usage_line(run(*path, "--no-such-option"), " ".join(path))


def _placeholders(command: click.Command, project: Path, skip: click.Parameter | None):
    args = []
    for param in command.params:
        if isinstance(param, click.Argument) and param is not skip:
            value = str(project) if param.name in ("project", "target") else "1"
            args += [value] * max(param.nargs, 1)
        elif isinstance(param, click.Argument):
            args.append(BEYOND)
    return args


INTEGER_PARAMS = [(path, command, param) for path, command in ALL_COMMANDS
                  for param in command.params
                  if isinstance(param.type, click.types.IntParamType)]


@pytest.mark.parametrize(("path", "command", "param"), INTEGER_PARAMS,
                         ids=[f"{' '.join(p)} {q.name}" for p, _, q in INTEGER_PARAMS])
def test_every_integer_beyond_64_bits_is_a_usage_error(project, path, command, param):
    before = dump(project)
    if isinstance(param, click.Option):
        args = [param.opts[0], BEYOND, *_placeholders(command, project, None)]
    else:
        args = _placeholders(command, project, param)
    line = _usage_line(run(*path, *args), " ".join(path))
    assert TOO_LARGE in line or "is not in the range" in line  # a range of its own
    assert dump(project) == before


def test_integer_parameters_exist_for_the_test_above():
    names = {(" ".join(p), q.name) for p, _, q in INTEGER_PARAMS}
    assert {("anchor", "segment_id"), ("uncode", "segment_id"), ("code", "start")} <= names


@pytest.mark.parametrize("key", [f"{BEYOND}:1", f"1:{'9' * 5000}"])
def test_a_disagreement_id_beyond_64_bits_is_one_line(project, key):
    before = dump(project)
    assert_one_line_error(run("resolve", project, key, "--take", "a"),
                          "no segment id is that large")
    assert dump(project) == before


def test_a_document_id_beyond_64_bits_is_no_document(project):
    assert_one_line_error(run("text", project, "9" * 30), "no document '999")
    assert_one_line_error(run("text", project, "9" * 5000), "no document '999")


# -- odd arguments -----------------------------------------------------------------------------
def _qualcode(*args: bytes | str, cwd: Path) -> subprocess.CompletedProcess:
    """The real ``python -m qualcode`` with raw (possibly non-UTF-8) arguments."""
    return subprocess.run([sys.executable, "-m", "qualcode", *args], cwd=cwd,
                          capture_output=True, env={**os.environ, "LC_ALL": "C.UTF-8"})


def test_text_that_is_not_utf8_is_a_usage_error(project):
    before = dump(project)
    result = _qualcode("codes", "add", str(project), b"Wohnungssuche \xe4rger", cwd=project.parent)
    assert result.returncode == 2
    assert result.stderr.decode("utf-8") == (
        "error: invalid value for 'CODEPATH': 'Wohnungssuche \\udce4rger' is not valid UTF-8 "
        "text (see: qualcode codes add --help)\n")
    assert dump(project) == before


def test_a_file_name_that_is_not_utf8_still_works(project):
    latin1 = os.fsencode(project.parent) + b"/studie-\xe4.qualcode"
    shutil.copyfile(project, latin1)
    result = _qualcode("codes", "list", latin1, "--format", "csv", cwd=project.parent)
    assert result.returncode == 0, result.stderr
    assert b"Corona" in result.stdout


def test_control_characters_in_a_message_stay_on_one_line(tmp_path):
    path = tmp_path / "neu\n\x1b[2Jstudie.qualcode"
    line = assert_one_line_error(run("codes", "list", path))
    assert "neu\\n\\u001b[2Jstudie.qualcode: no such project file" in line
    assert "\x1b" not in line


@pytest.mark.parametrize("kind", ["folder", "device", "long name", "long command"])
def test_odd_project_paths_are_one_line(tmp_path, kind):
    target = {"folder": str(tmp_path / "ordner.qualcode"), "device": "/dev/null",
              "long name": str(tmp_path / ("x" * 5000)), "long command": "x" * 5000}[kind]
    (tmp_path / "ordner.qualcode").mkdir()
    args = [target] if kind == "long command" else ["documents", target]
    result = run(*args)
    assert result.exit_code in (1, 2)
    line = assert_one_line_error(result)
    assert {"folder": "is a directory", "device": "not a regular file",
            "long name": "File name too long", "long command": "no such command"}[kind] in line


# -- SQLite's errors: the file, what happened, what to do ---------------------------------------
def test_a_write_protected_project_is_read_and_a_change_refused(project):
    before = dump(project)
    project.chmod(0o444)
    assert "Corona" in ok("codes", "list", project).stdout
    result = run("codes", "add", project, "Neu")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {project}: read-only (the file is write-protected); "
                             f"nothing of the unfinished change was written\n")
    assert dump(project) == before
    assert sorted(p.name for p in project.parent.iterdir()) == [project.name]


def test_a_locked_project_names_who_holds_it(project, monkeypatch):
    monkeypatch.setattr(project_module, "BUSY_TIMEOUT_MS", 300)
    before = dump(project)
    with WriteLock(project) as lock:
        assert "Corona" in ok("codes", "list", project).stdout  # reading is not locked
        result = run("codes", "add", project, "Neu")
    assert result.exit_code == 1
    line = assert_one_line_error(result, f"error: {project}: locked: ",
                                 "(database is locked); nothing of the unfinished change was "
                                 "written")
    if Path("/proc/locks").exists():
        assert f"process {lock.pid} (python -c " in line
        assert "is writing to it, and did not finish within 0.3 s; try again when it is done, " \
               "or close that program" in line
    else:
        assert "another program is writing to it" in line
    assert dump(project) == before


def test_a_full_disk_says_so_and_writes_nothing(project, transcripts, monkeypatch, tmp_path):
    connect = project_module._connect

    def no_room_to_grow(path, wal=True):
        db = connect(path, wal)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")  # as a full disk would
        return db

    monkeypatch.setattr(project_module, "_connect", no_room_to_grow)
    long_interview = tmp_path / "THM-09.txt"
    long_interview.write_text(
        "".join(f"B: Absatz {n} über die Arbeit mit den Familien im Quartier.\n\n"
                for n in range(5000)), encoding="utf-8")
    before = dump(project)
    result = run("import", project, long_interview)
    assert result.exit_code == 1
    assert_one_line_error(result, f"{project}: the disk is full (database or disk is full); "
                                  f"nothing of the unfinished change was written; free some "
                                  f"space on its drive and run the command again")
    assert dump(project) == before


def test_a_constraint_of_another_program_is_one_line(project):
    with sqlite3.connect(project) as conn:
        conn.execute("CREATE TRIGGER eingefroren BEFORE INSERT ON codes "
                     "BEGIN SELECT RAISE(ABORT, 'Codesystem ist eingefroren'); END")
    conn.close()
    before = dump(project)
    result = run("codes", "add", project, "Neu")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {project}: the change contradicts the project's data (Codesystem ist "
        f"eingefroren); nothing of the unfinished change was written\n")
    assert dump(project) == before


def _damage(path: Path) -> None:
    """Garbage over the first page of the documents table's B-tree (the texts): the schema
    still reads, quick_check finds the damage (not the middle of the file, whose page
    depends on how many migrations built it)."""
    connection = sqlite3.connect(path)
    try:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = "
                                  "'documents'").fetchone()[0]
    finally:
        connection.close()
    with open(path, "r+b") as out:
        out.seek((root - 1) * page_size)
        out.write(b"Kaffeepause! " * (page_size // 13))


def test_a_damaged_project_is_read_with_a_warning_and_never_written(project):
    shutil.copyfile(project, f"{project}.backup-20261130T170000Z")
    _damage(project)
    content = project.read_bytes()
    advice = (f"restore the newest backup {project}.backup-20261130T170000Z or rescue what is "
              f"readable with: sqlite3 {project} .recover | sqlite3 rescued.qualcode")
    result = run("coders", "list", project)
    warning = result.stderr.splitlines()[0]
    assert warning.startswith(f"warning: {project}: damaged (quick_check: ")
    assert warning.endswith(f"what is shown may be incomplete, and nothing can be changed; "
                            f"{advice}")
    result = run("codes", "add", project, "Neu")
    assert result.exit_code == 1
    error = result.stderr.splitlines()[-1]
    assert error.startswith(f"error: {project}: read-only (damaged: quick_check: ")
    assert error.endswith(f"nothing of the unfinished change was written; {advice}")
    assert project.read_bytes() == content


def test_a_project_of_a_newer_qualcode_is_one_line(project):
    with sqlite3.connect(project) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    assert_one_line_error(run("codes", "list", project),
                          f"{project}: written by a newer qualcode (schema 99; this qualcode "
                          f"knows ")


def test_a_foreign_wal_is_one_line(project, empty_project):
    ok("codes", "add", empty_project, "Fremd")
    conn = sqlite3.connect(empty_project, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("INSERT INTO settings (key, value) VALUES ('anders', 'ja')")
    shutil.copyfile(f"{empty_project}-wal", f"{project}-wal")
    conn.close()
    assert_one_line_error(run("codes", "list", project),
                          f"error: {project}-wal: belongs to another database; move it away")
