"""``qualcode memo add|list``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.conftest import assert_one_line_error, dump, ok, run


def memos(project: Path) -> list[dict]:
    return json.loads(ok("memo", "list", project, "--format", "json").stdout)


def test_free_document_code_and_segment_memos(project: Path):
    assert ok("memo", "add", project, "Erste Eindrücke nach drei Interviews.",
              "--title", "Eindruck", "--coder", "lena").stderr == "added free memo 1\n"
    assert ok("memo", "add", project, "Sehr kurzes Gespräch.", "--document", "THM-02",
              "--coder", "jonas").stderr == "added document memo 2\n"
    assert ok("memo", "add", project, "Abgrenzen gegen Sprechstunden.", "--code",
              "Corona/Telefon\\/E-Mail", "--coder", "lena").stderr == "added code memo 3\n"
    assert ok("memo", "add", project, "Gutes Ankerbeispiel.", "--segment", "5",
              "--coder", "lena").stderr == "added segment memo 4\n"
    listed = memos(project)
    assert [(m["id"], m["kind"], m["document_id"], m["code_id"], m["segment_id"], m["author"],
             m["title"], m["text"]) for m in listed] == [
        (1, "free", None, None, None, "lena", "Eindruck", "Erste Eindrücke nach drei Interviews."),
        (2, "document", 2, None, None, "jonas", "", "Sehr kurzes Gespräch."),
        (3, "code", None, 3, None, "lena", "", "Abgrenzen gegen Sprechstunden."),
        (4, "segment", None, None, 5, "lena", "", "Gutes Ankerbeispiel."),
    ]
    # names, not only ids: the document's name and the code's CODEPATH
    assert [(m["document"], m["code"]) for m in listed] == [
        (None, None), ("THM-02", None), (None, "Corona/Telefon\\/E-Mail"), (None, None)]
    table = ok("memo", "list", project).stdout
    assert "THM-02" in table and "Corona/Telefon\\/E-Mail" in table


def test_author_defaults_to_qualcode_coder(project: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QUALCODE_CODER", "mira")
    ok("memo", "add", project, "Notiz")
    assert memos(project)[0]["author"] == "mira"


def test_a_memo_attaches_to_one_thing_only(project: Path):
    before = dump(project)
    result = run("memo", "add", project, "Zu viel", "--document", "THM-01", "--segment", "1")
    assert result.exit_code == 2
    assert "attach a memo to one of" in result.stderr
    assert dump(project) == before


@pytest.mark.parametrize(("target", "fragment"), [
    (["--document", "THM-99"], "no document 'THM-99'"),
    (["--code", "Pandemie"], "no code 'Pandemie'"),
    (["--segment", "99"], "no coded segment with id 99"),
])
def test_an_unknown_target_changes_nothing(project: Path, target: list[str], fragment: str):
    before = dump(project)
    # A new author must not be left behind either.
    assert_one_line_error(run("memo", "add", project, "Notiz", *target, "--coder", "neu"),
                          fragment)
    assert dump(project) == before


def test_list_table(project: Path):
    ok("memo", "add", project, "Eine längere Notiz über die Interviews.", "--coder", "lena")
    lines = ok("memo", "list", project).stdout.splitlines()
    assert lines[0].split()[:2] == ["id", "kind"]
    assert "Eine längere Notiz über die Interviews." in lines[2]
