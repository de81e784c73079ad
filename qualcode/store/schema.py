"""Versioned schema of the project file (sqlite-utils migrations, one transaction each).

Offsets (``start``, ``end``, ``body_start``, ``body_end``) are 0-based code points of the
stored text, half-open. Times are ISO 8601 UTC strings; media times are integer milliseconds.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("qualcode")

#: Tables whose every change is written to the append-only ``events`` table, with the
#: columns recorded (``documents.text`` is left out: it never changes and can be large).
LOGGED_TABLES: dict[str, tuple[str, ...]] = {
    "document_groups": ("id", "guid", "name", "position"),
    "documents": (
        "id", "guid", "name", "group_id", "characters", "sha256", "source_name",
        "source_format", "encoding", "imported_at", "position",
    ),
    "variables": ("id", "guid", "name", "type", "position"),
    "document_variables": ("rowid", "document_id", "variable_id", "value"),
    "codes": (
        "id", "guid", "parent_id", "name", "color", "definition", "anchor_example",
        "coding_rules", "position", "created", "modified",
    ),
    "coders": ("id", "guid", "name", "created"),
    "segments": (
        "id", "guid", "document_id", "code_id", "coder_id", "start", "end", "comment",
        "weight", "anchor", "created", "modified",
    ),
    "memos": (
        "id", "guid", "kind", "document_id", "code_id", "segment_id", "title", "text",
        "author_id", "created", "modified", "start", "end",
    ),
    "settings": ("rowid", "key", "value"),
    "resolutions": (
        "id", "guid", "document_id", "code_id", "consensus_id", "segment_a", "segment_b",
        "choice", "created_segments", "created",
    ),
    "document_sets": ("id", "guid", "name", "position"),
    "document_set_members": ("id", "set_id", "document_id", "position"),
}

#: Logged tables created by a later migration (with their triggers) rather than the first.
_ADDED_LATER = frozenset({"resolutions", "document_sets", "document_set_members"})

#: Columns the first migration logged for tables a later migration widened (0006 gave memos
#: an anchor in the text).
_FIRST_COLUMNS: dict[str, tuple[str, ...]] = {"memos": LOGGED_TABLES["memos"][:-2]}


_INITIAL = [
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT
    )""",
    """CREATE TABLE document_groups (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE CHECK (name <> ''),
        position INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE CHECK (name <> ''),
        group_id INTEGER REFERENCES document_groups(id) ON DELETE SET NULL,
        characters INTEGER NOT NULL CHECK (characters = length(text)),
        sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        source_name TEXT,
        source_format TEXT,
        encoding TEXT,
        imported_at TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        -- Last: SQLite reads a row's columns in order, and a long text spills onto overflow
        -- pages that every later column would have to walk through.
        text TEXT NOT NULL
    )""",
    "CREATE INDEX documents_group ON documents(group_id, position)",
    "CREATE INDEX documents_position ON documents(position)",
    """CREATE TABLE turns (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        body_start INTEGER NOT NULL,
        body_end INTEGER NOT NULL,
        speaker TEXT NOT NULL,
        time_mark_ms INTEGER,
        start_ms INTEGER,
        end_ms INTEGER,
        line_start INTEGER NOT NULL,
        line_end INTEGER NOT NULL,
        CHECK (0 <= start AND start <= body_start AND body_start <= body_end
               AND body_end <= "end"),
        UNIQUE (document_id, position)
    )""",
    'CREATE INDEX turns_document_start ON turns(document_id, start)',
    "CREATE INDEX turns_speaker ON turns(speaker)",
    """CREATE TABLE variables (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE CHECK (name <> ''),
        type TEXT NOT NULL CHECK (type IN ('text', 'integer', 'float', 'date', 'boolean')),
        position INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE document_variables (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        variable_id INTEGER NOT NULL REFERENCES variables(id) ON DELETE CASCADE,
        value,
        PRIMARY KEY (document_id, variable_id)
    )""",
    "CREATE INDEX document_variables_variable ON document_variables(variable_id, value)",
    """CREATE TABLE codes (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        parent_id INTEGER REFERENCES codes(id) ON DELETE RESTRICT,
        name TEXT NOT NULL CHECK (name <> '' AND name = trim(name)),
        color TEXT NOT NULL DEFAULT '#808080'
            CHECK (length(color) = 7 AND color GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'),
        definition TEXT NOT NULL DEFAULT '',
        anchor_example TEXT NOT NULL DEFAULT '',
        coding_rules TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        CHECK (parent_id IS NULL OR parent_id <> id)
    )""",
    "CREATE UNIQUE INDEX codes_parent_name ON codes(ifnull(parent_id, 0), name)",
    "CREATE INDEX codes_parent ON codes(parent_id)",
    """CREATE TABLE coders (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE CHECK (name <> ''),
        created TEXT NOT NULL
    )""",
    """CREATE TABLE segments (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE RESTRICT,
        coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE RESTRICT,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        weight INTEGER NOT NULL DEFAULT 0 CHECK (weight BETWEEN 0 AND 100),
        anchor INTEGER NOT NULL DEFAULT 0 CHECK (anchor IN (0, 1)),
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        CHECK (0 <= start AND start < "end"),
        UNIQUE (document_id, code_id, coder_id, start, "end")
    )""",
    "CREATE INDEX segments_document_start ON segments(document_id, start)",
    "CREATE INDEX segments_code ON segments(code_id)",
    "CREATE INDEX segments_coder ON segments(coder_id)",
    """CREATE TRIGGER segments_inside_text_insert BEFORE INSERT ON segments
       WHEN NEW."end" > (SELECT characters FROM documents WHERE id = NEW.document_id)
       BEGIN SELECT RAISE(ABORT, 'coded segment ends after the end of its document'); END""",
    """CREATE TRIGGER segments_inside_text_update BEFORE UPDATE OF start, "end", document_id
       ON segments
       WHEN NEW."end" > (SELECT characters FROM documents WHERE id = NEW.document_id)
       BEGIN SELECT RAISE(ABORT, 'coded segment ends after the end of its document'); END""",
    """CREATE TRIGGER documents_text_is_immutable BEFORE UPDATE OF text, sha256, characters
       ON documents
       BEGIN SELECT RAISE(ABORT, 'stored document text never changes'); END""",
    """CREATE TABLE memos (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('free', 'project', 'document', 'code', 'segment')),
        document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
        code_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
        segment_id INTEGER REFERENCES segments(id) ON DELETE CASCADE,
        title TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        author_id INTEGER REFERENCES coders(id) ON DELETE SET NULL,
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        CHECK (CASE kind
            WHEN 'document' THEN document_id IS NOT NULL AND code_id IS NULL AND segment_id IS NULL
            WHEN 'code' THEN code_id IS NOT NULL AND document_id IS NULL AND segment_id IS NULL
            WHEN 'segment' THEN segment_id IS NOT NULL AND document_id IS NULL AND code_id IS NULL
            ELSE document_id IS NULL AND code_id IS NULL AND segment_id IS NULL END)
    )""",
    "CREATE INDEX memos_document ON memos(document_id)",
    "CREATE INDEX memos_code ON memos(code_id)",
    "CREATE INDEX memos_segment ON memos(segment_id)",
    """CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        created TEXT NOT NULL,
        actor TEXT,
        action TEXT NOT NULL,
        undoes INTEGER REFERENCES batches(id),
        redoes INTEGER REFERENCES batches(id)
    )""",
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER REFERENCES batches(id),
        created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        table_name TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        old TEXT,
        new TEXT
    )""",
    "CREATE INDEX events_batch ON events(batch_id)",
    "CREATE INDEX events_row ON events(table_name, row_id)",
    """CREATE TABLE change_context (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        batch_id INTEGER
    )""",
    "INSERT INTO change_context (id, batch_id) VALUES (1, NULL)",
    """CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
       BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END""",
    """CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
       BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END""",
    """CREATE TRIGGER batches_append_only_update BEFORE UPDATE ON batches
       BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END""",
    """CREATE TRIGGER batches_append_only_delete BEFORE DELETE ON batches
       BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END""",
]


def _json_of(row: str, columns: tuple[str, ...]) -> str:
    pairs = ", ".join(f"'{column}', {row}.\"{column}\"" for column in columns)
    return f"json_object({pairs})"


def event_triggers(table: str, columns: tuple[str, ...]) -> list[str]:
    """SQL for the three triggers that log every insert, update and delete on ``table``."""
    key = "rowid" if "rowid" in columns else "id"
    batch = "(SELECT batch_id FROM change_context WHERE id = 1)"
    new, old = _json_of("NEW", columns), _json_of("OLD", columns)
    watched = ", ".join(f'"{c}"' for c in columns if c not in ("rowid", "id"))
    return [
        f"""CREATE TRIGGER log_{table}_insert AFTER INSERT ON {table} BEGIN
            INSERT INTO events (batch_id, op, table_name, row_id, new)
            VALUES ({batch}, 'insert', '{table}', NEW.{key}, {new}); END""",
        f"""CREATE TRIGGER log_{table}_update AFTER UPDATE OF {watched} ON {table} BEGIN
            INSERT INTO events (batch_id, op, table_name, row_id, old, new)
            VALUES ({batch}, 'update', '{table}', NEW.{key}, {old}, {new}); END""",
        f"""CREATE TRIGGER log_{table}_delete AFTER DELETE ON {table} BEGIN
            INSERT INTO events (batch_id, op, table_name, row_id, old)
            VALUES ({batch}, 'delete', '{table}', OLD.{key}, {old}); END""",
    ]


@MIGRATIONS(name="0001_initial")
def initial(db: Database) -> None:
    """Tables, constraints, look-up indexes and the event-log triggers."""
    for statement in _INITIAL:
        db.execute(statement)
    for table, columns in LOGGED_TABLES.items():
        if table in _ADDED_LATER:
            continue
        for statement in event_triggers(table, _FIRST_COLUMNS.get(table, columns)):
            db.execute(statement)


_RESOLUTIONS = [
    # How a disagreement between two coders was resolved into a consensus coder: the two
    # segments by GUID (NULL for a side without a segment), the choice, and the GUIDs of the
    # consensus segments it created (a JSON list), so that a new choice can replace them.
    """CREATE TABLE resolutions (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
        consensus_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE RESTRICT,
        segment_a TEXT,
        segment_b TEXT,
        choice TEXT NOT NULL CHECK (choice IN ('a', 'b', 'both', 'neither')),
        created_segments TEXT NOT NULL DEFAULT '[]',
        created TEXT NOT NULL,
        CHECK (segment_a IS NOT NULL OR segment_b IS NOT NULL)
    )""",
    """CREATE UNIQUE INDEX resolutions_pair
       ON resolutions(consensus_id, ifnull(segment_a, ''), ifnull(segment_b, ''))""",
    "CREATE INDEX resolutions_document ON resolutions(document_id)",
    "CREATE INDEX resolutions_code ON resolutions(code_id)",
]


@MIGRATIONS(name="0002_resolutions")
def resolutions(db: Database) -> None:
    """Resolutions of coder disagreements into a consensus coder (intercoder agreement)."""
    for statement in _RESOLUTIONS:
        db.execute(statement)
    for statement in event_triggers("resolutions", LOGGED_TABLES["resolutions"]):
        db.execute(statement)


@MIGRATIONS(name="0003_analysis_token_cache")
def token_cache(db: Database) -> None:
    """Derived data for lexical search: each document's tokens, lemmas and sentences.

    Not logged and not undoable: it is recomputed from the (immutable) text whenever
    ``pipeline`` (language pipeline and rule versions) or ``sha256`` no longer match.
    """
    db.execute(
        """CREATE TABLE token_cache (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            pipeline TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            payload TEXT NOT NULL,
            created TEXT NOT NULL
        )"""
    )


#: Tables whose DELETE events hold more than :data:`LOGGED_TABLES` records, so that undoing
#: an import and redoing a document deletion can put the rows back exactly: a deleted
#: document's text, and every column of its speaker turns (turns are logged on delete only:
#: an import writes them in bulk and its undo removes them with their document).
DELETE_LOGGED: dict[str, tuple[str, ...]] = {
    "documents": LOGGED_TABLES["documents"] + ("text",),
    "turns": (
        "id", "document_id", "position", "start", "end", "body_start", "body_end", "speaker",
        "time_mark_ms", "start_ms", "end_ms", "line_start", "line_end",
    ),
}


def _delete_trigger(table: str, columns: tuple[str, ...]) -> str:
    return f"""CREATE TRIGGER log_{table}_delete AFTER DELETE ON {table} BEGIN
        INSERT INTO events (batch_id, op, table_name, row_id, old)
        VALUES ((SELECT batch_id FROM change_context WHERE id = 1), 'delete', '{table}',
                OLD.id, {_json_of("OLD", columns)}); END"""


@MIGRATIONS(name="0004_history")
def deleted_rows(db: Database) -> None:
    """Deleted documents keep their text in the event log, and deleted speaker turns are
    logged, so that an undone import can be redone exactly (``qualcode purge`` drops both)."""
    db.execute("DROP TRIGGER log_documents_delete")
    for table, columns in DELETE_LOGGED.items():
        db.execute(_delete_trigger(table, columns))


_DOCUMENT_SETS = [
    # A document set (MAXQDA: "Dokumentset") is a named collection of documents across
    # groups; a document may be in several sets, once each. Members keep their own id so
    # that the event log can name each membership (undo puts it back exactly).
    """CREATE TABLE document_sets (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL UNIQUE CHECK (name <> ''),
        position INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE document_set_members (
        id INTEGER PRIMARY KEY,
        set_id INTEGER NOT NULL REFERENCES document_sets(id) ON DELETE CASCADE,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        UNIQUE (set_id, document_id)
    )""",
    "CREATE INDEX document_set_members_document ON document_set_members(document_id)",
]


@MIGRATIONS(name="0005_document_sets")
def document_sets(db: Database) -> None:
    """Document sets: named collections of documents across groups, logged for undo."""
    for statement in _DOCUMENT_SETS:
        db.execute(statement)
    for table in ("document_sets", "document_set_members"):
        for statement in event_triggers(table, LOGGED_TABLES[table]):
            db.execute(statement)


_TEXT_MEMOS = [
    # In-text memos (MAXQDA: "Memo im Text") anchor at [start, end) in code points of their
    # document's text; every other kind has no anchor. SQLite cannot widen a CHECK, so the
    # table is built anew and the rows copied (ids, GUIDs and times unchanged).
    """CREATE TABLE memos_new (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL
            CHECK (kind IN ('free', 'project', 'document', 'code', 'segment', 'text')),
        document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
        code_id INTEGER REFERENCES codes(id) ON DELETE CASCADE,
        segment_id INTEGER REFERENCES segments(id) ON DELETE CASCADE,
        title TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        author_id INTEGER REFERENCES coders(id) ON DELETE SET NULL,
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        start INTEGER,
        "end" INTEGER,
        CHECK (CASE kind
            WHEN 'text' THEN document_id IS NOT NULL AND code_id IS NULL AND segment_id IS NULL
                AND start IS NOT NULL AND "end" IS NOT NULL AND 0 <= start AND start <= "end"
            ELSE start IS NULL AND "end" IS NULL END),
        CHECK (CASE kind
            WHEN 'document' THEN document_id IS NOT NULL AND code_id IS NULL AND segment_id IS NULL
            WHEN 'code' THEN code_id IS NOT NULL AND document_id IS NULL AND segment_id IS NULL
            WHEN 'segment' THEN segment_id IS NOT NULL AND document_id IS NULL AND code_id IS NULL
            WHEN 'text' THEN 1
            ELSE document_id IS NULL AND code_id IS NULL AND segment_id IS NULL END)
    )""",
    """INSERT INTO memos_new (id, guid, kind, document_id, code_id, segment_id, title, text,
           author_id, created, modified)
       SELECT id, guid, kind, document_id, code_id, segment_id, title, text, author_id,
           created, modified FROM memos""",
    "DROP TRIGGER log_memos_insert",
    "DROP TRIGGER log_memos_update",
    "DROP TRIGGER log_memos_delete",
    "DROP TABLE memos",
    "ALTER TABLE memos_new RENAME TO memos",
    "CREATE INDEX memos_document ON memos(document_id, start)",
    "CREATE INDEX memos_code ON memos(code_id)",
    "CREATE INDEX memos_segment ON memos(segment_id)",
    """CREATE TRIGGER memos_inside_text_insert BEFORE INSERT ON memos
       WHEN NEW."end" > (SELECT characters FROM documents WHERE id = NEW.document_id)
       BEGIN SELECT RAISE(ABORT, 'memo ends after the end of its document'); END""",
    """CREATE TRIGGER memos_inside_text_update BEFORE UPDATE OF start, "end", document_id
       ON memos
       WHEN NEW."end" > (SELECT characters FROM documents WHERE id = NEW.document_id)
       BEGIN SELECT RAISE(ABORT, 'memo ends after the end of its document'); END""",
]


@MIGRATIONS(name="0006_text_memos")
def text_memos(db: Database) -> None:
    """Memos at a position in a document's text (kind ``text``, anchored at [start, end)),
    logged for undo like every memo. Document texts never change, so anchors need no moving."""
    for statement in _TEXT_MEMOS:
        db.execute(statement)
    for statement in event_triggers("memos", LOGGED_TABLES["memos"]):
        db.execute(statement)


@MIGRATIONS(name="0007_workbench_state")
def workbench_state(db: Database) -> None:
    """Where each coder left the workbench (open document, cursor, activations, coder
    filter), as one JSON object per coder name.

    Not logged and not undoable: it is a view setting, not project data, and ``ctrl+z``
    must never take back a cursor move. Unknown keys and ids of deleted documents or codes
    are ignored when it is read back.
    """
    db.execute(
        """CREATE TABLE workbench_state (
            coder TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            modified TEXT NOT NULL
        )"""
    )


@MIGRATIONS(name="0008_quick_codes")
def quick_codes(db: Database) -> None:
    """Quick codes: each coder's codes pinned to the number keys 1-9 of the workbench.

    A preference of the coder, not part of the analysis: not logged, never undone (undo
    takes back codings, not where a coder put their keys). A pin goes with its code or coder.
    """
    db.execute(
        """CREATE TABLE quick_codes (
            coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
            slot INTEGER NOT NULL CHECK (slot BETWEEN 1 AND 9),
            code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
            PRIMARY KEY (coder_id, slot),
            UNIQUE (coder_id, code_id)
        )"""
    )
