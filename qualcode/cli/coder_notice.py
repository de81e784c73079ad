"""Saying whose segments a command used: the mixed-coders warning and the summary suffix.

The scope itself (which coders have segments in what a command reads) is
:mod:`qualcode.analysis.coder_scope`, shared with the workbench.
"""

from __future__ import annotations

from qualcode.analysis.coder_scope import CoderScope
from qualcode.cli.output import message


def warn_if_mixed(scope: CoderScope, verb: str = "counted") -> None:
    """One line on stderr when no ``--coder`` was given and several coders' segments are
    used together, e.g. ``warning: segments of 2 coders are counted together (anna, ben);
    give --coder to choose``."""
    warning = scope.warning(verb)
    if warning:
        message(warning)


def coders_suffix(scope: CoderScope) -> str:
    """`` (coder: anna)`` or `` (coders: anna, ben)`` for a summary line; empty when nobody
    has coded anything in scope."""
    if scope.chosen is None and not scope.coders:
        return ""
    many = scope.chosen is None and len(scope.coders) > 1
    return f" ({'coders' if many else 'coder'}: {scope.names()})"
