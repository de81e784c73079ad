"""Integer options and arguments limited to what SQLite stores (64-bit signed).

Click's ``INT`` takes any Python integer; an id such as ``99999999999999999999`` then fails
deep inside SQLite with an OverflowError. :func:`bound_integers` gives every integer
parameter of a command (and of its subcommands) a type that refuses such numbers as a usage
error, keeping the parameter's name, range and help text.
"""

from __future__ import annotations

import click

from qualcode.store.project import MAX_INTEGER

_MIN_INTEGER = -MAX_INTEGER - 1


def _check(number, value, param, ctx, kind: click.ParamType):
    if isinstance(number, int) and not _MIN_INTEGER <= number <= MAX_INTEGER:
        bound = f"at most {MAX_INTEGER}" if number > 0 else f"at least {_MIN_INTEGER}"
        kind.fail(f"{value} is too large ({bound})", param, ctx)
    return number


class SQLiteInt(click.types.IntParamType):
    """An integer SQLite can store; shown as ``INTEGER`` like Click's own."""

    def convert(self, value, param, ctx):  # noqa: D102 - Click's signature
        return _check(super().convert(value, param, ctx), value, param, ctx, self)


class SQLiteIntRange(click.IntRange):
    """Click's ``IntRange`` that also refuses integers SQLite cannot store."""

    def convert(self, value, param, ctx):  # noqa: D102 - Click's signature
        return _check(super().convert(value, param, ctx), value, param, ctx, self)


def _bounded(kind: click.ParamType) -> click.ParamType:
    if isinstance(kind, (SQLiteInt, SQLiteIntRange)):
        return kind
    if isinstance(kind, click.IntRange):
        return SQLiteIntRange(kind.min, kind.max, min_open=kind.min_open,
                              max_open=kind.max_open, clamp=kind.clamp)
    if isinstance(kind, click.types.IntParamType):
        return SQLiteInt()
    if isinstance(kind, click.Tuple):
        kind.types = [_bounded(t) for t in kind.types]
    return kind


def bound_integers(command: click.Command) -> click.Command:
    """Give every integer parameter of ``command`` and its subcommands a 64-bit bound."""
    for param in command.params:
        param.type = _bounded(param.type)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            bound_integers(sub)
    return command
