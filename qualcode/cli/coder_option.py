"""The ``--coder NAME`` option of ``qualcode undo`` and ``qualcode redo``: whose change."""

from __future__ import annotations

from collections.abc import Callable

import click

from qualcode.store.project import default_actor


def coder_option(verb: str) -> Callable:
    """A ``--coder NAME`` option naming whose last change to ``verb`` ("undo", "redo").

    Absent, the store's :func:`~qualcode.store.project.default_actor` decides
    (``$QUALCODE_CODER`` or the system user name).
    """
    return click.option(
        "--coder", default=None, metavar="NAME",
        help=f"Whose last change to {verb} (default: $QUALCODE_CODER or the system user "
             f"name, now {default_actor()!r}); nobody {verb}s another person's change.")
