"""Coders: every coded segment records who coded it."""

from __future__ import annotations

import getpass

import pytest

from qualcode.domain.errors import ConflictError, InputError, NotFoundError
from qualcode.store.coders import (
    default_coder_name,
    ensure_coder,
    find_coder,
    get_coder,
    list_coders,
    rename_coder,
)
from qualcode.store.project import Project


@pytest.fixture
def project(project_path):
    project = Project.create(project_path)
    yield project
    project.close()


def test_default_coder_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("QUALCODE_CODER", "  lena ")
    assert default_coder_name() == "lena"


def test_default_coder_falls_back_to_the_user_name(monkeypatch):
    monkeypatch.delenv("QUALCODE_CODER", raising=False)
    monkeypatch.setattr(getpass, "getuser", lambda: "mkoch")
    assert default_coder_name() == "mkoch"
    monkeypatch.setenv("QUALCODE_CODER", "   ")
    assert default_coder_name() == "mkoch"


def test_default_coder_without_any_user_name(monkeypatch):
    monkeypatch.delenv("QUALCODE_CODER", raising=False)

    def no_user():
        raise OSError("no user")

    monkeypatch.setattr(getpass, "getuser", no_user)
    assert default_coder_name() == "coder"


def test_ensure_coder_creates_once(project):
    first = ensure_coder(project, "lena")
    again = ensure_coder(project, " lena ")
    assert first == again
    assert [c.name for c in list_coders(project)] == ["lena"]
    with_guid = ensure_coder(project, "kim", guid="0A0B0C0D-0000-4000-8000-000000000001")
    assert with_guid.guid == "0A0B0C0D-0000-4000-8000-000000000001"


def test_ensure_coder_without_a_name_uses_the_default(project, monkeypatch):
    monkeypatch.setenv("QUALCODE_CODER", "jonas")
    assert ensure_coder(project).name == "jonas"
    assert find_coder(project, "jonas") is not None


def test_an_empty_coder_name_is_refused(project):
    with pytest.raises(InputError):
        ensure_coder(project, "   ")
    assert list_coders(project) == []


def test_coders_are_listed_by_name_ignoring_case(project):
    for name in ("lena", "Kim", "anna"):
        ensure_coder(project, name)
    assert [c.name for c in list_coders(project)] == ["anna", "Kim", "lena"]


def test_get_unknown_coder_names_the_known_ones(project):
    with pytest.raises(NotFoundError) as error:
        get_coder(project, "lena")
    assert "none yet" in str(error.value)
    ensure_coder(project, "kim")
    with pytest.raises(NotFoundError) as error:
        get_coder(project, "lena")
    assert "kim" in str(error.value)


def test_rename_coder(project):
    lena = ensure_coder(project, "lena")
    ensure_coder(project, "kim")
    renamed = rename_coder(project, "lena", "Lena M.")
    assert renamed.id == lena.id and renamed.guid == lena.guid
    assert find_coder(project, "lena") is None
    with pytest.raises(ConflictError):
        rename_coder(project, "Lena M.", "kim")
    with pytest.raises(InputError):
        rename_coder(project, "kim", " ")
    with pytest.raises(NotFoundError):
        rename_coder(project, "niemand", "jemand")


@pytest.mark.parametrize("name", ["lena\x1b[2J", "le\nna", "le\u2066na"])
def test_new_coder_names_with_control_characters_are_refused(project, name):
    ensure_coder(project, "jonas")
    with pytest.raises(InputError, match="control character"):
        ensure_coder(project, name)
    with pytest.raises(InputError, match="control character"):
        rename_coder(project, "jonas", "jo\x07nas")
    assert [c.name for c in list_coders(project)] == ["jonas"]
