"""Control characters: which they are, how they are shown, and the rule for new names."""

from __future__ import annotations

import json

import pytest

from qualcode.domain.control_chars import check_name, escape_controls, first_control
from qualcode.domain.errors import InputError

CONTROLS = ["\x00", "\x07", "\t", "\n", "\r", "\x1b", "\x7f", "\x85", "\x9b", "\u061c",
            "\u200e", "\u200f", "\u2028", "\u2029", "\u202a", "\u202b", "\u202c", "\u202d",
            "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("char", CONTROLS)
def test_every_control_character_is_escaped_and_refused_in_names(char: str):
    shown = escape_controls(f"a{char}b")
    assert first_control(shown) is None
    assert shown.startswith("a\\") and shown.endswith("b")
    with pytest.raises(InputError) as caught:
        check_name("code name", f"Code{char}x")
    assert f"U+{ord(char):04X}" in str(caught.value)
    assert first_control(str(caught.value)) is None  # the message itself is printable


def test_escapes_are_json_escapes_of_the_same_character():
    text = "Rot\x1b[31m \u202eumgedreht \x9b"
    assert json.loads('"' + escape_controls(text) + '"') == text


def test_kept_characters_and_ordinary_text_are_unchanged():
    assert escape_controls("Zeile\n\tzwei\x1b", keep="\n\t") == "Zeile\n\tzwei\\u001b"
    for name in ["Behörden/Wartezeiten", "عربي", "שלום", "Emoji 👩‍💻", "a\\b"]:
        assert escape_controls(name) == name
        assert check_name("coder name", name) == name
