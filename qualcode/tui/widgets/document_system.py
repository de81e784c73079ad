"""Document System: document groups and documents with their coded-segment counts, and the
document sets (MAXQDA: "Dokumentsets") below them."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree

from qualcode.domain.models import Document


class DocumentSystem(Tree):
    """Groups -> documents, then the document sets. Enter opens a document; space activates a
    document, a group or a set (its documents) for Retrieved Segments. The editing keys post
    :class:`Edit` with the node under the cursor; the app carries them out."""

    DEFAULT_CSS = """
    DocumentSystem { border: round $primary-background; height: 1fr; }
    DocumentSystem:focus { border: round $accent; }
    """

    BINDINGS = [
        Binding("space", "toggle_active", "Activate", id="documents.activate"),
        Binding("v", "variables", "Variables", id="documents.variables"),
        Binding("m", "memo", "Memo", id="documents.memo"),
        Binding("R", "edit('rename')", "Rename", show=False, id="documents.rename"),
        Binding("delete", "edit('delete')", "Delete", show=False, id="documents.delete"),
        Binding("g", "edit('move')", "Move to group", show=False, id="documents.move"),
        Binding("ctrl+up", "edit('up')", "Move up", show=False, id="documents.up"),
        Binding("ctrl+down", "edit('down')", "Move down", show=False, id="documents.down"),
        Binding("s", "edit('set')", "Add to / remove from set", show=False, id="documents.set"),
    ]

    class Edit(Message):
        """An editing key on a node: ``action`` is rename, delete, move, up, down or set;
        ``kind`` is "document", "group" or "set" and ``key`` its id (document) or name."""

        def __init__(self, action: str, kind: str, key) -> None:
            super().__init__()
            self.action, self.kind, self.key = action, kind, key

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
        self.sets: tuple[tuple[str, tuple[int, ...]], ...] = ()

    def set_documents(self, documents: list[Document], counts: dict[int, int],
                      memos: frozenset[int],
                      sets: tuple[tuple[str, tuple[int, ...]], ...] = ()) -> None:
        """Show ``documents`` (in project order) with segment ``counts``, then the document
        ``sets`` as ``(name, member ids)``."""
        same_shape = ([(d.id, d.group, d.name) for d in documents] == [
            (d.id, d.group, d.name) for d in self.documents]
            and [name for name, _ in sets] == [name for name, _ in self.sets])
        self.documents, self.counts, self.memos, self.sets = documents, counts, memos, sets
        if same_shape and self._tree_nodes:
            self.refresh_labels()  # cheaper than a rebuild, and keeps the cursor
            return
        cursor = self.cursor_node.data if self.cursor_node is not None else None
        self.clear()
        groups: dict[str | None, object] = {}
        target = first = None
        for document in documents:
            key = document.group
            if key not in groups:
                groups[key] = self.root.add(Text(key or "(ohne Gruppe)", style="bold"),
                                            data=("group", key), expand=True)
                if cursor == ("group", key):
                    target = groups[key]
            node = groups[key].add_leaf(self._label(document), data=("document", document.id))
            first = first or node
            if cursor == ("document", document.id):
                target = node
        if sets:
            header = self.root.add(Text("Document sets", style="bold italic"),
                                   data=("sets", None), expand=True)
            for name, _ in sets:
                node = header.add_leaf(self._set_label(name), data=("set", name))
                if cursor == ("set", name):
                    target = node
        target = target or first
        if target is not None:
            self.call_after_refresh(self.move_cursor, target)

    def set_members(self, name: str) -> tuple[int, ...]:
        """Ids of the documents in the set ``name`` (none for an unknown set)."""
        return next((ids for set_name, ids in self.sets if set_name == name), ())

    def _set_label(self, name: str) -> Text:
        ids = set(self.set_members(name))
        label = Text()
        label.append("● " if ids and ids <= self.active else "  ", style="bold")
        label.append(name)
        label.append(f" ({len(ids)})", style="dim")
        return label

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
            elif node.data and node.data[0] == "set":
                node.set_label(self._set_label(node.data[1]))

    def set_active(self, ids) -> None:
        """Activate exactly the documents ``ids`` (restoring a session; no message)."""
        self.active = set(ids)
        self.refresh_labels()

    def select_node(self, kind: str, key) -> None:
        """Put the cursor on the node ``(kind, key)`` when it is shown."""
        for node in self._tree_nodes.values():
            if node.data == (kind, key):
                self.move_cursor(node)
                return

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
        elif node.data[0] == "set":
            ids = set(self.set_members(node.data[1]))
        elif node.data[0] == "sets":
            return
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

    def action_edit(self, action: str) -> None:
        node = self.cursor_node
        if node is not None and node.data and node.data[0] != "sets":
            self.post_message(self.Edit(action, node.data[0], node.data[1]))

    def action_memo(self) -> None:
        document_id = self.selected_document()
        if document_id is not None:
            self.post_message(self.MemoRequested(document_id))
