"""The ``-o FILE`` option of every export command and ``--follow-symlinks``.

The output path is checked while the command line is read, before the project is opened or
anything is computed (:func:`qualcode.exports.output_paths.check_output`): a project file, a
database, a folder, a missing folder or a symbolic link is refused with one line and exit
status 1. With ``--follow-symlinks`` a link is followed and the file it points to is
replaced (that file is checked the same way).
"""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.exports.output_paths import OutputRefused, check_output

_FOLLOW = "qualcode.follow_symlinks"


def checked_output(path: Path | None, follow_symlinks: bool = False) -> Path | None:
    """``path`` if an export may write it (the link's final target when a link is followed);
    ``None`` for ``None``. Raises :class:`~qualcode.exports.output_paths.OutputRefused`
    (one line; for a link it names ``--follow-symlinks``)."""
    if path is None:
        return None
    try:
        target = check_output(path, follow_symlinks=follow_symlinks)
    except OutputRefused as error:
        if error.reason == "symlink" and not follow_symlinks:
            raise OutputRefused(path, str(error).removeprefix(f"{path}: ")
                                + " (--follow-symlinks replaces the file it points to)",
                                error.reason) from None
        raise
    return target.path if target.is_file else path


def _remember_follow(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.meta[_FOLLOW] = value
    return value


def _check(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    return checked_output(value, ctx.meta.get(_FOLLOW, False))


def follow_symlinks_option():
    """``--follow-symlinks``: read before the output path (an eager option)."""
    return click.option("--follow-symlinks", is_flag=True, is_eager=True, expose_value=False,
                        callback=_remember_follow,
                        help="Write through a symbolic link given as the output file, "
                             "replacing the file it points to (default: refuse links, "
                             "except to a device such as /dev/stdout).")


def output_option(help_text: str = "Output file (default: stdout).", required: bool = False):
    """``-o/--output FILE`` (checked, see the module) together with ``--follow-symlinks``."""
    def decorate(command):
        command = click.option("-o", "--output", type=click.Path(path_type=Path),
                               required=required, callback=_check, help=help_text)(command)
        return follow_symlinks_option()(command)
    return decorate


def output_argument(name: str):
    """A FILE argument written by the command (``codebook export PROJECT FILE``), checked as
    ``-o``; use with :func:`follow_symlinks_option`."""
    return click.argument(name, type=click.Path(path_type=Path), callback=_check)
