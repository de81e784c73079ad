"""Code System editing: create, rename, move (cut and paste, reorder among siblings), merge,
delete, colour, details and code memos. Mixed into :class:`~qualcode.tui.app.QualcodeApp`."""

from __future__ import annotations

from qualcode.domain.codepath import escape_name
from qualcode.store import codes as code_store
from qualcode.tui.screens.dialogs import ConfirmScreen, PromptScreen
from qualcode.tui.screens.editors import CodeDetails, CodeDetailsScreen
from qualcode.tui.screens.picker import PickerScreen
from qualcode.tui.widgets.code_system import CodeSystem


class CodeEditing:
    """Carries out :class:`CodeSystem.Edit` requests on the database thread."""

    def on_code_system_edit(self, message: CodeSystem.Edit) -> None:
        self.edit_code(message.action, message.code_id)

    def edit_code(self, action: str, code_id: int | None) -> None:
        """Run a code-system edit; ``code_id`` is the code under the Code System's cursor."""
        code = self.code_by_id(code_id) if code_id is not None else None
        if action not in ("add_top", "paste_top", "paste") and code is None:
            self.notify("Select a code in the Code System first (F3).", severity="warning")
            return
        if action != "memo" and self.refuse_readonly():
            return
        getattr(self, f"_code_{action}")(code)

    def _submit(self, job, note: str) -> None:
        self.db.submit(job, lambda _: self._changed(note), self.report_error, write=True)

    def _create(self, path: str) -> None:
        """Add the code at ``path`` and put the Code System's cursor on it."""
        def created(code) -> None:
            self._select_after_refresh = code.id
            self._changed(f"Code {code.path} added")

        self.db.submit(lambda p: code_store.add_code(p, path, actor=self.coder), created,
                       self.report_error, write=True)

    def _code_add(self, parent) -> None:
        def create(name: str | None) -> None:
            if name and name.strip():
                self._create(f"{parent.path}/{escape_name(name.strip())}")

        self.push_screen(PromptScreen(f"New subcode of {parent.path}"), create)

    def _code_add_top(self, _code) -> None:
        def create(name: str | None) -> None:
            if name and name.strip():
                self._create(escape_name(name.strip()))

        self.push_screen(PromptScreen("New top-level code"), create)

    def _code_rename(self, code) -> None:
        def rename(name: str | None) -> None:
            if name and name.strip() and name.strip() != code.name:
                self._submit(lambda p: code_store.rename_code(p, code.path, name.strip(),
                                                              actor=self.coder),
                             f"Renamed to {name.strip()}")

        self.push_screen(PromptScreen(f"Rename {code.path}", code.name), rename)

    def _code_cut(self, code) -> None:
        tree = self.query_one(CodeSystem)
        tree.cut_code = code.id
        tree.refresh_labels()
        self.notify(f"Cut {code.path}: select the new parent and press ctrl+v "
                    "(ctrl+t: to the top level).", timeout=5)

    def _paste(self, parent) -> None:
        tree = self.query_one(CodeSystem)
        moved = self.code_by_id(tree.cut_code) if tree.cut_code is not None else None
        if moved is None:
            self.notify("Cut a code first (ctrl+x).", severity="warning")
            return
        tree.cut_code = None
        target = parent.path if parent else None
        self._submit(lambda p: code_store.move_code(p, moved.path, target, actor=self.coder),
                     f"Moved {moved.name} to {target or 'the top level'}")

    def _code_paste(self, parent) -> None:
        self._paste(parent)

    def _code_paste_top(self, _code) -> None:
        self._paste(None)

    def _code_up(self, code) -> None:
        self._shift(code, -1)

    def _code_down(self, code) -> None:
        self._shift(code, 1)

    def _shift(self, code, steps: int) -> None:
        """Move ``code`` one place among its siblings (the cursor stays on it)."""
        siblings = self.state.codes.children.get(code.parent_id, [])
        index = siblings.index(code.id) + steps
        if not 0 <= index < len(siblings):
            self.notify(f"{code.name} is already {'first' if steps < 0 else 'last'} "
                        "among its siblings.", timeout=2)
            return
        self._select_after_refresh = code.id
        self._submit(lambda p: code_store.shift_code(p, code.id, steps, actor=self.coder),
                     f"Moved {code.name} {'up' if steps < 0 else 'down'} (ctrl+z undoes)")

    def _code_merge(self, code) -> None:
        choices = [c for c in self.code_choices() if c.value != code.id]

        def chosen(target_id) -> None:
            target = self.code_by_id(target_id) if isinstance(target_id, int) else None
            if target is None:
                return
            count = self.state.codes.counts.get(code.id, 0)

            def confirmed(yes: bool) -> None:
                if yes:
                    self._submit(lambda p: code_store.merge_codes(p, code.path, target.path,
                                                                  actor=self.coder),
                                 f"Merged {code.name} into {target.name}")

            self.push_screen(ConfirmScreen(
                f"Merge {code.path} into {target.path}? Its {count} coded segment(s), "
                "memos and subcodes move; the code is removed."), confirmed)

        self.push_screen(PickerScreen(f"Merge {code.path} into…", choices), chosen)

    def _code_delete(self, code) -> None:
        def counted(result) -> None:
            subcodes, segments = result

            def confirmed(yes: bool) -> None:
                if yes:
                    self._submit(lambda p: code_store.delete_code(p, code.path, force=True,
                                                                  actor=self.coder),
                                 f"Deleted {code.path} (ctrl+z undoes)")

            self.push_screen(ConfirmScreen(
                f"Delete {code.path} with {subcodes} subcode(s)? {segments} coded "
                "segment(s) will be deleted."), confirmed)

        def count(project):
            tree, _ = code_store.load_codes(project)
            subtree = [code.id, *tree.descendants(code.id)]
            return len(subtree) - 1, code_store.count_segments(project, subtree)

        self.db.submit(count, counted)

    def _code_color(self, code) -> None:
        def save(color: str | None) -> None:
            if color and color.strip() != code.color:
                self._submit(lambda p: code_store.update_code(p, code.path, color=color,
                                                              actor=self.coder),
                             f"Colour of {code.name} changed")

        self.push_screen(PromptScreen(f"Colour of {code.path} (#RRGGBB)", code.color), save)

    def _code_details(self, code) -> None:
        def save(details: CodeDetails | None) -> None:
            if details is None:
                return

            def job(project):
                with project.transaction(f"edit code {code.path}", self.coder):
                    fields = {k: getattr(details, k) for k in
                              ("color", "definition", "anchor_example", "coding_rules")
                              if getattr(details, k) != getattr(code, k)}
                    if fields:
                        code_store.update_code(project, code.path, actor=self.coder, **fields)
                    if details.name and details.name != code.name:
                        code_store.rename_code(project, code.path, details.name,
                                               actor=self.coder)

            self._submit(job, f"Saved {details.name or code.name}")

        self.push_screen(CodeDetailsScreen(CodeDetails(
            code.name, code.color, code.definition, code.anchor_example, code.coding_rules)),
            save)

    def _code_memo(self, code) -> None:
        self.edit_memo("code", code.id, f"Memo: {code.path}")

