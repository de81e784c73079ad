"""Coders: every coded segment records who coded it."""

from __future__ import annotations

from qualcode.domain.control_chars import check_name
from qualcode.domain.errors import ConflictError, InputError, NotFoundError
from qualcode.domain.models import Coder
from qualcode.store.project import Project, default_actor, new_guid, utc_now


def default_coder_name() -> str:
    """The coder used when none is given: ``$QUALCODE_CODER``, else the system user name."""
    return default_actor()


def _row_to_coder(row: dict) -> Coder:
    return Coder(id=row["id"], guid=row["guid"], name=row["name"])


def list_coders(project: Project) -> list[Coder]:
    """All coders, by name."""
    rows = project.db.query("SELECT id, guid, name FROM coders ORDER BY name COLLATE NOCASE")
    return [_row_to_coder(r) for r in rows]


def find_coder(project: Project, name: str) -> Coder | None:
    """The coder called ``name`` or ``None``."""
    rows = list(project.db.query("SELECT id, guid, name FROM coders WHERE name = ?", [name]))
    return _row_to_coder(rows[0]) if rows else None


def get_coder(project: Project, name: str) -> Coder:
    """The coder called ``name``; raises :class:`NotFoundError`."""
    coder = find_coder(project, name)
    if coder is None:
        known = ", ".join(c.name for c in list_coders(project)) or "none yet"
        raise NotFoundError(f"no coder {name!r} (coders: {known})")
    return coder


def ensure_coder(project: Project, name: str | None = None, guid: str | None = None) -> Coder:
    """The coder called ``name`` (default: :func:`default_coder_name`), created if new.

    Raises :class:`InputError` for an empty name, or a new one with a control character
    (:func:`~qualcode.domain.control_chars.check_name`; existing coders are kept as they are).
    """
    name = (name or default_coder_name()).strip()
    if not name:
        raise InputError("a coder name must not be empty")
    coder = find_coder(project, name)
    if coder is not None:
        return coder
    check_name("coder name", name)
    with project.transaction(f"add coder {name}", name):
        project.db.execute(
            "INSERT INTO coders (guid, name, created) VALUES (?, ?, ?)",
            [guid or new_guid(), name, utc_now()],
        )
    return get_coder(project, name)


def rename_coder(project: Project, old: str, new: str) -> Coder:
    """Rename a coder; raises :class:`ConflictError` when ``new`` is taken and
    :class:`InputError` when it is empty or holds a control character."""
    coder = get_coder(project, old)
    new = new.strip()
    if not new:
        raise InputError("a coder name must not be empty")
    check_name("coder name", new)
    if find_coder(project, new) is not None:
        raise ConflictError(f"a coder {new!r} already exists")
    with project.transaction(f"rename coder {old} to {new}", new):
        project.db.execute("UPDATE coders SET name = ? WHERE id = ?", [new, coder.id])
    return get_coder(project, new)
