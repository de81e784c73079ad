"""The error surface of the command line: every error is one line on stderr.

``error: <what>`` and exit status 1 for a failed command; ``error: <what> (see: qualcode
COMMAND --help)`` and exit status 2 for a usage error (Click's own three to four lines
otherwise). Control characters in a message (newlines, ESC, bidirectional overrides) are
shown escaped, so that a value from a file or an argument cannot break the line or drive the
terminal.
"""

from __future__ import annotations

import sqlite3

import click

from qualcode.domain.control_chars import escape_controls
from qualcode.domain.errors import QualcodeError
from qualcode.store.file_errors import explain


def one_line(text: str) -> str:
    """``text`` on one line: controls as ``\\n``, ``\\u001b``, ``\\u202e``
    (:func:`~qualcode.domain.control_chars.escape_controls`); bytes that were not UTF-8
    (surrogate escapes in arguments and file names) as ``\\udcff``."""
    text = escape_controls(text)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def command_path(ctx: click.Context | None) -> str:
    """``qualcode codes add`` for the context of ``codes add`` (whatever the program name)."""
    names = []
    while ctx is not None:
        if ctx.parent is None:
            names.append("qualcode")
        elif ctx.info_name:
            names.append(ctx.info_name)
        ctx = ctx.parent
    return " ".join(reversed(names)) or "qualcode"


class OneLineUsageError(click.UsageError):
    """A Click usage error shown as ``error: <what> (see: qualcode COMMAND --help)``."""

    def show(self, file=None) -> None:  # noqa: D102 - Click's signature
        click.echo(f"error: {self.format_message()} (see: {command_path(self.ctx)} --help)",
                   file=file, err=True)


class OneLineError(click.ClickException):
    """Any other Click error shown as ``error: <what>``."""

    def show(self, file=None) -> None:  # noqa: D102 - Click's signature
        click.echo(f"error: {self.format_message()}", file=file, err=True)


def usage_error(error: click.UsageError) -> OneLineUsageError:
    """``error`` as a :class:`OneLineUsageError` with a short, one-line message."""
    message = one_line(" ".join(error.format_message().split()))
    message = message.rstrip(".")
    if len(message) > 1 and message[0].isupper() and message[1].islower():
        message = message[0].lower() + message[1:]
    converted = OneLineUsageError(message, error.ctx)
    converted.exit_code = error.exit_code
    return converted


def click_error(error: click.ClickException) -> OneLineError:
    """A non-usage Click error (a file that cannot be opened ...) as :class:`OneLineError`."""
    converted = OneLineError(one_line(" ".join(error.format_message().split())))
    converted.exit_code = error.exit_code
    return converted


def failure_message(error: BaseException) -> str | None:
    """The one-line message for an error a command ended with, ``None`` for an error that is
    not the user's input (a bug: its traceback is shown)."""
    if isinstance(error, QualcodeError):
        return str(error)
    if isinstance(error, sqlite3.Error):
        return str(explain(error, None))
    if isinstance(error, UnicodeEncodeError):
        value = error.object[max(0, error.start - 20):error.end + 20] \
            if isinstance(error.object, str) else ""
        return (f"a value is not valid UTF-8 text ({value!r}); use UTF-8 for names, "
                f"values and arguments")
    if isinstance(error, OverflowError):
        return f"a number is too large ({error}); the largest is {2**63 - 1}"
    if isinstance(error, OSError) and not isinstance(error, BrokenPipeError):
        where = f"{error.filename}: " if error.filename is not None else ""
        return f"{where}{error.strerror or error}"
    return None
