"""Helpers shared by the tests of ``qualcode undo``, ``redo`` and ``log``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from support import ROOT

from cli.conftest import ok

#: The person running the commands in these tests (``$QUALCODE_CODER``).
MIRA = {"QUALCODE_CODER": "mira"}

# Two short interviews of our own for the import tests.
KITA = ("Datum: 2022-01-12\nModus: Anruf\n\nI: Wie klappt die Anmeldung in der Kita?\n\n"
        "B: Seit dem Herbst gibt es eine Wartenummer, die Eltern rufen jede Woche an.\n")
SPRACHKURS = ("Datum: 2022-02-03\nModus: Video\n\nI: Und der Sprachkurs?\n\n"
              "B: Der Kurs am Abend passt, die Kinderbetreuung fehlt aber.\n")


def log(project: Path, *args: str) -> list[dict]:
    """``qualcode log PROJECT --format json ARGS``, parsed."""
    return json.loads(ok("log", project, "--format", "json", *args).stdout)


def segment_ids(project: Path) -> list[int]:
    """Ids of every coded segment in the project, ascending."""
    return sorted(s["id"] for s in json.loads(
        ok("segments", project, "--format", "json").stdout))


def documents(project: Path) -> list[dict]:
    """``qualcode documents PROJECT --format json``, parsed."""
    return json.loads(ok("documents", project, "--format", "json").stdout)


def import_two_interviews(project: Path, folder: Path) -> None:
    """mira imports KITA-01 and SK-01 into the group Familienbildung in one change."""
    files = [folder / "KITA-01.txt", folder / "SK-01.txt"]
    for path, text in zip(files, (KITA, SPRACHKURS)):
        path.write_text(text, encoding="utf-8")
    ok("import", project, *files, "--group", "Familienbildung", env=MIRA)


def at_once(*commands: tuple[object, ...], cwd: Path) -> list[tuple[int, str, str]]:
    """Start ``python -m qualcode ARGS`` for each command at the same moment, as separate
    processes; ``(exit status, stdout, stderr)`` of each, in order."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8"}
    env.pop("PYTHONIOENCODING", None)
    running = [subprocess.Popen([sys.executable, "-m", "qualcode", *map(str, args)], cwd=cwd,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for args in commands]
    results = []
    for process in running:
        stdout, stderr = process.communicate(timeout=120)
        results.append((process.returncode, stdout.decode(), stderr.decode()))
    return results
