"""Quick codes: the number keys 1-9 of the Document Browser, stable for a whole session
(rules in :mod:`qualcode.domain.quick_codes`), pinned per coder from the Code System (``p``).
Mixed into :class:`~qualcode.tui.app.QualcodeApp`."""

from __future__ import annotations

from qualcode.domain.quick_codes import KEYS, QuickCodes
from qualcode.store.quick_codes import pin_quick_code, unpin_quick_code
from qualcode.tui import jobs
from qualcode.tui.screens.dialogs import PromptScreen
from qualcode.tui.widgets.quick_bar import QuickBar


class QuickKeys:
    """Keeps ``self.quick`` (a :class:`QuickCodes`) and the quick-code bar up to date."""

    quick: QuickCodes

    def load_quick_codes(self) -> None:
        """Start the active coder's keys: pinned codes on their keys, then their last codes
        from the project on the free keys (codes applied since the request keep theirs)."""
        coder = self.coder

        def show(found) -> None:
            pins, recent = found
            if coder != self.coder:  # the coder was switched meanwhile
                return
            current = self.quick
            self.quick = QuickCodes.start(pins, [])
            for _, code_id in current.shown():
                self.quick.used(code_id)
            self.quick.fresh = {c: n for c, n in current.fresh.items()
                                if self.quick.key_of(c) is not None}
            self.quick.fill(recent)
            self.show_quick_keys()

        self.db.submit(lambda p: jobs.quick_code_start(p, coder), show)

    def remember_recent(self, code_id: int) -> None:
        """Note a coding with ``code_id``: it keeps its number key or takes a free one."""
        before = self.quick.key_of(code_id)
        if self.quick.used(code_id) is None and before is None:
            code = self.code_by_id(code_id)
            self.notify(f"{code.name if code else 'The code'} has no number key: all nine "
                        "are taken (pin codes with p in the Code System).", timeout=3)
        self.show_quick_keys()

    def _intent_recent(self, intent) -> None:
        code_id = self.quick.code(intent.number)
        if code_id is None or self.code_by_id(code_id) is None:
            self.notify(f"No code on key {intent.number} yet: code with c or Enter, or pin "
                        "one (p in the Code System).", severity="warning", timeout=3)
            return
        if self._has_selection(intent):
            self.apply_code(code_id, intent.start, intent.end)

    def show_quick_keys(self) -> None:
        """Redraw the quick-code bar (codes that no longer exist leave their keys)."""
        if self.state is None:
            return
        codes = self.state.codes.by_id()
        self.quick.keep_only(codes)
        self.query_one(QuickBar).show_keys(self.quick, codes)

    def undo_touched(self, taken: list[int], brought: list[int]) -> None:
        """After an undo or redo: codes whose session codings were all taken back leave
        their keys; codes brought back take a key again."""
        self.quick.undone(taken)
        for code_id in brought:
            self.quick.used(code_id)
        self.show_quick_keys()

    def _code_pin(self, code) -> None:
        current = self.quick.key_of(code.id)
        pinned = current is not None and current in self.quick.pinned
        free = next((k for k in range(1, KEYS + 1) if self.quick.code(k) is None), 1)
        suggested = current if current is not None else free

        def chosen(text: str | None) -> None:
            if text is None:
                return
            text = text.strip()
            coder = self.coder
            if not text:
                if pinned:
                    self.quick.unpin(current)
                    self.db.submit(lambda p: unpin_quick_code(p, coder, current),
                                   lambda _: self.show_quick_keys(), self.report_error,
                                   write=True)
                    self.notify(f"{code.name} unpinned (stays on {current} for now)", timeout=2)
                return
            if not (text.isdigit() and 1 <= int(text) <= KEYS):
                self.notify("A quick-code key is a number from 1 to 9.", severity="error")
                return
            key = int(text)
            self.quick.pin(key, code.id)
            self.show_quick_keys()
            self.db.submit(lambda p: pin_quick_code(p, coder, key, code.id),
                           lambda _: self.notify(f"{code.name} pinned to key {key}", timeout=2),
                           self.report_error, write=True)

        hint = "; empty: unpin" if pinned else ""
        self.push_screen(PromptScreen(f"Pin {code.path} to number key (1-9{hint})",
                                      str(suggested)), chosen)
