"""``qualcode import-survey PROJECT FILE --id COLUMN --text COLUMN...``: survey data."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import coder_option, opened, project_argument
from qualcode.cli.encoding_option import encoding_option
from qualcode.cli.output import message
from qualcode.importers.survey import import_survey


def _types(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for value in values:
        column, sep, type_ = value.rpartition("=")
        if not sep or not column:
            raise click.BadParameter(f"{value!r}: expected COLUMN=TYPE", param_hint="--type")
        out[column] = type_.strip()
    return out


@click.command("import-survey")
@project_argument
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "id_column", required=True, metavar="COLUMN",
              help="Column identifying the respondent; names the documents.")
@click.option("--text", "text_columns", multiple=True, required=True, metavar="COLUMN",
              help="An open question: its answers are coded with a code named after it "
                   "(repeatable; shell patterns such as '1.*' allowed).")
@click.option("--variables", "variable_columns", multiple=True, metavar="COLUMN",
              help="A closed question: becomes a typed document variable (repeatable; "
                   "patterns allowed). Checkbox and yes/no columns become booleans.")
@click.option("--type", "types", multiple=True, metavar="COLUMN=TYPE",
              help="Override the inferred type of a --variables column "
                   "(text, integer, float, date, boolean); a project variable of another type "
                   "is converted for every document (stated).")
@click.option("--group", metavar="NAME", help="Put the respondents' documents into this group.")
@click.option("--parent", metavar="CODEPATH",
              help="Code under which the question codes go (default: the file name).")
@click.option("--prefix", default="", help="Put this before each ID in the document names.")
@click.option("--sheet", metavar="NAME", help="Worksheet of an .xlsx file (default: the first).")
@encoding_option("a .csv file")
@coder_option()
def import_survey_command(project: Path, file: Path, id_column: str,
                          text_columns: tuple[str, ...], variable_columns: tuple[str, ...],
                          types: tuple[str, ...], group: str | None, parent: str | None,
                          prefix: str, sheet: str | None, encoding: str | None,
                          coder: str | None) -> None:
    """Import survey data (.xlsx or .csv, one row per respondent), as MAXQDA does.

    Each respondent becomes a document with their open answers, each answer coded with its
    question; closed answers become typed document variables, for `export frequencies --by`.
    One transaction; respondents already in the project are skipped.
    """
    with opened(project) as proj:
        result = import_survey(
            proj, file, id_column=id_column, text_columns=text_columns,
            variable_columns=variable_columns, types=_types(types), group=group, parent=parent,
            prefix=prefix, coder=coder, sheet=sheet, encoding=encoding)
    message(f"{file}: {len(result.documents)} respondent(s) imported, {result.codings} "
            f"answer(s) coded, {len(result.codes_created)} question code(s) created, "
            f"{len(result.variables)} variable(s)")
    for name, type_ in result.variables.items():
        message(f"  variable {name}: {type_}")
    for item in result.skipped:
        message(f"  skipped: {item}")
    for note in result.notes:
        message(f"  note: {note}")
