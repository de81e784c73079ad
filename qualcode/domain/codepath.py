"""CODEPATH: a code's position in the code system written as ``Parent/Child``.

A slash inside a code name is written ``\\/``; a backslash is written ``\\\\``. Any other
backslash is kept literally, so ``a\\b`` names the code ``a\\b``.
"""

from __future__ import annotations

from collections.abc import Sequence

from qualcode.domain.errors import InputError


def split_codepath(path: str) -> list[str]:
    """Split a CODEPATH into code names, resolving escapes.

    ``split_codepath("Digitale Beratung/Telefon\\/E-Mail") == ["Digitale Beratung", "Telefon/E-Mail"]``.
    Surrounding whitespace of each name is stripped. Raises :class:`InputError` for an empty
    path or an empty name (``"a//b"``, a leading or trailing slash).
    """
    names: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(path):
        char = path[i]
        if char == "\\" and i + 1 < len(path) and path[i + 1] in "/\\":
            current.append(path[i + 1])
            i += 2
            continue
        if char == "/":
            names.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    names.append("".join(current))
    names = [name.strip() for name in names]
    if not path.strip() or any(not name for name in names):
        raise InputError(f"invalid code path {path!r}: empty code name")
    return names


def escape_name(name: str) -> str:
    """Escape one code name for use inside a CODEPATH."""
    return name.replace("\\", "\\\\").replace("/", "\\/")


def join_codepath(names: Sequence[str]) -> str:
    """Inverse of :func:`split_codepath`: ``split_codepath(join_codepath(n)) == list(n)``
    for names without surrounding whitespace."""
    return "/".join(escape_name(name) for name in names)
