"""Opening the agreement review from the workbench (ctrl+g, palette "Intercoder agreement…").
Mixed into :class:`~qualcode.tui.app.QualcodeApp`.

The review screen is installed while it is open: a jump to a passage (``g``) leaves it
installed, and ctrl+b brings it back at the same disagreement; meanwhile the Document Browser
shows both coders' segments whatever the coder filter (F9). Escape closes it for good;
reopening starts a new review at the first open disagreement.
"""

from __future__ import annotations

import importlib

from textual.command import CommandPalette

from qualcode.domain.disagreements import Disagreement
from qualcode.tui import agreement_jobs
from qualcode.tui.agreement_jobs import AgreementSettings
from qualcode.tui.screens.agreement import AgreementScreen
from qualcode.tui.screens.agreement_setup import AgreementSetupScreen

#: Workbench actions bound app-wide that mean nothing on the agreement screen (its footer
#: and keys stay free for the review).
WORKBENCH_ONLY = frozenset({"focus", "search_project", "switch_coder", "toggle_coder_filter",
                            "undo", "redo", "agreement"})

#: The installed name of the review screen.
REVIEW_SCREEN = "agreement-review"


def _import_statistics() -> None:
    """Load scikit-learn and statsmodels (seconds) while the user reads the settings."""
    importlib.import_module("qualcode.analysis.agreement.compute")


class AgreementReview:
    """Choose two coders, then review and resolve their disagreements on an
    :class:`AgreementScreen`; the settings are remembered for the next time."""

    agreement_settings: AgreementSettings | None = None
    #: The open review (installed as :data:`REVIEW_SCREEN`), ``None`` when closed.
    review_screen: AgreementScreen | None = None
    #: True after a jump from the review to a passage: ctrl+b goes back to the review.
    back_to_review: bool = False

    def action_agreement(self) -> None:
        def chosen(setup: AgreementSetupScreen, settings: AgreementSettings | None,
                   counts) -> None:
            if settings is not None:
                self.agreement_settings = settings
                self._open_review(AgreementScreen(settings, counts, adopt=setup.adopt_agreed))

        def got(counts: list[tuple[str, int]]) -> None:
            settings = self._agreement_defaults(counts)
            if settings is None:
                self.notify("Agreement needs two coders who coded the same documents "
                            "(merge the coders' project files first).", severity="warning",
                            timeout=5)
                return
            setup = AgreementSetupScreen(counts, settings)
            self.push_screen(setup, lambda result: chosen(setup, result, counts))

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

    # -- the review screen's life --------------------------------------------------------
    def _open_review(self, screen: AgreementScreen) -> None:
        self._forget_review()
        self.review_screen, self.back_to_review = screen, False
        self._update_subtitle()
        self.install_screen(screen, REVIEW_SCREEN)
        self.push_screen(REVIEW_SCREEN, lambda _: self._review_closed(screen))

    def _review_closed(self, screen: AgreementScreen) -> None:
        if self.review_screen is screen:
            self._forget_review()
        self.refresh_all()

    def _forget_review(self) -> None:
        screen, self.review_screen, self.back_to_review = self.review_screen, None, False
        if screen is None:
            return
        self._update_subtitle()
        shown = screen in self.screen_stack
        self.uninstall_screen(screen)
        if not shown:  # a popped screen that is no longer installed must be removed
            screen.remove()

    def leave_review(self, screen: AgreementScreen, item: Disagreement) -> None:
        """Show ``item``'s passage in the Document Browser, keeping the review for ctrl+b;
        both coders' segments stay visible whatever the coder filter."""
        while self.screen is not screen and len(self.screen_stack) > 1:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.pop_screen()
        self.back_to_review = True
        self._update_subtitle()
        self.refresh_all()
        self.open_document(item.document_id, (item.start, item.end))
        self.notify("ctrl+b: back to the disagreement", timeout=3)

    def return_to_review(self) -> bool:
        """ctrl+b after a jump from the review: show it again (at the same disagreement);
        ``False`` when there is no review to return to."""
        screen = self.review_screen
        if not self.back_to_review or screen is None:
            return False
        self.back_to_review = False
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(REVIEW_SCREEN, lambda _: self._review_closed(screen))
        return True

    def browser_coders(self) -> str | tuple[str, ...] | None:
        """Whose segments the Document Browser shows: the coder filter (``None``: everyone),
        plus both coders compared while a review is open."""
        if self.coder_filter is None or self.review_screen is None:
            return self.coder_filter
        return tuple(dict.fromkeys((self.coder_filter, *self.review_screen.settings.coders)))

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
