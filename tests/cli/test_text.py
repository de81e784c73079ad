"""``qualcode text PROJECT DOCUMENT``: the stored text, exactly, nothing added."""

from __future__ import annotations

from pathlib import Path

from cli.conftest import RG_01, THM_01, assert_one_line_error, dump, ok, query, run


def test_text_prints_the_stored_text_exactly(project: Path):
    result = ok("text", project, "THM-01")
    assert result.stdout == THM_01
    assert result.stdout_bytes == THM_01.encode("utf-8")
    assert result.stderr == ""


def test_text_without_a_final_newline_gets_none_added(empty_project: Path, tmp_path: Path):
    source = tmp_path / "ohne.txt"
    source.write_text("I: Frage? #00:00:01-0#\n\nB: Antwort. #00:00:02-0#", encoding="utf-8")
    ok("import", empty_project, source)
    assert ok("text", empty_project, "ohne").stdout == (
        "I: Frage? #00:00:01-0#\n\nB: Antwort. #00:00:02-0#")


def test_text_is_the_normalised_text_offsets_refer_to(empty_project: Path, tmp_path: Path):
    source = tmp_path / "crlf.txt"
    source.write_bytes("\ufeffI: Wie geht's?\r\n\r\nB: Gut\tso.\r\n".encode("utf-8"))
    ok("import", empty_project, source)
    shown = ok("text", empty_project, "crlf").stdout
    assert shown == "I: Wie geht's?\n\nB: Gut so.\n"
    [(stored,)] = query(empty_project, "SELECT text FROM documents WHERE name = 'crlf'")
    assert shown == stored
    # Offsets printed by `code` index exactly this text.
    ok("codes", "add", empty_project, "Befinden")
    result = ok("code", empty_project, "crlf", "Befinden", "--match", "Gut so", "--coder", "a")
    start = shown.index("Gut so")
    assert f"[{start}, {start + 6})" in result.stderr


def test_a_document_can_be_named_by_its_id(project: Path):
    # Documents are numbered in import order: THM-01, THM-02, RG-01.
    assert ok("text", project, "3").stdout == RG_01


def test_an_unknown_document_is_an_error_with_a_hint(project: Path):
    before = dump(project)
    line = assert_one_line_error(run("text", project, "THM-1"), "no document 'THM-1'")
    assert "did you mean" in line and "THM-01" in line
    assert dump(project) == before
