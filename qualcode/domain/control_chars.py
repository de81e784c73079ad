"""Control characters in names and in printed text: which they are, how they are shown, and
the rule that new code and coder names contain none.

A control character here is one a terminal or a table row acts on instead of showing it:
C0 (U+0000–U+001F, newline and tab included), DEL (U+007F), C1 (U+0080–U+009F), the line and
paragraph separators U+2028/U+2029, and the Unicode bidirectional controls that reorder what
is shown ("Trojan Source", CVE-2021-42574): the marks U+061C, U+200E, U+200F, the embeddings
and overrides U+202A–U+202E and the isolates U+2066–U+2069 (Unicode Standard Annex #9,
table 1). ESC (U+001B) starts terminal escape sequences (colours, clearing the screen, window
titles); C1 U+009B is an 8-bit CSI.
"""

from __future__ import annotations

import re

from qualcode.domain.errors import InputError

#: One control character (see the module docstring).
CONTROL = re.compile("[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029"
                     "\u202a-\u202e\u2066-\u2069]")

_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def escape_char(char: str) -> str:
    """How one control character is shown: ``\\n``, ``\\t``, ``\\r``, else ``\\uXXXX``
    (four hex digits; the same escape means the same character inside a JSON string)."""
    return _NAMED.get(char) or f"\\u{ord(char):04x}"


def escape_controls(text: str, keep: str = "") -> str:
    """``text`` with every control character except those in ``keep`` (e.g. ``"\\n\\t"``)
    replaced by :func:`escape_char`; other text (backslashes too) is unchanged."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda m: m.group() if m.group() in keep else escape_char(m.group()),
                       text)


def first_control(text: str) -> str | None:
    """The first control character in ``text``, or ``None``."""
    found = CONTROL.search(text)
    return found.group() if found else None


def check_name(kind: str, name: str) -> str:
    """Return ``name`` when it has no control character; raises :class:`InputError`
    (``"code name 'a\\x1bb' contains a control character (U+001B)"``) otherwise.

    ``kind`` names what is checked (``"code name"``, ``"coder name"``). Used for names people
    type and that are printed in terminals, tables and file names: new code names and new
    coder names. Names already stored are not checked (they are escaped when printed).
    """
    char = first_control(name)
    if char is not None:
        raise InputError(f"{kind} {name!r} contains a control character (U+{ord(char):04X}); "
                         f"names cannot hold newlines, tabs, terminal escapes or bidi controls")
    return name
