"""Documents, document groups, speaker turns and typed document variables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import get_close_matches

from qualcode.domain.errors import ConflictError, InputError, NotFoundError
from qualcode.domain.models import Document, NewDocument, Turn
from qualcode.domain.text import is_normalized, sha256_text
from qualcode.domain.variables import VARIABLE_TYPES, article, convert, infer_type
from qualcode.store.project import MAX_INTEGER, Project, new_guid, utc_now


class DuplicateDocumentError(ConflictError):
    """The text is already in the project (same SHA-256); ``existing`` is its document name."""

    def __init__(self, message: str, existing: str) -> None:
        super().__init__(message)
        self.existing = existing


_DOC_COLUMNS = """d.id, d.guid, d.name, g.name AS "group", d.sha256, d.characters,
    d.source_name, d.source_format, d.encoding, d.imported_at,
    (SELECT count(*) FROM turns t WHERE t.document_id = d.id) AS turns"""


def ensure_group(project: Project, name: str, guid: str | None = None) -> int:
    """Id of the document group ``name``, created when new (with ``guid`` when given)."""
    name = name.strip()
    if not name:
        raise InputError("a document group name must not be empty")
    row = project.db.execute("SELECT id FROM document_groups WHERE name = ?", [name]).fetchone()
    if row:
        return row[0]
    with project.transaction(f"add document group {name}"):
        position = project.db.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM document_groups"
        ).fetchone()[0]
        cursor = project.db.execute(
            "INSERT INTO document_groups (guid, name, position) VALUES (?, ?, ?)",
            [guid or new_guid(), name, position],
        )
    return cursor.lastrowid


def list_groups(project: Project) -> list[str]:
    """Document group names in their order."""
    return [r[0] for r in project.db.execute(
        "SELECT name FROM document_groups ORDER BY position, name")]


def _unique_name(project: Project, name: str) -> str:
    # "name" and "name-..." as a range on the unique index ("." sorts right after "-").
    taken = {
        r[0] for r in project.db.execute(
            "SELECT name FROM documents WHERE name = ? OR (name >= ? AND name < ?)",
            [name, name + "-", name + "."],
        )
    }
    if name not in taken:
        return name
    number = 2
    while f"{name}-{number}" in taken:
        number += 1
    return f"{name}-{number}"


def find_by_sha256(project: Project, sha256: str) -> str | None:
    """Name of the document whose text has this SHA-256, or ``None``."""
    row = project.db.execute("SELECT name FROM documents WHERE sha256 = ?", [sha256]).fetchone()
    return row[0] if row else None


def add_document(
    project: Project, new: NewDocument, group: str | None = None, actor: str | None = None,
    *, guid: str | None = None,
) -> Document:
    """Store ``new`` with its turns and variables in one transaction.

    ``guid``: the document's GUID (default: a new one), e.g. kept from a REFI-QDA project.
    A name already in use gets a suffix (``-2``, ``-3`` ...). Raises
    :class:`DuplicateDocumentError` when the same text (SHA-256) is already stored and
    :class:`InputError` when the text is not normalised.
    """
    if not is_normalized(new.text):
        raise InputError(f"{new.source_name}: text is not normalised (importer bug)")
    sha = sha256_text(new.text)
    existing = find_by_sha256(project, sha)
    if existing is not None:
        raise DuplicateDocumentError(
            f"{new.source_name}: same text as document {existing!r}, skipped", existing
        )
    with project.transaction(f"import {new.source_name}", actor):
        group_id = ensure_group(project, group) if group else None
        name = _unique_name(project, new.name)
        position = project.db.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM documents"
        ).fetchone()[0]
        row_guid, imported_at = guid or new_guid(), utc_now()
        cursor = project.db.execute(
            """INSERT INTO documents (guid, name, group_id, text, characters, sha256,
                   source_name, source_format, encoding, imported_at, position)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [row_guid, name, group_id, new.text, len(new.text), sha, new.source_name,
             new.source_format, new.encoding, imported_at, position],
        )
        document_id = cursor.lastrowid
        project.db.conn.executemany(
            """INSERT INTO turns (document_id, position, start, "end", body_start, body_end,
                   speaker, time_mark_ms, start_ms, end_ms, line_start, line_end)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (document_id, i, t.start, t.end, t.body_start, t.body_end, t.speaker,
                 t.time_mark_ms, t.start_ms, t.end_ms, t.line_start, t.line_end)
                for i, t in enumerate(new.structure.turns)
            ],
        )
        variables = {**new.structure.variables, **new.variables}
        for key, value in variables.items():
            _store_variable(project, document_id, key, value, None, where=new.source_name)
        group_name = group.strip() if group else None
        stored = _variables_by_document(project, document_id).get(document_id, {})
        document = Document(
            id=document_id, guid=row_guid, name=name, group=group_name, sha256=sha,
            characters=len(new.text), source_name=new.source_name,
            source_format=new.source_format, encoding=new.encoding, imported_at=imported_at,
            turns=len(new.structure.turns), variables=stored)
    return document


def _row_to_document(row: dict, variables: dict[str, object]) -> Document:
    return Document(variables=variables, **{k: row[k] for k in (
        "id", "guid", "name", "group", "sha256", "characters", "source_name",
        "source_format", "encoding", "imported_at", "turns")})


def _variables_by_document(project: Project, document_id: int | None = None) -> dict:
    sql = """SELECT dv.document_id, v.name, v.type, dv.value FROM document_variables dv
             JOIN variables v ON v.id = dv.variable_id"""
    params: list = []
    if document_id is not None:
        sql += " WHERE dv.document_id = ?"
        params.append(document_id)
    sql += " ORDER BY v.position, v.name"
    out: dict[int, dict[str, object]] = {}
    for doc, name, type_, value in project.db.execute(sql, params):
        if type_ == "boolean" and value is not None:
            value = bool(value)
        out.setdefault(doc, {})[name] = value
    return out


def list_documents(project: Project, group: str | None = None,
                   sets: Sequence[str] | None = None) -> list[Document]:
    """Documents in order (groups in their order, then each group's documents), optionally
    only those of ``group`` and of one of the document ``sets`` (raises
    :class:`NotFoundError` for an unknown set)."""
    from qualcode.store.document_scope import checked_condition

    sql = f"""SELECT {_DOC_COLUMNS} FROM documents d
              LEFT JOIN document_groups g ON g.id = d.group_id"""
    params: list = []
    if group is not None:
        sql += " WHERE g.name = ?"
        params.append(group)
    if sets:
        scope, scope_params = checked_condition(project, None, sets)
        sql += (" AND " if group is not None else " WHERE ") + scope.removeprefix(" AND ")
        params.extend(scope_params)
    sql += " ORDER BY coalesce(g.position, 0), d.position, d.id"
    variables = _variables_by_document(project)
    return [_row_to_document(r, variables.get(r["id"], {}))
            for r in project.db.query(sql, params)]


def get_document(project: Project, document_id: int) -> Document:
    """The document with this id; raises :class:`NotFoundError`."""
    rows = list(project.db.query(
        f"""SELECT {_DOC_COLUMNS} FROM documents d
            LEFT JOIN document_groups g ON g.id = d.group_id WHERE d.id = ?""",
        [document_id],
    ))
    if not rows:
        raise NotFoundError(f"no document with id {document_id}")
    return _row_to_document(rows[0], _variables_by_document(project, document_id).get(
        document_id, {}))


def resolve_document(project: Project, ref: str | int) -> Document:
    """The document named ``ref`` (file name without extension), else with id ``ref``.

    Raises :class:`NotFoundError` listing close names.
    """
    row = project.db.execute("SELECT id FROM documents WHERE name = ?", [str(ref)]).fetchone()
    if row is None and re.fullmatch(r"\d{1,19}", str(ref)) and int(ref) <= MAX_INTEGER:
        row = project.db.execute("SELECT id FROM documents WHERE id = ?", [int(ref)]).fetchone()
    if row is None:
        names = [r[0] for r in project.db.execute("SELECT name FROM documents")]
        close = get_close_matches(str(ref), names, n=3, cutoff=0.5)
        hint = f" (did you mean: {', '.join(close)}?)" if close else ""
        raise NotFoundError(f"no document {ref!r}{hint}")
    return get_document(project, row[0])


def document_text(project: Project, document_id: int) -> str:
    """The stored (normalised) text of a document."""
    row = project.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()
    if row is None:
        raise NotFoundError(f"no document with id {document_id}")
    return row[0]


def document_turns(project: Project, document_id: int) -> list[Turn]:
    """Speaker turns of a document in text order."""
    return [
        Turn(**r) for r in project.db.query(
            """SELECT id, document_id, position, start, "end", body_start, body_end, speaker,
                      time_mark_ms, start_ms, end_ms, line_start, line_end
               FROM turns WHERE document_id = ? ORDER BY position""",
            [document_id],
        )
    ]


def set_variable(
    project: Project, document_id: int, name: str, value: object, type_: str | None = None,
    *, convert_type: bool = False,
) -> str | None:
    """Set a typed document variable (one transaction).

    The variable's type is fixed project-wide on first use (``type_`` or inferred from the
    value, see :func:`qualcode.domain.variables.infer_type`). Afterwards a value must fit it:
    nothing is retyped silently. With ``convert_type`` and a ``type_`` other than the current
    one, the variable is first converted for every document (:func:`convert_variable`) and a
    note saying so is returned; otherwise the result is ``None``. ``None`` as value clears it.

    Raises :class:`InputError` for an empty name, a value that does not fit the variable's
    type (naming document, variable, value and type), and a ``type_`` other than the
    variable's without ``convert_type``.
    """
    with project.transaction(f"set variable {name.strip()}"):
        note = None
        current = variable_types(project).get(name.strip())
        if convert_type and type_ is not None and current is not None and current != type_:
            note = convert_variable(project, name, type_)
        _store_variable(project, document_id, name, value, type_)
    return note


def _document_label(project: Project, document_id: int) -> str:
    row = project.db.execute("SELECT name FROM documents WHERE id = ?", [document_id]).fetchone()
    return row[0] if row else f"document {document_id}"


def _store_variable(
    project: Project, document_id: int, name: str, value: object, type_: str | None,
    where: str | None = None,
) -> None:
    """:func:`set_variable` inside the caller's transaction; ``where`` names the document in
    messages (default: its name)."""
    name = name.strip()
    if not name:
        raise InputError("a variable name must not be empty")
    row = project.db.execute(
        "SELECT id, type FROM variables WHERE name = ?", [name]).fetchone()
    wanted = type_ or (infer_type(str(value)) if not isinstance(value, bool) else "boolean")
    if row is None:
        if value is None:
            return
        try:
            stored = convert(value, wanted)
        except ValueError as error:
            raise InputError(f"{where or _document_label(project, document_id)}: variable "
                             f"{name!r}: {error}") from None
        position = project.db.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM variables").fetchone()[0]
        cursor = project.db.execute(
            "INSERT INTO variables (guid, name, type, position) VALUES (?, ?, ?, ?)",
            [new_guid(), name, wanted, position],
        )
        variable_id = cursor.lastrowid
    else:
        variable_id, current = row
        label = where or _document_label(project, document_id)
        if type_ is not None and type_ != current:
            raise InputError(
                f"{label}: variable {name!r} is {article(current)} in the project, not "
                f"{article(type_)}; convert it for every document with: qualcode variable "
                f"convert PROJECT {_quoted(name)} {type_}")
        if value is None:
            project.db.execute(
                "DELETE FROM document_variables WHERE document_id = ? AND variable_id = ?",
                [document_id, variable_id],
            )
            return
        try:
            stored = convert(value, current)
        except ValueError:
            raise InputError(
                f"{label}: variable {name!r} is {article(current)}; {_shown(value)} is not "
                f"{article(current)} (to hold such values, convert it: qualcode variable "
                f"convert PROJECT {_quoted(name)} text)") from None
    project.db.execute(
        """INSERT INTO document_variables (document_id, variable_id, value) VALUES (?, ?, ?)
           ON CONFLICT (document_id, variable_id) DO UPDATE SET value = excluded.value""",
        [document_id, variable_id, stored],
    )


def _shown(value: object, limit: int = 60) -> str:
    """A value quoted for a message, shortened to ``limit`` characters."""
    text = str(value)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _quoted(name: str) -> str:
    """``name`` as one shell word (quoted when it holds spaces or shell characters)."""
    import shlex

    return shlex.quote(name)


def convert_variable(project: Project, name: str, type_: str, actor: str | None = None) -> str:
    """Convert variable ``name`` to ``type_`` for every document (one transaction).

    Every stored value is converted (:func:`qualcode.domain.variables.convert`; a boolean
    becomes ``true``/``false``, a whole float an integer); returns a one-line note
    (``converted variable 'Alter' from integer to text (12 values)``). Raises
    :class:`NotFoundError` for an unknown variable and :class:`InputError` for an unknown type
    or a value that does not convert, naming its document; nothing changes then.
    """
    if type_ not in VARIABLE_TYPES:
        raise InputError(f"unknown variable type {type_!r} (one of {', '.join(VARIABLE_TYPES)})")
    name = name.strip()
    row = project.db.execute("SELECT id, type FROM variables WHERE name = ?", [name]).fetchone()
    if row is None:
        known = list(variable_types(project))
        close = get_close_matches(name, known, n=3, cutoff=0.5)
        hint = f" (did you mean: {', '.join(close)}?)" if close else ""
        raise NotFoundError(f"no variable {name!r}{hint}")
    variable_id, old = row
    rows = project.db.execute(
        """SELECT dv.document_id, d.name, dv.value FROM document_variables dv
           JOIN documents d ON d.id = dv.document_id WHERE dv.variable_id = ?
           ORDER BY d.position, d.id""", [variable_id]).fetchall()
    if old == type_:
        return f"variable {name!r} is already {article(type_)} ({len(rows)} values)"
    converted = []
    for document_id, document, value in rows:
        if old == "boolean":
            value = "true" if value else "false"
        elif old == "float" and type_ == "integer" and float(value).is_integer():
            value = int(value)
        try:
            converted.append((convert(value, type_), document_id))
        except ValueError:
            raise InputError(f"{document}: variable {name!r}: {_shown(value)} is not "
                             f"{article(type_)}; nothing converted") from None
    with project.transaction(f"convert variable {name} to {type_}", actor):
        project.db.execute("UPDATE variables SET type = ? WHERE id = ?", [type_, variable_id])
        project.db.conn.executemany(
            "UPDATE document_variables SET value = ? WHERE document_id = ? AND variable_id = ?",
            [(value, document_id, variable_id) for value, document_id in converted])
    return f"converted variable {name!r} from {old} to {type_} ({len(rows)} values)"


def variable_types(project: Project) -> dict[str, str]:
    """Variable name -> type, in variable order."""
    return {name: type_ for name, type_ in project.db.execute(
        "SELECT name, type FROM variables ORDER BY position, name")}


def delete_document(project: Project, document_id: int, actor: str | None = None) -> int:
    """Delete a document with its turns, variables, memos and coded segments.

    Returns the number of coded segments deleted.
    """
    document = get_document(project, document_id)
    with project.transaction(f"delete document {document.name}", actor):
        count = project.db.execute(
            "SELECT count(*) FROM segments WHERE document_id = ?", [document_id]).fetchone()[0]
        project.db.execute("DELETE FROM memos WHERE segment_id IN (SELECT id FROM segments "
                           "WHERE document_id = ?)", [document_id])
        project.db.execute("DELETE FROM segments WHERE document_id = ?", [document_id])
        project.db.execute("DELETE FROM documents WHERE id = ?", [document_id])
    return count
