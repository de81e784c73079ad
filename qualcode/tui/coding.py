"""Coding actions of the workbench: apply, remove, re-code, bounds, comment, weight,
undo/redo, find in document and memos. Mixed into :class:`~qualcode.tui.app.QualcodeApp`."""

from __future__ import annotations

from qualcode.analysis.find import find_in_text
from qualcode.domain.codepath import escape_name, join_codepath, split_codepath
from qualcode.domain.errors import InputError
from qualcode.store.codes import add_code
from qualcode.store.segments import SegmentSpan, update_segment, remove_segment
from qualcode.tui import jobs
from qualcode.tui.reading import check_weight
from qualcode.tui.screens.dialogs import ConfirmScreen, PromptScreen
from qualcode.tui.screens.editors import MemoScreen
from qualcode.tui.screens.picker import Choice, PickerScreen
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.code_system import CodeSystem

#: Browser intents that change the project: refused at once in a read-only project.
CHANGING_INTENTS = frozenset({"picker", "selected", "recent", "remove", "recode", "bounds",
                              "comment", "weight"})


class Coding:
    """Turns Document Browser intents into project changes on the database thread."""

    _temporary_id = 0

    # Named handler, not @on: Textual collects @on only on MessagePump classes, not mixins.
    def on_document_browser_intent(self, intent: DocumentBrowser.Intent) -> None:
        if self.committing_last_changes:
            return  # quitting: nothing new is drawn that could not be written any more
        if intent.action in CHANGING_INTENTS and self.refuse_readonly():
            return
        handler = getattr(self, f"_intent_{intent.action}")
        handler(intent)

    def refuse_readonly(self) -> bool:
        """In a project that cannot be written, say so in one line and return ``True``."""
        if self.db.readonly is None:
            return False
        self.notify(f"{self.path.name}: read-only ({self.db.readonly}); nothing can be coded "
                    f"or changed here", severity="warning", timeout=4)
        return True

    # -- applying codes --------------------------------------------------------------------
    def code_choices(self) -> list[Choice]:
        codes = self.state.codes if self.state else None
        if codes is None:
            return []
        return [Choice(c.id, c.path, c.color, hint=str(codes.counts.get(c.id, 0)))
                for c in codes.codes]

    def _intent_picker(self, intent) -> None:
        if not self._has_selection(intent):
            return

        def chosen(value) -> None:
            if value is None:
                return
            if isinstance(value, tuple):  # ("new", text): create the code, then apply it
                self.ask_slash_meaning(value[1], lambda path: self.db.submit(
                    lambda p: add_code(p, path, actor=self.coder).id,
                    lambda code_id: self._created_then_apply(code_id, intent),
                    self.report_error, write=True))
            else:
                self.apply_code(value, intent.start, intent.end)

        self.push_screen(PickerScreen("Code the selection with…", self.code_choices(),
                                      allow_new=True), chosen)

    def ask_slash_meaning(self, text: str, then) -> None:
        """Call ``then(codepath)`` for a new code typed as ``text``. A slash may mean a
        subcode (``Telefon/E-Mail``: E-Mail under Telefon) or be part of the name (MAXQDA
        allows it), so the coder is asked which; Esc creates nothing."""
        try:
            names = split_codepath(text)
        except InputError as error:
            self.notify(str(error), severity="error")
            return
        if len(names) < 2:
            then(text)
            return
        parent = join_codepath(names[:-1])
        choices = [Choice(text, f"{names[-1]} as a subcode of {parent}",
                          hint="the slash means a subcode"),
                   Choice(escape_name(text.strip()), f"one code named {text.strip()}",
                          hint="the slash is part of the name")]
        self.push_screen(PickerScreen(f"“{text.strip()}”: does the slash mean a subcode?",
                                      choices),
                         lambda path: path is not None and then(path))

    def _created_then_apply(self, code_id: int, intent) -> None:
        coder = self.coder_filter

        def then(state) -> None:
            self._show_state(state)
            self.apply_code(code_id, intent.start, intent.end)

        self.db.submit(lambda p: jobs.load_state(p, coder), then)

    def _intent_selected(self, intent) -> None:
        code_id = self.query_one(CodeSystem).selected_code()
        if code_id is None:
            self.notify("Select a code in the Code System first (F3), or press c.",
                        severity="warning")
            return
        if self._has_selection(intent):
            self.apply_code(code_id, intent.start, intent.end)
            self.query_one(DocumentBrowser).mark_coded()  # a second Enter does not code again

    def _has_selection(self, intent) -> bool:
        if intent.end <= intent.start:
            self.notify("Select a passage first: shift+arrows, s (sentence), t (turn).",
                        severity="warning", timeout=3)
            return False
        return True

    def apply_code(self, code_id: int, start: int, end: int) -> None:
        """Code ``[start, end)`` of the open document: drawn at once, written in the background."""
        view = self.view
        if view is None:
            return
        Coding._temporary_id -= 1
        segment = SegmentSpan(Coding._temporary_id, code_id, self.coder, start, end, "", 0, False)
        view.segments.append(segment)
        code = self.code_by_id(code_id)
        self.query_one(DocumentBrowser).add_coding(view, segment,
                                                   code.color if code else "#808080")
        self.remember_recent(code_id)
        document_id, coder = view.id, self.coder
        self.db.submit(
            lambda p: jobs.apply_code(p, document_id, code_id, coder, start, end),
            lambda _: self._changed(f"Coded with {code.path if code else code_id}"),
            self.report_error, write=True,
        )

    def _changed(self, note: str | None = None) -> None:
        if note:
            self.notify(note, timeout=2)
        self.refresh_all()

    # -- changing segments ------------------------------------------------------------------
    def _with_segment(self, intent, purpose: str, then) -> None:
        """Call ``then(segment)`` for the segment at the selection: the active coder's own
        (asking which when several); another coder's only after a confirmation."""
        view = self.view
        if view is None:
            return
        found = [s for s in view.segments_overlapping(intent.start, intent.end) if s.id > 0]
        if not found:
            self.notify("No coded segment here.", severity="warning", timeout=2)
            return
        own = [s for s in found if s.coder == self.coder]

        def confirmed(segment: SegmentSpan) -> None:
            if segment.coder == self.coder:
                then(segment)
                return
            code = self.code_by_id(segment.code_id)
            self.push_screen(ConfirmScreen(
                f"This segment ({code.name if code else '?'}) was coded by {segment.coder}, "
                f"not by you ({self.coder}). {purpose.capitalize()} it anyway?"),
                lambda yes: yes and then(segment))

        candidates = own or found
        if len(candidates) == 1:
            confirmed(candidates[0])
            return
        choices = []
        for segment in candidates:
            code = self.code_by_id(segment.code_id)
            line_a, line_b = view.lines.line_range(segment.start, segment.end)
            choices.append(Choice(segment, code.name if code else "?",
                                  code.color if code else None,
                                  hint=f"{segment.coder}, Z. {line_a}–{line_b}"))
        self.push_screen(PickerScreen(f"Which segment to {purpose}?", choices),
                         lambda s: s is not None and confirmed(s))

    def _intent_remove(self, intent) -> None:
        def remove(segment: SegmentSpan) -> None:
            self.view.segments = [s for s in self.view.segments if s.id != segment.id]
            self.query_one(DocumentBrowser).update_codings(self.view, self.code_colors())
            code = self.code_by_id(segment.code_id)
            self.db.submit(lambda p: remove_segment(p, segment.id, actor=self.coder),
                           lambda _: self._changed(
                               f"Removed {code.name if code else 'segment'} by {segment.coder} "
                               "(ctrl+z undoes)"),
                           self.report_error, write=True)

        self._with_segment(intent, "remove", remove)

    def _intent_recode(self, intent) -> None:
        def recode(segment: SegmentSpan) -> None:
            def chosen(code_id) -> None:
                if code_id is None or isinstance(code_id, tuple):
                    return
                self.remember_recent(code_id)
                self.db.submit(
                    lambda p: update_segment(p, segment.id, code_id=code_id, actor=self.coder),
                    lambda _: self._changed("Segment re-coded"), self.report_error, write=True)

            self.push_screen(PickerScreen("Re-code the segment with…", self.code_choices()),
                             chosen)

        self._with_segment(intent, "re-code", recode)

    def _intent_bounds(self, intent) -> None:
        if not self._has_selection(intent):
            return

        def bounds(segment: SegmentSpan) -> None:
            self.db.submit(
                lambda p: update_segment(p, segment.id, start=intent.start, end=intent.end,
                                         actor=self.coder),
                lambda _: self._changed("Segment boundaries set to the selection"),
                self.report_error, write=True)

        self._with_segment(intent, "resize to the selection", bounds)

    def _intent_comment(self, intent) -> None:
        def comment(segment: SegmentSpan) -> None:
            def save(text: str | None) -> None:
                if text is not None:
                    self.db.submit(
                        lambda p: update_segment(p, segment.id, comment=text, actor=self.coder),
                        lambda _: self._changed("Comment saved"), self.report_error, write=True)

            self.push_screen(PromptScreen("Comment on the coded segment", segment.comment),
                             save)

        self._with_segment(intent, "comment", comment)

    def _intent_weight(self, intent) -> None:
        def weight(segment: SegmentSpan) -> None:
            def save(text: str | None) -> None:
                if text is None:
                    return  # the dialog took only a valid weight (check_weight)
                self.db.submit(
                    lambda p: update_segment(p, segment.id, weight=int(text), actor=self.coder),
                    lambda _: self._changed(f"Weight set to {int(text)}"), self.report_error,
                    write=True)

            self.push_screen(PromptScreen("Weight (0–100)", str(segment.weight),
                                          check=check_weight), save)

        self._with_segment(intent, "weight", weight)

    # -- undo / redo ----------------------------------------------------------------------
    # Each coder undoes their own changes only: the active coder's stack, never another
    # coder's or another process's change (store.history refuses what would touch theirs).
    def action_undo(self) -> None:
        if self.refuse_readonly():
            return
        self._undo_or_redo(redo=False)

    def _undo_or_redo(self, redo: bool) -> None:
        coder = self.coder

        def done(result) -> None:
            reverted, taken, brought = result
            if coder == self.coder:
                self.undo_touched(taken, brought)
            self._changed(f"{'Redone' if redo else 'Undone'}: {reverted.summary}")

        self.db.submit(lambda p: jobs.undo_or_redo(p, coder, redo), done, self.report_error,
                       write=True)

    def action_redo(self) -> None:
        if self.refuse_readonly():
            return
        self._undo_or_redo(redo=True)

    def _intent_undo(self, intent) -> None:
        self.action_undo()

    def _intent_redo(self, intent) -> None:
        self.action_redo()

    # -- find in document -----------------------------------------------------------------
    find_term: str = ""

    def _intent_find(self, intent) -> None:
        def search(term: str | None) -> None:
            if term:
                self.find_term = term
                self._find_from(intent.end, forward=True)

        self.push_screen(PromptScreen("Find in document", self.find_term), search)

    def _intent_find_next(self, intent) -> None:
        self._find_from(intent.end, forward=True)

    def _intent_find_previous(self, intent) -> None:
        self._find_from(intent.start, forward=False)

    def _find_from(self, offset: int, forward: bool) -> None:
        if self.view is None or not self.find_term:
            self.notify("Find first with /", severity="warning", timeout=2)
            return
        spans = find_in_text(self.view.text, self.find_term)
        if not spans:
            self.notify(f"“{self.find_term}” not found", severity="warning", timeout=2)
            return
        if forward:
            target = next((s for s in spans if s[0] >= offset), spans[0])
        else:
            target = next((s for s in reversed(spans) if s[0] < offset), spans[-1])
        self.query_one(DocumentBrowser).select_offsets(*target, origin="find")
        index = spans.index(target) + 1
        self.notify(f"{index} of {len(spans)} (n next, N previous)", timeout=2)

    # -- memos ----------------------------------------------------------------------------
    def edit_memo(self, kind: str, target_id: int | None, title: str) -> None:
        """Open the memo of a document or code (created on first save)."""
        def opened(found) -> None:
            memo_id, text = found

            def save(new_text: str | None) -> None:
                if new_text is None or new_text == text:
                    return
                self.db.submit(
                    lambda p: jobs.save_memo(p, kind, target_id, memo_id, new_text, self.coder),
                    lambda _: self._changed("Memo saved"), self.report_error, write=True)

            self.push_screen(MemoScreen(f"{title} (ctrl+s saves, Esc discards)", text), save)

        self.db.submit(lambda p: jobs.memo_text(p, kind, target_id), opened)

    def action_free_memos(self) -> None:
        from qualcode.store.memos import list_memos

        def show(memos) -> None:
            choices = [Choice(m.id, (m.title or m.text.split("\n")[0])[:70] or "(empty)",
                              hint=m.author or "") for m in memos]

            def chosen(value) -> None:
                if value is None:
                    return
                if isinstance(value, tuple):
                    self.db.submit(
                        lambda p: jobs.save_memo(p, "free", None, None, value[1], self.coder),
                        lambda _: self._changed("Free memo added"), self.report_error, write=True)
                    return
                memo = next(m for m in memos if m.id == value)

                def save(text: str | None) -> None:
                    if text is not None and text != memo.text:
                        self.db.submit(
                            lambda p: jobs.save_memo(p, "free", None, memo.id, text, self.coder),
                            lambda _: self._changed("Memo saved"), self.report_error, write=True)

                self.push_screen(MemoScreen("Free memo (ctrl+s saves)", memo.text), save)

            self.push_screen(PickerScreen("Free memos (type text to add a new memo)", choices,
                                          allow_new=True), chosen)

        self.db.submit(lambda p: list_memos(p, "free"), show)
