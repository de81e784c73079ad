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
