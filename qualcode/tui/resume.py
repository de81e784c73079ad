"""Reopen where you left off: per coder, the open document, the cursor, the activated codes
and documents (a document set's activation is that of its documents) and the coder filter.

Saved in the project file (``workbench_state``, outside the event log: never undone) through
the workbench's database thread, a second after the last change of place and once more when
the workbench quits; restored when the workbench opens for the same coder. Mixed into
:class:`~qualcode.tui.app.QualcodeApp`.
"""

from __future__ import annotations

from qualcode.store.workbench_state import read_workbench_state, write_workbench_state
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.code_system import CodeSystem
from qualcode.tui.widgets.document_system import DocumentSystem

#: Seconds of quiet after the last cursor move or activation before the place is written.
SAVE_DELAY = 1.0


def checked_state(project, coder: str) -> dict:
    """``coder``'s saved state with ids that no longer exist left out (runs on the database
    thread)."""
    saved = read_workbench_state(project, coder)
    documents = {r[0] for r in project.db.execute("SELECT id FROM documents")}
    codes = {r[0] for r in project.db.execute("SELECT id FROM codes")}

    def ids(key: str, known: set[int]) -> list[int]:
        value = saved.get(key)
        return [i for i in value if isinstance(i, int) and i in known] \
            if isinstance(value, list) else []

    document = saved.get("document")
    cursor = saved.get("cursor")
    return {
        "document": document if isinstance(document, int) and document in documents else None,
        "cursor": cursor if isinstance(cursor, int) and cursor >= 0 else 0,
        "codes": ids("codes", codes),
        "documents": ids("documents", documents),
        "coder_filter": saved.get("coder_filter") is True,
    }


class Resume:
    """Keeps the place of the active coder and restores it at the start."""

    _place: dict | None = None
    _place_written: dict | None = None
    _place_timer = None
    _restoring = False

    def restore_workbench_state(self) -> None:
        """Read the active coder's saved place and go there (call once, from ``on_mount``)."""
        coder = self.coder
        self._restoring = True
        self.db.submit(lambda p: checked_state(p, coder), self._restore,
                       lambda _error: setattr(self, "_restoring", False))

    def _restore(self, saved: dict) -> None:
        self._restoring = False
        self._place_written = None
        if saved["coder_filter"] and self.coder_filter is None:
            self.coder_filter = self.coder
            self._update_subtitle()
            self.refresh_all()
        if saved["codes"]:
            tree = self.query_one(CodeSystem)
            tree.active = set(saved["codes"])
            tree.refresh_labels()
            self.active_codes = frozenset(saved["codes"])
        if saved["documents"]:
            self.query_one(DocumentSystem).set_active(saved["documents"])
            self.active_documents = frozenset(saved["documents"])
        if saved["codes"] or saved["documents"]:
            self.refresh_retrieved(0)
        if saved["document"] is not None:
            cursor = saved["cursor"]
            self.open_document(saved["document"], (cursor, cursor))
            self.call_after_refresh(self.query_one(DocumentSystem).select_node,
                                    "document", saved["document"])
        self.note_workbench_state()

    def coder_changed(self) -> None:
        """The active coder changed (F8, or the question at the start): the previous coder's
        place is written; before anything is opened or activated, the new coder's place is
        restored, so answering "who is coding?" leads to where that coder stopped."""
        self.save_workbench_state()
        if self.view is None and not self.active_codes and not self.active_documents:
            self.restore_workbench_state()
        else:
            self.note_workbench_state()

    def current_place(self) -> dict:
        """The place to reopen at, from the panels as they are now."""
        cursor = 0
        if self.view is not None:
            cursor = self.query_one(DocumentBrowser).selection_offsets()[0]
        return {
            "document": self.view.id if self.view is not None else None,
            "cursor": cursor,
            "codes": sorted(self.active_codes),
            "documents": sorted(self.active_documents),
            "coder_filter": self.coder_filter is not None,
        }

    def note_workbench_state(self) -> None:
        """The place changed (cursor, document, activation, filter): write it after
        :data:`SAVE_DELAY` seconds of quiet. Cheap enough for every cursor move."""
        if self._restoring or self.committing_last_changes:
            return  # the saved place is not overwritten before it was restored
        try:
            self._place = {"coder": self.coder, **self.current_place()}
        except Exception:  # the panels are being taken down
            return
        if self._place_timer is not None:
            self._place_timer.stop()
        self._place_timer = self.set_timer(SAVE_DELAY, self.save_workbench_state)

    def save_workbench_state(self) -> None:
        """Queue writing the noted place on the database thread (no-op when unchanged or the
        project is read-only); also called when the workbench quits."""
        place = self._place
        if place is None or place == self._place_written or self.db.readonly is not None:
            return
        self._place_written = place
        state = {k: v for k, v in place.items() if k != "coder"}
        coder = place["coder"]
        self.db.submit(lambda p: write_workbench_state(p, coder, state))

    def before_last_commit(self) -> None:
        if self._place_timer is not None:
            self._place_timer.stop()
        self.save_workbench_state()
