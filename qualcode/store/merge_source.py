"""Reading another project file for a merge, read-only: nothing in it is changed."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from qualcode.domain.codesystem import CodeTree
from qualcode.domain.errors import ProjectError
from qualcode.store.file_access import WalUnreadable, connect_readonly
from qualcode.store.project import APPLICATION_ID, BUSY_TIMEOUT_MS
from qualcode.store.schema import MIGRATIONS


@dataclass
class SourceProject:
    """The rows of a source project that a merge brings over, each table as a list of dicts
    (``codes`` rows carry their CODEPATH as ``path``, parents before children)."""

    path: Path
    documents: list[dict]
    turns: dict[int, list[dict]]
    variables: dict[int, list[dict]]
    codes: list[dict]
    coders: list[dict]
    segments: list[dict]
    memos: list[dict]


def _rows(db: Database, sql: str) -> list[dict]:
    return list(db.query(sql))


def read_source(path: Path) -> SourceProject:
    """Read ``path`` (a qualcode project) without writing to it (nor beside it: no ``-wal``
    or ``-shm`` is created when it is closed, see
    :func:`~qualcode.store.file_access.connect_readonly`).

    Raises :class:`ProjectError` when it is missing, not a qualcode project, or written by a
    newer qualcode.
    """
    if not path.is_file():
        raise ProjectError(f"{path}: no such project file")
    conn = None
    try:
        conn, _snapshot = connect_readonly(path, BUSY_TIMEOUT_MS / 1000)
        db = Database(conn)
        if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise ProjectError(f"{path}: not a qualcode project")
        known = {m.name for m in MIGRATIONS._migrations}
        newer = {m.name for m in MIGRATIONS.applied(db)} - known
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if newer or version > len(known):
            schema = f"{version}: {max(newer)}" if newer else str(version)
            raise ProjectError(f"{path}: written by a newer qualcode (schema {schema}; this "
                               f"qualcode knows {len(known)})")
        return _read(path, db)
    except WalUnreadable as error:
        raise ProjectError(f"{path}: cannot read the changes in its -wal here ({error})") \
            from None
    except sqlite3.DatabaseError as error:
        raise ProjectError(f"{path}: cannot read the project ({error})") from None
    finally:
        if conn is not None:
            conn.close()


def _read(path: Path, db: Database) -> SourceProject:
    documents = _rows(db, """SELECT d.id, d.guid, d.name, g.name AS "group", d.text, d.sha256,
                                    d.source_name, d.source_format, d.encoding
                             FROM documents d LEFT JOIN document_groups g ON g.id = d.group_id
                             ORDER BY coalesce(g.position, 0), d.position, d.id""")
    turns: dict[int, list[dict]] = {}
    for row in _rows(db, """SELECT document_id, start, "end", body_start, body_end, speaker,
                                   time_mark_ms, start_ms, end_ms, line_start, line_end
                            FROM turns ORDER BY document_id, position"""):
        turns.setdefault(row.pop("document_id"), []).append(row)
    variables: dict[int, list[dict]] = {}
    for row in _rows(db, """SELECT dv.document_id, v.name, v.type, dv.value
                            FROM document_variables dv JOIN variables v ON v.id = dv.variable_id
                            ORDER BY v.position, v.name"""):
        if row["type"] == "boolean" and row["value"] is not None:
            row["value"] = bool(row["value"])
        variables.setdefault(row.pop("document_id"), []).append(row)
    codes = _rows(db, """SELECT id, guid, parent_id, name, color, definition, anchor_example,
                                coding_rules, position, created, modified FROM codes""")
    tree = CodeTree((c["id"], c["parent_id"], c["name"], c["position"]) for c in codes)
    by_id = {c["id"]: c for c in codes}
    ordered = [dict(by_id[i], path=tree.path_of(i)) for i in tree.walk()]
    coders = _rows(db, "SELECT id, guid, name, created FROM coders ORDER BY id")
    segments = _rows(db, """SELECT id, guid, document_id, code_id, coder_id, start, "end",
                                   comment, weight, anchor, created, modified
                            FROM segments ORDER BY id""")
    # A project made before in-text memos (migration 0006) has no anchor columns.
    anchored = "start" in db["memos"].columns_dict
    anchor = 'start, "end"' if anchored else 'NULL AS start, NULL AS "end"'
    memos = _rows(db, f"""SELECT id, guid, kind, document_id, code_id, segment_id, title, text,
                                 author_id, created, modified, {anchor} FROM memos ORDER BY id""")
    return SourceProject(path, documents, turns, variables, ordered, coders, segments, memos)
