"""Code System: the code tree in code colours with segment counts, and its editing keys."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets._tree import TOGGLE_STYLE, TreeNode

from qualcode.domain.models import Code
from qualcode.tui.model import CodeSystemView


def count_text(own: int, total: int, is_parent: bool, expanded: bool) -> str:
    """The counts after a code's name, as MAXQDA shows them: a code without subcodes its own
    number; an open parent its own number and the total with its subcodes (``3 Σ15``); a
    closed parent the total only (``Σ15``)."""
    if not is_parent:
        return f"{own}"
    return f"Σ{total}" if not expanded else f"{own} Σ{total}"


class CodeSystem(Tree):
    """Codes and subcodes. Space activates a code (with its subcodes) for Retrieved Segments;
    editing keys post :class:`Edit` messages that the app carries out (with confirmation
    where data goes)."""

    DEFAULT_CSS = """
    CodeSystem { border: round $primary-background; height: 2fr; }
    CodeSystem:focus { border: round $accent; }
    """

    BINDINGS = [
        Binding("space", "toggle_active", "Activate", id="codes.activate"),
        Binding("left", "collapse", "Close (shows the total)", show=False, id="codes.collapse"),
        Binding("right", "expand", "Open the subcodes", show=False, id="codes.expand"),
        Binding("a", "edit('add')", "New subcode", id="codes.add"),
        Binding("A", "edit('add_top')", "New top-level code", show=False, id="codes.add_top"),
        Binding("R", "edit('rename')", "Rename", id="codes.rename"),
        Binding("ctrl+x", "edit('cut')", "Cut", show=False, id="codes.cut"),
        Binding("ctrl+v", "edit('paste')", "Paste under", show=False, id="codes.paste"),
        Binding("ctrl+t", "edit('paste_top')", "Paste at top", show=False, id="codes.paste_top"),
        Binding("ctrl+up", "edit('up')", "Move up among siblings", show=False, id="codes.up"),
        Binding("ctrl+down", "edit('down')", "Move down among siblings", show=False,
                id="codes.down"),
        Binding("M", "edit('merge')", "Merge into…", show=False, id="codes.merge"),
        Binding("delete", "edit('delete')", "Delete", show=False, id="codes.delete"),
        Binding("o", "edit('color')", "Colour", show=False, id="codes.color"),
        Binding("e", "edit('details')", "Definition…", id="codes.details"),
        Binding("m", "edit('memo')", "Memo", show=False, id="codes.memo"),
        Binding("p", "edit('pin')", "Pin to a number key (quick code)", show=False,
                id="codes.pin"),
    ]

    class Edit(Message):
        """An editing request for ``code_id`` (``None``: no code under the cursor)."""

        def __init__(self, action: str, code_id: int | None) -> None:
            super().__init__()
            self.action = action
            self.code_id = code_id

    class ActivationChanged(Message):
        """The codes whose segments Retrieved Segments shows: the activated codes and every
        subcode of an activated code."""

        def __init__(self, active: frozenset[int]) -> None:
            super().__init__()
            self.active = active

    def __init__(self, **kwargs) -> None:
        super().__init__("Codes", **kwargs)
        self.show_root = False
        self.auto_expand = False
        self.border_title = "Code System"
        self.view = CodeSystemView([], {})
        self._by_id: dict[int, Code] = {}
        self.active: set[int] = set()
        self._retrieved: frozenset[int] = frozenset()
        self.cut_code: int | None = None

    def retrieved_codes(self) -> frozenset[int]:
        """The activated codes with all their subcodes (a parent stands for its subtree)."""
        return self._retrieved

    def _activation_changed(self) -> None:
        codes = set(self.active)
        for code_id in self.active:
            codes.update(self.view.descendants(code_id))
        if frozenset(codes) != self._retrieved:
            self._retrieved = frozenset(codes)
            self.post_message(self.ActivationChanged(self._retrieved))

    def set_codes(self, view: CodeSystemView) -> None:
        """Rebuild the tree from ``view``, keeping the cursor on the same code."""
        same_shape = [(c.id, c.parent_id, c.name, c.position) for c in view.codes] == [
            (c.id, c.parent_id, c.name, c.position) for c in self.view.codes]
        cursor = self.selected_code()
        self.view = view
        self._by_id = view.by_id()
        self.active &= set(self._by_id)
        self._activation_changed()  # e.g. a new subcode of an activated code
        if same_shape and view.codes:
            self.refresh_labels()  # counts and colours only: no rebuild, cursor stays
            return
        collapsed = {node.data for node in self._tree_nodes.values()
                     if isinstance(node.data, int) and not node.is_expanded}
        self.clear()
        nodes = {}
        target = None
        for code in view.codes:
            parent = nodes.get(code.parent_id, self.root)
            node = parent.add(code.name, data=code.id, expand=code.id not in collapsed)
            nodes[code.id] = node
            if code.id == cursor:
                target = node
        for code_id, node in nodes.items():
            if not node.children:
                node.allow_expand = False
        if target is not None:
            self.call_after_refresh(self.move_cursor, target)

    def render_label(self, node: TreeNode, base_style: Style, style: Style) -> Text:
        """A code's line, cut to the panel's width: only the name is shortened (with …),
        never the activation mark, the counts or the memo mark."""
        code = self._by_id.get(node.data) if isinstance(node.data, int) else None
        if code is None:
            return super().render_label(node, base_style, style)
        if node.allow_expand:
            icon = (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE,
                    base_style + TOGGLE_STYLE)
        else:
            icon = ("", base_style)
        is_parent = bool(self.view.children.get(code.id))
        if code.id in self.active:
            mark = "● "
        elif code.id in self.retrieved_codes():
            mark = "○ "  # shown with an activated parent code
        else:
            mark = "  "
        counts = " " + count_text(self.view.counts.get(code.id, 0),
                                  self.view.totals.get(code.id, 0), is_parent,
                                  node.is_expanded)
        memo = " ✎" if code.id in self.view.memo_codes else ""
        room = (self.scrollable_content_region.width - self.guide_depth * code.depth
                - len(icon[0]) - len(mark) - 2 - len(counts) - len(memo))
        name = code.name
        if len(name) > max(room, 1):
            name = name[:max(room - 1, 0)] + "…"
        label = Text()
        label.append(mark, style="bold")
        label.append("■ ", style=code.color)
        label.append(name, style="italic" if code.id == self.cut_code else "")
        label.append(counts, style="dim bold" if is_parent and not node.is_expanded else "dim")
        label.append(memo, style="dim")
        label.stylize(style)
        return Text.assemble(icon, label)

    def refresh_labels(self) -> None:
        """Redraw every line (counts, marks and colours may have changed)."""
        for node in self._tree_nodes.values():
            if isinstance(node.data, int) and node.data in self._by_id:
                node.set_label(self._by_id[node.data].name)
        self._invalidate()

    def on_resize(self) -> None:
        self._invalidate()  # the names are cut to the new width

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
        self._activation_changed()

    def action_collapse(self) -> None:
        """Close the code under the cursor (it then shows its total), or go to its parent."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_expand(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand:
            node.expand()

    def action_edit(self, action: str) -> None:
        self.post_message(self.Edit(action, self.selected_code()))
