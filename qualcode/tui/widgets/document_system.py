"""Document System: document groups and documents with their coded-segment counts."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree

from qualcode.domain.models import Document


class DocumentSystem(Tree):
    """Groups -> documents. Enter opens a document, space activates it for Retrieved Segments."""

    DEFAULT_CSS = """
    DocumentSystem { border: round $primary-background; height: 1fr; }
    DocumentSystem:focus { border: round $accent; }
    """

    BINDINGS = [
        Binding("space", "toggle_active", "Activate", id="documents.activate"),
        Binding("v", "variables", "Variables", id="documents.variables"),
        Binding("m", "memo", "Memo", id="documents.memo"),
    ]

    class Opened(Message):
        def __init__(self, document_id: int) -> None:
            super().__init__()
            self.document_id = document_id

    class ActivationChanged(Message):
        def __init__(self, active: frozenset[int]) -> None:
            super().__init__()
            self.active = active

    class MemoRequested(Message):
        def __init__(self, document_id: int) -> None:
            super().__init__()
            self.document_id = document_id

    def __init__(self, **kwargs) -> None:
        super().__init__("Documents", **kwargs)
        self.show_root = False
        self.auto_expand = False
        self.border_title = "Document System"
        self.documents: list[Document] = []
        self.counts: dict[int, int] = {}
        self.memos: frozenset[int] = frozenset()
        self.active: set[int] = set()
        self.open_id: int | None = None

    def set_documents(self, documents: list[Document], counts: dict[int, int],
                      memos: frozenset[int]) -> None:
        """Show ``documents`` (in project order) with segment ``counts``."""
        same_shape = [(d.id, d.group, d.name) for d in documents] == [
            (d.id, d.group, d.name) for d in self.documents]
        self.documents, self.counts, self.memos = documents, counts, memos
        if same_shape and self._tree_nodes:
            self.refresh_labels()  # cheaper than a rebuild, and keeps the cursor
            return
        cursor = self.cursor_node.data if self.cursor_node is not None else None
        self.clear()
        groups: dict[str | None, object] = {}
        target = None
        for document in documents:
            key = document.group
            if key not in groups:
                groups[key] = self.root.add(Text(key or "(ohne Gruppe)", style="bold"),
                                            data=("group", key), expand=True)
            node = groups[key].add_leaf(self._label(document), data=("document", document.id))
            if cursor == ("document", document.id) or (cursor is None and target is None):
                target = node
        if target is not None:
            self.call_after_refresh(self.move_cursor, target)

    def _label(self, document: Document) -> Text:
        label = Text()
        label.append("● " if document.id in self.active else "  ",
                     style="bold")
        label.append(document.name, style="reverse" if document.id == self.open_id else "")
        label.append(f" {self.counts.get(document.id, 0)}", style="dim")
        if document.id in self.memos:
            label.append(" ✎", style="dim")
        return label

    def refresh_labels(self) -> None:
        """Redraw labels after counts, activation or the open document changed."""
        by_id = {d.id: d for d in self.documents}
        for node in self._tree_nodes.values():
            if node.data and node.data[0] == "document" and node.data[1] in by_id:
                node.set_label(self._label(by_id[node.data[1]]))

    def selected_document(self) -> int | None:
        node = self.cursor_node
        if node is not None and node.data and node.data[0] == "document":
            return node.data[1]
        return None

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        data = event.node.data
        if data and data[0] == "document":
            self.post_message(self.Opened(data[1]))
        elif data:
            event.node.toggle()

    def action_toggle_active(self) -> None:
        node = self.cursor_node
        if node is None or not node.data:
            return
        if node.data[0] == "document":
            ids = {node.data[1]}
        else:
            ids = {d.id for d in self.documents if d.group == node.data[1]}
        if ids <= self.active:
            self.active -= ids
        else:
            self.active |= ids
        self.refresh_labels()
        self.post_message(self.ActivationChanged(frozenset(self.active)))

    def action_variables(self) -> None:
        document_id = self.selected_document()
        document = next((d for d in self.documents if d.id == document_id), None)
        if document is None:
            return
        body = "\n".join(f"{k}: {v}" for k, v in document.variables.items()) or "—"
        self.notify(body, title=f"Variables of {document.name}", timeout=8)

    def action_memo(self) -> None:
        document_id = self.selected_document()
        if document_id is not None:
            self.post_message(self.MemoRequested(document_id))
