"""CODEPATH: Parent/Child with \\/ for a slash inside a name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.domain.codepath import escape_name, join_codepath, split_codepath
from qualcode.domain.errors import InputError


def test_split_simple_paths():
    assert split_codepath("Digitale Beratung") == ["Digitale Beratung"]
    assert split_codepath("Digitale Beratung/Video") == ["Digitale Beratung", "Video"]
    assert split_codepath("a/b/c") == ["a", "b", "c"]


def test_escaped_slash_stays_inside_a_name():
    assert split_codepath("Digitale Beratung/Telefon\\/E-Mail") == [
        "Digitale Beratung", "Telefon/E-Mail"]


def test_escaped_backslash_and_literal_backslash():
    assert split_codepath("a\\\\/b") == ["a\\", "b"]
    assert split_codepath("a\\b") == ["a\\b"]


def test_whitespace_around_names_is_stripped():
    assert split_codepath(" Ober / Unter ") == ["Ober", "Unter"]


@pytest.mark.parametrize("path", ["", "   ", "a//b", "/a", "a/", "a/ /b"])
def test_empty_names_are_refused(path):
    with pytest.raises(InputError) as error:
        split_codepath(path)
    assert "empty code name" in str(error.value)


def test_join_escapes_slashes_and_backslashes():
    assert escape_name("Telefon/E-Mail") == "Telefon\\/E-Mail"
    assert escape_name("a\\b") == "a\\\\b"
    assert join_codepath(["Digitale Beratung", "Telefon/E-Mail"]) == (
        "Digitale Beratung/Telefon\\/E-Mail")


_names = st.text(alphabet="ab /\\äß-", min_size=1, max_size=8).filter(
    lambda n: n == n.strip() and n != "")


@settings(database=None)
@given(st.lists(_names, min_size=1, max_size=5))
def test_split_inverts_join(names):
    assert split_codepath(join_codepath(names)) == names


@settings(database=None)
@given(st.lists(st.text(min_size=1, max_size=6).filter(lambda n: n == n.strip() and n),
                min_size=1, max_size=4))
def test_split_inverts_join_for_any_characters(names):
    assert split_codepath(join_codepath(names)) == names
