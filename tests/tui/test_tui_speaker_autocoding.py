"""Speaker autocoding in the workbench (issue 11 item 5): the palette's "Autocode a speaker's
turns…" codes every turn of a speaker exactly as ``qualcode autocode --speaker`` does, and a
second run skips what is coded already and says so, never coding a turn twice."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from tui_support import settle, wait_for

from qualcode.cli import main
from qualcode.store.project import Project
from qualcode.store.segments import SegmentFilter, query_segments
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.picker import PickerScreen


def spans(path, coder: str = "lena") -> list[tuple[str, str, int, int]]:
    with Project.open(path) as project:
        found = query_segments(project, SegmentFilter(coder=coder))
    return sorted((s.document, s.code, s.start, s.end) for s in found)


async def autocode_b_with_abh(pilot, app) -> None:
    app.action_autocode_speaker()
    await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
    await pilot.press("b", "enter")  # speaker B
    await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen)
                   and "Code every turn of B" in str(app.screen.title_text))
    await pilot.press(*"abh", "enter")
    await settle(pilot, app)
    await settle(pilot, app)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_speaker_autocoding_equals_the_cli_and_never_codes_twice(small_project,
                                                                        tmp_path):
    twin = tmp_path / "cli.qualcode"
    shutil.copy(small_project, twin)
    result = CliRunner().invoke(main, ["autocode", str(twin), "ABH-Kooperation", "--speaker",
                                       "B", "--coder", "lena"])
    assert result.exit_code == 0, result.stderr

    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await autocode_b_with_abh(pilot, app)
        await wait_for(pilot, lambda: any(m.startswith("Coded 3 turn(s) of B in 2 document(s)")
                                          for m in messages(app)))
        assert spans(small_project) == spans(twin)
        assert len(spans(small_project)) == 3

        await autocode_b_with_abh(pilot, app)
        await wait_for(pilot, lambda: any(
            m.startswith("Coded 0 turn(s) of B") and "skipped 3 already coded with "
            "ABH-Kooperation by lena" in m for m in messages(app)))
        assert len(spans(small_project)) == 3

        # one ctrl+z takes back the whole first run
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        await wait_for(pilot, lambda: spans(small_project) == [])
        await pilot.press("ctrl+q")
