"""Survey import (as MAXQDA imports survey data): one document per respondent.

A table (``.xlsx`` via openpyxl, or ``.csv``) has one row per respondent. The ``--id`` column
names the documents; every ``--text`` column is an open question: its answers go into the
respondent's document (layout: :func:`qualcode.domain.survey.respondent_text`) and each answer
is coded with a code named after the question; every ``--variables`` column becomes a typed
document variable (:func:`qualcode.domain.survey.infer_column`: checkboxes and yes/no answers
become booleans). The whole file is one transaction.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.domain.codepath import join_codepath, split_codepath
from qualcode.domain.errors import InputError
from qualcode.domain.models import NewDocument
from qualcode.domain.survey import (
    ColumnType,
    cell_text,
    column_value,
    infer_column,
    respondent_text,
)
from qualcode.domain.transcript import TranscriptStructure
from qualcode.domain.variables import VARIABLE_TYPES, article, convert
from qualcode.importers.survey_table import SUFFIXES, Table, read_table
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import add_code, load_codes
from qualcode.store.documents import (
    DuplicateDocumentError,
    add_document,
    convert_variable,
    set_variable,
    variable_types,
)
from qualcode.store.exchange import NewSegment, insert_segments
from qualcode.store.project import Project, new_guid

__all__ = ["SUFFIXES", "SurveyImport", "Table", "import_survey", "read_table",
           "resolve_columns"]


@dataclass
class SurveyImport:
    """What a survey import did."""

    path: Path
    documents: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    codes_created: list[str] = field(default_factory=list)
    codings: int = 0
    variables: dict[str, str] = field(default_factory=dict)      # name -> type
    notes: list[str] = field(default_factory=list)


def resolve_columns(table: Table, patterns: tuple[str, ...] | list[str], option: str,
                    source: Path) -> list[str]:
    """Column names for ``patterns``: exact names, else shell patterns (``'1.*'``), in table
    order without repeats. Raises :class:`InputError` listing the columns for no match."""
    chosen: list[str] = []
    for pattern in patterns:
        if pattern in table.columns:
            found = [pattern]
        else:
            found = [c for c in table.columns if fnmatch.fnmatchcase(c, pattern)]
        if not found:
            raise InputError(f"{source}: {option} {pattern!r}: no such column (columns: "
                             f"{', '.join(table.columns)})")
        chosen += [c for c in found if c not in chosen]
    return chosen


def import_survey(
    project: Project,
    path: Path,
    *,
    id_column: str,
    text_columns: tuple[str, ...] | list[str],
    variable_columns: tuple[str, ...] | list[str] = (),
    types: dict[str, str] | None = None,
    group: str | None = None,
    parent: str | None = None,
    prefix: str = "",
    coder: str | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    actor: str | None = None,
) -> SurveyImport:
    """Import the survey table at ``path`` (see module docs) in one transaction.

    ``parent``: CODEPATH under which the question codes go (default: the file name without
    extension). ``types``: column -> variable type, overriding the inferred one. ``prefix``
    goes before each respondent's ID in the document name. A respondent already in the project
    (a survey document with the same name, or the same text) is skipped. ``encoding``: how a
    CSV is decoded (see :func:`qualcode.importers.decode.decode_bytes`).

    A column whose variable already exists in the project with another type is stored in
    that type when every value fits it (with a note); otherwise the import is refused, unless
    ``types`` names the column: then the project's variable is converted for every document
    (:func:`qualcode.store.documents.convert_variable`) and a note says so.

    Raises :class:`InputError` (nothing stored) for a missing column, an empty or repeated ID,
    an unreadable cell (a formula without a saved result, an error value) in a used column,
    or a value that does not fit its column's type.
    """
    table = read_table(path, sheet, encoding)
    result = SurveyImport(path, notes=list(table.notes))
    if id_column not in table.columns:
        raise InputError(f"{path}: --id {id_column!r}: no such column (columns: "
                         f"{', '.join(table.columns)})")
    id_name = id_column
    texts = resolve_columns(table, list(text_columns), "--text", path)
    variables = resolve_columns(table, list(variable_columns), "--variables", path)
    for name in (*texts, *variables):
        if name == id_name:
            raise InputError(f"{path}: the ID column {id_name!r} cannot also be a question "
                             "or variable")
    overlap = set(texts) & set(variables)
    if overlap:
        raise InputError(f"{path}: column {min(overlap)!r} is both --text and --variables")
    table.check_cells([id_name, *texts, *variables], path)
    ids = table.column(id_name)
    first_row: dict[str, int] = {}
    for (number, _), cell in zip(table.rows, ids, strict=True):
        value = cell_text(cell)
        if not value:
            raise InputError(f"{path}: row {number}: no ID in column {id_name!r}")
        if value in first_row:
            raise InputError(f"{path}: row {number}: ID {value!r} occurs twice (rows "
                             f"{first_row[value]} and {number})")
        first_row[value] = number
    column_types: dict[str, ColumnType] = {}
    for name in variables:
        wanted = (types or {}).get(name)
        if wanted is not None and wanted not in VARIABLE_TYPES:
            raise InputError(f"--type {name}={wanted}: unknown type (one of "
                             f"{', '.join(VARIABLE_TYPES)})")
        inferred = infer_column(table.column(name))
        column_types[name] = (ColumnType(wanted, wanted == "boolean" and inferred.blank_is_false)
                              if wanted else inferred)
        result.variables[name] = column_types[name].type
    unknown = set(types or {}) - set(variables)
    if unknown:
        raise InputError(f"--type {min(unknown)!r}: not one of the --variables columns")
    conversions = _fit_project_types(project, table, path, column_types, types or {}, result)
    values: list[dict[str, object]] = []
    for (number, cells), id_cell in zip(table.rows, ids, strict=True):
        row_values: dict[str, object] = {}
        for name in variables:
            index = table.columns.index(name)
            cell = cells[index] if index < len(cells) else None
            try:
                row_values[name] = column_value(cell, column_types[name])
            except ValueError as error:
                raise InputError(f"{path}: row {number}, column {name!r}: {error}") from None
        values.append(row_values)

    parent_path = parent if parent is not None else path.stem
    parent_names = split_codepath(parent_path)
    with project.transaction(f"import survey {path.name}", actor):
        for name, type_ in conversions.items():
            result.notes.append(convert_variable(project, name, type_) + " (--type)")
        who = ensure_coder(project, coder)
        code_ids: dict[str, int] = {}
        tree, _ = load_codes(project)
        for question in texts:
            code_path = join_codepath([*parent_names, " ".join(question.split())])
            found = tree.find(code_path)
            if found is None:
                found = add_code(project, code_path, actor=actor,
                                 definition=f"Antworten auf die offene Frage „{question}“ "
                                            f"({path.name}).").id
                result.codes_created.append(code_path)
                tree, _ = load_codes(project)
            code_ids[question] = found
        segments: list[NewSegment] = []
        for (number, cells), id_cell, row_values in zip(table.rows, ids, values, strict=True):
            answers = []
            for question in texts:
                index = table.columns.index(question)
                answers.append((question, cell_text(cells[index]) if index < len(cells) else ""))
            text, spans = respondent_text(id_name, cell_text(id_cell), answers)
            name = f"{prefix}{cell_text(id_cell)}"
            earlier = project.db.execute(
                "SELECT source_name FROM documents WHERE name = ? AND source_format = 'survey'",
                [name]).fetchone()
            if earlier is not None:
                # Same respondent ID from a survey: matched by ID, even when the chosen
                # columns (and so the text) differ, so that n is never inflated.
                result.skipped.append(
                    f"row {number}: respondent {cell_text(id_cell)!r} is already in the "
                    f"project (document {name!r}, from {earlier[0]}); delete it first to "
                    "import it again")
                continue
            new = NewDocument(name=name, text=text,
                              source_name=f"{path.name}, row {number}",
                              source_format="survey", encoding=table.encoding,
                              structure=TranscriptStructure((), {}))
            try:
                document = add_document(project, new, group=group, actor=actor)
            except DuplicateDocumentError as error:
                result.skipped.append(f"row {number}: respondent {cell_text(id_cell)!r} is already "
                                      f"in the project as {error.existing!r}")
                continue
            result.documents.append(document.name)
            for name, value in row_values.items():
                if value is not None:
                    set_variable(project, document.id, name, value, column_types[name].type)
            segments += [NewSegment(new_guid(), document.id, code_ids[span.question], who.id,
                                    span.start, span.end) for span in spans]
        result.codings, _ = insert_segments(project, segments)
    return result


def _fit_project_types(project: Project, table: Table, path: Path,
                       column_types: dict[str, ColumnType], types: dict[str, str],
                       result: SurveyImport) -> dict[str, str]:
    """Reconcile the columns' types with the project's variables of the same name.

    Changes ``column_types`` (and ``result.variables``) to the project's type where every
    value fits it; returns the variables to convert (named with ``--type``). Raises
    :class:`InputError` for a value that fits neither.
    """
    existing = variable_types(project)
    conversions: dict[str, str] = {}
    for name, column in list(column_types.items()):
        current = existing.get(name)
        if current is None or current == column.type:
            continue
        if name in types:
            conversions[name] = column.type
            continue
        for (number, _), cell in zip(table.rows, table.column(name), strict=True):
            try:
                value = column_value(cell, column)
                if value is not None:
                    convert(value, current)
            except ValueError:
                raise InputError(
                    f"{path}: row {number}, column {name!r}: {cell_text(cell)!r} is not "
                    f"{article(current)}, the type of variable {name!r} in the project; give "
                    f"--type '{name}={column.type}' to convert the variable for every "
                    "document") from None
        column_types[name] = ColumnType(current, column.blank_is_false and current == "boolean")
        result.variables[name] = current
        result.notes.append(f"column {name!r}: stored as {current}, the type of the project's "
                            f"variable {name!r} (read alone, the column would be {column.type})")
    return conversions
