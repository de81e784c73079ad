"""Document sets in the workbench wherever a group is: the export dialog (frequencies, quotes,
coded segments, report) offers "Document set", and the Code Matrix and the Crosstab are limited
to a set with ``s``; each gives what the CLI's ``--set NAME`` gives on the same project.

The set "Auswahl" holds A-02 (THM-Interviews) and B-01 (Reflexionsgespräche), across the two
groups of tests/analysis_project.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from analysis_project import run
from analysis_support import headers, numbers, open_analysis
from textual.widgets import Input, Label, Select
from tui_support import settle, wait_for

from qualcode.store.document_sets import create_set
from qualcode.store.documents import resolve_document
from qualcode.store.project import Project
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.crosstab import CrosstabScreen
from qualcode.tui.screens.export_dialog import ExportScreen
from qualcode.tui.screens.jump_list import JumpListScreen
from qualcode.tui.screens.matrix import MatrixScreen
from qualcode.tui.widgets.grid_table import GridTable

SET = "Auswahl"


@pytest.fixture
def with_set(coded_project: Path) -> Path:
    """The analysis project with the set "Auswahl" (A-02 and B-01)."""
    with Project.open(coded_project) as project:
        create_set(project, SET, [resolve_document(project, "A-02"),
                                  resolve_document(project, "B-01")])
    return coded_project


def cli_json(*args) -> dict:
    return json.loads(run(*args, "--format", "json").stdout)


def settings_line(screen) -> str:
    return str(screen.query_one("#settings").render())


async def choose_set(pilot, app, name: str) -> None:
    """``s`` on an analysis screen, then the set ``name`` in the picker."""
    screen = app.screen
    await pilot.press("s")
    await wait_for(pilot, lambda: app.screen is not screen)
    await pilot.press(*name, "enter")
    await wait_for(pilot, lambda: app.screen is screen)
    await settle(pilot, app)
    await settle(pilot, app)


async def test_matrix_limited_to_a_set_as_the_cli_counts_it(with_set, tmp_path):
    expected = cli_json("matrix", with_set, "--set", SET)
    app = QualcodeApp(with_set, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_analysis(pilot, app, "f6", MatrixScreen)
        table = screen.query_one(GridTable)
        assert len(headers(table)) == 4
        await choose_set(pilot, app, SET)
        assert "· set Auswahl ·" in settings_line(screen)
        assert [h.split(" | ")[0] for h in headers(table)] == expected["columns"] == [
            "A-02", "B-01"]
        assert numbers(table) == [[str(v) for v in row] for row in expected["values"]]
        # e exports what is shown, as `matrix --set` writes it
        target = tmp_path / "matrix.json"
        await pilot.press("e")
        await wait_for(pilot, lambda: app.screen.query(Input))
        assert "every coder's segments of set Auswahl" in str(
            app.screen.query_one(Label).content)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, target.exists)
        assert json.loads(target.read_text(encoding="utf-8")) == expected
        # by group: one document of each group, n = 1
        await pilot.press("b", *"groups", "enter")
        await settle(pilot, app)
        by_group = cli_json("matrix", with_set, "--set", SET, "--by", "group")
        assert headers(table) == ["THM-Interviews | n = 1", "Reflexionsgespräche | n = 1"]
        assert numbers(table) == [[str(v) for v in row] for row in by_group["values"]]
        # the segments behind a cell are the set's only: ABH in THM-Interviews is A-02's two
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, JumpListScreen))
        assert app.screen.title_text.startswith("ABH-Kooperation × THM-Interviews: 2 segment")
        await pilot.press("escape")
        await settle(pilot, app)
        # back to every document
        await choose_set(pilot, app, "All documents")
        assert "set" not in settings_line(screen)
        assert numbers(table)[0] == ["4", "2"]


async def test_crosstab_limited_to_a_set_as_the_cli_counts_it(with_set):
    expected = cli_json("crosstab", with_set, "--by", "Kommune", "--set", SET)
    app = QualcodeApp(with_set, "lena")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_analysis(pilot, app, "ctrl+o", CrosstabScreen)
        await pilot.press("b", *"Kommune", "enter")
        await settle(pilot, app)
        await choose_set(pilot, app, SET)
        assert settings_line(screen).startswith("By Kommune · segments and documents · "
                                                "rollup off · set Auswahl")
        table = screen.query_one(GridTable)
        assert headers(table) == ["Gesamt | n = 2 | Nennungen", "Gesamt | n = 2 | Dokumente",
                                  "Kreis | n = 1 | Nennungen", "Kreis | n = 1 | Dokumente",
                                  "kreisfreie Stadt | n = 1 | Nennungen",
                                  "kreisfreie Stadt | n = 1 | Dokumente"]
        assert numbers(table) == [[str(v) for v in row] for row in expected["values"]]
        assert "all documents of set Auswahl: 4 segment(s) in 2 document(s)" in str(
            screen.query_one("#status").render())
        # the total column's segments are the set's only (ABH: 5, 6 in A-02; 10, 15 in B-01)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, JumpListScreen))
        assert app.screen.title_text.startswith("ABH-Kooperation, all documents: 4 segment")


async def export(pilot, app, action, path: Path, document_set: str) -> str:
    """Open an export dialog, choose the file and the set, export; returns the dialog's
    "whose segments" line."""
    action()
    await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
    dialog = app.screen
    dialog.query_one("#path", Input).value = str(path)
    dialog.query_one("#set", Select).value = document_set
    await pilot.pause()
    said = str(dialog.query_one("#whose").content)
    await pilot.press("ctrl+s")
    await wait_for(pilot, path.exists, timeout=30)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return said


async def test_exports_of_a_set_equal_the_cli_exports_with_set(with_set, tmp_path):
    app = QualcodeApp(with_set, "lena")  # lena coded nothing: everyone's segments
    notes: list[str] = []  # every notification, also those whose time is up
    shown = app.notify
    app.notify = lambda message, *args, **kwargs: (notes.append(str(message)),
                                                   shown(message, *args, **kwargs))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None)
        app.action_export_quotes()
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        options = app.screen.query_one("#set", Select)
        assert options.value == ""  # no set by default
        assert [label for label, _ in options._options] == ["no set (all documents)", SET]
        await pilot.press("escape")
        await settle(pilot, app)
        said = await export(pilot, app, app.action_export_frequencies,
                            tmp_path / "tui-freq.csv", SET)
        assert said.endswith(", only documents of set Auswahl.")
        await export(pilot, app, app.action_export_quotes, tmp_path / "tui-quotes.md", SET)
        await export(pilot, app, app.action_export_segments, tmp_path / "tui-seg.csv", SET)
        await export(pilot, app, app.action_export_report, tmp_path / "tui-report.md", SET)
        assert any(n.startswith(f"Wrote {tmp_path / 'tui-freq.csv'}")
                   and n.endswith(", set Auswahl") for n in notes), notes

    run("export", "frequencies", with_set, "--set", SET, "-o", tmp_path / "cli-freq.csv")
    run("export", "quotes", with_set, "--set", SET, "-o", tmp_path / "cli-quotes.md")
    run("export", "segments", with_set, "--set", SET, "-o", tmp_path / "cli-seg.csv")
    run("export", "report", with_set, "--set", SET, "--format", "md", "-o",
        tmp_path / "cli-report.md")
    for name in ("freq.csv", "quotes.md", "seg.csv"):
        assert (tmp_path / f"tui-{name}").read_bytes() == (tmp_path / f"cli-{name}").read_bytes()
    quotes = (tmp_path / "tui-quotes.md").read_text(encoding="utf-8")
    assert "A-02" in quotes and "B-01" in quotes and "A-01" not in quotes
    # the report names its chart files after itself: compare with the names swapped
    tui_report = (tmp_path / "tui-report.md").read_text(encoding="utf-8")
    cli_report = (tmp_path / "cli-report.md").read_text(encoding="utf-8")
    assert tui_report.replace("tui-report", "cli-report") == cli_report
    assert "A-01" not in tui_report
