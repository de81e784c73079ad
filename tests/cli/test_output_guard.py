"""Every command that writes a file refuses a path that would destroy something: the project
itself, its -wal/-shm, another database, a link, a folder, a missing folder. Each refusal is
one line, exit status 1, and nothing is written. ``/dev/stdout`` keeps working in a pipe and
in a terminal."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

from cli.conftest import assert_one_line_error, dump, ok, run

# Each command that writes a file, OUT standing for its output path.
WRITERS = {
    "export frequencies": ("export", "frequencies", "PROJECT", "-o", "OUT"),
    "export quotes": ("export", "quotes", "PROJECT", "-o", "OUT"),
    "export report md": ("export", "report", "PROJECT", "--format", "md", "-o", "OUT"),
    "export report docx": ("export", "report", "PROJECT", "-o", "OUT"),
    "export qdpx": ("export", "qdpx", "PROJECT", "-o", "OUT"),
    "export qdc": ("export", "qdc", "PROJECT", "-o", "OUT"),
    "export segments": ("export", "segments", "PROJECT", "-o", "OUT"),
    "codebook export": ("codebook", "export", "PROJECT", "OUT"),
    "agreement": ("agreement", "PROJECT", "--coders", "lena,jonas", "--format", "csv",
                  "-o", "OUT"),
    "disagreements": ("disagreements", "PROJECT", "--coders", "lena,jonas", "--format", "csv",
                      "-o", "OUT"),
    "matrix": ("matrix", "PROJECT", "--format", "csv", "-o", "OUT"),
    "crosstab": ("crosstab", "PROJECT", "--by", "Modus", "--format", "csv", "-o", "OUT"),
    "cooccurrence": ("cooccurrence", "PROJECT", "--format", "csv", "-o", "OUT"),
}


def command(name: str, project: Path, out: Path | str, *extra: str) -> list[object]:
    args = [project if a == "PROJECT" else out if a == "OUT" else a for a in WRITERS[name]]
    return [*args, *extra]


def entries(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.fixture
def study(project: Path) -> Path:
    """The coded study, alone in its folder, with a WAL file beside it as while it is open."""
    connection = sqlite3.connect(project)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.close()
    return project


def refuses(study: Path, name: str, out: Path, *fragments: str, extra=()) -> None:
    before, files = dump(study), {p: p.read_bytes() for p in study.parent.iterdir()
                                  if p.is_file() and not p.is_symlink()}
    listing = entries(study.parent)
    assert_one_line_error(run(*command(name, study, out, *extra)), str(out), *fragments)
    assert dump(study) == before
    assert entries(study.parent) == listing
    assert {p: p.read_bytes() for p in files} == files


@pytest.mark.parametrize("name", WRITERS)
def test_the_project_file_is_never_an_output(study: Path, name: str):
    refuses(study, name, study, "qualcode project")


@pytest.mark.parametrize("name", WRITERS)
@pytest.mark.parametrize("companion", ["-wal", "-shm"])
def test_the_projects_wal_and_shm_are_never_an_output(study: Path, name: str, companion: str):
    refuses(study, name, Path(f"{study}{companion}"), companion[1:])


@pytest.mark.parametrize("name", WRITERS)
@pytest.mark.parametrize(("other", "fragment"), [("andere.sqlite", "SQLite database"),
                                                  ("andere.qualcode", "qualcode project")])
def test_another_database_is_never_an_output(study: Path, name: str, other: str,
                                             fragment: str):
    shutil.copyfile(study, study.parent / other)
    refuses(study, name, study.parent / other, fragment)


@pytest.mark.parametrize("name", WRITERS)
def test_a_link_to_the_project_is_refused_even_with_follow_symlinks(study: Path, name: str):
    link = study.parent / "bericht.out"
    link.symlink_to(study)
    refuses(study, name, link, "symbolic link", "--follow-symlinks")
    refuses(study, name, link, "qualcode project", extra=("--follow-symlinks",))


@pytest.mark.parametrize("name", WRITERS)
def test_a_link_to_a_file_is_followed_only_when_asked(study: Path, name: str, tmp_path: Path):
    elsewhere = tmp_path / "woanders"
    elsewhere.mkdir()
    real = elsewhere / "ziel.out"
    real.write_text("alt\n", encoding="utf-8")
    link = study.parent / "bericht.out"
    link.symlink_to(real)
    refuses(study, name, link, "symbolic link", "--follow-symlinks")
    assert real.read_text(encoding="utf-8") == "alt\n"
    ok(*command(name, study, link, "--follow-symlinks"))
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() != b"alt\n" and real.stat().st_size > 0
    # The Markdown report's charts go beside the file the link points to.
    charts = [n for n in entries(elsewhere) if n.endswith(".png")]
    assert (len(charts) == 2) == (name == "export report md")


@pytest.mark.parametrize("name", WRITERS)
def test_a_folder_is_refused(study: Path, name: str):
    folder = study.parent / "ausgabe"
    folder.mkdir()
    refuses(study, name, folder, "is a folder")
    assert entries(folder) == []


@pytest.mark.parametrize("name", WRITERS)
def test_a_missing_folder_is_refused(study: Path, name: str):
    refuses(study, name, study.parent / "fehlt" / "x.out", "does not exist")


def qualcode(*args: object, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUALCODE_CODER": "lena"}
    return subprocess.run([sys.executable, "-m", "qualcode", *map(str, args)], check=False,
                          cwd=cwd, env=env, timeout=120, **kwargs)


def test_dev_stdout_in_a_pipe_and_in_a_redirect(study: Path):
    piped = qualcode("export", "frequencies", study, "-o", "/dev/stdout",
                     cwd=study.parent, capture_output=True)
    assert piped.returncode == 0, piped.stderr
    expected = ok("export", "frequencies", study).stdout_bytes
    assert piped.stdout == expected
    # >> appends: the export is written to the open descriptor, not by replacing the file.
    log = study.parent / "log.csv"
    log.write_bytes(b"vorher\n")
    with open(log, "ab") as stream:
        done = qualcode("export", "frequencies", study, "-o", "/dev/stdout", cwd=study.parent,
                        stdout=stream, stderr=subprocess.PIPE)
    assert done.returncode == 0, done.stderr
    assert log.read_bytes() == b"vorher\n" + expected
    # ... but never into the project.
    with open(study, "ab") as stream:
        refused = qualcode("export", "frequencies", study, "-o", "/dev/stdout",
                           cwd=study.parent, stdout=stream, stderr=subprocess.PIPE)
    assert refused.returncode == 1
    assert refused.stderr.decode().count("\n") == 1 and "SQLite database" in refused.stderr.decode()
    assert sqlite3.connect(study).execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_dev_stdout_in_a_terminal(study: Path):
    primary, secondary = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "qualcode", "export", "frequencies", str(study), "-o",
         "/dev/stdout"], cwd=study.parent, stdout=secondary, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    os.close(secondary)
    received = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        received += chunk
    os.close(primary)
    assert process.wait(timeout=120) == 0, process.stderr.read()
    process.stderr.close()
    # The terminal turns each \n into \r\n; the CSV's own \r\n arrive as \r\r\n.
    assert received.replace(b"\r", b"") == ok("export", "frequencies", study).stdout_bytes \
        .replace(b"\r", b"")
    assert received.startswith(b"code,depth,segments")
