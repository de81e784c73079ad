"""The command-line interface: the scripting contract of qualcode.

Data goes to stdout, messages to stderr; every error is one line and a non-zero exit.
One command per module in :mod:`qualcode.cli.commands`.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import click

from qualcode import __version__
from qualcode.cli.commands import COMMANDS, load
from qualcode.cli.output import terminal_text
from qualcode.domain.errors import QualcodeError


class QualcodeGroup(click.Group):
    """Top-level group: turns qualcode errors into one-line messages and exit status 1;
    ``qualcode PROJECT`` is short for ``qualcode open PROJECT``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return load(name) if name in COMMANDS else None

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in COMMANDS and not args[0].startswith("-") and (
            args[0].endswith(".qualcode") or Path(args[0]).is_file()
        ):
            args = ["open", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except QualcodeError as error:
            click.echo(f"error: {terminal_text(str(error))}", err=True)
            ctx.exit(1)
        except sqlite3.OperationalError as error:
            click.echo(f"error: project file: {terminal_text(str(error))}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted; nothing of the unfinished step was written", err=True)
            ctx.exit(130)


@click.group(cls=QualcodeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qualcode")
def main() -> None:
    """qualcode: qualitative interview analysis in the terminal.

    PROJECT is a project file (one SQLite database). DOCUMENT is a document's name (its file
    name without extension) or id. CODEPATH is Parent/Child; write \\/ for a slash in a name.
    """


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
