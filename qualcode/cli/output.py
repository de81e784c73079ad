"""Printing data to stdout as a table, JSON or CSV (messages go to stderr).

Nothing from a project reaches a terminal raw: names and text may hold control characters
(ESC starts colour and screen-clearing sequences, bidi controls reorder what is shown, a
newline splits a line). Messages, errors and table cells always show them escaped
(:func:`terminal_text`: ``\\u001b``, ``\\n``); data formats (CSV, JSON, Markdown, text) are
escaped when stdout is a terminal and written exactly when it is a pipe or a file
(:func:`write_stdout`), as ``ls`` does with file names. JSON is always escaped (the same
``\\uXXXX`` escape means the same character to a JSON reader).
"""

from __future__ import annotations

import csv
import io
import json
import sys

import click
from tabulate import tabulate

from qualcode.domain.control_chars import escape_controls
from qualcode.exports.formula_escape import csv_row

OUTPUT_FORMATS = ("table", "json", "csv")


def format_option(default: str = "table", choices: tuple[str, ...] = OUTPUT_FORMATS):
    """The ``--format`` option shared by listing commands."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help="Output format.")


def terminal_text(text: str) -> str:
    """``text`` with every control character escaped (newlines too): for a message, an error
    or a table cell, which must stay one line and must not act on the terminal."""
    return escape_controls(text)


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def write_stdout(text: str) -> None:
    """Write text to stdout as UTF-8, whatever the locale, without adding anything.

    On a terminal, control characters other than newline and tab are shown escaped (CRLF
    line ends become LF); into a pipe or file the text is written exactly.
    """
    if _stdout_is_terminal():
        text = escape_controls(text.replace("\r\n", "\n"), keep="\n\t")
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stream.write(text)


def write_data(data: bytes) -> None:
    """Write an export's bytes to stdout: exactly into a pipe or file; on a terminal as text
    through :func:`write_stdout` (binary formats never reach a terminal: they need -o)."""
    if _stdout_is_terminal():
        write_stdout(data.decode("utf-8", "replace"))
        return
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def _cell(value: object, width: int | None) -> object:
    if isinstance(value, dict):
        value = "; ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, str):
        value = terminal_text(value.replace("\n", " ⏎ "))
        if width and len(value) > width:
            value = value[: width - 1] + "…"
    return value


def emit(rows: list[dict], fmt: str, columns: list[str], *, widths: dict[str, int] | None = None
         ) -> None:
    """Print ``rows`` (dicts) in ``fmt``: JSON keeps every key; table and CSV show ``columns``.

    JSON escapes control characters (``\\u001b``, lossless); CSV cells that a spreadsheet
    would run as a formula start with ``'`` (:mod:`qualcode.exports.formula_escape`).
    """
    if fmt == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=2)
        write_stdout(escape_controls(text, keep="\n") + "\n")
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(csv_row(columns))
        for row in rows:
            writer.writerow(csv_row(_csv_value(row.get(c)) for c in columns))
        write_stdout(buffer.getvalue())
        return
    widths = widths or {}
    table = [[_cell(row.get(c), widths.get(c)) for c in columns] for row in rows]
    write_stdout(tabulate(table, headers=columns, tablefmt="simple", disable_numparse=True) + "\n")


def _csv_value(value: object) -> object:
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, str):
        return value.replace("\n", " ⏎ ")
    return value


def message(text: str) -> None:
    """A message for the user (stderr), one line: control characters are shown escaped."""
    click.echo(terminal_text(text), err=True)
