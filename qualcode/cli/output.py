"""Printing data to stdout as a table, JSON or CSV (messages go to stderr)."""

from __future__ import annotations

import csv
import io
import json
import sys

import click
from tabulate import tabulate

OUTPUT_FORMATS = ("table", "json", "csv")


def format_option(default: str = "table", choices: tuple[str, ...] = OUTPUT_FORMATS):
    """The ``--format`` option shared by listing commands."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help="Output format.")


def write_stdout(text: str) -> None:
    """Write text to stdout as UTF-8, whatever the locale, without adding anything."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        stream.write(text)


def _cell(value: object, width: int | None) -> object:
    if isinstance(value, dict):
        value = "; ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, str):
        value = value.replace("\n", " ⏎ ")
        if width and len(value) > width:
            value = value[: width - 1] + "…"
    return value


def emit(rows: list[dict], fmt: str, columns: list[str], *, widths: dict[str, int] | None = None
         ) -> None:
    """Print ``rows`` (dicts) in ``fmt``: JSON keeps every key; table and CSV show ``columns``."""
    if fmt == "json":
        write_stdout(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c), None) for c in columns])
        write_stdout(buffer.getvalue())
        return
    widths = widths or {}
    table = [[_cell(row.get(c), widths.get(c)) for c in columns] for row in rows]
    write_stdout(tabulate(table, headers=columns, tablefmt="simple", disable_numparse=True) + "\n")


def message(text: str) -> None:
    """A message for the user (stderr)."""
    click.echo(text, err=True)
