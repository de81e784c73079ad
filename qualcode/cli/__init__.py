"""The command-line interface: the scripting contract of qualcode.

Data goes to stdout, messages to stderr; every error is one line and a non-zero exit.
One command per module in :mod:`qualcode.cli.commands`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from qualcode import __version__
from qualcode.cli.commands import COMMANDS, load
from qualcode.cli.errors import click_error, failure_message, one_line, usage_error
from qualcode.cli.params import checked_params


class QualcodeGroup(click.Group):
    """Top-level group: every error becomes one line on stderr (see :mod:`qualcode.cli.errors`),
    exit status 1, or 2 for a usage error; ``qualcode PROJECT`` is short for
    ``qualcode open PROJECT``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return checked_params(load(name)) if name in COMMANDS else None

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in COMMANDS and not args[0].startswith("-") and (
            args[0].endswith(".qualcode") or _is_file(args[0])
        ):
            args = ["open", *args]
        return super().parse_args(ctx, args)

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as error:
            raise usage_error(error) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as error:
            raise usage_error(error) from None
        except click.ClickException as error:
            raise click_error(error) from None
        except KeyboardInterrupt:
            click.echo("interrupted; nothing of the unfinished step was written", err=True)
            ctx.exit(130)
        except Exception as error:
            message = failure_message(error)
            if message is None:
                raise
            click.echo(f"error: {one_line(message)}", err=True)
            ctx.exit(1)


def _is_file(argument: str) -> bool:
    try:
        return Path(argument).is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL character
        return False


@click.group(cls=QualcodeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qualcode")
def main() -> None:
    """qualcode: qualitative interview analysis in the terminal.

    PROJECT is a project file (one SQLite database). DOCUMENT is a document's name (its file
    name without extension) or id. CODEPATH is Parent/Child; write \\/ for a slash in a name.
    """


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
