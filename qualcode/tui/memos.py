"""In-text memos and the memo manager in the workbench. Mixed into
:class:`~qualcode.tui.app.QualcodeApp`.

``M`` in the Document Browser opens the in-text memo on the cursor's line, or writes a new
one there (with a selection: a new one anchored at the selection); lines with an in-text
memo are marked in the gutter. ``f12`` (and the palette) opens the memo manager.
"""

from __future__ import annotations

from qualcode.tui import memo_jobs
from qualcode.tui.screens.dialogs import ConfirmScreen
from qualcode.tui.screens.editors import MemoScreen
from qualcode.tui.screens.memo_manager import ManagerChoice, MemoManagerScreen
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.code_system import CodeSystem


class MemoManagement:
    """In-text memos of the open document and the memo manager."""

    # -- in-text memos ---------------------------------------------------------------------
    def refresh_text_memos(self) -> None:
        """Reload the open document's in-text memos and mark their lines."""
        if self.view is None:
            return
        document_id = self.view.id

        def show(memos) -> None:
            if self.view is not None and self.view.id == document_id:
                self.query_one(DocumentBrowser).set_text_memos(memos)

        self.db.submit(lambda p: memo_jobs.document_text_memos(p, document_id), show)

    def _intent_memo(self, intent: DocumentBrowser.Intent) -> None:
        browser = self.query_one(DocumentBrowser)
        view = self.view
        line = view.lines.line_of(intent.start)
        existing = browser.text_memos_on_line(line)
        if existing and intent.end == intent.start:
            memo = existing[0]
            more = f"; {len(existing) - 1} more in the memo manager (f12)" if len(existing) > 1 else ""
            self.push_screen(MemoScreen(
                f"In-text memo, {view.document.name} line {line}{more} "
                f"(ctrl+s saves, Esc discards)", memo.text),
                lambda text: self._save_memo_text(memo, text))
            return
        if self.refuse_readonly():
            return
        if intent.end > intent.start:
            start, end, where = intent.start, intent.end, "at the selection"
        else:
            start, end, where = view.lines.line_start(line), view.lines.line_end(line), ""
        document_id, coder = view.id, self.coder

        def save(text: str | None) -> None:
            if text is None or not text.strip():
                return
            self.db.submit(
                lambda p: memo_jobs.add_text_memo(p, document_id, start, end, text, coder),
                lambda _: self._memos_changed(f"In-text memo added on line {line}"),
                self.report_error, write=True)

        self.push_screen(MemoScreen(
            f"New in-text memo, {view.document.name} line {line} {where}".rstrip()
            + " (ctrl+s saves, Esc discards)", ""), save)

    def _save_memo_text(self, memo, text: str | None, then=None) -> None:
        if text is None or text == memo.text:
            if then is not None:
                then()
            return
        if self.refuse_readonly():
            return
        coder = self.coder

        def saved(_) -> None:
            self._memos_changed("Memo saved")
            if then is not None:
                then()

        self.db.submit(lambda p: memo_jobs.edit_memo_text(p, memo.id, text, coder), saved,
                       self.report_error, write=True)

    def _memos_changed(self, note: str) -> None:
        self.notify(note, timeout=2)
        self.refresh_all()

    # -- the memo manager ------------------------------------------------------------------
    def action_memo_manager(self, words: str = "", kind: str | None = None,
                            memo_id: int | None = None) -> None:
        """Open the memo manager (every memo; filter by kind and words; jump, edit,
        delete), with the filter and cursor given."""
        def show(rows) -> None:
            self.push_screen(MemoManagerScreen(rows, words, kind, memo_id), self._managed)

        self.db.submit(memo_jobs.memo_rows, show)

    def _managed(self, choice: ManagerChoice | None) -> None:
        if choice is None:
            return
        row, memo = choice.row, choice.row.memo

        def reopen() -> None:
            self.action_memo_manager(choice.words, choice.kind, memo.id)

        if choice.verb == "edit":
            self.push_screen(MemoScreen(f"{row.kind.capitalize()} memo"
                                        + (f": {row.where}" if row.where else "")
                                        + " (ctrl+s saves, Esc discards)", memo.text),
                             lambda text: self._save_memo_text(memo, text, reopen))
        elif choice.verb == "delete":
            self._delete_memo(row, reopen)
        else:
            self._jump_to_memo(row)

    def _delete_memo(self, row: memo_jobs.MemoRow, reopen) -> None:
        if self.refuse_readonly():
            return
        memo, coder = row.memo, self.coder
        first = " ".join(memo.text.split())[:40]
        place = f" ({row.where}{f', line {row.line}' if row.line else ''})" if row.where else ""

        def answered(yes: bool) -> None:
            if not yes:
                reopen()
                return
            self.db.submit(lambda p: memo_jobs.remove_memo(p, memo.id, coder),
                           lambda _: (self._memos_changed("Memo deleted (ctrl+z brings it "
                                                          "back)"), reopen()),
                           self.report_error, write=True)

        self.push_screen(ConfirmScreen(f"Delete the {row.kind} memo{place} “{first}”?"),
                         answered)

    def _jump_to_memo(self, row: memo_jobs.MemoRow) -> None:
        memo = row.memo
        if memo.kind == "text":
            # The cursor at the anchor, not a selection: M there opens this memo.
            self.open_document(row.document_id, (row.start, row.start))
        elif memo.kind == "segment":
            self.open_document(row.document_id, (row.start, row.end))
        elif memo.kind == "document":
            self.open_document(row.document_id)
        elif memo.kind == "code":
            codes = self.query_one(CodeSystem)
            codes.focus()
            codes.select_code(row.code_id)
        else:  # a free memo belongs nowhere: open it
            self.push_screen(MemoScreen(f"{row.kind.capitalize()} memo (ctrl+s saves, "
                                        "Esc discards)", memo.text),
                             lambda text: self._save_memo_text(memo, text))
