"""The disagreement review in the workbench (issue 4, item 5), driven with the keyboard.

The project is written for these tests: two interviews coded by ``mara`` and ``tom``.

Werkstatt, line 3: both code "Wir arbeiten jetzt in zwei Schichten." with Arbeitszeit (agree);
  only tom codes "Die Maschinen laufen länger als früher." with Arbeitszeit;
Werkstatt, line 7: Kommunikation/Digital, mara "Vieles läuft über eine Chatgruppe. Die
  Meisterin schickt morgens den Plan." (74 characters), tom only its first sentence (34): they
  share 34 of 74 characters, 46 % < 90 %, so both segments disagree;
Kantine, line 3: both code "Das gemeinsame Mittagessen fehlt mir." with Gemeinschaft (agree).

Segment level by hand (threshold 90 %, union): Arbeitszeit 1 | 2 segments, 2 agreements
(mara's and tom's first), 1 disagreement, 66.7 %; Kommunikation/Digital 1 | 1, 0 and 2, 0 %;
Gemeinschaft 1 | 1, 2 and 0, 100 %. Overall 3 | 4, 4 agreements, 3 disagreements, 4/7 =
57.1 %; Brennan & Prediger's kappa with k = 3 codes = (4/7 - 1/3) / (1 - 1/3) = 5/14 = 0.357.
Disagreements in document order: 1. only tom (Arbeitszeit, line 3), 2. boundaries
(Kommunikation/Digital, line 7).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from textual.command import CommandPalette
from tui_support import settle, wait_for

from qualcode.analysis.agreement.compute import compute_agreement
from qualcode.analysis.agreement.result import AgreementResult, Row
from qualcode.domain.disagreements import Disagreement
from qualcode.domain.lines import LineIndex
from qualcode.domain.models import NewDocument
from qualcode.domain.text import normalize_text
from qualcode.domain.transcript import parse_transcript
from qualcode.store import coders, codes, documents, segments
from qualcode.store.project import Project
from qualcode.tui.agreement_jobs import ELLIPSIS, excerpt
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.agreement import AgreementScreen
from qualcode.tui.screens.agreement_setup import AgreementSetupScreen
from qualcode.tui.screens.help import HelpScreen
from qualcode.tui.widgets.agreement_tables import (
    OVERALL,
    AgreementTable,
    DisagreementList,
    statistics_legend,
)
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.context_pane import ContextPane

WERKSTATT = """I: Wie hat sich die Arbeit in der Werkstatt verändert? #00:00:03-0#

B: Wir arbeiten jetzt in zwei Schichten. Die Maschinen laufen länger als früher. Das ist anstrengend für alle. #00:00:19-0#

I: Und wie reden Sie miteinander? #00:00:22-0#

B: Vieles läuft über eine Chatgruppe. Die Meisterin schickt morgens den Plan. Manche lesen ihn erst mittags. #00:00:41-0#
"""

KANTINE = """I: Was fehlt Ihnen am meisten? #00:00:02-0#

B: Das gemeinsame Mittagessen fehlt mir. Früher saßen wir alle an einem Tisch. #00:00:15-0#
"""

MARA_CHAT = "Vieles läuft über eine Chatgruppe. Die Meisterin schickt morgens den Plan."
CODINGS = [  # (coder, document, code, passage)
    ("mara", "Werkstatt", "Arbeitszeit", "Wir arbeiten jetzt in zwei Schichten."),
    ("tom", "Werkstatt", "Arbeitszeit", "Wir arbeiten jetzt in zwei Schichten."),
    ("tom", "Werkstatt", "Arbeitszeit", "Die Maschinen laufen länger als früher."),
    ("mara", "Werkstatt", "Kommunikation/Digital", MARA_CHAT),
    ("tom", "Werkstatt", "Kommunikation/Digital", "Vieles läuft über eine Chatgruppe."),
    ("mara", "Kantine", "Gemeinschaft", "Das gemeinsame Mittagessen fehlt mir."),
    ("tom", "Kantine", "Gemeinschaft", "Das gemeinsame Mittagessen fehlt mir."),
]


@pytest.fixture
def team_project(tmp_path: Path) -> Path:
    """Two interviews, three codes, coded by mara and tom (see the module docstring)."""
    path = tmp_path / "werkstatt.qualcode"
    with Project.create(path) as project:
        for name, text in (("Werkstatt", WERKSTATT), ("Kantine", KANTINE)):
            text = normalize_text(text)
            documents.add_document(project, NewDocument(
                name, text, f"{name}.txt", "txt", "UTF-8", parse_transcript(text)), group="Team")
        for code, color in (("Arbeitszeit", "#2874A6"), ("Kommunikation/Digital", "#8E44AD"),
                            ("Gemeinschaft", "#E67E22")):
            codes.add_code(project, code, color=color)
        for coder, name, code, passage in CODINGS:
            document = documents.resolve_document(project, name)
            start = documents.document_text(project, document.id).index(passage)
            segments.add_segment(project, document, codes.get_code(project, code),
                                 coders.ensure_coder(project, coder), start,
                                 start + len(passage))
    return path


def consensus_segments(path: Path) -> list[tuple[str, str]]:
    with Project.open(path) as project:
        found = segments.query_segments(project, segments.SegmentFilter(coder="Konsens"))
    return [(s.code, s.text) for s in found]


def cells(table, key: str) -> list[str]:
    return [getattr(cell, "plain", cell) for cell in table.get_row(key)]


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).content)


async def open_review(pilot, app) -> AgreementScreen:
    """ctrl+g, accept the defaults with Enter, wait for the numbers."""
    await wait_for(pilot, lambda: app.state is not None)
    await pilot.press("ctrl+g")
    await wait_for(pilot, lambda: isinstance(app.screen, AgreementSetupScreen))
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, AgreementScreen)
                   and app.screen.review is not None, timeout=30)
    return app.screen


async def test_review_numbers_resolve_take_a_undo_and_export(team_project, tmp_path):
    app = QualcodeApp(team_project, "lena")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementSetupScreen))
        setup = app.screen.chosen()  # defaults: the two coders with most segments, CLI's
        assert (setup.coder_a, setup.coder_b, setup.level, setup.threshold, setup.overlap,
                setup.consensus) == ("mara", "tom", "segment", 90.0, "union", "Konsens")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementScreen)
                       and app.screen.review is not None, timeout=30)
        screen = app.screen
        table = screen.query_one(AgreementTable)

        # the per-code numbers, by hand (module docstring) ...
        assert cells(table, "Arbeitszeit") == ["Arbeitszeit", "1", "2", "2", "1", "66.7", "",
                                               "0/1"]
        assert cells(table, "Kommunikation/Digital")[1:] == ["1", "1", "0", "2", "0.0", "",
                                                             "0/1"]
        assert cells(table, "Gemeinschaft")[1:] == ["1", "1", "2", "0", "100.0", "", "–"]
        assert cells(table, OVERALL) == ["Overall", "3", "4", "4", "3", "57.1", "0.357", "0/2"]
        assert table.border_subtitle == "κ (Brennan & Prediger), k = 3 (overall)"
        # ... and exactly what compute_agreement returns
        with Project.open(team_project) as project:
            result = compute_agreement(project, ["mara", "tom"])
        for row in [*result.codes, result.overall]:
            shown = cells(table, row.code or OVERALL)
            assert shown[1:6] == [str(row.counts["mara"]), str(row.counts["tom"]),
                                  str(row.agreements), str(row.disagreements),
                                  f"{row.agreement * 100:.1f}"]
        assert cells(table, OVERALL)[6] == f"{result.overall.statistics['brennan_prediger_kappa']:.3f}"
        assert text_of(screen, "#progress") == "0 of 2 resolved"

        # the first disagreement: only tom coded "Die Maschinen ..."
        assert text_of(screen, "#current") == "1/2 · Werkstatt · Arbeitszeit · only tom · open"
        assert screen.query_one("#pane-a", ContextPane).border_title == "A: mara · not coded"
        # n: the boundaries disagreement, both segments in context with line numbers
        await pilot.press("n")
        assert text_of(screen, "#current") == (
            "2/2 · Werkstatt · Kommunikation/Digital · boundaries 46 % · open")
        pane_a = screen.query_one("#pane-a", ContextPane)
        pane_b = screen.query_one("#pane-b", ContextPane)
        assert pane_a.border_title == "A: mara · Z. 7"
        assert pane_b.border_title == "B: tom · Z. 7"
        assert pane_a.line_number_start == 3  # line 7 and four lines of context before it
        start, end = pane_a.excerpt.span_a
        assert pane_a.text[start:end] == MARA_CHAT
        start, end = pane_b.excerpt.span_b
        assert pane_b.text[start:end] == "Vieles läuft über eine Chatgruppe."

        # a: take mara's version into the consensus coder
        await pilot.press("a")
        await wait_for(pilot, lambda: cells(table, OVERALL)[-1] == "1/2")
        assert consensus_segments(team_project) == [("Kommunikation/Digital", MARA_CHAT)]
        assert cells(table, "Kommunikation/Digital")[-1] == "1/1"
        assert text_of(screen, "#progress") == "1 of 2 resolved"
        listing = screen.query_one(DisagreementList)
        assert cells(listing, screen.items[1].key)[-1] == "mara"
        # the review moved on to the open one
        assert text_of(screen, "#current").startswith("1/2 ·")

        # e: export the list for the team meeting, read it back
        target = tmp_path / "besprechung.csv"
        await pilot.press("e", "ctrl+u", *str(target), "enter")
        await wait_for(pilot, target.exists)
        with target.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        assert [(r["document"], r["code"], r["kind"], r["lines_a"], r["lines_b"],
                 r["resolution"]) for r in rows] == [
            ("Werkstatt", "Arbeitszeit", "only_b", "", "3", ""),
            ("Werkstatt", "Kommunikation/Digital", "boundaries", "7", "7", "a")]
        assert rows[1]["text_a"] == MARA_CHAT

        # ctrl+z takes the resolution back; the review returns to it
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: cells(table, OVERALL)[-1] == "0/2")
        assert consensus_segments(team_project) == []
        assert cells(table, "Kommunikation/Digital")[-1] == "0/1"
        assert text_of(screen, "#progress") == "0 of 2 resolved"
        assert text_of(screen, "#current").startswith("2/2 · Werkstatt · Kommunikation/Digital")

        # Escape: back to the workbench, which shows the project as it is
        await pilot.press("escape")
        assert not isinstance(app.screen, AgreementScreen)
        await settle(pilot, app)


async def test_list_neither_and_undo_only_takes_back_resolutions(team_project):
    app = QualcodeApp(team_project, "lena")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot, app)
        # a on a passage only tom coded: nothing to take, nothing written
        await pilot.press("a")
        await settle(pilot, app)
        assert text_of(screen, "#progress") == "0 of 2 resolved"
        # ctrl+z with no resolution made: the last change (tom's coding) stays
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        with Project.open(team_project) as project:
            assert len(segments.query_segments(project, segments.SegmentFilter())) == 7
        # l shows the list at 80 columns; ↓ and Enter pick a disagreement
        await pilot.press("l")
        listing = screen.query_one(DisagreementList)
        assert listing.display and listing.has_focus
        await pilot.press("down", "enter")
        assert text_of(screen, "#current").startswith("2/2 ·")
        assert screen.query_one(AgreementTable).display  # back to the table
        # x: neither version; the consensus coder gets nothing, the choice is recorded
        await pilot.press("x")
        await wait_for(pilot, lambda: text_of(screen, "#progress") == "1 of 2 resolved")
        assert consensus_segments(team_project) == []
        await wait_for(pilot, lambda: screen.items[1].resolution == "neither")
        # o on the only-tom passage: both = tom's segment
        await pilot.press("o")
        await wait_for(pilot, lambda: text_of(screen, "#progress") == "2 of 2 resolved")
        assert consensus_segments(team_project) == [
            ("Arbeitszeit", "Die Maschinen laufen länger als früher.")]
        # g: to the passage in the Document Browser
        await pilot.press("g")
        await wait_for(pilot, lambda: app.view is not None)
        browser = app.query_one(DocumentBrowser)
        assert app.view.document.name == "Werkstatt"
        assert app.view.text[slice(*browser.selection_offsets())] == (
            "Die Maschinen laufen länger als früher.")


async def test_keys_help_and_palette_offer_every_action(team_project):
    app = QualcodeApp(team_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Intercoder agreement…" in titles
        screen = await open_review(pilot, app)
        for binding in AgreementScreen.BINDINGS:
            assert binding.id.startswith("agreement.") and binding.description
            assert binding.show  # a footer hint for every action
        actions = " ".join(title for title, _, _ in screen.commands())
        for expected in ("Next disagreement", "Previous disagreement", "Take coder A's",
                         "Take coder B's", "Take both", "Take neither", "Undo", "Export",
                         "settings", "list"):
            assert expected in actions, expected
        # ctrl+p offers the review's actions; they work like their keys
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        run = {title: callback for title, callback, _ in screen.commands()}
        run["Next disagreement"]()
        assert text_of(screen, "#current").startswith("2/2 ·")
        run["Take coder A's version"]()
        await wait_for(pilot, lambda: text_of(screen, "#progress") == "1 of 2 resolved")
        assert consensus_segments(team_project) == [("Kommunikation/Digital", MARA_CHAT)]
        # the workbench's own keys are off here (and out of the footer)
        assert app.check_action("search_project", ()) is False
        assert app.check_action("help", ()) is True
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query_one("#keys")
        rows = [keys.get_row_at(i) for i in range(keys.row_count)]
        agreement = {row[2] for row in rows if row[0] == "Intercoder agreement"}
        assert {"Open the agreement review (workbench)", "Next", "Prev", "Take A", "Take B",
                "Both", "Neither", "Undo", "Export", "List", "Close", "Compare"} <= agreement


def test_review_screen_at_80x24(snap_compare, team_project):
    """The screen a lead sees: the per-code table and the boundaries disagreement."""
    app = QualcodeApp(team_project, "lena")

    async def run_before(pilot) -> None:
        await open_review(pilot, app)
        await pilot.press("n")
        await settle(pilot, app)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_excerpt_cuts_long_turns_and_keeps_line_numbers():
    text = ("I: Frage? #00:00:01-0#\n\nB: " + "sehr " * 200 + "Kern der Sache. "
            + "danach " * 200 + "\n\nI: Nächste Frage?")
    start = text.index("Kern der Sache.")

    class Side:  # the two attributes of a Segment that excerpt() reads
        def __init__(self, start: int, end: int) -> None:
            self.start, self.end = start, end

    item = Disagreement(1, "Lang", 1, "Code", "mara", "tom", Side(start, start + 15), None, 0.0)
    cut = excerpt(text, LineIndex(text), item)
    assert cut.first_line == 3  # the long turn is line 3; lines 1-2 are more than 600 away
    assert cut.text.startswith(ELLIPSIS) and cut.text.endswith(ELLIPSIS)
    assert cut.text[slice(*cut.span_a)] == "Kern der Sache."
    assert cut.span_b is None
    assert len(cut.text) <= 2 * 600 + 15 + 2


def painted(table) -> list[str]:
    """The table's lines as the terminal shows them (the header line first)."""
    return [table.render_line(y).text for y in range(table.size.height)]


async def test_undo_keeps_the_table_widths(team_project):
    """b, then ctrl+z: the table is recomputed twice and must keep its whole code names and
    percentages, even when the terminal draws it before the table measured its new rows."""
    app = QualcodeApp(team_project, "lena")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot, app)
        table = screen.query_one(AgreementTable)
        assert painted(table)[2].split() == ["Kommunikation/Digital", "1", "1", "0", "2",
                                             "0.0", "0/1"]
        show = table.show

        def show_and_draw(*args) -> None:  # a frame drawn at once, before the table's idle
            show(*args)
            painted(table)

        table.show = show_and_draw
        await pilot.press("b")  # the first disagreement: only tom coded it
        await wait_for(pilot, lambda: cells(table, OVERALL)[-1] == "1/2")
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: cells(table, OVERALL)[-1] == "0/2")
        await settle(pilot, app)
        lines = painted(table)
        assert lines[0].split() == ["Code", "mara", "tom", "agree", "disagree", "%", "B&P",
                                    "κ", "resolved"]
        assert lines[1].split() == ["Arbeitszeit", "1", "2", "2", "1", "66.7", "0/1"]
        assert lines[2].split() == ["Kommunikation/Digital", "1", "1", "0", "2", "0.0", "0/1"]


MORE_ONLY_TOM = [  # (document, passage): tom alone codes them with Gemeinschaft
    ("Werkstatt", "Wie hat sich die Arbeit in der Werkstatt verändert?"),
    ("Werkstatt", "Das ist anstrengend für alle."),
    ("Werkstatt", "Und wie reden Sie miteinander?"),
    ("Werkstatt", "Manche lesen ihn erst mittags."),
    ("Kantine", "Was fehlt Ihnen am meisten?"),
    ("Kantine", "Früher saßen wir alle an einem Tisch."),
]


@pytest.fixture
def crowded_project(team_project: Path) -> Path:
    """The team project with 8 disagreements: more than the list shows at 80 × 24."""
    with Project.open(team_project) as project:
        tom = coders.ensure_coder(project, "tom")
        code = codes.get_code(project, "Gemeinschaft")
        for name, passage in MORE_ONLY_TOM:
            document = documents.resolve_document(project, name)
            start = documents.document_text(project, document.id).index(passage)
            segments.add_segment(project, document, code, tom, start, start + len(passage))
    return team_project


def first_numbers(lines: list[str]) -> list[str]:
    """The # column of a painted list (the header line left out)."""
    return [line.split()[0] for line in lines[1:] if line.split()]


async def test_the_list_shows_the_current_disagreement(crowded_project):
    """n and p move through the disagreements while the list is hidden (80 columns); l then
    shows the list from row 1 with the current one in view, and ↑ reaches row 1."""
    app = QualcodeApp(crowded_project, "lena")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot, app)
        assert text_of(screen, "#progress") == "0 of 8 resolved"
        await pilot.press(*"nnnppp")
        assert text_of(screen, "#current").startswith("1/8 ·")
        await pilot.press("l")
        await pilot.pause()
        listing = screen.query_one(DisagreementList)
        assert listing.display and listing.cursor_row == 0
        assert first_numbers(painted(listing))[0] == "1"
        # back to the table, on to the 7th, and the list again: row 7 is in view
        await pilot.press("l", *"nnnnnn", "l")
        await pilot.pause()
        assert text_of(screen, "#current").startswith("7/8 ·")
        assert "7" in first_numbers(painted(listing))
        # ↑ from the top of the list: row 1 is shown
        await pilot.press(*["up"] * 7)
        assert text_of(screen, "#current").startswith("1/8 ·")
        assert first_numbers(painted(listing))[0] == "1"


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_footer_ends_with_the_palette_key(team_project, size):
    """The last column of the footer belongs to "^p palette", not to a key behind it."""
    app = QualcodeApp(team_project, "lena")
    async with app.run_test(size=size) as pilot:
        screen = await open_review(pilot, app)
        width, height = size
        palette = screen.query_one("FooterKey.-command-palette")
        widget, _ = screen.get_widget_at(width - 1, height - 1)
        assert widget is palette
        assert palette.region.right == width
        assert palette.render_line(0).text.rstrip().endswith("palette")


async def test_legend_says_why_kappa_is_overall_only(team_project):
    """Segment level: Brennan & Prediger's κ exists only overall (k codes); the line under the
    table says so instead of leaving the per-code column unexplained."""
    app = QualcodeApp(team_project, "lena")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot, app)
        legend = screen.query_one("#legend")
        assert str(legend.content) == (
            "B&P κ is overall only: one code alone has k = 1, and 1 − 1/k = 0")
        assert legend.display and legend.region.height == 1
        table = screen.query_one(AgreementTable)
        assert legend.region.y == table.region.bottom  # right under the table
        assert cells(table, "Arbeitszeit")[6] == "" and cells(table, OVERALL)[6] == "0.357"
        await pilot.press("l")  # the list in place of the table: its footnote goes too
        assert not legend.display


def test_legend_for_undefined_and_all_code_statistics():
    """Document level with both coders coding "Telefon" in every document: κ and α are
    undefined (chance agreement 1), shown as – with the reason; without such cells and
    without overall-only statistics there is no legend; unitized |uα and cuα are over all
    codes."""
    nan = float("nan")
    counts = {"anna": 2, "ben": 2}
    telefon = Row("Telefon", counts, 2, 0, {"cohen_kappa": nan, "krippendorff_alpha": nan})
    amt = Row("Amt", counts, 1, 1, {"cohen_kappa": 0.0, "krippendorff_alpha": 0.0})
    overall = Row(None, counts, 3, 1, {"cohen_kappa": 0.5, "krippendorff_alpha": 0.5})
    result = AgreementResult("document", ("anna", "ben"), "units", {}, ["A", "B"],
                             [telefon, amt], overall)
    assert statistics_legend(result) == (
        "–: undefined, the coders gave every unit the same value (chance agreement 1)")
    defined = AgreementResult("document", ("anna", "ben"), "units", {}, ["A", "B"], [amt],
                              overall)
    assert statistics_legend(defined) == ""
    unitized = AgreementResult(
        "unitized", ("anna", "ben"), "units", {}, ["A"],
        [Row("Amt", counts, 0, 0, {"unitized_alpha": 0.4})],
        Row(None, counts, 0, 0, {"unitized_alpha": 0.4, "unitized_alpha_binary": 0.6,
                                 "unitized_alpha_cu": 0.5}))
    assert statistics_legend(unitized) == "|uα, cuα: over all codes, overall only"


def test_readme_names_both_keys_of_the_compare_dialog():
    """The dialog compares with ctrl+s (its button says so) and with Enter (the button has
    the focus): the README's workbench section names both."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Reviewing disagreements in the workbench")[1].split("\n## ")[0]
    dialog = section.split("| Key | Action |")[0]
    assert "`Enter`" in dialog and "`ctrl+s` compares" in dialog
    keys = {binding.key: binding.action for binding in AgreementSetupScreen.BINDINGS}
    assert keys["ctrl+s"] == "compare"


async def test_undo_in_the_review_takes_back_ones_own_resolution_after_others_coded(
        team_project):
    """ctrl+z in the review undoes the reviewer's last resolution even when another coder
    has coded since (undo belongs to the person), and leaves that coding alone."""
    app = QualcodeApp(team_project, "lena")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot, app)
        await pilot.press("o")  # the only-tom passage: both = tom's segment
        await wait_for(pilot, lambda: text_of(screen, "#progress") == "1 of 2 resolved")
        assert len(consensus_segments(team_project)) == 1
        with Project.open(team_project) as project:  # tom, in his own workbench
            document = documents.resolve_document(project, "Werkstatt")
            start = documents.document_text(project, document.id).index("Das ist anstrengend")
            segments.add_segment(project, document, codes.get_code(project, "Arbeitszeit"),
                                 coders.ensure_coder(project, "tom"), start, start + 19)
        await pilot.press("ctrl+z")
        # recomputed: nothing resolved, and tom's new coding is a third disagreement
        await wait_for(pilot, lambda: text_of(screen, "#progress") == "0 of 3 resolved")
        assert "Undone: resolution of -:3" in [n.message for n in app._notifications]
        assert consensus_segments(team_project) == []
        with Project.open(team_project) as project:
            toms = segments.query_segments(project, segments.SegmentFilter(coder="tom"))
        assert "Das ist anstrengend" in [s.text for s in toms]
