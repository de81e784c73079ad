"""Quick codes: the codes a coder pinned to the workbench's number keys 1-9.

Pins are the coder's preference, kept in the project file (table ``quick_codes``) but not
in the event log: undo and redo never move them. A pin disappears with its code.
"""

from __future__ import annotations

from qualcode.domain.errors import InputError
from qualcode.store.coders import ensure_coder, find_coder
from qualcode.store.codes import get_code_by_id
from qualcode.store.project import Project

#: Number keys a code can be pinned to.
SLOTS = range(1, 10)


def quick_code_pins(project: Project, coder: str) -> dict[int, int]:
    """``{number key: code id}`` of the codes ``coder`` pinned (empty for an unknown coder)."""
    found = find_coder(project, coder)
    if found is None:
        return {}
    return dict(project.db.execute(
        "SELECT slot, code_id FROM quick_codes WHERE coder_id = ? ORDER BY slot", [found.id]))


def pin_quick_code(project: Project, coder: str, slot: int, code_id: int) -> dict[int, int]:
    """Pin the code ``code_id`` to number key ``slot`` (1-9) for ``coder``: a code pinned to
    another key moves, a code pinned to this key is unpinned. Returns the coder's pins.
    Raises :class:`InputError` for a slot outside 1-9 and :class:`NotFoundError` for an
    unknown code."""
    if slot not in SLOTS:
        raise InputError(f"quick code keys are 1 to 9, not {slot}")
    get_code_by_id(project, code_id)
    coder_id = ensure_coder(project, coder).id
    with project.write_lock():
        project.db.execute("DELETE FROM quick_codes WHERE coder_id = ? AND (slot = ? OR "
                           "code_id = ?)", [coder_id, slot, code_id])
        project.db.execute("INSERT INTO quick_codes (coder_id, slot, code_id) VALUES (?, ?, ?)",
                           [coder_id, slot, code_id])
    return quick_code_pins(project, coder)


def unpin_quick_code(project: Project, coder: str, slot: int) -> dict[int, int]:
    """Take the pin off number key ``slot`` for ``coder``; returns the coder's pins."""
    found = find_coder(project, coder)
    if found is not None:
        with project.write_lock():
            project.db.execute("DELETE FROM quick_codes WHERE coder_id = ? AND slot = ?",
                               [found.id, slot])
    return quick_code_pins(project, coder)
