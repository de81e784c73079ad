"""Lexical search in the workbench (ctrl+l): lemma search finds inflected forms, KWIC lines
with document and line, Enter jumps to the hit, autocoding after a preview is one undoable
step; ctrl+t searches header lines too."""

from __future__ import annotations

import csv

from analysis_support import NLP_TIMEOUT
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input
from tui_support import settle, wait_for

from qualcode.analysis.search import search
from qualcode.store.project import Project
from qualcode.store.segments import SegmentFilter, code_ids_for, query_segments
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.autocode_preview import AutocodePreviewScreen
from qualcode.tui.screens.lexical import LexicalSearchScreen
from qualcode.tui.widgets.browser import DocumentBrowser


async def search_for(pilot, app, query: str) -> LexicalSearchScreen:
    await wait_for(pilot, lambda: app.state is not None)
    await pilot.press("ctrl+l")
    await wait_for(pilot, lambda: isinstance(app.screen, LexicalSearchScreen))
    screen = app.screen
    await pilot.press(*query, "enter")
    await wait_for(pilot, lambda: screen.result is not None and screen.result.query == query,
                   timeout=NLP_TIMEOUT)
    return screen


def shown(screen) -> list[tuple[str, str, str]]:
    """(document, line, KWIC line) of every row."""
    table = screen.query_one("#hits", DataTable)
    return [tuple(table.get_cell_at(Coordinate(row, column)).plain for column in range(3))
            for row in range(table.row_count)]


def anna_abh(path) -> list[str]:
    with Project.open(path) as project:
        ids = code_ids_for(project, ["ABH-Kooperation"], subcodes=False)
        return [s.text for s in query_segments(project, SegmentFilter(code_ids=ids,
                                                                      coder="anna"))]


async def test_lemma_search_finds_inflected_forms_and_jumps_to_a_hit(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await search_for(pilot, app, "Ausländerbehörde")
        rows = shown(screen)
        # lemma is on: the plural "Ausländerbehörden" (A-01 line 7, B-01 line 7) is found too
        assert [(document, line) for document, line, _ in rows] == [
            ("A-01", "5"), ("A-01", "7"), ("A-01", "7"), ("A-02", "7"), ("B-01", "7")]
        assert [h.text for h in screen.result.hits] == [
            "Ausländerbehörde", "Ausländerbehörde", "Ausländerbehörden", "Ausländerbehörde",
            "Ausländerbehörden"]
        assert "den Ausländerbehörden liegen" in rows[4][2]
        with Project.open(coded_project) as project:
            expected = search(project, "Ausländerbehörde", lemma=True)
        assert [(h.document, h.start) for h in expected.hits] == [
            (h.document, h.start) for h in screen.result.hits]
        # the hits table has the focus: Enter on the B-01 hit opens it with the word selected
        screen.query_one("#hits", DataTable).move_cursor(row=4)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.view is not None and app.view.document.name == "B-01")
        await settle(pilot, app)
        browser = app.query_one(DocumentBrowser)
        assert app.view.text[slice(*browser.selection_offsets())] == "Ausländerbehörden"


async def test_lemma_off_phrases_and_or(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await search_for(pilot, app, "Ausländerbehörde")
        await pilot.press("ctrl+l")  # lemma off: only the exact word
        await wait_for(pilot, lambda: screen.result is not None and not screen.result.lemma,
                       timeout=NLP_TIMEOUT)
        assert [h.text for h in screen.result.hits] == ["Ausländerbehörde"] * 3
        await pilot.press("slash")
        screen.query_one(Input).value = ""
        query = '"per Video" OR WhatsApp'
        await pilot.press(*query, "enter")
        await wait_for(pilot, lambda: screen.result.query == query, timeout=NLP_TIMEOUT)
        assert [(h.document, h.line, h.text) for h in screen.result.hits] == [
            ("A-01", 11, "per Video"), ("A-02", 11, "per Video"), ("A-02", 11, "WhatsApp"),
            ("A-02", 11, "per Video")]
        # AND within a speaker turn (the default), then within a whole document (w, w)
        await pilot.press("slash")
        screen.query_one(Input).value = ""
        query = "Ausländerbehörde AND WhatsApp"
        await pilot.press(*query, "enter")
        await wait_for(pilot, lambda: screen.result.query == query, timeout=NLP_TIMEOUT)
        assert screen.result.hits == []
        screen.query_one("#hits", DataTable).focus()
        await pilot.press("w", "w")
        await wait_for(pilot, lambda: screen.result.within == "document", timeout=NLP_TIMEOUT)
        assert [(h.document, h.line, h.text) for h in screen.result.hits] == [
            ("A-02", 7, "Ausländerbehörde"), ("A-02", 11, "WhatsApp")]


async def test_autocode_after_a_preview_and_undo_it_in_one_step(coded_project):
    before = anna_abh(coded_project)
    app = QualcodeApp(coded_project, "anna")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await search_for(pilot, app, "Ausländerbehörde")
        await pilot.press("a", *"ABH", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AutocodePreviewScreen))
        preview = app.screen
        await wait_for(pilot, lambda: preview.plan is not None, timeout=NLP_TIMEOUT)
        await pilot.press("s")  # code the sentences
        await wait_for(pilot, lambda: preview.plan is not None
                       and preview.plan.scope == "sentence", timeout=NLP_TIMEOUT)
        # anna coded three of the five sentences with ABH-Kooperation already (1, 5; 10 is
        # not the whole sentence): 3 new, 2 skipped
        summary = str(preview.query_one("#summary").render())
        assert "5 segment(s) of their sentences: 3 will be created, 2 skipped" in summary
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen)
        await settle(pilot, app)
        await settle(pilot, app)
        after = anna_abh(coded_project)
        assert len(after) == len(before) + 3
        assert "Wie läuft die Zusammenarbeit mit der Ausländerbehörde?" in after
        assert "Die Ausländerbehörden im Kreis sind aber unterschiedlich offen." in after
        await pilot.press("ctrl+z")  # one undo removes all three
        await settle(pilot, app)
        await settle(pilot, app)
        assert anna_abh(coded_project) == before


async def test_speaker_filter_and_hits_inside_coded_segments_are_skipped(coded_project):
    before = anna_abh(coded_project)
    app = QualcodeApp(coded_project, "anna")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await search_for(pilot, app, "Ausländerbehörde")
        await pilot.press("p")  # all speakers -> B (the labels in order: B, I)
        await wait_for(pilot, lambda: screen.speaker == "B" and not screen.searching
                       and len(screen.result.hits) == 4, timeout=NLP_TIMEOUT)
        # The interviewer's question in A-01 (line 5) is left out.
        assert [(document, line) for document, line, _ in shown(screen)] == [
            ("A-01", "7"), ("A-01", "7"), ("A-02", "7"), ("B-01", "7")]
        await pilot.press("a", *"ABH", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AutocodePreviewScreen))
        preview = app.screen
        await wait_for(pilot, lambda: preview.plan is not None, timeout=NLP_TIMEOUT)
        # anna's ABH segments 1, 5 and 10 hold three of the four hits.
        assert "speaker B" in str(preview.query_one("#title").render())
        summary = str(preview.query_one("#summary").render())
        assert ("4 segment(s) of the words found: 1 will be created, 3 skipped (already "
                "coded with ABH-Kooperation by anna)") in summary
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen)
        await settle(pilot, app)
        await settle(pilot, app)
        assert len(anna_abh(coded_project)) == len(before) + 1
        assert "Ausländerbehörden" in anna_abh(coded_project)
        await pilot.press("p")  # B -> I -> all speakers
        await wait_for(pilot, lambda: screen.speaker == "I" and not screen.searching,
                       timeout=NLP_TIMEOUT)
        assert [(h.document, h.line) for h in screen.result.hits] == [("A-01", 5)]


async def test_export_the_hits(coded_project, tmp_path):
    target = tmp_path / "hits.csv"
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await search_for(pilot, app, "Ausländerbehörde")
        await pilot.press("e")
        await wait_for(pilot, lambda: app.screen.query(Input))
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, target.exists)
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(r["document"], r["line"], r["text"]) for r in rows] == [
        ("A-01", "5", "Ausländerbehörde"), ("A-01", "7", "Ausländerbehörde"),
        ("A-01", "7", "Ausländerbehörden"), ("A-02", "7", "Ausländerbehörde"),
        ("B-01", "7", "Ausländerbehörden")]


async def test_header_lines_toggle_with_ctrl_t(coded_project):
    app = QualcodeApp(coded_project, "lena")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await search_for(pilot, app, "Telefon")
        # "Modus: Telefon" heads A-01 and B-02: header lines are left out by default.
        assert [(h.document, h.line) for h in screen.result.hits] == [("A-01", 11),
                                                                      ("B-01", 11)]
        settings = screen.query_one("#settings").render()
        assert "headers out (^t)" in str(settings)
        shown_keys = {b.binding.key: b.binding.description
                      for b in app.active_bindings.values() if b.binding.show}
        assert shown_keys.get("ctrl+t") == "Headers"  # in the footer
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: screen.result is not None
                       and screen.result.include_headers, timeout=NLP_TIMEOUT)
        assert [(h.document, h.line) for h in screen.result.hits] == [
            ("A-01", 2), ("A-01", 11), ("B-01", 11), ("B-02", 2)]
        assert "headers in (^t)" in str(screen.query_one("#settings").render())
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: screen.result is not None
                       and not screen.result.include_headers, timeout=NLP_TIMEOUT)
        assert len(screen.result.hits) == 2

