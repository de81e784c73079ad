"""Names in Markdown tables and headings stay on their line (``qualcode.exports.markdown_text``)."""

from __future__ import annotations

from qualcode.exports.markdown_text import inline, table, table_cell, tree_name


def test_line_breaks_become_spaces_and_pipes_are_escaped():
    assert table_cell("Kreis|Nord\nZeile\r\nzwei\u2028drei") == "Kreis\\|Nord Zeile zwei drei"


def test_terminal_and_bidi_controls_are_shown_escaped():
    assert inline("\x1b[2JWeg\u202eRGK") == "\\u001b[2JWeg\\u202eRGK"


def test_ordinary_names_are_unchanged():
    assert table_cell("Behörden/Wartezeiten") == "Behörden/Wartezeiten"


def test_table_escapes_every_cell_and_marks_levels():
    lines = table(["Code", "|uα"], [[tree_name("Geld|Zeit", 0), 1], [tree_name("Neu\nZeile", 2), 2]])
    assert lines == ["| Code | \\|uα |", "| --- | ---: |", "| **Geld\\|Zeit** | 1 |",
                     "| ·\u00a0·\u00a0Neu Zeile | 2 |"]
