"""Nothing is ever half-written: a real ``python -m qualcode`` process that changes the
project is killed with SIGKILL in the middle of its change (after some of its rows are
written, before the commit), and the project is afterwards exactly as it was before the
command, row for row, and still opens.

The kill is deterministic: a small driver wraps ``sqlite_utils.Database.execute`` (through
which every store write goes) and sends SIGKILL to its own process right after the N-th
statement that writes (INSERT, UPDATE, DELETE) to a given table has run. Each case first checks that its command reaches that
point (the process dies by the signal), so the test cannot pass by never killing anything.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

from cli.conftest import dump, ok

DRIVER = """
import os, signal, sys
import sqlite_utils

table, at = sys.argv[1].split(":")
original = sqlite_utils.Database.execute
writes = []

def execute(self, sql, *args, **kwargs):
    result = original(self, sql, *args, **kwargs)
    words = sql.split()
    if words[0].upper() in {"INSERT", "UPDATE", "DELETE"} and table in words[:5]:
        writes.append(sql)
        if len(writes) == int(at):
            os.kill(os.getpid(), signal.SIGKILL)
    return result

sqlite_utils.Database.execute = execute
from qualcode.cli import main
main(sys.argv[2:], prog_name="qualcode")
"""


def killed_at(write: str, *args: object, cwd: Path) -> subprocess.CompletedProcess:
    """Run ``qualcode ARGS`` in a new process that SIGKILLs itself right after the N-th
    statement writing to TABLE (``write`` is ``"TABLE:N"``)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUALCODE_CODER": "lena"}
    return subprocess.run([sys.executable, "-c", DRIVER, str(write), *map(str, args)],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=180,
                          check=False)


def _extra_transcripts(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for number in range(1, 4):
        path = folder / f"THM-1{number}.txt"
        path.write_text(
            "Datum: 2021-05-0{0}\n\nI: Wie läuft die Beratung? #00:00:04-0#\n\n"
            "B: Vieles läuft jetzt per Telefon, manches gar nicht. #00:00:20-0#\n\n"
            "I: Und die Ämter? #00:00:25-0#\n\nB: Die Behörde antwortet spät. #00:00:40-0#\n"
            .format(number), encoding="utf-8")
        paths.append(path)
    return paths


def _codebook(folder: Path) -> Path:
    path = folder / "weitere-codes.yaml"
    path.write_text("codes:\n" + "".join(
        f"  - name: Thema {n}\n    children:\n      - name: Unterthema {n}\n"
        for n in range(1, 6)), encoding="utf-8")
    return path


P = object()


def _command(case: str, project: Path, tmp: Path) -> list[object]:
    build, _ = CASES[case]
    return [project if argument is P else argument for argument in build(tmp)]


CASES = {
    # the command (P stands for the project file), built in the test folder; the write
    # after which it dies (TABLE:N)
    "import three transcripts": (lambda tmp: ["import", P, *_extra_transcripts(tmp / "neu"),
                                             "--group", "Nachzügler"], "documents:2"),
    "codebook import": (lambda tmp: ["codebook", "import", P, _codebook(tmp)], "codes:5"),
    "autocode a speaker": (lambda tmp: ["autocode", P, "Netzwerk", "--speaker", "B"], "segments:3"),
    "consensus of agreed passages": (lambda tmp: ["resolve", P, "--agreed",
                                                 "--coders", "lena,jonas"], "segments:1"),
    "rename a code": (lambda tmp: ["codes", "rename", P, "Behörden", "Ämter"], "codes:1"),
    "delete a code with its segments": (lambda tmp: ["codes", "delete", P, "Corona",
                                                    "--force"], "codes:1"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_killed_change_leaves_the_project_exactly_as_it_was(case: str, project: Path,
                                                             tmp_path: Path):
    arguments = _command(case, project, tmp_path)
    before = dump(project)

    result = killed_at(CASES[case][1], *arguments, cwd=tmp_path)

    assert result.returncode == -signal.SIGKILL, (case, result.returncode, result.stderr)
    assert dump(project) == before, case
    # The project still opens and reads normally afterwards.
    listing = ok("documents", project, "--format", "json")
    assert "THM-01" in listing.stdout


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_same_change_not_killed_does_change_the_project(case: str, project: Path,
                                                            tmp_path: Path):
    """The counterpart: each command, left alone, writes (so the test above proves
    something)."""
    before = dump(project)
    ok(*_command(case, project, tmp_path))
    assert dump(project) != before, case
