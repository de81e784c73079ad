"""Two coders in one project file at the same time, as a team works: lena codes in her
workbench while jonas codes and undoes with the command line in a separate process. Each
one's undo takes back only their own newest change; the workbench shows jonas's coding
without being reopened; nobody's work is lost.
"""

from __future__ import annotations

import os
import subprocess
import sys

from support import ROOT
from tui_support import code_sentence, settle, wait_for

from qualcode.store.project import Project
from qualcode.store.segments import SegmentFilter, query_segments
from qualcode.tui.app import QualcodeApp


def qualcode(*args: object) -> subprocess.CompletedProcess:
    """``qualcode ARGS`` in a separate process (SQLite locks belong to processes)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "qualcode", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def coded(path) -> list[tuple[str, str]]:
    with Project.open(path) as project:
        return sorted((s.coder, s.text) for s in query_segments(project, SegmentFilter()))


async def test_a_workbench_and_another_process_each_undo_only_their_own(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("enter")  # opens Interview-A
        await wait_for(pilot, lambda: app.view is not None and app.view.sentences is not None)

        await code_sentence(pilot, app, "Dann kamen die Anrufe.")
        jonas = qualcode("code", small_project, "Interview-A", "ABH-Kooperation",
                         "--match", "Am Anfang war alles ruhig.", "--coder", "jonas")
        assert jonas.returncode == 0, jonas.stderr
        # The workbench notices the other program's coding and shows it.
        await wait_for(pilot, lambda: "jonas" in {s.coder for s in app.view.segments},
                       timeout=15)
        await code_sentence(pilot, app, "Die läuft jetzt über WhatsApp.")

        # jonas undoes in his process: his coding goes, lena's newer ones stay.
        undone = qualcode("undo", small_project, "--coder", "jonas")
        assert undone.returncode == 0, undone.stderr
        assert "Am Anfang war alles ruhig" not in str(coded(small_project))
        assert ("lena", "Dann kamen die Anrufe.") in coded(small_project)
        assert ("lena", "Die läuft jetzt über WhatsApp.") in coded(small_project)

        # lena's ctrl+z takes back her newest coding only.
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        await wait_for(pilot, lambda: ("lena", "Die läuft jetzt über WhatsApp.")
                       not in coded(small_project))
        await pilot.press("ctrl+q")

    assert coded(small_project) == [
        ("anna", "Die Treffen der Bündniskerngruppe fallen aus."),
        ("lena", "Dann kamen die Anrufe.")]
    # Each person's log holds their own changes, with what was undone.
    log = qualcode("log", small_project, "--coder", "jonas", "--format", "json")
    assert log.returncode == 0, log.stderr
    assert '"actor": "jonas"' in log.stdout and '"actor": "lena"' not in log.stdout
