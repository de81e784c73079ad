"""Limit an analysis screen to one document set (MAXQDA: "Dokumentset"), as the CLI's
``--set NAME``: the Code Matrix and the Crosstab pick the set with ``s`` and name it in their
settings line."""

from __future__ import annotations

from qualcode.tui.screens.picker import Choice, PickerScreen

#: The picker's value meaning "no set: every document" (set names are never empty).
EVERY_DOCUMENT = ""


class DocumentSetScope:
    """Mixin for an :class:`~qualcode.tui.screens.analysis_base.AnalysisScreen`:
    ``document_set`` (``None``: every document) is chosen with ``s`` and the screen reloads."""

    document_set: str | None = None

    def set_note(self) -> str:
        """`` · set NAME`` for the settings line, ``""`` without a set."""
        return f" · set {self.document_set}" if self.document_set else ""

    def export_scope(self) -> str:
        """`` of set NAME`` for the export prompt, ``""`` without a set."""
        return f" of set {self.document_set}" if self.document_set else ""

    def action_document_set(self) -> None:
        state = self.app.state
        names = [name for name, _ in state.document_sets] if state is not None else []
        if not names:
            self.notify("No document sets yet: s in the Document System adds a document to "
                        "one.", timeout=4)
            return
        choices = [Choice(EVERY_DOCUMENT, "All documents (no set)"),
                   *(Choice(name, f"Set: {name}",
                            hint="(shown)" if name == self.document_set else "")
                     for name in names)]

        def chosen(value) -> None:
            if isinstance(value, str):
                self.document_set = value or None
                self.reload()

        self.app.push_screen(PickerScreen("Only the documents of…", choices), chosen)
