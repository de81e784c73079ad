"""Helpers shared by the commands: opening the project, resolving names, the coder option."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from qualcode.cli.errors import one_line
from qualcode.domain.errors import ConflictError, InputError, NotFoundError
from qualcode.store.coders import default_coder_name
from qualcode.store.documents import resolve_document
from qualcode.store.file_errors import explain
from qualcode.store.integrity import damage_advice
from qualcode.store import project as project_file
from qualcode.store.project import Project
from qualcode.store.segments import SegmentFilter, code_ids_for

project_argument = click.argument("project", type=click.Path(dir_okay=False, path_type=Path))


def coder_option(help_text: str | None = None):
    """``--coder NAME``; for coding commands the default is the system user name."""
    return click.option(
        "--coder", default=None, metavar="NAME",
        help=help_text or f"Who codes (default: $QUALCODE_CODER or the system user name, "
                          f"now {default_coder_name()!r}).",
    )


def coder_filter_option():
    """``--coder NAME`` as a filter: without it every coder's segments count."""
    return click.option("--coder", default=None, metavar="NAME",
                        help="Only this coder's segments (default: every coder's).")


@contextmanager
def opened(path: Path) -> Iterator[Project]:
    """Open an existing project for one command and close it afterwards.

    A damaged project is opened for reading with a warning; an SQLite error inside the block
    becomes a one-line :class:`~qualcode.domain.errors.ProjectError` naming the file (see
    :func:`qualcode.store.file_errors.explain`).
    """
    project = Project.open(path)
    if project.damage is not None:
        click.echo(one_line(
            f"warning: {path}: damaged ({project.damage}); what is shown may be incomplete, "
            f"and nothing can be changed; {damage_advice(path)}"), err=True)
    try:
        yield project
    except sqlite3.Error as error:
        raise explain(error, project.path, project.readonly,
                      project_file.BUSY_TIMEOUT_MS) from None
    finally:
        project.close()


def set_option():
    """``--set NAME`` (repeatable): only documents of these document sets (see
    :mod:`qualcode.store.document_scope`); the command receives ``sets`` (a tuple)."""
    return click.option("--set", "sets", multiple=True, metavar="NAME",
                        help="Only documents of this document set (repeatable).")


def segment_filter_options(command):
    """The filters of commands that list coded segments: --code (repeatable), --no-subcodes,
    --document (repeatable), --group, --set (repeatable) and --coder."""
    for option in reversed([
        click.option("--code", "codes", multiple=True, metavar="CODEPATH",
                     help="Only segments of this code and its subcodes (repeatable)."),
        click.option("--no-subcodes", is_flag=True, help="With --code: leave out subcodes."),
        click.option("--document", "documents", multiple=True, metavar="DOCUMENT",
                     help="Only segments in this document (repeatable)."),
        click.option("--group", metavar="NAME", help="Only segments in this document group."),
        set_option(),
        coder_filter_option(),
    ]):
        command = option(command)
    return command


def segment_filter(project: Project, codes: tuple[str, ...], no_subcodes: bool,
                   documents: tuple[str, ...], group: str | None,
                   coder: str | None, sets: tuple[str, ...] = ()) -> SegmentFilter:
    """The :class:`SegmentFilter` for the options of :func:`segment_filter_options`; raises
    :class:`~qualcode.domain.errors.NotFoundError` for an unknown code, document or set."""
    return SegmentFilter(
        code_ids=code_ids_for(project, codes, subcodes=not no_subcodes) if codes else None,
        document_ids=tuple(resolve_document(project, d).id for d in documents) or None,
        group=group, coder=coder, sets=tuple(sets) or None,
    )


@contextmanager
def naming_project(path: Path) -> Iterator[None]:
    """Prefix the message of a :class:`~qualcode.domain.errors.QualcodeError` raised in the
    block with the project file (``study.qualcode: no document 'X'``), same error type."""
    try:
        yield
    except (InputError, NotFoundError, ConflictError) as error:
        text = str(error)
        if text.startswith(f"{path}: "):
            raise
        kind = next(k for k in (InputError, NotFoundError, ConflictError)
                    if isinstance(error, k))
        raise kind(f"{path}: {text}") from None
