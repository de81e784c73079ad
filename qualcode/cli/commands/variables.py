"""``qualcode variable set|convert|list``: typed document variables."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import emit, format_option, message
from qualcode.domain.errors import InputError
from qualcode.domain.variables import VARIABLE_TYPES
from qualcode.store.documents import (
    convert_variable,
    list_documents,
    resolve_document,
    set_variable,
    variable_types,
)


@click.group()
def variable() -> None:
    """Document variables (typed: text, integer, float, date, boolean)."""


@variable.command("set")
@project_argument
@click.argument("document")
@click.argument("name")
@click.argument("value")
@click.option("--type", "type_", type=click.Choice(VARIABLE_TYPES),
              help="Type of a new variable (default: inferred from the value); for an "
                   "existing variable of another type: convert it for every document first.")
def set_(project: Path, document: str, name: str, value: str, type_: str | None) -> None:
    """Set variable NAME of DOCUMENT to VALUE.

    A variable has one type in the whole project: a value that does not fit it is an error
    (give --type, or use `variable convert`, to change the type for every document).
    """
    with opened(project) as proj:
        doc = resolve_document(proj, document)
        try:
            note = set_variable(proj, doc.id, name, value, type_, convert_type=True)
        except ValueError as error:  # a value that does not fit --type: one line, not a traceback
            raise InputError(f"{doc.name}: {name}: {error}") from None
        if note:
            message(note)
        message(f"{doc.name}: {name} = {value} ({variable_types(proj)[name.strip()]})")


@variable.command("convert")
@project_argument
@click.argument("name")
@click.argument("type_", metavar="TYPE", type=click.Choice(VARIABLE_TYPES))
def convert(project: Path, name: str, type_: str) -> None:
    """Convert variable NAME to TYPE for every document (all values or none)."""
    with opened(project) as proj:
        message(convert_variable(proj, name, type_))


@variable.command("list")
@project_argument
@format_option()
def list_(project: Path, fmt: str) -> None:
    """List variables with their type and values per document."""
    with opened(project) as proj:
        types = variable_types(proj)
        docs = list_documents(proj)
    rows = [{"variable": name, "type": type_,
             "values": {d.name: d.variables[name] for d in docs if name in d.variables}}
            for name, type_ in types.items()]
    emit(rows, fmt, ["variable", "type", "values"], widths={"values": 80})
