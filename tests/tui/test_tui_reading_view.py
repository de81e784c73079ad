"""The reading view of Retrieved Segments (F10): whole texts under a header line, sorting,
filters, export as shown, paging in SQL; and the marks of commented or weighted segments in
Retrieved Segments and the Document Browser's gutter; the weight dialog keeps bad input."""

from __future__ import annotations

from pathlib import Path

from tui_support import add_text_document, settle, wait_for

from qualcode.store import codes, coders, documents, segments
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.dialogs import PromptScreen
from qualcode.tui.screens.reading import ReadingScreen, SegmentReader
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.code_system import CodeSystem
from qualcode.tui.widgets.retrieved import RetrievedSegments

SIZE = (80, 24)


def _code(path: Path) -> dict[str, int]:
    """lena codes three passages of Interview-A: one with a comment and weight 80, one with
    weight 30, one plain. Returns segment ids by a short name."""
    with Project.open(path) as project:
        doc = documents.resolve_document(project, "Interview-A")
        lena = coders.ensure_coder(project, "lena")
        text = documents.document_text(project, doc.id)
        abh = codes.get_code(project, "ABH-Kooperation")
        messenger = codes.get_code(project, "Digitale Beratung/Messenger")

        def span(needle: str) -> tuple[int, int]:
            start = text.index(needle)
            return start, start + len(needle)

        ids = {
            "post": segments.add_segment(
                project, doc, abh, lena, *span("Die Ausländerbehörde hat plötzlich nur noch "
                                               "per Post gearbeitet."),
                comment="Schlüsselstelle", weight=80),
            "whatsapp": segments.add_segment(
                project, doc, messenger, lena, *span("Die läuft jetzt über WhatsApp."),
                weight=30),
            "anrufe": segments.add_segment(project, doc, abh, lena, *span("Dann kamen die "
                                                                         "Anrufe.")),
        }
    return ids


async def _open_reading(pilot, app) -> ReadingScreen:
    await wait_for(pilot, lambda: app.state is not None)
    await settle(pilot, app)
    await pilot.press("f10")
    await wait_for(pilot, lambda: isinstance(app.screen, ReadingScreen)
                   and app.screen.total > 0)
    return app.screen


async def _answer(pilot, app, text: str) -> None:
    """Replace the prompt's text with ``text`` and press Enter."""
    app.screen.query_one("#answer").value = ""
    await pilot.press(*text, "enter")
    await pilot.pause()


def _shown(screen: ReadingScreen) -> list[int]:
    return [s.id for s in screen.segments]


async def test_reading_view_shows_each_whole_text_under_its_header(small_project):
    ids = _code(small_project)
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_reading(pilot, app)
        reader = screen.query_one(SegmentReader)
        # document order: Interview-A's three passages by position, then Interview-B's
        assert _shown(screen)[:3] == [ids["anrufe"], ids["post"], ids["whatsapp"]]
        assert screen.total == 4
        post = reader.get_option_at_index(1).prompt.plain
        lines = post.split("\n")
        assert lines[0] == ("▌ Interview-A · Z. 7 · 00:00:06 · ABH-Kooperation · lena · "
                            "weight 80")
        assert lines[1] == "✎ Schlüsselstelle"
        assert lines[2] == "Die Ausländerbehörde hat plötzlich nur noch per Post gearbeitet."
        # wrapped at 80 columns, never cut: the header alone needs more than one row
        assert reader._heights[1] >= 4
        assert "1 of 4" in str(screen.query_one("#reading-title").render())
        titles = {command.title for command in app.get_system_commands(screen)}
        assert "Read retrieved segments" in titles


async def test_reading_view_sorts_by_code_and_weight_and_filters(small_project):
    ids = _code(small_project)
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_reading(pilot, app)
        await pilot.press("o")  # by code: ABH-Kooperation, Messenger, then Bündniskerngruppe
        await wait_for(pilot, lambda: screen.query_state.order == "code" and screen.total)
        assert _shown(screen)[:3] == [ids["anrufe"], ids["post"], ids["whatsapp"]]
        assert screen.segments[3].code == "Bündniskerngruppe"
        await pilot.press("o")  # by weight, heaviest first
        await wait_for(pilot, lambda: screen.query_state.order == "weight" and screen.total)
        assert _shown(screen)[:2] == [ids["post"], ids["whatsapp"]]
        await pilot.press("semicolon")  # only segments with a comment
        await wait_for(pilot, lambda: screen.query_state.commented and screen.total)
        assert _shown(screen) == [ids["post"]]
        await pilot.press("semicolon", "w")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await _answer(pilot, app, "viel")
        # bad input stays in the dialog with the reason
        assert isinstance(app.screen, PromptScreen)
        assert "0 to 100" in str(app.screen.query_one("#problem").render())
        await _answer(pilot, app, "30")
        await wait_for(pilot, lambda: screen.query_state.min_weight == 30
                       and not screen.query_state.commented and screen.total)
        assert sorted(_shown(screen)) == sorted([ids["post"], ids["whatsapp"]])
        assert "weight ≥ 30" in str(screen.query_one("#reading-title").render())


async def test_activated_codes_narrow_the_reading_view_and_enter_jumps(small_project):
    ids = _code(small_project)
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        app.query_one(CodeSystem).focus()
        messenger = next(c.id for c in app.state.codes.codes if c.name == "Messenger")
        app.query_one(CodeSystem).select_code(messenger)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.active_codes == frozenset({messenger}))
        await settle(pilot, app)
        await pilot.press("f5", "v")  # from Retrieved Segments
        await wait_for(pilot, lambda: isinstance(app.screen, ReadingScreen)
                       and app.screen.total > 0)
        screen = app.screen
        assert _shown(screen) == [ids["whatsapp"]]
        assert "1 code(s)" in screen.query_state.describe()
        await pilot.press("enter")  # jumps to the passage; nothing is coded
        await wait_for(pilot, lambda: app.view is not None and not isinstance(app.screen,
                                                                              ReadingScreen))
        await settle(pilot, app)
        start, end = app.query_one(DocumentBrowser).selection_offsets()
        assert app.view.text[start:end] == "Die läuft jetzt über WhatsApp."
        with Project.open(small_project) as project:
            assert segments.count_segments(project) == 4


async def test_export_writes_the_segments_as_shown(small_project, tmp_path):
    ids = _code(small_project)
    target = tmp_path / "lesen.md"
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_reading(pilot, app)
        await pilot.press("o", "o")  # by weight
        await wait_for(pilot, lambda: screen.query_state.order == "weight" and screen.total)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press("f10")  # F10 under the dialog opens no second reading view
        assert sum(isinstance(s, ReadingScreen) for s in app.screen_stack) == 1
        await _answer(pilot, app, str(tmp_path / "lesen.pdf"))
        await settle(pilot, app)
        await pilot.pause()
        assert any("lesen.pdf: use .md or .txt" in n.message for n in app._notifications)
        assert not (tmp_path / "lesen.pdf").exists()
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await _answer(pilot, app, str(target))
        await settle(pilot, app)
        await wait_for(pilot, target.exists)
        assert isinstance(app.screen, ReadingScreen)  # still reading
    written = target.read_text(encoding="utf-8")
    assert written.startswith("# Retrieved Segments — all codes · all documents · by weight")
    post = written.index("**Interview-A · Z. 7 · 00:00:06 · ABH-Kooperation · lena · weight 80**")
    assert written.index("*✎ Schlüsselstelle*") > post
    assert written.index("weight 30**") > post
    assert "> Die Ausländerbehörde hat plötzlich nur noch per Post gearbeitet." in written
    assert ids


async def test_reading_view_pages_in_sql(tmp_path):
    path = tmp_path / "many.qualcode"
    text = "\n".join(f"B: Satz Nummer {i} über die Beratung." for i in range(130))
    with Project.create(path) as project:
        add_text_document(project, "Lang", text)
        code = codes.add_code(project, "Beratung")
        lena = coders.ensure_coder(project, "lena")
        doc = documents.resolve_document(project, "Lang")
        stored = documents.document_text(project, doc.id)
        start = 0
        for line in stored.split("\n"):
            segments.add_segment(project, doc, code, lena, start, start + len(line))
            start += len(line) + 1
    app = QualcodeApp(path, "lena")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_reading(pilot, app)
        assert screen.total == 130
        assert len(screen.segments) == 50  # one page, not all 130
        await pilot.press("end")  # the last loaded segment: the next page follows
        await wait_for(pilot, lambda: len(screen.segments) == 100)
        for _ in range(3):
            await pilot.press("end")
            await settle(pilot, app)
        await wait_for(pilot, lambda: len(screen.segments) == 130)
        assert screen.segments[-1].text == "B: Satz Nummer 129 über die Beratung."
        assert len({s.id for s in screen.segments}) == 130
    # the mouse wheel near the end of what is loaded fetches the next page as well
    app = QualcodeApp(path, "lena")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_reading(pilot, app)
        reader = screen.query_one(SegmentReader)
        await pilot.pause()
        reader.scroll_to(y=reader.max_scroll_y, animate=False)
        await wait_for(pilot, lambda: len(screen.segments) == 100)


async def test_a_segment_taller_than_the_screen_is_read_line_by_page(tmp_path):
    path = tmp_path / "long.qualcode"
    long_turn = "B: " + " ".join(f"Wort{i}" for i in range(600))
    with Project.create(path) as project:
        add_text_document(project, "Lang", long_turn + "\n\nI: Kurz.")
        code = codes.add_code(project, "Lang")
        lena = coders.ensure_coder(project, "lena")
        doc = documents.resolve_document(project, "Lang")
        segments.add_segment(project, doc, code, lena, 0, len(long_turn))
        segments.add_segment(project, doc, code, lena, len(long_turn) + 2,
                             len(long_turn) + 10)
    app = QualcodeApp(path, "lena")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_reading(pilot, app)
        reader = screen.query_one(SegmentReader)
        assert reader._heights[0] > reader.scrollable_content_region.height
        await pilot.press("down")  # scrolls through the long passage first
        await pilot.pause()
        assert reader.highlighted == 0 and reader.scroll_offset.y > 0
        for _ in range(10):
            if reader.highlighted == 1:
                break
            await pilot.press("down")
            await pilot.pause()
        assert reader.highlighted == 1
        await pilot.press("up")  # back up: the long passage's end first
        await pilot.pause()
        assert reader.highlighted == 0


async def test_comment_and_weight_are_marked_and_bad_weights_stay_in_the_dialog(small_project):
    ids = _code(small_project)
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("enter")  # Interview-A
        await wait_for(pilot, lambda: app.view is not None)
        await settle(pilot, app)
        table = app.query_one(RetrievedSegments)
        await wait_for(pilot, lambda: str(ids["post"]) in table.segments)
        assert table.get_cell(str(ids["post"]), "marks") == "80✎"
        assert table.get_cell(str(ids["whatsapp"]), "marks") == "30"
        assert table.get_cell(str(ids["anrufe"]), "marks") == ""
        browser = app.query_one(DocumentBrowser)

        def gutter(line: int) -> str:
            browser.select_offsets(app.view.lines.line_start(line), app.view.lines.line_start(line))
            y = browser.wrapped_document._line_index_to_offsets[line - 1][0] \
                - browser.scroll_offset.y
            return browser._render_line(y).text[:5]

        assert "✎" in gutter(7)  # comment and weight: "Die Ausländerbehörde …"
        assert "✎" in gutter(11)  # weight 30
        assert "✎" not in gutter(5)  # the question: not coded
        # the weight dialog: a bad value stays, with the reason; a good one is saved
        offset = app.view.text.index("kamen die")
        browser.select_offsets(offset, offset)
        browser.focus()
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await _answer(pilot, app, "150")
        assert isinstance(app.screen, PromptScreen)
        assert app.screen.query_one("#answer").value == "150"
        assert "“150” is not a weight" in str(app.screen.query_one("#problem").render())
        await pilot.press("backspace", "backspace", "enter")  # "1"
        await settle(pilot, app)
        await wait_for(pilot, lambda: not isinstance(app.screen, PromptScreen))
        await settle(pilot, app)
        await wait_for(pilot, lambda: table.get_cell(str(ids["anrufe"]), "marks") == "1")
        assert "✎" in gutter(7)


def test_reading_view_snapshot(snap_compare, small_project):
    _code(small_project)
    app = QualcodeApp(small_project, "lena")

    async def run_before(pilot) -> None:
        await _open_reading(pilot, app)
        await settle(pilot, app)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
