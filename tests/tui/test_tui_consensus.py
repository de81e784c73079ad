"""A complete consensus in the workbench (issue 11, items 2-4): adopt every agreed passage
(`c`, as `qualcode resolve --agreed`), resolve the disagreements by keys, keep the review's
place across a jump to a passage, compare a coder against the consensus, and export whose
segments the dialog says.

The project is tests/agreement_project.py's: anna and ben coded two interviews. At 90 %
(union) they agree on two passages (Kooperation/Amt in Interview-A, Ressourcen in
Interview-B) and disagree three times, in document order: 1. Digitale Beratung in
Interview-A (boundaries, 41 of 79 characters), 2. Ressourcen in Interview-A (only ben),
3. Digitale Beratung in Interview-B (boundaries, 12 of 54).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from agreement_project import DIGITAL, two_coder_project
from click.testing import CliRunner
from textual.widgets import Checkbox, Input, Select
from tui_support import settle, wait_for

from qualcode.cli import main
from qualcode.store import coders as coder_store
from qualcode.store import documents, segments
from qualcode.store.codes import get_code
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.agreement import AgreementScreen
from qualcode.tui.screens.agreement_setup import AgreementSetupScreen
from qualcode.tui.screens.export_dialog import ExportScreen
from qualcode.tui.widgets.browser import DocumentBrowser


def qc(*args) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def twins(tmp_path: Path) -> tuple[Path, Path]:
    """The same two-coder project twice: one for the CLI path, one for the workbench's."""
    paths = []
    for name in ("cli", "tui"):
        folder = tmp_path / name
        folder.mkdir()
        two_coder_project(folder / "study.qualcode").close()
        paths.append(folder / "study.qualcode")
    return paths[0], paths[1]


def consensus_spans(path: Path, coder: str = "Konsens") -> list[tuple]:
    with Project.open(path) as project:
        found = segments.query_segments(project, segments.SegmentFilter(coder=coder))
    return sorted((s.document, s.code, s.start, s.end, s.comment, s.weight) for s in found)


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).content)


async def open_review(pilot, app, adopt: bool = False) -> AgreementScreen:
    """ctrl+g, the defaults (anna and ben, 90 %, union, Konsens), optionally ticking "Start
    the consensus with every agreed passage", then Enter."""
    await wait_for(pilot, lambda: app.state is not None)
    await pilot.press("ctrl+g")
    await wait_for(pilot, lambda: isinstance(app.screen, AgreementSetupScreen))
    if adopt:
        app.screen.query_one("#adopt", Checkbox).value = True
    app.screen.action_compare()
    await wait_for(pilot, lambda: isinstance(app.screen, AgreementScreen)
                   and app.screen.review is not None, timeout=30)
    return app.screen


async def export_from_dialog(pilot, app, action, path: Path) -> tuple[str, str]:
    """Open an export dialog, keep its defaults but the file, export, wait for the file;
    returns the coder chosen by default and what the dialog said about whose segments."""
    action()
    await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
    dialog = app.screen
    shown = (dialog.query_one("#coder", Select).value,
             str(dialog.query_one("#whose").content))
    dialog.query_one("#path", Input).value = str(path)
    await pilot.press("ctrl+s")
    await wait_for(pilot, path.exists, timeout=30)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return shown


async def test_workbench_consensus_equals_the_cli_consensus_and_exports(twins, tmp_path):
    cli, tui = twins
    # The CLI path: adopt the agreed passages, then one resolution per disagreement.
    keys = [d["id"] for d in json.loads(qc("disagreements", cli, "--coders", "anna,ben",
                                           "--format", "json"))]
    assert len(keys) == 3
    qc("resolve", cli, "--agreed", "--coders", "anna,ben")
    for key, take in zip(keys, ("a", "b", "both")):
        qc("resolve", cli, key, "--take", take)

    # The workbench path: c adopts, then a, b, o on the disagreements in turn.
    app = QualcodeApp(tui, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_review(pilot, app)
        assert screen.sub_title == "Konsens: 0 of 2 agreed · 0 resolved · 3 open"
        await pilot.press("c")
        await wait_for(pilot, lambda: screen.sub_title.startswith("Konsens: 2 agreed"))
        assert screen.sub_title == "Konsens: 2 agreed · 0 resolved · 3 open"
        assert text_of(screen, "#current").startswith("1/3 · Interview-A · Digitale Beratung")
        for key, done in (("a", 1), ("b", 2), ("o", 3)):
            await pilot.press(key)
            await wait_for(pilot, lambda: screen.review.resolved == done
                           and screen.review.items[done - 1].resolution is not None)
        assert screen.sub_title == "Konsens: 2 agreed · 3 resolved · 0 open"
        assert consensus_spans(tui) == consensus_spans(cli)
        assert len(consensus_spans(tui)) == 2 + 1 + 1 + 2

        # Exports from the workbench's dialogs: the consensus coder by default.
        await pilot.press("escape")
        await settle(pilot, app)
        assert await export_from_dialog(pilot, app, app.action_export_quotes,
                                        tmp_path / "zitate.md") == (
            "Konsens", "Uses Konsens's segments (the consensus coder).")
        coder, _ = await export_from_dialog(pilot, app, app.action_export_frequencies,
                                            tmp_path / "haeufigkeiten.csv")
        assert coder == "Konsens"
        notes = [n.message for n in app._notifications]
        assert any(n.startswith("Wrote") and n.endswith("— Konsens's segments (the consensus "
                                                          "coder)")
                   for n in notes), notes

    qc("export", "quotes", cli, "--coder", "Konsens", "-o", tmp_path / "cli-zitate.md")
    qc("export", "frequencies", cli, "--coder", "Konsens", "-o", tmp_path / "cli.csv")
    assert (tmp_path / "zitate.md").read_bytes() == (tmp_path / "cli-zitate.md").read_bytes()
    assert (tmp_path / "haeufigkeiten.csv").read_bytes() == (tmp_path / "cli.csv").read_bytes()
    assert "Persönliche Termine" in (tmp_path / "zitate.md").read_text(encoding="utf-8")


async def test_adoption_offered_when_the_consensus_is_created_and_undone(twins):
    _, tui = twins
    app = QualcodeApp(tui, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementSetupScreen))
        setup = app.screen
        offer = setup.query_one("#adopt", Checkbox)
        assert offer.display and not offer.value  # Konsens does not exist yet: offered
        setup.query_one("#adopt", Checkbox).value = True
        setup.action_compare()
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementScreen)
                       and app.screen.sub_title.startswith("Konsens: 2 agreed"), timeout=30)
        screen = app.screen
        assert len(consensus_spans(tui)) == 2
        # ctrl+z in the review takes the adoption back (it is the review's own change)
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: screen.sub_title.startswith("Konsens: 0 of 2 agreed"))
        assert consensus_spans(tui) == []
        assert "Undone: adoption of the agreed passages" in [
            n.message for n in app._notifications]
        await pilot.press("x")  # a resolution creates Konsens; the offer is then not shown
        await wait_for(pilot, lambda: screen.review.resolved == 1)
        await pilot.press("escape", "ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementSetupScreen))
        await pilot.pause()
        assert not app.screen.query_one("#adopt", Checkbox).display


async def test_the_review_keeps_its_place_and_shows_both_coders_whatever_the_filter(twins):
    _, tui = twins
    app = QualcodeApp(tui, "anna")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("f9")  # only anna's segments in the workbench
        assert app.coder_filter == "anna"
        screen = await open_review(pilot, app)
        await pilot.press("x")  # the first disagreement resolved: the review moves on
        await wait_for(pilot, lambda: screen.review.resolved == 1)
        await pilot.press("n")  # on to the third
        assert text_of(screen, "#current").startswith("3/3 · Interview-B · Digitale Beratung")

        # g: the passage in the browser, with ben's segment too despite the filter
        await pilot.press("g")
        await wait_for(pilot, lambda: app.view is not None and app.screen is not screen)
        await settle(pilot, app)
        browser = app.query_one(DocumentBrowser)
        assert app.view.document.name == "Interview-B"
        assert app.view.text[slice(*browser.selection_offsets())] == (
            "Die Technik. Viele hatten kein Guthaben auf dem Handy.")
        assert {s.coder for s in app.view.segments} == {"anna", "ben"}
        assert "only anna + ben (review)" in app.sub_title

        # ctrl+b: back at the same disagreement
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: app.screen is screen)
        await wait_for(pilot, lambda: text_of(screen, "#progress") == "1 of 3 resolved")
        assert text_of(screen, "#current").startswith("3/3 · Interview-B · Digitale Beratung")

        # Esc closes the review: the filter shows only anna again
        await pilot.press("escape")
        await settle(pilot, app)
        await wait_for(pilot, lambda: {s.coder for s in app.view.segments} == {"anna"})
        assert "(review)" not in app.sub_title
        # reopening resumes at the first open disagreement (the second)
        screen = await open_review(pilot, app)
        assert text_of(screen, "#current").startswith("2/3 · Interview-A · Ressourcen")


@pytest.fixture
def three_coders(twins) -> Path:
    """The workbench twin with a third coder, carla, who coded as anna did, and a consensus
    holding only the agreed passages of anna and ben."""
    _, tui = twins
    with Project.open(tui) as project:
        carla = coder_store.ensure_coder(project, "carla")
        for segment in segments.query_segments(project, segments.SegmentFilter(coder="anna")):
            document = documents.resolve_document(project, segment.document)
            segments.add_segment(project, document, get_code(project, segment.code), carla,
                                 segment.start, segment.end)
    qc("resolve", tui, "--agreed", "--coders", "anna,ben")
    return tui


async def test_three_coders_pairwise_and_each_against_the_consensus(three_coders):
    app = QualcodeApp(three_coders, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementSetupScreen))
        setup = app.screen
        assert "one against the consensus" in str(setup.query_one("#hint").content)
        assert not setup.query_one("#adopt", Checkbox).display  # Konsens exists
        # a pair: anna and carla coded alike, nothing to resolve
        setup.query_one("#coder_a", Select).value = "anna"
        setup.query_one("#coder_b", Select).value = "carla"
        await pilot.pause()
        setup.action_compare()
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementScreen)
                       and app.screen.review is not None, timeout=30)
        screen = app.screen
        assert text_of(screen, "#progress") == "0 of 0 resolved"
        # carla's versions of the two agreed passages of anna and ben are in the consensus
        assert screen.sub_title == "Konsens: 2 of 4 agreed · 0 resolved · 0 open"

        # s: carla against the consensus, which holds only anna's and ben's agreed passages
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, AgreementSetupScreen))
        app.screen.query_one("#coder_a", Select).value = "carla"
        app.screen.query_one("#coder_b", Select).value = "Konsens"
        await pilot.pause()
        app.screen.action_compare()
        await wait_for(pilot, lambda: app.screen is screen and screen.review is not None
                       and screen.review.settings.coder_b == "Konsens", timeout=30)
        assert screen.sub_title.startswith("carla against Konsens: read only")
        # carla's two other segments are disagreements with the consensus
        assert [item.kind for item in screen.items] == ["only_a"] * 2
        assert {item.code for item in screen.items} == {DIGITAL}
        await pilot.press("a")  # nothing is resolved into the consensus from here
        await pilot.press("c")
        await settle(pilot, app)
        assert len(consensus_spans(three_coders)) == 2
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert any("nothing to resolve" in w for w in warnings)


async def test_export_dialog_defaults_to_the_active_coder_without_consensus(twins, tmp_path):
    """No consensus coder: the active coder (anna) when they coded, with group and
    attribution as the CLI offers them; everyone's segments when chosen, said so."""
    _, tui = twins
    app = QualcodeApp(tui, "anna")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        app.action_export_quotes()
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        dialog = app.screen
        assert dialog.query_one("#coder", Select).value == "anna"
        assert str(dialog.query_one("#whose").content) == "Uses anna's segments."
        assert dialog.query_one("#attribution", Input).value == "name"
        assert dialog.query_one("#group", Select).value == ""  # all groups
        dialog.query_one("#coder", Select).value = ""  # all coders
        await pilot.pause()
        assert str(dialog.query_one("#whose").content).startswith("Uses every coder's")
        target = tmp_path / "alle.md"
        dialog.query_one("#path", Input).value = str(target)
        dialog.query_one("#attribution", Input).value = "none"
        await pilot.press("ctrl+s")
        await wait_for(pilot, target.exists, timeout=30)
    qc("export", "quotes", tui, "--attribution", "none", "-o", tmp_path / "cli.md")
    assert target.read_bytes() == (tmp_path / "cli.md").read_bytes()
    assert b"Interview-A" not in target.read_bytes()

    app = QualcodeApp(tui, "lena")  # lena coded nothing: everyone's segments
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        app.action_export_report()
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert app.screen.query_one("#coder", Select).value == ""
        assert app.screen.query_one("#rollup", Checkbox).value  # the CLI's default
        await pilot.press("escape")


LONG = "Arbeitsorganisation/Schichtsystem/Nachtschicht/Absprachen im Team"


@pytest.fixture
def long_code(twins) -> Path:
    """The workbench twin with a long CODEPATH that only ben applied (a disagreement)."""
    _, tui = twins
    with Project.open(tui) as project:
        from qualcode.store.codes import add_code

        add_code(project, LONG)
        document = documents.resolve_document(project, "Interview-A")
        segments.add_segment(project, document, get_code(project, LONG),
                             coder_store.ensure_coder(project, "ben"), 0, 10)
    return tui


@pytest.mark.parametrize("width", [80, 140])
async def test_code_paths_are_shortened_from_the_left_only_when_they_do_not_fit(long_code,
                                                                                width):
    from qualcode.tui.widgets.agreement_tables import AgreementTable, DisagreementList

    app = QualcodeApp(long_code, "lena")
    async with app.run_test(size=(width, 40)) as pilot:
        screen = await open_review(pilot, app)
        table, listing = screen.query_one(AgreementTable), screen.query_one(DisagreementList)
        await settle(pilot, app)
        code_cells = [str(table.get_row(key)[0]) for key in (LONG, DIGITAL)]
        listed = [str(listing.get_row(item.key)[2]) for item in screen.items
                  if item.code == LONG]
        current = text_of(screen, "#current")
        if width == 140:  # room enough: whole paths everywhere
            assert code_cells == [LONG, DIGITAL]
            assert listed == [LONG]
            assert LONG in current
        else:  # the end of the path, as much as the free width takes, and short ones whole
            assert code_cells[1] == DIGITAL
            for shown in (code_cells[0], listed[0]):
                assert shown.startswith("…") and LONG.endswith(shown[1:])
                assert len(shown) >= 12
            assert len(code_cells[0]) < len(LONG) and len(listed[0]) < len(LONG)
            painted = [table.render_line(y).text for y in range(table.size.height)]
            assert any(code_cells[0] in line for line in painted)  # drawn, not clipped
            assert "…" in current and current.endswith("· only ben · open")


def test_short_code_and_default_export_coder():
    """Paths are cut from the left only when longer than the room (never below 12 cells);
    the export dialog's coder: the consensus coder, else the active coder, else everyone."""
    from qualcode.tui.screens.export_dialog import default_coder, whose
    from qualcode.tui.widgets.agreement_tables import short_code

    assert short_code(LONG, len(LONG)) == LONG
    assert short_code(LONG, None) == LONG
    assert short_code(LONG, 20) == "…" + LONG[-19:]
    assert short_code(LONG, 3) == "…" + LONG[-11:]
    assert default_coder(["anna", "ben", "Konsens"], "Konsens", "anna") == "Konsens"
    assert default_coder(["anna", "ben"], "Konsens", "anna") == "anna"
    assert default_coder(["anna", "ben"], "Konsens", "lena") is None
    assert whose(None, "Konsens", note=False) == "every coder's segments"
    assert whose("Konsens", "Konsens") == "Konsens's segments (the consensus coder)"


async def test_keys_typed_ahead_resolve_one_disagreement_each(twins, monkeypatch):
    """A lead who reads ahead types b b b faster than the project is written: three
    disagreements are resolved, one each, in order (not the first one three times)."""
    import time

    from qualcode.tui.screens import agreement as agreement_screen

    written = agreement_screen.resolve_disagreement

    def slow_disk(*args, **kwargs):
        time.sleep(0.3)
        return written(*args, **kwargs)

    monkeypatch.setattr(agreement_screen, "resolve_disagreement", slow_disk)
    _, tui = twins
    app = QualcodeApp(tui, "lead")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot, app)
        await pilot.press("b", "b", "b")
        await settle(pilot, app)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [item.resolution for item in screen.items] == ["b", "b", "b"]
        await pilot.press("ctrl+q")
    with Project.open(tui) as project:
        rows = project.db.execute("SELECT choice FROM resolutions").fetchall()
    assert sorted(row[0] for row in rows) == ["b", "b", "b"]
    assert len(consensus_spans(tui)) == 3


async def test_the_disagreement_list_fits_after_the_terminal_shrinks(long_code):
    """At 140 columns the long path is whole; shrunk to 80×24 the code column gives its
    room back, so every column (through "Resolved") is on screen, not scrolled off."""
    from qualcode.tui.widgets.agreement_tables import DisagreementList

    app = QualcodeApp(long_code, "lena")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_review(pilot, app)
        listing = screen.query_one(DisagreementList)
        await pilot.resize_terminal(80, 24)
        await settle(pilot, app)
        if listing.scrollable_content_region.width == 0:
            await pilot.press("l")  # at 80×24 the list is a view of its own
        await settle(pilot, app)
        await pilot.pause(0.2)
        widths = [column.get_render_width(listing) for column in listing.columns.values()]
        assert sum(widths) <= listing.scrollable_content_region.width
        listed = [str(listing.get_row(item.key)[2]) for item in screen.items
                  if item.code == LONG]
        assert listed[0].startswith("…")
