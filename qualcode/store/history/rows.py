"""What undo and redo need to know about rows: keys, foreign keys, how to name a row for a
user, and who changed it last."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from qualcode.store.project import Project
from qualcode.store.schema import DELETE_LOGGED, LOGGED_TABLES

#: Every table whose rows appear in events (updates and inserts are logged for the first,
#: deletions for both).
EVENT_TABLES = frozenset(LOGGED_TABLES) | frozenset(DELETE_LOGGED)

_NOUNS = {
    "codes": "code", "segments": "coded segment", "documents": "document", "memos": "memo",
    "coders": "coder", "document_groups": "document group", "variables": "document variable",
    "settings": "setting", "resolutions": "resolution", "document_sets": "document set",
    "document_set_members": "document set membership",
}
_NAMED = {"codes": "name", "documents": "name", "coders": "name", "document_groups": "name",
          "variables": "name", "settings": "key", "document_sets": "name"}


def key_column(table: str) -> str:
    """``rowid`` for tables without an integer primary key, else ``id``."""
    columns = LOGGED_TABLES.get(table) or DELETE_LOGGED.get(table, ())
    return "rowid" if "rowid" in columns else "id"


@dataclass
class Schema:
    """Foreign keys of the project file: ``parents[table]`` = ``[(column, parent table)]``,
    ``children[table]`` = ``[(child table, column)]`` (only logged child tables: unlogged
    ones such as speaker turns and the token cache belong to their parent row)."""

    parents: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    children: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    guid: set[str] = field(default_factory=set)


def read_schema(project: Project) -> Schema:
    """The foreign keys and GUID columns of every table, from SQLite's own catalogue."""
    schema = Schema()
    tables = [r[0] for r in project.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        columns = {r[1] for r in project.db.execute(f'PRAGMA table_info("{table}")')}
        if "guid" in columns:
            schema.guid.add(table)
        for row in project.db.execute(f'PRAGMA foreign_key_list("{table}")'):
            parent, column = row[2], row[3]
            schema.parents.setdefault(table, []).append((column, parent))
            if table in LOGGED_TABLES:
                schema.children.setdefault(parent, []).append((table, column))
    return schema


def current_row(project: Project, table: str, row_id: int, columns) -> dict | None:
    """The row's ``columns`` as the event triggers record them (JSON types), or ``None``."""
    key = key_column(table)
    pairs = ", ".join(f"'{c}', " + (c if c == "rowid" else f'"{c}"') for c in columns)
    found = project.db.execute(
        f"SELECT json_object({pairs}) FROM {table} WHERE {key} = ?", [row_id]).fetchone()
    return json.loads(found[0]) if found else None


def named_row(project: Project, table: str, row_id: int) -> dict | None:
    """The column a message names the row by (see :func:`label`), if the row exists."""
    if table == "document_variables":
        found = project.db.execute(
            "SELECT d.name FROM document_variables dv JOIN documents d ON d.id = dv.document_id "
            "WHERE dv.rowid = ?", [row_id]).fetchone()
        return {"document": found[0]} if found else None
    column = _NAMED.get(table)
    return current_row(project, table, row_id, [column]) if column else None


def label(table: str, row_id: int, row: dict | None) -> str:
    """How a message names a row, e.g. ``code Netzwerk``, ``coded segment 12``."""
    if table == "document_variables":
        document = (row or {}).get("document")
        return f"a variable value of document {document}" if document else "a variable value"
    if table == "turns":
        return "a speaker turn"
    noun = _NOUNS.get(table, f"{table} row")
    name = (row or {}).get(_NAMED.get(table, ""))
    return f"{noun} {name}" if name else f"{noun} {row_id}"


@dataclass(frozen=True)
class Change:
    """The batch behind one event: who made which change when."""

    actor: str | None
    action: str | None
    created: str | None
    op: str
    old: dict | None

    def who(self) -> str:
        """``(jonas, 2026-03-04 10:15 UTC: “rename code A to B”)``."""
        if self.action is None:
            return "(not recorded by qualcode)"
        when = re.sub(r"T(\d\d:\d\d).*", r" \1 UTC", self.created or "")
        return f"({self.actor}, {when}: “{self.action}”)"


def last_change(project: Project, table: str, row_id: int, after_event: int) -> Change | None:
    """The latest change of the row made after event ``after_event`` (``None`` if none)."""
    found = project.db.execute(
        """SELECT b.actor, b.action, b.created, e.op, e.old FROM events e
           LEFT JOIN batches b ON b.id = e.batch_id
           WHERE e.table_name = ? AND e.row_id = ? AND e.id > ?
           ORDER BY e.id DESC LIMIT 1""", [table, row_id, after_event]).fetchone()
    if found is None:
        return None
    actor, action, created, op, old = found
    return Change(actor, action, created, op, json.loads(old) if old else None)


def unique_clash(project: Project, table: str, row: dict, row_id: int | None) -> int | None:
    """Key of another row that holds ``row``'s values in one of ``table``'s unique indexes
    (``None`` when there is none), to name what blocks an undo."""
    key = key_column(table)
    names = [c for c in row if c != "rowid"]
    values = "SELECT " + ", ".join(f'? AS "{c}"' for c in names)
    for index in project.db.execute(f'PRAGMA index_list("{table}")').fetchall():
        if not index[2]:
            continue
        terms = _index_terms(project, index[1])
        if not terms:
            continue
        where = " AND ".join(f"({t}) IS (SELECT {t} FROM v)" for t in terms)
        sql = f"WITH v AS ({values}) SELECT {key} FROM {table} WHERE {where}"
        params = [row[c] for c in names]
        if row_id is not None:
            sql += f" AND {key} <> ?"
            params.append(row_id)
        found = project.db.execute(sql, params).fetchone()
        if found:
            return found[0]
    return None


def _index_terms(project: Project, index: str) -> list[str]:
    """The indexed columns or expressions of ``index`` as SQL terms."""
    info = project.db.execute(f'PRAGMA index_info("{index}")').fetchall()
    if all(column[2] is not None for column in info):
        return [f'"{column[2]}"' for column in info]
    sql = project.db.execute("SELECT sql FROM sqlite_master WHERE name = ?",
                             [index]).fetchone()
    if not sql or not sql[0]:
        return []
    inner = sql[0][sql[0].index("(", sql[0].upper().index(" ON ")) + 1: sql[0].rindex(")")]
    terms, depth, start = [], 0, 0
    for position, char in enumerate(inner + ","):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            terms.append(re.sub(r"\s+(ASC|DESC)$", "", inner[start:position].strip(), flags=re.I))
            start = position + 1
    return terms
