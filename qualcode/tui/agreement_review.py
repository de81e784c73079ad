"""Opening the agreement review from the workbench (ctrl+g, palette "Intercoder agreement…").
Mixed into :class:`~qualcode.tui.app.QualcodeApp`."""

from __future__ import annotations

import importlib

from textual.command import CommandPalette

from qualcode.tui import agreement_jobs
from qualcode.tui.agreement_jobs import AgreementSettings
from qualcode.tui.screens.agreement import AgreementScreen
from qualcode.tui.screens.agreement_setup import AgreementSetupScreen

#: Workbench actions bound app-wide that mean nothing on the agreement screen (its footer
#: and keys stay free for the review).
WORKBENCH_ONLY = frozenset({"focus", "search_project", "switch_coder", "toggle_coder_filter",
                            "undo", "redo", "agreement"})


def _import_statistics() -> None:
    """Load scikit-learn and statsmodels (seconds) while the user reads the settings."""
    importlib.import_module("qualcode.analysis.agreement.compute")


class AgreementReview:
    """Choose two coders, then review and resolve their disagreements on an
    :class:`AgreementScreen`; the settings are remembered for the next time."""

    agreement_settings: AgreementSettings | None = None

    def action_agreement(self) -> None:
        def chosen(settings: AgreementSettings | None, counts) -> None:
            if settings is not None:
                self.agreement_settings = settings
                self.push_screen(AgreementScreen(settings, counts),
                                 lambda _: self.refresh_all())

        def got(counts: list[tuple[str, int]]) -> None:
            settings = self._agreement_defaults(counts)
            if settings is None:
                self.notify("Agreement needs two coders who coded the same documents "
                            "(merge the coders' project files first).", severity="warning",
                            timeout=5)
                return
            self.push_screen(AgreementSetupScreen(counts, settings),
                             lambda result: chosen(result, counts))

        self.run_worker(_import_statistics, thread=True, group="agreement-warm",
                        exclusive=True)
        self.db.submit(agreement_jobs.coder_counts, got)

    def _agreement_defaults(self, counts: list[tuple[str, int]]) -> AgreementSettings | None:
        """The last settings while their coders still exist, else the two coders with most
        segments and the CLI's defaults."""
        last = self.agreement_settings
        names = {name for name, _ in counts}
        if last is not None and {last.coder_a, last.coder_b} <= names:
            return last
        return agreement_jobs.default_settings(counts)

    def _on_agreement_screen(self) -> bool:
        return any(isinstance(screen, AgreementScreen) for screen in self.screen_stack)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in WORKBENCH_ONLY and self._on_agreement_screen():
            return False
        return super().check_action(action, parameters)

    def action_command_palette(self) -> None:
        """On the agreement screen the palette offers the review's actions."""
        screen = self.screen
        if isinstance(screen, AgreementScreen):
            if not CommandPalette.is_open(self):
                self.search_commands(screen.commands(), "Intercoder agreement: search…")
            return
        super().action_command_palette()
