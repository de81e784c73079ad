"""A killed export leaves no partial set of files and no temporary file with interview text:
``export report --format md`` (a report and its charts) and an XLSX export, killed by
SIGKILL or SIGTERM at a chosen point of a real ``python -m qualcode`` process.

The kill is made deterministic by a small driver that wraps one internal step (writing a
staged file, saving a chart, writing a worksheet) to send the signal to its own process.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

from cli.conftest import ok

DRIVER = """
import os, signal, sys
where, at, kill = sys.argv[1], int(sys.argv[2]), getattr(signal, sys.argv[3])

def wrap(owner, name):
    original = getattr(owner, name)
    calls = []
    def wrapped(*args, **kwargs):
        calls.append(1)
        if where == "before" and len(calls) == at:
            os.kill(os.getpid(), kill)
        result = original(*args, **kwargs)
        if where == "after" and len(calls) == at:
            os.kill(os.getpid(), kill)
        return result
    setattr(owner, name, wrapped)

step = os.environ["KILL_STEP"]
if step == "staged file":
    from qualcode.exports.staging import StagingFolder as owner; name = "write"
elif step == "chart":
    import qualcode.exports.charts as owner; name = "_save"
else:
    from openpyxl.worksheet._writer import WorksheetWriter as owner; name = "write_tail"
wrap(owner, name)
from qualcode.cli import main
main(sys.argv[4:], prog_name="qualcode")
"""


def killed(step: str, where: str, at: int, kill: str, *args: object, cwd: Path,
           tmp: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KILL_STEP": step, "TMPDIR": str(tmp)}
    return subprocess.run([sys.executable, "-c", DRIVER, where, str(at), kill,
                           *map(str, args)], check=False, cwd=cwd, env=env,
                          capture_output=True, timeout=180)


def entries(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.fixture
def system_tmp(tmp_path: Path) -> Path:
    folder = tmp_path / "systemtmp"
    folder.mkdir()
    return folder


@pytest.fixture
def report_folder(project: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "berichte"
    folder.mkdir()
    return folder


def test_sigkill_while_charts_are_drawn_leaves_nothing(project: Path, report_folder: Path,
                                                        system_tmp: Path):
    done = killed("chart", "before", 2, "SIGKILL", "export", "report", project, "--format",
                  "md", "-o", report_folder / "bericht.md", cwd=project.parent, tmp=system_tmp)
    assert done.returncode == -signal.SIGKILL
    assert entries(report_folder) == []
    assert entries(system_tmp) == []


def test_sigkill_between_two_files_of_the_set_leaves_no_partial_set(project: Path,
                                                                    report_folder: Path,
                                                                    system_tmp: Path):
    (report_folder / "bericht.md").write_text("alter Bericht\n", encoding="utf-8")
    done = killed("staged file", "after", 2, "SIGKILL", "export", "report", project,
                  "--format", "md", "-o", report_folder / "bericht.md", cwd=project.parent,
                  tmp=system_tmp)
    assert done.returncode == -signal.SIGKILL
    # No chart without its report, the old report untouched; what SIGKILL cannot let
    # Python clean up is one private staging folder ...
    visible = [n for n in entries(report_folder) if not n.startswith(".")]
    assert visible == ["bericht.md"]
    assert (report_folder / "bericht.md").read_text(encoding="utf-8") == "alter Bericht\n"
    hidden = [report_folder / n for n in entries(report_folder) if n.startswith(".")]
    assert len(hidden) == 1 and hidden[0].name.startswith(".qualcode-staging.")
    assert stat.S_IMODE(hidden[0].stat().st_mode) == 0o700
    assert entries(system_tmp) == []
    # ... which the next export into the folder removes.
    ok("export", "report", project, "--format", "md", "-o", report_folder / "bericht.md")
    assert entries(report_folder) == ["bericht-cooccurrence.png", "bericht-frequencies.png",
                                      "bericht.md"]


def test_sigterm_while_the_set_is_written_waits_until_it_is_complete(project: Path,
                                                                     report_folder: Path,
                                                                     system_tmp: Path):
    done = killed("staged file", "after", 1, "SIGTERM", "export", "report", project,
                  "--format", "md", "-o", report_folder / "bericht.md", cwd=project.parent,
                  tmp=system_tmp)
    assert done.returncode == -signal.SIGTERM
    assert entries(report_folder) == ["bericht-cooccurrence.png", "bericht-frequencies.png",
                                      "bericht.md"]
    text = (report_folder / "bericht.md").read_text(encoding="utf-8")
    assert "](bericht-frequencies.png)" in text


@pytest.mark.parametrize("command", [
    ("export", "segments", "P", "--format", "xlsx"),
    ("export", "frequencies", "P", "--format", "xlsx"),
    ("matrix", "P", "--format", "xlsx"),
])
def test_an_xlsx_export_killed_mid_sheet_leaves_no_temporary_file(project: Path,
                                                                  tmp_path: Path,
                                                                  system_tmp: Path, command):
    out = tmp_path / "ausgabe"
    out.mkdir()
    args = [project if a == "P" else a for a in command]
    done = killed("worksheet", "before", 1, "SIGKILL", *args, "-o", out / "tabelle.xlsx",
                  cwd=project.parent, tmp=system_tmp)
    assert done.returncode == -signal.SIGKILL
    assert entries(system_tmp) == []  # openpyxl's own save would leave /tmp/openpyxl.*
    assert entries(out) == []
