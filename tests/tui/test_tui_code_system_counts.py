"""The Code System counts like MAXQDA (own count, total with subcodes, sum when closed),
cuts long names but never the counts or memo marks, activates a parent with its subcodes,
reorders codes among their siblings from the keyboard, and asks what a slash in a new code
name means."""

from __future__ import annotations

from rich.style import Style
from tui_support import settle, wait_for

from qualcode.store import codes as code_store
from qualcode.store import coders, documents, memos, segments
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.picker import PickerScreen
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.code_system import CodeSystem
from qualcode.tui.widgets.retrieved import RetrievedSegments

LONG = "Videokonferenzen mit Behörden, Schulen und Beratungsstellen"


def _coded_subcodes(path) -> None:
    """Messenger (under Digitale Beratung) twice, a long-named subcode once with a memo."""
    with Project.open(path) as project:
        doc = documents.resolve_document(project, "Interview-A")
        anna = coders.ensure_coder(project, "anna")
        text = documents.document_text(project, doc.id)
        messenger = code_store.get_code(project, "Digitale Beratung/Messenger")
        video = code_store.add_code(project, f"Digitale Beratung/{LONG}")
        for needle in ("Am Anfang", "Dann kamen"):
            start = text.index(needle)
            segments.add_segment(project, doc, messenger, anna, start, start + 9)
        start = text.index("Die läuft")
        segments.add_segment(project, doc, video, anna, start, start + 9)
        memos.add_memo(project, "code", "Auch Telefonkonferenzen", target_id=video.id)


def line(tree: CodeSystem, app, path: str) -> str:
    """The Code System's line for ``path`` as drawn (without the tree guides)."""
    code_id = next(c.id for c in app.state.codes.codes if c.path == path)
    node = next(n for n in tree._tree_nodes.values() if n.data == code_id)
    return tree.render_label(node, Style(), Style()).plain


async def _start(pilot, app) -> CodeSystem:
    await wait_for(pilot, lambda: app.state is not None)
    await settle(pilot, app)
    await pilot.press("f3")
    return app.query_one(CodeSystem)


def _select(app, tree: CodeSystem, path: str) -> None:
    tree.select_code(next(c.id for c in app.state.codes.codes if c.path == path))


async def test_own_count_total_and_the_sum_of_a_closed_parent(small_project):
    _coded_subcodes(small_project)
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(120, 40)) as pilot:
        tree = await _start(pilot, app)
        assert line(tree, app, "Digitale Beratung").endswith("Digitale Beratung 0 Σ3")
        assert line(tree, app, "Digitale Beratung/Messenger").endswith("Messenger 2")
        assert line(tree, app, "Bündniskerngruppe").endswith("Bündniskerngruppe 1")
        _select(app, tree, "Digitale Beratung")
        await pilot.pause()
        await pilot.press("left")  # closed: only the sum
        await pilot.pause()
        assert line(tree, app, "Digitale Beratung").endswith("Digitale Beratung Σ3")
        await pilot.press("right")
        await pilot.pause()
        assert line(tree, app, "Digitale Beratung").endswith("0 Σ3")


async def test_long_names_are_cut_never_the_counts_or_the_memo_mark(small_project):
    _coded_subcodes(small_project)
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(80, 24)) as pilot:
        tree = await _start(pilot, app)
        drawn = line(tree, app, f"Digitale Beratung/{LONG}")
        assert drawn.endswith("… 1 ✎")
        assert drawn.startswith("  ■ Videokonf")
        # the line fits the panel beside the tree guide of a subcode
        assert len(drawn) + tree.guide_depth <= tree.scrollable_content_region.width
        assert tree.virtual_size.width <= tree.scrollable_content_region.width


async def test_activating_a_parent_retrieves_its_subcodes_segments(small_project):
    _coded_subcodes(small_project)
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        tree = await _start(pilot, app)
        _select(app, tree, "Digitale Beratung")
        await pilot.pause()
        await pilot.press("space")
        table = app.query_one(RetrievedSegments)
        await wait_for(pilot, lambda: len(table.segments) == 3)
        assert {s.code for s in table.segments.values()} == {
            "Digitale Beratung/Messenger", f"Digitale Beratung/{LONG}"}
        assert line(tree, app, "Digitale Beratung").startswith("▼ ● ")
        assert line(tree, app, "Digitale Beratung/Messenger").startswith("○ ")  # included
        assert line(tree, app, "Bündniskerngruppe").startswith("  ")
        await pilot.press("space")  # off again: every code
        await wait_for(pilot, lambda: len(table.segments) == 4)


async def test_ctrl_up_and_down_reorder_siblings_undoably(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        tree = await _start(pilot, app)
        top = ["ABH-Kooperation", "Digitale Beratung", "Bündniskerngruppe"]
        assert [c.path for c in app.state.codes.codes if c.depth == 0] == top
        _select(app, tree, "ABH-Kooperation")
        await pilot.pause()
        await pilot.press("ctrl+down")
        await settle(pilot, app)
        await settle(pilot, app)
        await pilot.press("ctrl+down")
        await settle(pilot, app)
        await settle(pilot, app)
        with Project.open(small_project) as project:
            assert [c.path for c in code_store.list_codes(project) if c.depth == 0] == [
                "Digitale Beratung", "Bündniskerngruppe", "ABH-Kooperation"]
        # the cursor went with the code; subcodes moved with their parent
        assert app.code_by_id(tree.selected_code()).path == "ABH-Kooperation"
        assert [c.path for c in app.state.codes.codes][:2] == [
            "Digitale Beratung", "Digitale Beratung/Messenger"]
        await pilot.press("ctrl+down")  # already last: nothing changes
        await pilot.press("ctrl+up")
        await settle(pilot, app)
        await settle(pilot, app)
        assert [c.path for c in app.state.codes.codes if c.depth == 0] == [
            "Digitale Beratung", "ABH-Kooperation", "Bündniskerngruppe"]
        for _ in range(3):
            await pilot.press("ctrl+z")
            await settle(pilot, app)
            await settle(pilot, app)
        assert [c.path for c in app.state.codes.codes if c.depth == 0] == top


async def _new_code_by_picker(pilot, app, typed: str) -> None:
    await wait_for(pilot, lambda: app.state is not None)
    await pilot.press("enter")
    await wait_for(pilot, lambda: app.view is not None)
    await settle(pilot, app)
    start = app.view.text.index("Die läuft")
    app.query_one(DocumentBrowser).select_offsets(start, start + 9)
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen))
    await pilot.press(*typed, "enter")
    await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen)
                   and "slash" in app.screen.title_text)


async def test_a_slash_in_a_new_code_asks_whether_it_means_a_subcode(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await _new_code_by_picker(pilot, app, "Telefon/E-Mail")
        await pilot.press("down", "enter")  # one code named Telefon/E-Mail
        await settle(pilot, app)
        await settle(pilot, app)
        await settle(pilot, app)
        with Project.open(small_project) as project:
            code = code_store.get_code(project, "Telefon\\/E-Mail")
            assert code.name == "Telefon/E-Mail" and code.parent_id is None
            assert [s.code for s in segments.query_segments(
                project, segments.SegmentFilter(coder="lena"))] == ["Telefon\\/E-Mail"]
        app.query_one(DocumentBrowser).focus()
        await pilot.pause()
        await _new_code_by_picker(pilot, app, "Beratung/Telefon")
        await pilot.press("enter")  # the slash means a subcode
        await settle(pilot, app)
        await settle(pilot, app)
        await settle(pilot, app)
        with Project.open(small_project) as project:
            assert code_store.get_code(project, "Beratung/Telefon").name == "Telefon"


async def test_escape_at_the_slash_question_creates_nothing(small_project):
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await _new_code_by_picker(pilot, app, "Telefon/E-Mail")
        await pilot.press("escape")
        await settle(pilot, app)
    with Project.open(small_project) as project:
        assert not any("Telefon" in c.path for c in code_store.list_codes(project))
