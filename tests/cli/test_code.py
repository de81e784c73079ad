"""``qualcode code PROJECT DOCUMENT CODEPATH (--start N --end M | --match TEXT)``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.conftest import RG_01, THM_01, THM_02, assert_one_line_error, dump, ok, query, run


def segments(project: Path) -> list[dict]:
    return json.loads(ok("segments", project, "--format", "json").stdout)


def test_match_codes_the_one_occurrence_and_prints_the_segment_id(plain_project: Path):
    passage = "Die Gespräche am Bildschirm liefen besser als gedacht."
    result = ok("code", plain_project, "THM-02", "Corona", "--match", passage, "--coder", "lena")
    start = THM_02.index(passage)
    assert result.stdout == "1\n"  # data: the new segment's id, nothing else
    assert result.stderr == (
        f"coded THM-02 [{start}, {start + len(passage)}) lines 7-7 with Corona as lena\n")
    [segment] = segments(plain_project)
    assert (segment["id"], segment["document"], segment["code"], segment["coder"]) == (
        1, "THM-02", "Corona", "lena")
    assert (segment["start"], segment["end"], segment["text"]) == (
        start, start + len(passage), passage)
    assert (segment["line_start"], segment["line_end"], segment["time"]) == (7, 7, "#00:00:08-0#")


def test_match_is_unicode_normalised(plain_project: Path):
    # "Ausländerbehörde" typed with decomposed umlauts still matches the stored NFC text.
    ok("code", plain_project, "THM-02", "Behörden", "--match",
       "Die Ausla\u0308nderbeho\u0308rde hat", "--coder", "lena")
    [segment] = segments(plain_project)
    assert segment["text"] == "Die Ausländerbehörde hat"


def test_match_not_found_changes_nothing(project: Path):
    before = dump(project)
    assert_one_line_error(
        run("code", project, "THM-01", "Corona", "--match", "Videokonferenz", "--coder", "neu"),
        "text not found in THM-01", "Videokonferenz")
    assert dump(project) == before


def test_match_occurring_twice_fails_and_lists_the_occurrences(project: Path):
    first = THM_01.index("haben")              # line 7: "Wir haben fast alles ..."
    second = THM_01.index("haben", first + 1)  # line 9: "... kein Guthaben mehr."
    third = THM_01.index("haben", second + 1)  # line 13: "... wir haben nur gewartet."
    before = dump(project)
    line = assert_one_line_error(
        run("code", project, "THM-01", "Corona", "--match", "haben", "--coder", "neu"))
    assert "occurs 3 times in THM-01" in line
    assert (f"line 7 (offset {first}), line 9 (offset {second}), "
            f"line 13 (offset {third})") in line
    assert dump(project) == before  # not even the new coder


def test_start_end_codes_exactly_that_span(plain_project: Path):
    start = THM_01.index("Dort war")
    end = THM_01.index(" #00:02:05-5#")
    result = ok("code", plain_project, "THM-01", "Behörden/Wartezeiten", "--start", start,
                "--end", end, "--coder", "jonas")
    assert result.stdout == "1\n"
    [segment] = segments(plain_project)
    assert segment["text"] == "Dort war wochenlang niemand erreichbar, wir haben nur gewartet."
    assert (segment["line_start"], segment["line_end"], segment["time"]) == (
        13, 13, "#00:01:30-0#")


def test_a_span_over_several_turns_reports_the_first_and_last_line(plain_project: Path):
    start = RG_01.index("Die Abstimmung")
    end = RG_01.index("Meistens lief er")
    ok("code", plain_project, "RG-01", "Netzwerk", "--start", start, "--end", end,
       "--coder", "lena")
    [segment] = segments(plain_project)
    assert (segment["line_start"], segment["line_end"]) == (7, 11)
    assert segment["time"] == "#00:00:05-0#"  # where the first turn starts


@pytest.mark.parametrize(("start", "end"), [
    (0, len(THM_01) + 1),   # one past the end of the text
    (-1, 5),                # before the start
    (40, 40),               # empty
    (50, 20),               # reversed
    (len(THM_01), len(THM_01) + 3),
])
def test_a_span_outside_the_text_changes_nothing(project: Path, start: int, end: int):
    before = dump(project)
    assert_one_line_error(
        run("code", project, "THM-01", "Corona", "--start", start, "--end", end,
            "--coder", "neue Person"),
        f"span [{start}, {end})", f"(0..{len(THM_01)})")
    assert dump(project) == before  # the new coder is not created either


def test_the_whole_text_is_a_valid_span(plain_project: Path):
    ok("code", plain_project, "RG-01", "Netzwerk", "--start", 0, "--end", len(RG_01),
       "--coder", "lena")
    [segment] = segments(plain_project)
    assert segment["text"] == RG_01
    assert (segment["line_start"], segment["line_end"], segment["time"]) == (1, 11, None)


@pytest.mark.parametrize("args", [
    ["--match", "Telefon", "--start", "1", "--end", "5"],
    ["--start", "1"],
    ["--end", "5"],
    [],
])
def test_match_or_start_and_end_is_required(project: Path, args: list[str]):
    before = dump(project)
    result = run("code", project, "THM-01", "Corona", *args)
    assert result.exit_code == 2
    assert "give either --start and --end, or --match" in result.stderr
    assert dump(project) == before


def test_codepath_with_an_escaped_slash(plain_project: Path):
    ok("code", plain_project, "RG-01", "Corona/Telefon\\/E-Mail", "--match",
       "Nachrichten auf dem Handy", "--coder", "lena")
    [segment] = segments(plain_project)
    assert segment["code"] == "Corona/Telefon\\/E-Mail"
    rows = query(plain_project, "SELECT c.name FROM segments s JOIN codes c ON c.id = s.code_id")
    assert rows == [("Telefon/E-Mail",)]


@pytest.mark.parametrize(("document", "codepath", "fragment"), [
    ("THM-01", "Corona/Telefon/E-Mail", "no code 'Corona/Telefon/E-Mail'"),
    ("THM-01", "Pandemie", "no code 'Pandemie'"),
    ("THM-99", "Corona", "no document 'THM-99'"),
    ("99", "Corona", "no document '99'"),
])
def test_unknown_code_or_document_changes_nothing(project: Path, document: str, codepath: str,
                                                  fragment: str):
    before = dump(project)
    assert_one_line_error(run("code", project, document, codepath, "--match", "Telefon",
                              "--coder", "neu"), fragment)
    assert dump(project) == before


def test_coding_the_same_span_twice_is_refused(project: Path):
    before = dump(project)
    assert_one_line_error(
        run("code", project, "THM-01", "Corona/Sprechstunden", "--match",
            "Die offenen Sprechstunden fielen ersatzlos weg.", "--coder", "lena"),
        "lena already coded")
    assert dump(project) == before


def test_another_coder_may_code_the_same_span(project: Path):
    result = ok("code", project, "THM-01", "Corona/Sprechstunden", "--match",
                "Die offenen Sprechstunden fielen ersatzlos weg.", "--coder", "jonas")
    assert result.stdout == "9\n"


def test_comment_and_weight_are_stored(plain_project: Path):
    ok("code", plain_project, "THM-01", "Netzwerk", "--match", "Guthaben", "--coder", "lena",
       "--comment", "Kosten fürs Handy", "--weight", "80")
    [segment] = segments(plain_project)
    assert (segment["comment"], segment["weight"]) == ("Kosten fürs Handy", 80)


def test_weight_outside_0_to_100_is_refused(project: Path):
    before = dump(project)
    result = run("code", project, "THM-01", "Netzwerk", "--match", "Guthaben", "--weight", "101")
    assert result.exit_code == 2
    assert dump(project) == before


def test_document_by_id(plain_project: Path):
    ok("code", plain_project, "2", "Corona", "--match", "Bildschirm", "--coder", "lena")
    assert segments(plain_project)[0]["document"] == "THM-02"


def test_default_coder_is_qualcode_coder(plain_project: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QUALCODE_CODER", "mira")
    result = ok("code", plain_project, "THM-01", "Netzwerk", "--match", "Guthaben")
    assert result.stderr.endswith(" with Netzwerk as mira\n")
    assert segments(plain_project)[0]["coder"] == "mira"


def test_default_coder_is_the_system_user_without_qualcode_coder(
        plain_project: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("QUALCODE_CODER", raising=False)
    monkeypatch.setattr("getpass.getuser", lambda: "kim")
    ok("code", plain_project, "THM-01", "Netzwerk", "--match", "Guthaben")
    assert segments(plain_project)[0]["coder"] == "kim"


def test_coder_option_beats_qualcode_coder(plain_project: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QUALCODE_CODER", "mira")
    ok("code", plain_project, "THM-01", "Netzwerk", "--match", "Guthaben", "--coder", "lena")
    assert segments(plain_project)[0]["coder"] == "lena"
