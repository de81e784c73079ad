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


def test_in_text_memos_at_a_line_or_offset(project: Path):
    assert ok("memo", "add", project, "Hier nachfragen.", "--document", "THM-02",
              "--line", "3", "--coder", "lena").stderr == "added in-text memo 1\n"
    assert ok("memo", "add", project, "Wortwahl!", "--document", "THM-02",
              "--offset", "5:9", "--coder", "lena").stderr == "added in-text memo 2\n"
    ok("memo", "add", project, "frei", "--coder", "lena")
    listed = memos(project)
    assert [(m["kind"], m["document"], m["line"], m["start"], m["end"]) for m in listed][:2] == [
        ("text", "THM-02", 3, listed[0]["start"], listed[0]["end"]),
        ("text", "THM-02", 1, 5, 9)]
    assert listed[0]["start"] <= listed[0]["end"] and listed[2]["line"] is None
    only = json.loads(ok("memo", "list", project, "--kind", "text", "--format", "json").stdout)
    assert [m["text"] for m in only] == ["Hier nachfragen.", "Wortwahl!"]
    table = ok("memo", "list", project).stdout.splitlines()
    assert table[0].split()[:4] == ["id", "kind", "document", "line"]
    ok("undo", project, "--coder", "lena")
    assert ok("undo", project, "--coder", "lena").stderr == "undone: add in-text memo\n"
    assert [m["text"] for m in memos(project)] == ["Hier nachfragen."]


@pytest.mark.parametrize(("options", "fragment", "code"), [
    (["--document", "THM-02", "--line", "9999"], "line 9999 is outside the document", 1),
    (["--document", "THM-02", "--offset", "0:999999"], "outside the document's text", 1),
    (["--line", "2"], "--line and --offset need --document", 2),
    (["--document", "THM-02", "--line", "2", "--offset", "1"], "not both", 2),
    (["--document", "THM-02", "--offset", "a:b"], "is not START or START:END", 2),
])
def test_a_bad_position_changes_nothing(project: Path, options, fragment, code):
    before = dump(project)
    result = run("memo", "add", project, "Notiz", *options, "--coder", "neu")
    assert result.exit_code == code
    assert fragment in result.stderr
    if code == 1:
        assert_one_line_error(result, fragment)
    assert dump(project) == before
