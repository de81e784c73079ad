"""ctrl+z / ctrl+y in the workbench undo and redo the active coder's own changes only, while
another coder writes to the same project file from another program."""

from __future__ import annotations

from tui_support import code_sentence, settle, wait_for

from qualcode.store import history
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import get_code
from qualcode.store.documents import document_text, resolve_document
from qualcode.store.project import Project
from qualcode.store.segments import SegmentFilter, add_segment, query_segments, update_segment
from qualcode.tui.app import QualcodeApp


def coded(path) -> list[tuple[str, str]]:
    with Project.open(path) as project:
        return sorted((s.coder, s.text) for s in query_segments(project, SegmentFilter()))


def jonas_codes(path, phrase: str) -> int:
    """jonas codes ``phrase`` in Interview-A with his own connection (as his CLI would)."""
    with Project.open(path) as project:
        document = resolve_document(project, "Interview-A")
        start = document_text(project, document.id).index(phrase)
        return add_segment(project, document, get_code(project, "ABH-Kooperation"),
                           ensure_coder(project, "jonas"), start, start + len(phrase))


async def open_first_document(pilot, app) -> None:
    await wait_for(pilot, lambda: app.state is not None)
    await pilot.press("enter")  # Document System: the cursor starts on Interview-A
    await wait_for(pilot, lambda: app.view is not None and app.view.sentences is not None)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_ctrl_z_takes_back_only_the_active_coders_changes(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_document(pilot, app)
        await code_sentence(pilot, app, "Dann kamen die Anrufe.")
        # jonas codes after lena, from another program
        jonas_codes(small_project, "Am Anfang war alles ruhig.")
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        await wait_for(pilot, lambda: any(m.startswith("Undone: code Interview-A")
                                          for m in messages(app)))
        assert coded(small_project) == [
            ("anna", "Die Treffen der Bündniskerngruppe fallen aus."),
            ("jonas", "Am Anfang war alles ruhig.")]
        # lena has nothing left to undo; jonas's and anna's codings stay
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: any(m.startswith("nothing to undo for lena")
                                          for m in messages(app)))
        assert len(coded(small_project)) == 2
        # ctrl+y brings lena's coding back, still hers
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: ("lena", "Dann kamen die Anrufe.")
                       in coded(small_project))
        await settle(pilot, app)
        assert sorted(s.coder for s in app.view.segments) == ["jonas", "lena"]
        await pilot.press("ctrl+q")
    # jonas's undo, in his own program, takes back his coding, not lena's newer redo
    with Project.open(small_project) as project:
        assert history.undo(project, "jonas").action.endswith("with ABH-Kooperation")
    assert coded(small_project) == [
        ("anna", "Die Treffen der Bündniskerngruppe fallen aus."),
        ("lena", "Dann kamen die Anrufe.")]


async def test_ctrl_z_says_who_blocks_it_and_changes_nothing(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first_document(pilot, app)
        await code_sentence(pilot, app, "Dann kamen die Anrufe.")
        # jonas comments on lena's coding in his own workbench
        with Project.open(small_project) as project:
            mine = next(s for s in query_segments(project, SegmentFilter(coder="lena")))
            update_segment(project, mine.id, comment="Zitat für den Bericht", actor="jonas")
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: any(m.startswith("cannot undo") for m in messages(app)))
        refusal = next(m for m in messages(app) if m.startswith("cannot undo"))
        assert f"coded segment {mine.id} was changed since (jonas, " in refusal
        assert refusal.endswith(f": “edit segment {mine.id}”)")
        assert ("lena", "Dann kamen die Anrufe.") in coded(small_project)
        await pilot.press("ctrl+q")
