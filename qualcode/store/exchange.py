"""Store operations for exchanging projects with other programs (REFI-QDA, surveys).

Look-ups by GUID, variable and group definitions with their GUIDs, and inserts that keep the
GUIDs and timestamps of imported rows. Every write must run inside
:meth:`qualcode.store.project.Project.transaction` (the importer's one transaction).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from qualcode.domain.codepath import join_codepath
from qualcode.domain.control_chars import check_name
from qualcode.domain.errors import InputError
from qualcode.domain.spans import check_span
from qualcode.domain.variables import VARIABLE_TYPES
from qualcode.store.codes import PALETTE, normalize_color
from qualcode.store.project import Project, new_guid, utc_now

#: Tables that have a stable ``guid`` column.
GUID_TABLES = ("documents", "codes", "coders", "segments", "memos", "document_groups",
               "variables")


@dataclass(frozen=True)
class VariableDefinition:
    """A document variable: name, type (see :data:`qualcode.domain.variables.VARIABLE_TYPES`)."""

    id: int
    guid: str
    name: str
    type: str
    position: int


@dataclass(frozen=True)
class GroupDefinition:
    """A document group with its GUID and its documents' ids in document order."""

    id: int
    guid: str
    name: str
    position: int
    document_ids: tuple[int, ...]


@dataclass(frozen=True)
class NewSegment:
    """A coded segment to insert as it came from another program: ``[start, end)`` in code
    points of the stored text; ``created``/``modified`` ISO 8601 (``None``: now)."""

    guid: str
    document_id: int
    code_id: int
    coder_id: int
    start: int
    end: int
    comment: str = ""
    weight: int = 0
    created: str | None = None
    modified: str | None = None


@dataclass
class CodeRow:
    """A code as :class:`CodeIndex` keeps it."""

    id: int
    guid: str
    parent_id: int | None
    name: str
    color: str
    definition: str
    anchor_example: str
    coding_rules: str


class CodeIndex:
    """The code system by GUID and by (parent, name), kept current while an importer adds
    codes, so importing thousands of codes does not reload the tree for each one.

    Read it inside the importer's transaction; add codes only through :meth:`add`.
    """

    def __init__(self, project: Project) -> None:
        self.project = project
        self.rows: dict[int, CodeRow] = {}
        self._guid: dict[str, int] = {}
        self._child: dict[tuple[int | None, str], int] = {}
        self._next: dict[int | None, int] = {}
        for row in project.db.query(
                """SELECT id, guid, parent_id, name, color, definition, anchor_example,
                          coding_rules, position FROM codes"""):
            position = row.pop("position")
            self._remember(CodeRow(**row), position)

    def _remember(self, row: CodeRow, position: int) -> None:
        self.rows[row.id] = row
        self._guid[row.guid.strip("{}").upper()] = row.id
        self._child[(row.parent_id, row.name)] = row.id
        self._next[row.parent_id] = max(self._next.get(row.parent_id, 1), position + 1)

    def by_guid(self, guid: str | None) -> int | None:
        """Id of the code with this GUID (braces and case ignored), or ``None``."""
        return self._guid.get((guid or "").strip().strip("{}").upper())

    def child(self, parent_id: int | None, name: str) -> int | None:
        """Id of the code ``name`` directly under ``parent_id`` (``None``: top level)."""
        return self._child.get((parent_id, name))

    def names_of(self, code_id: int) -> list[str]:
        """Names from the top-level code down to ``code_id``."""
        names: list[str] = []
        current: int | None = code_id
        while current is not None:
            names.append(self.rows[current].name)
            current = self.rows[current].parent_id
        return names[::-1]

    def path_of(self, code_id: int) -> str:
        """CODEPATH of ``code_id``."""
        return join_codepath(self.names_of(code_id))

    def add(self, parent_id: int | None, name: str, *, color: str | None = None,
            definition: str = "", anchor_example: str = "", coding_rules: str = "",
            guid: str | None = None) -> int:
        """Create code ``name`` under ``parent_id``; returns its id. Colour as
        :func:`qualcode.store.codes.add_code` gives it: the next palette colour for a top-level
        code, the parent's colour for a subcode. Raises :class:`InputError` for an empty name,
        one with a control character, a name taken at that level or a GUID in use."""
        name = name.strip()
        if not name:
            raise InputError("a code name must not be empty")
        check_name("code name", name)
        if self.child(parent_id, name) is not None:
            raise InputError(f"a code {name!r} already exists at that level")
        if guid and self.by_guid(guid) is not None:
            raise InputError(f"code GUID {guid} is already in use")
        if color is not None:
            color = normalize_color(color)
        elif parent_id is None:
            color = PALETTE[sum(1 for k in self._child if k[0] is None) % len(PALETTE)]
        else:
            color = self.rows[parent_id].color
        position = self._next.get(parent_id, 1)
        now = utc_now()
        with self.project.transaction(f"add code {name}"):
            cursor = self.project.db.execute(
                """INSERT INTO codes (guid, parent_id, name, color, definition, anchor_example,
                       coding_rules, position, created, modified)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [guid or new_guid(), parent_id, name, color, definition, anchor_example,
                 coding_rules, position, now, now])
        row = self.project.db.execute(
            """SELECT id, guid, parent_id, name, color, definition, anchor_example, coding_rules
               FROM codes WHERE id = ?""", [cursor.lastrowid]).fetchone()
        self._remember(CodeRow(*row), position)
        return cursor.lastrowid

    def update(self, code_id: int, **fields: str) -> None:
        """Set colour, definition, anchor example or coding rules of a code."""
        if not fields:
            return
        if "color" in fields:
            fields["color"] = normalize_color(fields["color"])
        assignments = ", ".join(f"{name} = ?" for name in fields)
        with self.project.transaction("edit code"):
            self.project.db.execute(
                f"UPDATE codes SET {assignments}, modified = ? WHERE id = ?",
                [*fields.values(), utc_now(), code_id])
        for key, value in fields.items():
            setattr(self.rows[code_id], key, value)


def guid_index(project: Project, table: str) -> dict[str, int]:
    """``{guid (upper case): id}`` of every row of ``table`` (one of :data:`GUID_TABLES`).

    GUIDs compare case-insensitively (REFI-QDA writes both cases)."""
    if table not in GUID_TABLES:
        raise ValueError(f"table {table!r} has no guid column")
    return {guid.upper(): row_id for row_id, guid in project.db.execute(
        f"SELECT id, guid FROM {table}")}


def variable_definitions(project: Project) -> list[VariableDefinition]:
    """Document variables in their order."""
    return [VariableDefinition(**r) for r in project.db.query(
        "SELECT id, guid, name, type, position FROM variables ORDER BY position, name")]


def create_variable(project: Project, name: str, type_: str, guid: str) -> int:
    """Create the document variable ``name`` of ``type_`` with ``guid``; returns its id.

    Raises :class:`InputError` for an unknown type or an empty name."""
    name = name.strip()
    if not name:
        raise InputError("a variable name must not be empty")
    if type_ not in VARIABLE_TYPES:
        raise InputError(f"unknown variable type {type_!r}")
    with project.transaction(f"add variable {name}"):
        position = project.db.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM variables").fetchone()[0]
        cursor = project.db.execute(
            "INSERT INTO variables (guid, name, type, position) VALUES (?, ?, ?, ?)",
            [guid, name, type_, position])
    return cursor.lastrowid


def group_definitions(project: Project) -> list[GroupDefinition]:
    """Document groups in their order, each with its documents."""
    members: dict[int, list[int]] = {}
    for group_id, document_id in project.db.execute(
            "SELECT group_id, id FROM documents WHERE group_id IS NOT NULL "
            "ORDER BY position, id"):
        members.setdefault(group_id, []).append(document_id)
    return [GroupDefinition(r["id"], r["guid"], r["name"], r["position"],
                            tuple(members.get(r["id"], ())))
            for r in project.db.query(
                "SELECT id, guid, name, position FROM document_groups ORDER BY position, name")]


def set_document_group(project: Project, document_id: int, group_id: int | None) -> None:
    """Put a document into a group (``None``: no group)."""
    with project.transaction("set document group"):
        project.db.execute("UPDATE documents SET group_id = ? WHERE id = ?",
                           [group_id, document_id])


def insert_segments(project: Project, segments: Iterable[NewSegment]) -> tuple[int, int]:
    """Insert coded segments, keeping their GUIDs and times; returns ``(inserted, duplicates)``.

    A segment identical to a stored one (same document, code, coder and span) is a duplicate
    and skipped. Raises :class:`InputError` for a span outside its document or a GUID that is
    already taken (check :func:`guid_index` first).
    """
    inserted = duplicates = 0
    lengths = dict(project.db.execute("SELECT id, characters FROM documents"))
    now = utc_now()
    with project.transaction("insert coded segments"):
        for segment in segments:
            check_span(segment.start, segment.end, lengths[segment.document_id])
            try:
                cursor = project.db.execute(
                    """INSERT OR IGNORE INTO segments (guid, document_id, code_id, coder_id,
                           start, "end", comment, weight, created, modified)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    [segment.guid, segment.document_id, segment.code_id, segment.coder_id,
                     segment.start, segment.end, segment.comment, segment.weight,
                     segment.created or now, segment.modified or segment.created or now])
            except sqlite3.IntegrityError as error:  # CHECK constraints: report, do not crash
                raise InputError(f"coded segment {segment.guid}: {error}") from None
            if cursor.rowcount:
                inserted += 1
            else:
                duplicates += 1
    return inserted, duplicates


def insert_memo(project: Project, *, guid: str, kind: str, text: str, title: str = "",
                target_id: int | None = None, author_id: int | None = None,
                created: str | None = None, modified: str | None = None,
                span: tuple[int, int] | None = None) -> int:
    """Insert a memo keeping its GUID and times; ``target_id`` is the document, code or
    segment of a memo of that kind (the document of a ``text`` memo, anchored at ``span``,
    code points). Returns the memo id; raises :class:`InputError` when the kind and target
    do not fit."""
    columns = {"document": "document_id", "code": "code_id", "segment": "segment_id",
               "text": "document_id"}
    values = {"document_id": None, "code_id": None, "segment_id": None}
    if kind in columns:
        values[columns[kind]] = target_id
    start, end = span if span is not None else (None, None)
    now = utc_now()
    try:
        with project.transaction(f"add {kind} memo"):
            cursor = project.db.execute(
                """INSERT INTO memos (guid, kind, document_id, code_id, segment_id, title, text,
                       author_id, created, modified, start, "end")
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [guid, kind, *values.values(), title, text, author_id, created or now,
                 modified or created or now, start, end])
    except sqlite3.IntegrityError as error:
        raise InputError(f"memo {guid}: {error}") from None
    return cursor.lastrowid


def last_change(project: Project) -> str | None:
    """Time of the most recent change recorded in the event log (ISO 8601), or ``None``."""
    row = project.db.execute("SELECT max(created) FROM batches").fetchone()
    return row[0] if row else None
