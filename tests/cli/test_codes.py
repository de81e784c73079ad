"""``qualcode codes add|list|edit|rename|move|merge|delete``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from cli.conftest import CODE_PATHS, assert_one_line_error, dump, ok, run


def codes(project: Path) -> dict[str, dict]:
    return {c["path"]: c for c in json.loads(
        ok("codes", "list", project, "--format", "json").stdout)}


def segment_codes(project: Path) -> dict[int, str]:
    return {s["id"]: s["code"] for s in json.loads(
        ok("segments", project, "--format", "json").stdout)}


def test_add_creates_missing_parents(empty_project: Path):
    result = ok("codes", "add", empty_project, "Digitale Beratung/Telefon\\/E-Mail",
                "--color", "#8e44ad", "--definition", "Beratung per Telefon oder Mail.",
                "--anchor-example", "„Wir haben viel telefoniert.“",
                "--coding-rules", "Nur Kontakte mit Familien.")
    assert result.stdout == ""
    assert result.stderr == "added code Digitale Beratung/Telefon\\/E-Mail (#8E44AD)\n"
    listed = codes(empty_project)
    assert list(listed) == ["Digitale Beratung", "Digitale Beratung/Telefon\\/E-Mail"]
    child = listed["Digitale Beratung/Telefon\\/E-Mail"]
    assert child["name"] == "Telefon/E-Mail"  # the escaped slash is part of the name
    assert child["color"] == "#8E44AD"
    assert child["definition"] == "Beratung per Telefon oder Mail."
    assert child["anchor_example"] == "„Wir haben viel telefoniert.“"
    assert child["coding_rules"] == "Nur Kontakte mit Familien."
    assert listed["Digitale Beratung"]["definition"] == ""


def test_list_counts_coded_segments_per_code(project: Path):
    listed = json.loads(ok("codes", "list", project, "--format", "json").stdout)
    # Segments: Sprechstunden 1 (s1), Telefon/E-Mail 2 (s2, s6), Wartezeiten 3 (s3, s4, s8),
    # Netzwerk 1 (s5), Corona itself 1 (s7).
    assert [(c["path"], c["segments"]) for c in listed] == [
        ("Corona", 1), ("Corona/Sprechstunden", 1), ("Corona/Telefon\\/E-Mail", 2),
        ("Behörden", 0), ("Behörden/Wartezeiten", 3), ("Netzwerk", 1)]
    rows = list(csv.DictReader(io.StringIO(ok("codes", "list", project, "--format",
                                              "csv").stdout)))
    assert [r["path"] for r in rows] == CODE_PATHS
    assert rows[4]["segments"] == "3"


def test_list_table_indents_subcodes(project: Path):
    lines = ok("codes", "list", project).stdout.splitlines()
    assert lines[0].split()[:4] == ["id", "code", "color", "segments"]
    body = lines[2:]
    assert len(body) == 6
    assert "  Sprechstunden" in body[1] and " Corona " in body[0] + " "


def test_edit_changes_definition_and_colour(project: Path):
    result = ok("codes", "edit", project, "Corona/Telefon\\/E-Mail", "--definition",
                "Jeder Kontakt auf Distanz.", "--color", "00aa00")
    message = result.stderr.removesuffix("\n")
    assert message.startswith("updated Corona/Telefon\\/E-Mail: ")
    assert sorted(message.split(": ", 1)[1].split(", ")) == ["color", "definition"]
    code = codes(project)["Corona/Telefon\\/E-Mail"]
    assert (code["definition"], code["color"]) == ("Jeder Kontakt auf Distanz.", "#00AA00")


def test_edit_without_a_field_is_a_usage_error(project: Path):
    before = dump(project)
    result = run("codes", "edit", project, "Corona")
    assert result.exit_code == 2
    assert "give at least one of" in result.stderr
    assert dump(project) == before


def test_rename_keeps_subcodes_and_segments(project: Path):
    result = ok("codes", "rename", project, "Corona", "Pandemie")
    assert result.stderr == "renamed Corona to Pandemie\n"
    assert [p for p in codes(project)] == [
        "Pandemie", "Pandemie/Sprechstunden", "Pandemie/Telefon\\/E-Mail", "Behörden",
        "Behörden/Wartezeiten", "Netzwerk"]
    assert segment_codes(project)[2] == "Pandemie/Telefon\\/E-Mail"
    assert segment_codes(project)[7] == "Pandemie"


def test_rename_to_a_name_taken_at_that_level_changes_nothing(project: Path):
    before = dump(project)
    assert_one_line_error(run("codes", "rename", project, "Corona/Sprechstunden",
                              "Telefon/E-Mail"), "already exists")
    assert dump(project) == before


def test_move_under_another_code_and_back_to_the_top(project: Path):
    result = ok("codes", "move", project, "Netzwerk", "Behörden")
    assert result.stderr == "moved Netzwerk to Behörden/Netzwerk\n"
    listed = codes(project)
    assert list(listed) == ["Corona", "Corona/Sprechstunden", "Corona/Telefon\\/E-Mail",
                            "Behörden", "Behörden/Wartezeiten", "Behörden/Netzwerk"]
    assert segment_codes(project)[5] == "Behörden/Netzwerk"
    ok("codes", "move", project, "Corona/Telefon\\/E-Mail", "--top")
    assert "Telefon\\/E-Mail" in codes(project)
    assert segment_codes(project)[2] == "Telefon\\/E-Mail"


def test_move_into_itself_changes_nothing(project: Path):
    before = dump(project)
    assert_one_line_error(run("codes", "move", project, "Corona", "Corona/Sprechstunden"),
                          "into itself")
    assert dump(project) == before


def test_merge_moves_segments_and_removes_the_source(project: Path):
    result = ok("codes", "merge", project, "Corona/Sprechstunden", "Corona")
    assert result.stderr == (
        "merged Corona/Sprechstunden into Corona: 1 coded segment(s) moved\n")
    listed = codes(project)
    assert "Corona/Sprechstunden" not in listed
    assert listed["Corona"]["segments"] == 2  # s7 and the moved s1
    assert segment_codes(project)[1] == "Corona"


def test_merge_with_subcodes(project: Path):
    # Behörden (with Wartezeiten: 3 segments) into Netzwerk.
    result = ok("codes", "merge", project, "Behörden", "Netzwerk")
    assert result.stderr.endswith(": 0 coded segment(s) moved\n")
    listed = codes(project)
    assert "Behörden" not in listed
    assert listed["Netzwerk/Wartezeiten"]["segments"] == 3


def test_delete_without_force_refuses_and_names_the_number_of_segments(project: Path):
    before = dump(project)
    line = assert_one_line_error(run("codes", "delete", project, "Behörden"))
    assert "3 coded segment(s)" in line
    assert "--force" in line
    assert dump(project) == before


def test_delete_with_force_deletes_the_segments_too(project: Path):
    result = ok("codes", "delete", project, "Behörden", "--force")
    assert result.stderr == "deleted Behörden and its subcodes (3 coded segment(s) deleted)\n"
    assert list(codes(project)) == ["Corona", "Corona/Sprechstunden",
                                    "Corona/Telefon\\/E-Mail", "Netzwerk"]
    assert sorted(segment_codes(project)) == [1, 2, 5, 6, 7]


def test_delete_an_unused_code_needs_no_force(project: Path):
    ok("codes", "add", project, "Netzwerk/Leer")
    result = ok("codes", "delete", project, "Netzwerk/Leer")
    assert "(0 coded segment(s) deleted)" in result.stderr
    assert "Netzwerk/Leer" not in codes(project)


@pytest.mark.parametrize("colour", ["rot", "#12345", "#1234567", "#GG0000"])
def test_a_bad_colour_changes_nothing(project: Path, colour: str):
    before = dump(project)
    assert_one_line_error(run("codes", "add", project, "Neu", "--color", colour),
                          "invalid colour")
    assert_one_line_error(run("codes", "edit", project, "Corona", "--color", colour),
                          "invalid colour")
    assert dump(project) == before


@pytest.mark.parametrize(("args", "fragment"), [
    (["add", "{p}", "Corona"], "already exists"),
    (["add", "{p}", "Corona//Leer"], "empty code name"),
    (["edit", "{p}", "Gibt es nicht", "--definition", "x"], "no code 'Gibt es nicht'"),
    (["rename", "{p}", "Gibt es nicht", "Neu"], "no code"),
    (["move", "{p}", "Netzwerk", "Gibt es nicht"], "no code"),
    (["merge", "{p}", "Corona", "Corona"], "into itself"),
    (["merge", "{p}", "Corona", "Corona/Sprechstunden"], "its own subcode"),
    (["delete", "{p}", "Gibt es nicht"], "no code"),
])
def test_bad_code_edits_change_nothing(project: Path, args: list[str], fragment: str):
    before = dump(project)
    assert_one_line_error(run("codes", *[str(project) if a == "{p}" else a for a in args]),
                          fragment)
    assert dump(project) == before


def test_an_unescaped_slash_names_a_different_code_and_the_hint_shows_the_escape(
        project: Path):
    line = assert_one_line_error(run("codes", "edit", project, "Corona/Telefon/E-Mail",
                                     "--definition", "x"))
    assert "did you mean: Corona/Telefon\\/E-Mail" in line


def test_order_moves_codes_among_their_siblings_and_undo_restores(project: Path):
    result = ok("codes", "order", project, "Corona/Telefon\\/E-Mail", "--first")
    assert result.stderr == ("ordered codes: Corona/Telefon\\/E-Mail, Corona/Sprechstunden\n")
    assert list(codes(project)) == [
        "Corona", "Corona/Telefon\\/E-Mail", "Corona/Sprechstunden", "Behörden",
        "Behörden/Wartezeiten", "Netzwerk"]
    # a sibling may be named by its name alone
    ok("codes", "order", project, "Netzwerk", "--before", "Corona")
    assert list(codes(project))[:2] == ["Netzwerk", "Corona"]
    ok("undo", project)
    ok("undo", project)
    assert list(codes(project)) == CODE_PATHS


def test_order_refuses_codes_of_other_parents_and_leaves_the_project(project: Path):
    before = dump(project)
    assert_one_line_error(run("codes", "order", project, "Corona/Sprechstunden",
                              "--after", "Netzwerk"), "Netzwerk", "Corona/Sprechstunden")
    assert_one_line_error(run("codes", "order", project, "Corona/Sprechstunden",
                              "Behörden/Wartezeiten", "--first"), "different parent")
    assert_one_line_error(run("codes", "order", project, "Corona", "--first", "--last"),
                          "exactly one")
    assert dump(project) == before
