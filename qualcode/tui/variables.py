"""Opening the variables editor (F11) and keeping it current: an undo or redo made while it
is shown (ctrl+z, ctrl+y) redraws its table. Mixed into :class:`~qualcode.tui.app.QualcodeApp`."""

from __future__ import annotations

from qualcode.tui.screens.variables import VariablesScreen


class Variables:
    """The workbench side of :class:`~qualcode.tui.screens.variables.VariablesScreen`."""

    def action_variables(self) -> None:
        if not isinstance(self.screen, VariablesScreen):
            self.push_screen(VariablesScreen())

    def _changed(self, note: str | None = None) -> None:
        super()._changed(note)
        if isinstance(self.screen, VariablesScreen):
            self.screen.reload()
