"""Names and labels inside Markdown lines: a table row or a heading stays one line.

A code, document or coder name can hold a line break, a ``|`` or a control character (names
imported from files, older projects). In a Markdown table a line break ends the row and a
``|`` starts a new cell; in a heading a line break ends the heading.
"""

from __future__ import annotations

import re

from qualcode.domain.control_chars import escape_controls

_LINE_BREAKS = re.compile("\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]")


def inline(text: str) -> str:
    """``text`` on one line: each line break becomes a space, other control characters are
    shown escaped (``\\u001b``, see :func:`~qualcode.domain.control_chars.escape_controls`)."""
    return escape_controls(_LINE_BREAKS.sub(" ", text))


def table_cell(text: str) -> str:
    """``text`` as one GitHub-flavoured Markdown table cell: :func:`inline`, and ``|``
    escaped as ``\\|`` (GFM spec, tables)."""
    return inline(text).replace("|", "\\|")


# A subcode's depth as "· " per level: renderers trim leading whitespace from a table cell
# (plain spaces always, and some, such as markdown-it, also non-breaking ones), a visible
# mark survives all of them.
_LEVEL = "·\u00a0"


def tree_name(name: str, depth: int) -> str:
    """A code name in the first column of a hierarchical table: top-level codes bold,
    subcodes after one ``·`` per level of depth (``·\u00a0·\u00a0Video``). Not yet escaped;
    :func:`table` escapes it."""
    return _LEVEL * depth + name if depth else f"**{name}**"


def table(header: list[str], rows: list[list[object]], align: list[str] | None = None) -> list[str]:
    """The lines of one GitHub-flavoured Markdown table: the header, the delimiter row, one
    line per row. Every cell goes through :func:`table_cell` (no line breaks, ``|``
    escaped), so each row has exactly as many cells as the header. ``align`` gives one of
    ``"left"``, ``"right"``, ``"center"`` or ``""`` per column; by default the first column
    is left-aligned and the rest right-aligned (numbers). Raises :class:`ValueError` for a
    row with another number of cells than the header."""
    marks = {"left": " --- ", "right": " ---: ", "center": " :---: ", "": " --- "}
    align = align or ["left"] + ["right"] * (len(header) - 1)
    lines = ["| " + " | ".join(table_cell(str(h)) for h in header) + " |",
             "|" + "|".join(marks[a] for a in align) + "|"]
    for row in rows:
        if len(row) != len(header):  # a bug in the caller: the table would not render
            raise ValueError(f"a Markdown table row has {len(row)} cells, its header "
                             f"{len(header)}")
        lines.append("| " + " | ".join(table_cell(str(c)) for c in row) + " |")
    return lines
