"""Import from the palette like a file dialog (issue 12 item 10): paths with spaces, Tab
completion, several files at once, imported by a thread worker; missing paths are named and
nothing is imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import wait_for

from qualcode.tui.app import QualcodeApp
from qualcode.tui.pathinput import complete, split_paths
from qualcode.tui.screens.dialogs import PromptScreen
from qualcode.tui.screens.path_prompt import PathPromptScreen

TRANSCRIPT = "I: Wie lief die Beratung? #00:00:03-0#\n\nB: Über {medium}. #00:00:09-5#\n"


@pytest.fixture
def folder_with_spaces(tmp_path: Path) -> Path:
    folder = tmp_path / "Interviews Mai"
    folder.mkdir()
    (folder / "Interview 1.txt").write_text(TRANSCRIPT.format(medium="Telefon"), "utf-8")
    (folder / "Interview 2.txt").write_text(TRANSCRIPT.format(medium="WhatsApp"), "utf-8")
    return folder


def test_paths_with_spaces_quoted_escaped_or_plain(folder_with_spaces):
    cwd = folder_with_spaces.parent
    one, two = folder_with_spaces / "Interview 1.txt", folder_with_spaces / "Interview 2.txt"
    assert split_paths('"Interviews Mai/Interview 1.txt" Interviews\\ Mai/Interview\\ 2.txt',
                       cwd) == [one, two]
    # unquoted: the longest run of words that names a file
    assert split_paths("Interviews Mai/Interview 1.txt Interviews Mai/Interview 2.txt",
                       cwd) == [one, two]
    assert split_paths("'Interviews Mai'/*.txt", cwd) == [one, two]
    with pytest.raises(ValueError, match="closing quotation"):
        split_paths('"Interviews Mai/Interview 1.txt', cwd)


def test_tab_completion_quotes_names_with_spaces(folder_with_spaces):
    cwd = folder_with_spaces.parent
    text, names = complete("Int", cwd)
    assert (text, names) == ('"Interviews Mai/', ["Interviews Mai/"])
    text, names = complete(text + "Int", cwd)
    assert (text, names) == ('"Interviews Mai/Interview ', ["Interview 1.txt",
                                                             "Interview 2.txt"])
    text, names = complete(text + "2", cwd)
    assert text == '"Interviews Mai/Interview 2.txt" '
    assert split_paths(text, cwd) == [folder_with_spaces / "Interview 2.txt"]


async def test_import_two_files_with_spaces_from_the_palette(small_project, folder_with_spaces,
                                                             monkeypatch):
    monkeypatch.chdir(folder_with_spaces.parent)
    app = QualcodeApp(small_project, "lena")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.state is not None and len(app.state.documents) == 2)
        assert "Import files…" in {c.title for c in app.get_system_commands(app.screen)}
        app.action_import()
        await wait_for(pilot, lambda: isinstance(app.screen, PathPromptScreen))
        await pilot.press(*"Int", "tab", *"Int", "tab")
        field = app.screen.query_one("#paths")
        assert field.value == '"Interviews Mai/Interview '
        assert "Interview 1.txt  Interview 2.txt" in str(app.screen.query_one("#names").render())
        await pilot.press("1", "tab")
        assert field.value == '"Interviews Mai/Interview 1.txt" '
        # a second file typed as it is, spaces and all; first a missing one is refused
        await pilot.press(*"Interviews Mai/Interview 3.txt", "enter")
        assert isinstance(app.screen, PathPromptScreen)
        assert "Not found" in str(app.screen.query_one("#problem").render())
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace",
                          *"2.txt", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press(*"Mai", "enter")
        await wait_for(pilot, lambda: len(app.state.documents) == 4)
        added = {d.name: d.group for d in app.state.documents}
        assert added["Interview 1"] == added["Interview 2"] == "Mai"
        assert any("2 imported" in n.message for n in app._notifications)
