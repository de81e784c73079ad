"""An open workbench follows another program's changes to the project, and only those: another
coder's workbench saving where it stands (every second while that coder moves) must not make
this one reload its panels, while another coder's coding does."""

from __future__ import annotations

import asyncio

from tui_support import settle, wait_for

from qualcode.store.coders import ensure_coder
from qualcode.store.codes import get_code
from qualcode.store.documents import document_text, resolve_document
from qualcode.store.project import Project
from qualcode.store.segments import add_segment
from qualcode.store.workbench_state import write_workbench_state
from qualcode.tui.app import QualcodeApp


async def test_another_workbench_saving_its_place_reloads_nothing_a_coding_does(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await settle(pilot, app)
        reloads: list[int] = []
        original = app.refresh_all
        app.refresh_all = lambda: (reloads.append(1), original())[1]

        with Project.open(small_project) as project:  # jonas's workbench, moving about
            for line in range(3):
                write_workbench_state(project, "jonas", {"document": 1, "cursor": [line, 0]})
        await asyncio.sleep(2.5)  # more than one poll (every 2 s)
        await settle(pilot, app)
        assert reloads == []

        with Project.open(small_project) as project:  # jonas codes
            document = resolve_document(project, "Interview-A")
            start = document_text(project, document.id).index("Am Anfang")
            add_segment(project, document, get_code(project, "ABH-Kooperation"),
                        ensure_coder(project, "jonas"), start, start + 9)
        await wait_for(pilot, lambda: reloads != [], timeout=10)
        await pilot.press("ctrl+q")
