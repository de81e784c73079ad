"""Names in Markdown tables and headings stay on their line (``qualcode.exports.markdown_text``)."""

from __future__ import annotations

from qualcode.exports.markdown_text import inline, table_cell


def test_line_breaks_become_spaces_and_pipes_are_escaped():
    assert table_cell("Kreis|Nord\nZeile\r\nzwei\u2028drei") == "Kreis\\|Nord Zeile zwei drei"


def test_terminal_and_bidi_controls_are_shown_escaped():
    assert inline("\x1b[2JWeg\u202eRGK") == "\\u001b[2JWeg\\u202eRGK"


def test_ordinary_names_are_unchanged():
    assert table_cell("Behörden/Wartezeiten") == "Behörden/Wartezeiten"
