"""Code System: the code tree in code colours with segment counts, and its editing keys."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree

from qualcode.domain.models import Code
from qualcode.tui.model import CodeSystemView


class CodeSystem(Tree):
    """Codes and subcodes. Space activates a code for Retrieved Segments; editing keys post
    :class:`Edit` messages that the app carries out (with confirmation where data goes)."""

    DEFAULT_CSS = """
    CodeSystem { border: round $primary-background; height: 2fr; }
    CodeSystem:focus { border: round $accent; }
    """

    BINDINGS = [
        Binding("space", "toggle_active", "Activate", id="codes.activate"),
        Binding("a", "edit('add')", "New subcode", id="codes.add"),
        Binding("A", "edit('add_top')", "New top-level code", show=False, id="codes.add_top"),
        Binding("R", "edit('rename')", "Rename", id="codes.rename"),
        Binding("ctrl+x", "edit('cut')", "Cut", show=False, id="codes.cut"),
        Binding("ctrl+v", "edit('paste')", "Paste under", show=False, id="codes.paste"),
        Binding("ctrl+t", "edit('paste_top')", "Paste at top", show=False, id="codes.paste_top"),
        Binding("M", "edit('merge')", "Merge into…", show=False, id="codes.merge"),
        Binding("delete", "edit('delete')", "Delete", show=False, id="codes.delete"),
        Binding("o", "edit('color')", "Colour", show=False, id="codes.color"),
        Binding("e", "edit('details')", "Definition…", id="codes.details"),
        Binding("m", "edit('memo')", "Memo", show=False, id="codes.memo"),
    ]

    class Edit(Message):
        """An editing request for ``code_id`` (``None``: no code under the cursor)."""

        def __init__(self, action: str, code_id: int | None) -> None:
            super().__init__()
            self.action = action
            self.code_id = code_id

    class ActivationChanged(Message):
        def __init__(self, active: frozenset[int]) -> None:
            super().__init__()
            self.active = active

    def __init__(self, **kwargs) -> None:
        super().__init__("Codes", **kwargs)
        self.show_root = False
        self.auto_expand = False
        self.border_title = "Code System"
        self.view = CodeSystemView([], {})
        self.active: set[int] = set()
        self.cut_code: int | None = None

    def set_codes(self, view: CodeSystemView) -> None:
        """Rebuild the tree from ``view``, keeping the cursor on the same code."""
        same_shape = [(c.id, c.parent_id, c.name, c.position) for c in view.codes] == [
            (c.id, c.parent_id, c.name, c.position) for c in self.view.codes]
        cursor = self.selected_code()
        self.view = view
        self.active &= {c.id for c in view.codes}
        if same_shape and view.codes:
            self.refresh_labels()  # counts and colours only: no rebuild, cursor stays
            return
        self.clear()
        nodes = {}
        target = None
        for code in view.codes:
            parent = nodes.get(code.parent_id, self.root)
            node = parent.add(self._label(code), data=code.id, expand=True)
            nodes[code.id] = node
            if code.id == cursor:
                target = node
        for code_id, node in nodes.items():
            if not node.children:
                node.allow_expand = False
        if target is not None:
            self.call_after_refresh(self.move_cursor, target)

    def _label(self, code: Code) -> Text:
        label = Text()
        label.append("● " if code.id in self.active else "  ", style="bold")
        label.append("■ ", style=code.color)
        label.append(code.name, style="italic" if code.id == self.cut_code else "")
        label.append(f" {self.view.counts.get(code.id, 0)}", style="dim")
        if code.id in self.view.memo_codes:
            label.append(" ✎", style="dim")
        return label

    def refresh_labels(self) -> None:
        by_id = self.view.by_id()
        for node in self._tree_nodes.values():
            if isinstance(node.data, int) and node.data in by_id:
                node.set_label(self._label(by_id[node.data]))

    def selected_code(self) -> int | None:
        node = self.cursor_node
        return node.data if node is not None and isinstance(node.data, int) else None

    def select_code(self, code_id: int) -> None:
        for node in self._tree_nodes.values():
            if node.data == code_id:
                self.move_cursor(node)
                return

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        self.action_toggle_active()

    def action_toggle_active(self) -> None:
        code_id = self.selected_code()
        if code_id is None:
            return
        self.active ^= {code_id}
        self.refresh_labels()
        self.post_message(self.ActivationChanged(frozenset(self.active)))

    def action_edit(self, action: str) -> None:
        self.post_message(self.Edit(action, self.selected_code()))
