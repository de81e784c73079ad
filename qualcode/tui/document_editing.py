"""Document System editing: rename, delete, move to a group and reorder documents and groups;
document sets (add or remove the document under the cursor, rename, delete). Each change is
one undoable change of the active coder (``ctrl+z``) with a one-line confirmation. Mixed into
:class:`~qualcode.tui.app.QualcodeApp`; the store functions are those of ``qualcode
documents``, ``qualcode groups`` and ``qualcode sets``."""

from __future__ import annotations

from qualcode.domain.ordering import Placement
from qualcode.store import document_edits, document_groups, document_sets
from qualcode.store.documents import get_document
from qualcode.tui.screens.dialogs import ConfirmScreen, PromptScreen
from qualcode.tui.screens.picker import Choice, PickerScreen
from qualcode.tui.widgets.browser import DocumentBrowser
from qualcode.tui.widgets.document_system import DocumentSystem

NO_GROUP = "(ohne Gruppe)"
#: The picker's value for "out of every group" (``None`` is Escape).
_OUT_OF_GROUPS = ("out of every group",)


class DocumentEditing:
    """Carries out :class:`DocumentSystem.Edit` requests on the database thread."""

    def on_document_system_edit(self, message: DocumentSystem.Edit) -> None:
        self.edit_documents(message.action, message.kind, message.key)

    def edit_documents(self, action: str, kind: str | None = None, key=None) -> None:
        """Run a Document System edit on the node ``(kind, key)`` (default: the node under
        the Document System's cursor)."""
        if kind is None:
            node = self.query_one(DocumentSystem).cursor_node
            if node is None or not node.data or node.data[0] == "sets":
                self.notify("Select a document in the Document System first (F2).",
                            severity="warning")
                return
            kind, key = node.data
        if self.committing_last_changes or self.refuse_readonly() or self.state is None:
            return
        handler = getattr(self, f"_{kind}_{action}", None)
        if handler is None:
            what = {"group": "a document group", "set": "a document set"}.get(kind, kind)
            self.notify(f"{_ACTION_NAMES.get(action, action).capitalize()} is not something "
                        f"{what} can do; put the cursor on a document.", severity="warning",
                        timeout=4)
            return
        handler(key)

    def _document_change(self, job, note) -> None:
        """Submit ``job(project)`` as a change; ``note(result)`` is the one-line message."""
        self.db.submit(job, lambda result: self._changed(note(result)), self.report_error,
                       write=True)

    def _document(self, document_id: int):
        return next((d for d in self.state.documents if d.id == document_id), None)

    # -- documents -----------------------------------------------------------------------
    def _document_rename(self, document_id: int) -> None:
        document = self._document(document_id)
        if document is None:
            return

        def rename(name: str | None) -> None:
            if name and name.strip() and name.strip() != document.name:
                coder = self.coder

                def renamed(names: tuple[str, str]) -> str:
                    if self.view is not None and self.view.id == document_id:
                        self.query_one(DocumentBrowser).border_title = \
                            f"Document Browser — {names[1]}"
                    return f"Renamed document {names[0]} to {names[1]} (ctrl+z undoes)"

                self._document_change(
                    lambda p: document_edits.rename_document(p, document_id, name, coder),
                    renamed)

        self.push_screen(PromptScreen(f"Rename document {document.name}", document.name), rename)

    def _document_delete(self, document_id: int) -> None:
        def counted(result) -> None:
            document, counts = result

            def confirmed(yes: bool) -> None:
                if yes:
                    coder = self.coder

                    def deleted(c: document_edits.DeletionCounts) -> str:
                        self._forget_document(document_id)
                        return (f"Deleted document {document.name} with {c.segments} coded "
                                f"segment(s) and {c.memos} memo(s) (ctrl+z undoes)")

                    self._document_change(
                        lambda p: document_edits.delete_documents(p, [document], coder),
                        deleted)

            self.push_screen(ConfirmScreen(
                f"Delete document {document.name}? Its {counts.segments} coded segment(s) and "
                f"{counts.memos} memo(s) go with it (ctrl+z undoes)."), confirmed)

        def count(project):
            document = get_document(project, document_id)
            return document, document_edits.deletion_counts(project, [document])

        self.db.submit(count, counted, self.report_error)

    def _forget_document(self, document_id: int) -> None:
        """A deleted document leaves the browser and the activated documents."""
        tree = self.query_one(DocumentSystem)
        if document_id in tree.active:
            tree.active.discard(document_id)
            self.active_documents = frozenset(tree.active)
        if self.view is not None and self.view.id == document_id:
            self.view = None
            browser = self.query_one(DocumentBrowser)
            browser.view, browser._stripes = None, {}
            browser.load_text("")
            browser.border_title = "Document Browser"
            tree.open_id = None
        self.note_workbench_state()

    def _document_move(self, document_id: int) -> None:
        document = self._document(document_id)
        if document is None:
            return
        groups = list(dict.fromkeys(d.group for d in self.state.documents if d.group))
        choices = [Choice(g, g, hint="(here)" if g == document.group else "") for g in groups]
        choices.append(Choice(_OUT_OF_GROUPS, NO_GROUP, hint="out of every group"))

        def chosen(value) -> None:
            if value is None:
                return
            coder = self.coder
            target = None if value is _OUT_OF_GROUPS else value[1] if isinstance(
                value, tuple) else value  # ("new", name): a new group
            if target == document.group:
                self.notify(f"{document.name} is in {target or 'no group'} already.", timeout=3)
                return
            self._document_change(
                lambda p: document_edits.move_documents(p, [document], target, coder),
                lambda created: f"Moved {document.name} to "
                                + (f"{'new ' if created else ''}group {target}"
                                   if target else "no group") + " (ctrl+z undoes)")

        self.push_screen(PickerScreen(f"Move {document.name} to group (type a new name to "
                                      "create one)", choices, allow_new=True), chosen)

    def _document_up(self, document_id: int) -> None:
        self._order_document(document_id, -1)

    def _document_down(self, document_id: int) -> None:
        self._order_document(document_id, 1)

    def _order_document(self, document_id: int, step: int) -> None:
        document = self._document(document_id)
        if document is None:
            return
        siblings = [d for d in self.state.documents if d.group == document.group]
        index = next(i for i, d in enumerate(siblings) if d.id == document_id)
        if not 0 <= index + step < len(siblings):
            self.notify(f"{document.name} is already {'first' if step < 0 else 'last'} in its "
                        "group (g moves it to another group).", timeout=3)
            return
        anchor = siblings[index + step]
        placement = Placement(before=anchor.id) if step < 0 else Placement(after=anchor.id)
        coder = self.coder
        self._document_change(
            lambda p: document_edits.order_documents(p, [document], placement, coder),
            lambda _: f"Moved {document.name} {'before' if step < 0 else 'after'} "
                      f"{anchor.name} (ctrl+z undoes)")

    def _document_set(self, document_id: int) -> None:
        document = self._document(document_id)
        if document is None:
            return
        sets = self.state.document_sets
        choices = [Choice(name, name, hint="(in it: choose to remove)" if document_id in ids
                          else f"{len(ids)} document(s)") for name, ids in sets]

        def chosen(value) -> None:
            if value is None:
                return
            coder = self.coder
            if isinstance(value, tuple):  # ("new", name)
                name = value[1]
                self._document_change(
                    lambda p: document_sets.create_set(p, name, [get_document(p, document_id)],
                                                       coder),
                    lambda created: f"Created document set {created} with {document.name} "
                                    "(ctrl+z undoes)")
            elif document_id in dict(sets).get(value, ()):
                self._document_change(
                    lambda p: document_sets.remove_from_set(p, value,
                                                            [get_document(p, document_id)],
                                                            coder),
                    lambda _: f"Removed {document.name} from set {value} (ctrl+z undoes)")
            else:
                self._document_change(
                    lambda p: document_sets.add_to_set(p, value, [get_document(p, document_id)],
                                                       coder),
                    lambda _: f"Added {document.name} to set {value} (ctrl+z undoes)")

        self.push_screen(PickerScreen(f"Document set for {document.name} (a set it is in: "
                                      "remove it; type a new name to create one)", choices,
                                      allow_new=True), chosen)

    # -- groups --------------------------------------------------------------------------
    def _group_rename(self, name: str | None) -> None:
        if name is None:
            self.notify(f"{NO_GROUP} is not a group; move documents into a group with g.",
                        severity="warning")
            return

        def rename(new: str | None) -> None:
            if new and new.strip() and new.strip() != name:
                coder = self.coder
                self._document_change(
                    lambda p: document_groups.rename_group(p, name, new, coder),
                    lambda renamed: f"Renamed group {name} to {renamed} (ctrl+z undoes)")

        self.push_screen(PromptScreen(f"Rename document group {name}", name), rename)

    def _group_up(self, name: str | None) -> None:
        self._order_group(name, -1)

    def _group_down(self, name: str | None) -> None:
        self._order_group(name, 1)

    def _order_group(self, name: str | None, step: int) -> None:
        groups = list(dict.fromkeys(d.group for d in self.state.documents if d.group))
        if name is None:
            self.notify(f"{NO_GROUP} stays first.", timeout=3)
            return
        index = groups.index(name) if name in groups else -1
        if index < 0 or not 0 <= index + step < len(groups):
            self.notify(f"Group {name} is already {'first' if step < 0 else 'last'}.", timeout=3)
            return
        anchor = groups[index + step]
        placement = Placement(before=anchor) if step < 0 else Placement(after=anchor)
        coder = self.coder
        self._document_change(
            lambda p: document_groups.order_groups(p, [name], placement, coder),
            lambda _: f"Moved group {name} {'before' if step < 0 else 'after'} {anchor} "
                      "(ctrl+z undoes)")

    # -- sets ----------------------------------------------------------------------------
    def _set_rename(self, name: str) -> None:
        def rename(new: str | None) -> None:
            if new and new.strip() and new.strip() != name:
                coder = self.coder
                self._document_change(
                    lambda p: document_sets.rename_set(p, name, new, coder),
                    lambda renamed: f"Renamed document set {name} to {renamed} "
                                    "(ctrl+z undoes)")

        self.push_screen(PromptScreen(f"Rename document set {name}", name), rename)

    def _set_delete(self, name: str) -> None:
        count = len(self.query_one(DocumentSystem).set_members(name))

        def confirmed(yes: bool) -> None:
            if yes:
                coder = self.coder
                self._document_change(
                    lambda p: document_sets.delete_set(p, name, coder),
                    lambda n: f"Deleted document set {name} ({n} document(s) stay in the "
                              "project; ctrl+z undoes)")

        self.push_screen(ConfirmScreen(f"Delete document set {name}? Its {count} document(s) "
                                       "stay in the project."), confirmed)


_ACTION_NAMES = {"rename": "renaming", "delete": "deleting", "move": "moving to a group",
                 "up": "moving up", "down": "moving down", "set": "adding to a set"}

