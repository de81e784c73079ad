"""Navigation in long transcripts and in-vivo coding: go to line, next/previous coded segment
of the activated codes, a new code named after the selected words. Mixed into
:class:`~qualcode.tui.app.QualcodeApp` (the Document Browser posts the intents)."""

from __future__ import annotations

from qualcode.domain.codepath import escape_name
from qualcode.domain.navigation import invivo_name, next_segment
from qualcode.store.codes import add_code
from qualcode.tui.screens.dialogs import PromptScreen
from qualcode.tui.screens.picker import Choice, PickerScreen
from qualcode.tui.widgets.browser import DocumentBrowser

#: The picker's value for "in-vivo codes at the top level" (a code id is never 0).
TOP_LEVEL = 0


class Navigation:
    """Jumps that keep the passage in view with context, and the in-vivo key ``i``."""

    #: CODEPATH of the parent of in-vivo codes ("" for the top level); asked once a session.
    invivo_parent: str | None = None

    # -- go to line -------------------------------------------------------------------------
    def _intent_goto_line(self, intent) -> None:
        view = self.view
        count = view.lines.line_count

        def go(answer: str | None) -> None:
            if answer is None or not answer.strip():
                return
            digits = answer.strip().removeprefix("Z.").strip()
            if not digits.isdigit() or not 1 <= int(digits) <= count:
                self.notify(f"“{answer.strip()}”: give a line number from 1 to {count}.",
                            severity="error", timeout=3)
                return
            self.query_one(DocumentBrowser).go_to_line(int(digits))

        current = view.lines.line_of(intent.start)
        self.push_screen(PromptScreen(f"Go to line (1–{count}; now Z. {current})"), go)

    # -- coded segments of the activated codes ------------------------------------------------
    def _intent_next_coded(self, intent) -> None:
        self._jump_to_segment(intent, forward=True)

    def _intent_previous_coded(self, intent) -> None:
        self._jump_to_segment(intent, forward=False)

    def _jump_to_segment(self, intent, forward: bool) -> None:
        view, codes = self.view, self.active_codes
        target = next_segment(view.segments, intent.start, intent.end, forward, codes)
        which = "of the activated codes" if codes else "(no code activated: all codes)"
        if target is None:
            where = "after" if forward else "before"
            self.notify(f"No coded segment {which} {where} this point.", timeout=2)
            return
        self.query_one(DocumentBrowser).select_offsets(target.start, target.end)
        code = self.code_by_id(target.code_id)
        shown = sorted((s for s in view.segments if not codes or s.code_id in codes),
                       key=lambda s: (s.start, s.end))
        index = next((i for i, s in enumerate(shown) if s is target), 0) + 1
        self.notify(f"{index} of {len(shown)} {which}: {code.path if code else '?'} "
                    f"({target.coder}), Z. {view.lines.line_of(target.start)}", timeout=2)

    # -- in-vivo coding ---------------------------------------------------------------------
    def _intent_invivo(self, intent) -> None:
        if self.refuse_readonly() or not self._has_selection(intent):
            return
        try:
            name = invivo_name(self.view.text[intent.start:intent.end])
        except ValueError as error:
            self.notify(str(error).capitalize() + ".", severity="warning", timeout=3)
            return
        if self.invivo_parent is None:
            self.action_invivo_parent(then=lambda: self._code_invivo(name, intent))
        else:
            self._code_invivo(name, intent)

    def action_invivo_parent(self, then=None) -> None:
        """Ask under which code in-vivo codes go (kept for the session)."""
        codes = self.state.codes.codes if self.state else []
        choices = [Choice(TOP_LEVEL, "(top level)"),
                   *(Choice(c.id, c.path, c.color) for c in codes)]

        def chosen(value) -> None:
            if value is None:
                return
            if isinstance(value, tuple):  # a new parent, created with the first in-vivo code
                self.invivo_parent = value[1].strip()
            elif value == TOP_LEVEL:
                self.invivo_parent = ""
            else:
                self.invivo_parent = self.code_by_id(value).path
            self.notify(f"In-vivo codes go under {self.invivo_parent or 'the top level'} "
                        "(palette: “In-vivo parent…” changes it)", timeout=3)
            if then is not None:
                then()

        self.push_screen(PickerScreen("In-vivo codes go under… (asked once; type a new name "
                                      "to create a parent)", choices, allow_new=True), chosen)

    def _code_invivo(self, name: str, intent) -> None:
        path = (f"{self.invivo_parent}/" if self.invivo_parent else "") + escape_name(name)
        coder = self.coder
        # exist_ok: the same words coded twice share one code
        self.db.submit(lambda p: add_code(p, path, exist_ok=True, actor=coder).id,
                       lambda code_id: self._created_then_apply(code_id, intent),
                       self.report_error, write=True)
