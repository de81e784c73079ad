"""``--encoding NAME``: how the import commands decode text files."""

from __future__ import annotations

import click

from qualcode.importers.decode import REPAIR, check_encoding


def _checked(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    # An unknown name is a one-line InputError (the group prints it), not a usage screen.
    return None if value is None else check_encoding(value)


def encoding_option(what: str = "text files (.txt, .rtf, .vtt, .srt, .html)"):
    """``--encoding NAME`` for the import commands; the value is a codec name or
    :data:`~qualcode.importers.decode.REPAIR`, checked before anything is read."""
    return click.option(
        "--encoding", default=None, metavar="NAME", callback=_checked,
        help=f"Decode {what} as NAME (utf-8, cp1252, latin-1, mac-roman ...) instead of "
             f"detecting it; {REPAIR}: UTF-8 whose few stray non-UTF-8 bytes are Windows-1252 "
             "(a note says how many).")
