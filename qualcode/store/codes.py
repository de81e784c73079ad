"""The code system: codes with parent, colour, definition, anchor example and coding rules."""

from __future__ import annotations

import re

from qualcode.domain.codepath import split_codepath
from qualcode.domain.codesystem import CodeTree
from qualcode.domain.control_chars import check_name
from qualcode.domain.errors import ConflictError, InputError, NotFoundError
from qualcode.domain.models import Code
from qualcode.domain.ordering import Placement, reordered
from qualcode.store.project import Project, new_guid, utc_now

#: Colours given to new top-level codes in turn (Tableau 10, readable on dark and light).
PALETTE = ("#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F",
           "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC")
_HEX = re.compile(r"#?([0-9A-Fa-f]{6})")

EDITABLE_FIELDS = ("color", "definition", "anchor_example", "coding_rules")


def normalize_color(color: str) -> str:
    """``"#a1b2c3"`` or ``"a1b2c3"`` -> ``"#A1B2C3"``; raises :class:`InputError` otherwise."""
    match = _HEX.fullmatch(color.strip())
    if not match:
        raise InputError(f"invalid colour {color!r}: expected #RRGGBB")
    return "#" + match.group(1).upper()


def load_codes(project: Project) -> tuple[CodeTree, dict[int, Code]]:
    """The whole code system: a :class:`CodeTree` and every :class:`Code` by id."""
    rows = list(project.db.query(
        """SELECT id, guid, parent_id, name, color, definition, anchor_example, coding_rules,
                  position FROM codes"""))
    tree = CodeTree((r["id"], r["parent_id"], r["name"], r["position"]) for r in rows)
    codes = {
        r["id"]: Code(path=tree.path_of(r["id"]), depth=tree.depth_of(r["id"]), **r)
        for r in rows
    }
    return tree, codes


def list_codes(project: Project) -> list[Code]:
    """Every code, depth-first in code-system order."""
    tree, codes = load_codes(project)
    return [codes[i] for i in tree.walk()]


def get_code(project: Project, path: str) -> Code:
    """The code at CODEPATH ``path``; raises :class:`NotFoundError` with close matches."""
    tree, codes = load_codes(project)
    return codes[tree.resolve(path)]


def get_code_by_id(project: Project, code_id: int) -> Code:
    """The code with this id; raises :class:`NotFoundError`."""
    _, codes = load_codes(project)
    if code_id not in codes:
        raise NotFoundError(f"no code with id {code_id}")
    return codes[code_id]


def _next_position(project: Project, parent_id: int | None) -> int:
    return project.db.execute(
        "SELECT coalesce(max(position), 0) + 1 FROM codes WHERE parent_id IS ?", [parent_id]
    ).fetchone()[0]


def add_code(
    project: Project,
    path: str,
    *,
    color: str | None = None,
    definition: str = "",
    anchor_example: str = "",
    coding_rules: str = "",
    guid: str | None = None,
    exist_ok: bool = False,
    actor: str | None = None,
) -> Code:
    """Create the code at ``path``, creating missing parents (one transaction).

    A new top-level code takes the next palette colour; a new subcode its parent's colour.
    Raises :class:`ConflictError` when the code exists (unless ``exist_ok``), and
    :class:`InputError` when a new name holds a control character
    (:func:`~qualcode.domain.control_chars.check_name`).
    """
    names = split_codepath(path)
    if color is not None:
        color = normalize_color(color)
    with project.transaction(f"add code {path}", actor):
        tree, codes = load_codes(project)
        parent: int | None = None
        for depth, name in enumerate(names):
            last = depth == len(names) - 1
            found = [c for c in tree.children.get(parent, []) if tree.name[c] == name]
            if found:
                if last and not exist_ok:
                    raise ConflictError(f"code {path!r} already exists")
                parent = found[0]
                continue
            check_name("code name", name)
            if parent is None:
                inherited = PALETTE[len(tree.children[None]) % len(PALETTE)]
            else:
                inherited = codes[parent].color if parent in codes else PALETTE[0]
            now = utc_now()
            cursor = project.db.execute(
                """INSERT INTO codes (guid, parent_id, name, color, definition, anchor_example,
                       coding_rules, position, created, modified)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    (guid if last and guid else new_guid()), parent, name,
                    (color if last and color else inherited),
                    definition if last else "", anchor_example if last else "",
                    coding_rules if last else "", _next_position(project, parent), now, now,
                ],
            )
            tree, codes = load_codes(project)
            parent = cursor.lastrowid
    assert parent is not None
    return get_code_by_id(project, parent)


def update_code(project: Project, path: str, actor: str | None = None, **fields: str) -> Code:
    """Change colour, definition, anchor example or coding rules of the code at ``path``."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise InputError(f"cannot edit {', '.join(sorted(unknown))} of a code")
    code = get_code(project, path)
    if "color" in fields:
        fields["color"] = normalize_color(fields["color"])
    if not fields:
        return code
    assignments = ", ".join(f"{name} = ?" for name in fields)
    with project.transaction(f"edit code {path}", actor):
        project.db.execute(
            f"UPDATE codes SET {assignments}, modified = ? WHERE id = ?",
            [*fields.values(), utc_now(), code.id],
        )
    return get_code_by_id(project, code.id)


def rename_code(project: Project, path: str, new_name: str, actor: str | None = None) -> Code:
    """Rename the code at ``path`` (its subcodes and segments follow); raises
    :class:`InputError` for an empty name or one with a control character."""
    new_name = new_name.strip()
    if not new_name:
        raise InputError("a code name must not be empty")
    check_name("code name", new_name)
    code = get_code(project, path)
    tree, _ = load_codes(project)
    if any(tree.name[c] == new_name for c in tree.children.get(code.parent_id, [])
           if c != code.id):
        raise ConflictError(f"a code {new_name!r} already exists at that level")
    with project.transaction(f"rename code {path} to {new_name}", actor):
        project.db.execute("UPDATE codes SET name = ?, modified = ? WHERE id = ?",
                           [new_name, utc_now(), code.id])
    return get_code_by_id(project, code.id)


def move_code(
    project: Project, path: str, new_parent: str | None, actor: str | None = None
) -> Code:
    """Move the code at ``path`` (with its subcodes) under ``new_parent`` (``None``: top level).

    Raises :class:`ConflictError` when the target holds a code of the same name or lies
    inside the moved code.
    """
    code = get_code(project, path)
    tree, _ = load_codes(project)
    parent_id = tree.resolve(new_parent) if new_parent else None
    if parent_id is not None and (parent_id == code.id or parent_id in tree.descendants(code.id)):
        raise ConflictError(f"cannot move {path!r} into itself")
    if any(tree.name[c] == code.name for c in tree.children.get(parent_id, []) if c != code.id):
        raise ConflictError(f"{new_parent or 'the top level'} already has a code {code.name!r}")
    with project.transaction(f"move code {path} to {new_parent or '/'}", actor):
        project.db.execute(
            "UPDATE codes SET parent_id = ?, position = ?, modified = ? WHERE id = ?",
            [parent_id, _next_position(project, parent_id), utc_now(), code.id],
        )
    return get_code_by_id(project, code.id)


def order_codes(project: Project, paths: list[str], placement: Placement,
                actor: str | None = None) -> list[str]:
    """Move the codes ``paths`` (siblings, in the order given) to ``placement`` among their
    siblings; returns the siblings' paths in the new order (one undoable change).

    ``placement.before``/``after`` name a sibling by CODEPATH or by its name. Raises
    :class:`NotFoundError` for an unknown code and :class:`InputError` when the codes have
    different parents, the anchor is not their sibling or the placement is not exactly one
    of before, after, first, last.
    """
    placement.check()
    tree, codes = load_codes(project)
    ids = [tree.resolve(path) for path in paths]
    parents = {tree.parent[i] for i in ids}
    if len(parents) != 1:
        raise InputError("the codes to order have different parent codes; order the subcodes "
                         "of one code at a time (move codes with: qualcode codes move)")
    parent = parents.pop()
    siblings = tree.children.get(parent, [])
    if placement.anchor is not None:
        name = str(placement.anchor)
        anchor = tree.find(name)
        if anchor not in siblings:
            anchor = next((c for c in siblings if tree.name[c] == name), None)
        if anchor is None:
            where = codes[parent].path if parent is not None else "the top level"
            raise InputError(f"{name!r} is not a code beside {codes[ids[0]].path!r} "
                             f"(under {where})")
        if anchor in ids:
            raise InputError(f"{codes[anchor].path} cannot be placed before or after itself")
        placement = Placement(before=anchor if placement.before is not None else None,
                              after=anchor if placement.after is not None else None)
    new = reordered(siblings, ids, placement)
    if new != siblings:
        where = codes[parent].path if parent is not None else "the top level"
        with project.transaction(f"order codes under {where}", actor):
            for position, code_id in enumerate(new, start=1):
                if codes[code_id].position != position:
                    project.db.execute("UPDATE codes SET position = ? WHERE id = ?",
                                       [position, code_id])
    return [codes[i].path for i in new]


def shift_code(project: Project, code_id: int, steps: int, actor: str | None = None
               ) -> list[str]:
    """Move the code ``code_id`` ``steps`` places among its siblings (negative: up),
    stopping at the first and last place; returns the siblings' paths in the new order.
    Raises :class:`NotFoundError` for an unknown code."""
    code = get_code_by_id(project, code_id)
    tree, codes = load_codes(project)
    siblings = tree.children.get(code.parent_id, [])
    index = min(max(siblings.index(code_id) + steps, 0), len(siblings) - 1)
    if siblings[index] == code_id:
        return [codes[i].path for i in siblings]
    other = codes[siblings[index]].path
    placement = Placement(before=other) if steps < 0 else Placement(after=other)
    return order_codes(project, [code.path], placement, actor)


def count_segments(project: Project, code_ids: list[int]) -> int:
    """Coded segments of the given codes."""
    if not code_ids:
        return 0
    marks = ",".join("?" * len(code_ids))
    return project.db.execute(
        f"SELECT count(*) FROM segments WHERE code_id IN ({marks})", code_ids).fetchone()[0]


def delete_code(project: Project, path: str, force: bool = False, actor: str | None = None) -> int:
    """Delete the code at ``path`` with its subcodes; returns the coded segments deleted.

    Raises :class:`ConflictError` when segments would go and ``force`` is false.
    """
    code = get_code(project, path)
    tree, _ = load_codes(project)
    subtree = [code.id, *tree.descendants(code.id)]
    count = count_segments(project, subtree)
    if count and not force:
        raise ConflictError(
            f"code {path!r} and its subcodes have {count} coded segment(s); "
            "use --force to delete them too"
        )
    marks = ",".join("?" * len(subtree))
    with project.transaction(f"delete code {path}", actor):
        project.db.execute(
            f"DELETE FROM memos WHERE segment_id IN (SELECT id FROM segments "
            f"WHERE code_id IN ({marks}))", subtree)
        project.db.execute(f"DELETE FROM segments WHERE code_id IN ({marks})", subtree)
        project.db.execute(f"DELETE FROM memos WHERE code_id IN ({marks})", subtree)
        for code_id in reversed(subtree):  # children before parents (ON DELETE RESTRICT)
            project.db.execute("DELETE FROM codes WHERE id = ?", [code_id])
    return count


def merge_codes(project: Project, source: str, target: str, actor: str | None = None) -> int:
    """Merge the code ``source`` into ``target``: its coded segments and memos move to
    ``target``, its subcodes become subcodes of ``target`` (merged again where names clash),
    and ``source`` is deleted. A segment that ``target`` already has (same document, coder and
    span) is dropped instead of duplicated. Returns the number of segments moved.
    """
    src, dst = get_code(project, source), get_code(project, target)
    if src.id == dst.id:
        raise ConflictError("cannot merge a code into itself")
    tree, _ = load_codes(project)
    if dst.id in tree.descendants(src.id):
        raise ConflictError(f"cannot merge {source!r} into its own subcode {target!r}")
    with project.transaction(f"merge code {source} into {target}", actor):
        return _merge(project, src.id, dst.id)


def _merge(project: Project, src: int, dst: int) -> int:
    db = project.db
    db.execute(
        """DELETE FROM segments WHERE code_id = ? AND EXISTS (
               SELECT 1 FROM segments o WHERE o.code_id = ? AND o.document_id = segments.document_id
               AND o.coder_id = segments.coder_id AND o.start = segments.start
               AND o."end" = segments."end")""",
        [src, dst],
    )
    moved = db.execute("UPDATE segments SET code_id = ?, modified = ? WHERE code_id = ?",
                       [dst, utc_now(), src]).rowcount
    db.execute("UPDATE memos SET code_id = ? WHERE code_id = ?", [dst, src])
    tree, _ = load_codes(project)
    for child in list(tree.children.get(src, [])):
        clash = [c for c in tree.children.get(dst, []) if tree.name[c] == tree.name[child]]
        if clash:
            moved += _merge(project, child, clash[0])
        else:
            db.execute("UPDATE codes SET parent_id = ?, position = ? WHERE id = ?",
                       [dst, _next_position(project, dst), child])
    db.execute("DELETE FROM codes WHERE id = ?", [src])
    return moved


