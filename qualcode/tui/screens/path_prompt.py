"""Ask for files and folders like a file dialog: several paths, spaces in names, Tab completes
(the matching names are listed under the field), missing paths are named and the text kept."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from qualcode.tui.pathinput import complete, split_paths
from qualcode.tui.screens.dialogs import DIALOG_CSS

SHOWN_NAMES = 12


class PathPromptScreen(ModalScreen[list[Path] | None]):
    """Dismisses with the typed paths (each existing), or ``None`` on Escape.

    ``cwd`` is where relative paths start (the workbench's working directory)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="PathPromptScreen") + """
    PathPromptScreen #names { color: $text-muted; height: auto; max-height: 8; }
    PathPromptScreen #problem { color: $error; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="paths.cancel"),
        # priority: Tab would otherwise move the focus out of the field
        Binding("tab", "complete", "Complete", priority=True, id="paths.complete"),
    ]

    def __init__(self, question: str, value: str = "", cwd: Path | None = None) -> None:
        super().__init__()
        self.question, self.value = question, value
        self.cwd = Path.cwd() if cwd is None else Path(cwd)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question)
            yield Input(self.value, id="paths")
            yield Static("", id="problem")
            yield Static("Tab completes a path; several paths separated by spaces; "
                         "a name with spaces in quotes (Tab adds them).", id="names")

    def action_complete(self) -> None:
        field = self.query_one("#paths", Input)
        text, names = complete(field.value, self.cwd)
        field.value = text
        field.cursor_position = len(text)
        if not names:
            shown = "No matching file or folder."
        elif len(names) == 1:
            shown = names[0]
        else:
            shown = "  ".join(names[:SHOWN_NAMES]) + (
                f"  … and {len(names) - SHOWN_NAMES} more" if len(names) > SHOWN_NAMES else "")
        self.query_one("#names", Static).update(shown)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        problem = self.query_one("#problem", Static)
        try:
            paths = split_paths(event.value, self.cwd)
        except ValueError as error:
            problem.update(str(error))
            return
        missing = [p for p in paths if not p.exists()]
        if missing:
            problem.update("Not found: " + ", ".join(str(p) for p in missing[:3])
                           + (" …" if len(missing) > 3 else ""))
            return
        if not paths:
            problem.update("Type a file or folder (Tab completes).")
            return
        self.dismiss(paths)

    def action_cancel(self) -> None:
        self.dismiss(None)
