"""Options and arguments limited to what the project file stores: integers of 64 bits and
text in UTF-8.

Click's ``INT`` takes any Python integer, and its ``STRING`` any argument, including bytes
that are not UTF-8 (Python keeps them as lone surrogates); an id such as
``99999999999999999999`` or a code name in Latin-1 then fails deep inside SQLite.
:func:`checked_params` gives every such parameter of a command (and of its subcommands) a
type that refuses these values as a usage error, keeping the parameter's name, range and help
text. File names (``click.Path``) may be any bytes the file system allows.
"""

from __future__ import annotations

import re

import click

from qualcode.cli.errors import one_line
from qualcode.store.project import MAX_INTEGER

_MIN_INTEGER = -MAX_INTEGER - 1


def _check(number, value, param, ctx, kind: click.ParamType):
    if isinstance(number, int) and not _MIN_INTEGER <= number <= MAX_INTEGER:
        bound = f"large (at most {MAX_INTEGER})" if number > 0 else \
            f"small (at least {_MIN_INTEGER})"
        kind.fail(f"{value} is too {bound}", param, ctx)
    return number


class SQLiteInt(click.types.IntParamType):
    """An integer SQLite can store; shown as ``INTEGER`` like Click's own."""

    def convert(self, value, param, ctx):  # noqa: D102 - Click's signature
        return _check(super().convert(value, param, ctx), value, param, ctx, self)


class SQLiteIntRange(click.IntRange):
    """Click's ``IntRange`` that also refuses integers SQLite cannot store."""

    def convert(self, value, param, ctx):  # noqa: D102 - Click's signature
        return _check(super().convert(value, param, ctx), value, param, ctx, self)


_SURROGATE = re.compile("[\ud800-\udfff]")


class UTF8Text(click.types.StringParamType):
    """Text that is valid UTF-8 (what SQLite stores); shown as ``TEXT`` like Click's own."""

    def convert(self, value, param, ctx):  # noqa: D102 - Click's signature
        text = super().convert(value, param, ctx)
        if isinstance(text, str) and _SURROGATE.search(text):
            self.fail(f"'{one_line(text)}' is not valid UTF-8 text", param, ctx)
        return text


def _checked(kind: click.ParamType) -> click.ParamType:
    if isinstance(kind, (SQLiteInt, SQLiteIntRange, UTF8Text)):
        return kind
    if type(kind) is click.types.StringParamType:
        return UTF8Text()
    if isinstance(kind, click.IntRange):
        return SQLiteIntRange(kind.min, kind.max, min_open=kind.min_open,
                              max_open=kind.max_open, clamp=kind.clamp)
    if isinstance(kind, click.types.IntParamType):
        return SQLiteInt()
    if isinstance(kind, click.Tuple):
        kind.types = [_checked(t) for t in kind.types]
    return kind


def checked_params(command: click.Command) -> click.Command:
    """Give every integer and text parameter of ``command`` and its subcommands the types
    above; returns ``command``."""
    for param in command.params:
        param.type = _checked(param.type)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            checked_params(sub)
    return command
