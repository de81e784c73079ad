"""The document variables as one table (documents x variables) for the workbench's variables
editor, and adding a variable with its type before any document has a value."""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.domain.control_chars import check_name
from qualcode.domain.errors import ConflictError, InputError
from qualcode.domain.variables import VARIABLE_TYPES
from qualcode.store.documents import set_variable
from qualcode.store.project import Project, new_guid


@dataclass(frozen=True)
class VariableTable:
    """``variables`` as ``(name, type)`` in variable order; ``rows`` as ``(document id,
    document name, values)`` in document order, ``values[i]`` the stored value of
    ``variables[i]`` (``None``: not set; booleans as ``bool``, dates as ISO strings)."""

    variables: list[tuple[str, str]]
    rows: list[tuple[int, str, tuple]]


def variable_table(project: Project) -> VariableTable:
    """Every document with every variable's value, in two queries (fast for thousands of
    documents)."""
    variables = [(r[0], r[1], r[2]) for r in project.db.execute(
        "SELECT id, name, type FROM variables ORDER BY position, name")]
    column = {row[0]: i for i, row in enumerate(variables)}
    types = [row[2] for row in variables]
    values: dict[int, list] = {}
    for document_id, variable_id, value in project.db.execute(
            "SELECT document_id, variable_id, value FROM document_variables"):
        i = column[variable_id]
        if types[i] == "boolean" and value is not None:
            value = bool(value)
        values.setdefault(document_id, [None] * len(variables))[i] = value
    rows = [(document_id, name, tuple(values.get(document_id, [None] * len(variables))))
            for document_id, name in project.db.execute(
                """SELECT d.id, d.name FROM documents d
                   LEFT JOIN document_groups g ON g.id = d.group_id
                   ORDER BY coalesce(g.position, 0), d.position, d.id""")]
    return VariableTable([(name, type_) for _, name, type_ in variables], rows)


def add_variable(project: Project, name: str, type_: str, actor: str | None = None) -> str:
    """Add the variable ``name`` of ``type_`` with no values yet; returns the stripped name.

    Raises :class:`InputError` for an empty name, a control character or an unknown type,
    :class:`ConflictError` when the variable exists.
    """
    name = name.strip()
    if not name:
        raise InputError("a variable name must not be empty")
    check_name("variable name", name)
    if type_ not in VARIABLE_TYPES:
        raise InputError(f"unknown variable type {type_!r} (one of {', '.join(VARIABLE_TYPES)})")
    if project.db.execute("SELECT 1 FROM variables WHERE name = ?", [name]).fetchone():
        raise ConflictError(f"a variable {name!r} already exists")
    with project.transaction(f"add variable {name} ({type_})", actor):
        position = project.db.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM variables").fetchone()[0]
        project.db.execute("INSERT INTO variables (guid, name, type, position) "
                           "VALUES (?, ?, ?, ?)", [new_guid(), name, type_, position])
    return name


def set_value(project: Project, document_id: int, name: str, raw: str,
              actor: str | None = None) -> object:
    """Set one value as typed in the editor (``""`` clears it) under the rules of
    ``qualcode variable set`` (:func:`~qualcode.store.documents.set_variable`: the value
    must fit the variable's type); one change that ``actor`` can undo. Returns the stored
    value (``None`` when cleared). Raises :class:`InputError` naming document, variable,
    value and type when the value does not fit."""
    value = raw.strip() or None
    with project.transaction(f"set variable {name}", actor):
        set_variable(project, document_id, name, value)
        row = project.db.execute(
            """SELECT dv.value, v.type FROM document_variables dv JOIN variables v
               ON v.id = dv.variable_id WHERE dv.document_id = ? AND v.name = ?""",
            [document_id, name.strip()]).fetchone()
    if row is None:
        return None
    return bool(row[0]) if row[1] == "boolean" else row[0]
