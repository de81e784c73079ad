"""``qualcode autocode PROJECT CODEPATH --speaker LABEL [--document D]... [--coder NAME]``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.conftest import MULTILINE_PASSAGE, assert_one_line_error, dump, ok, run


def segments(project: Path, *args: str) -> list[dict]:
    return json.loads(ok("segments", project, "--format", "json", *args).stdout)


def test_codes_every_turn_of_the_speaker_in_every_document(plain_project: Path):
    result = ok("autocode", plain_project, "Netzwerk", "--speaker", "B", "--coder", "lena")
    assert result.stdout == ""
    # Each of the three transcripts has two B turns.
    assert result.stderr == "coded 6 turn(s) of B in 3 document(s) with Netzwerk as lena\n"
    found = segments(plain_project)
    assert [(s["document"], s["line_start"], s["line_end"], s["time"]) for s in found] == [
        ("THM-01", 7, 9, "#00:00:10-0#"), ("THM-01", 13, 13, "#00:01:30-0#"),
        ("THM-02", 7, 7, "#00:00:08-0#"), ("THM-02", 11, 11, "#00:00:45-0#"),
        ("RG-01", 7, 7, "#00:00:05-0#"), ("RG-01", 11, 11, "#00:00:36-0#"),
    ]
    # The speech only: no "B: " label, no time mark at the end.
    assert found[0]["text"] == ("Wir haben fast alles auf das Telefon verlegt.\n"
                                "Die offenen Sprechstunden fielen ersatzlos weg.\n"
                                "Manche Familien hatten kein Guthaben mehr.")
    assert found[5]["text"] == "Meistens lief er über Nachrichten auf dem Handy."


def test_running_it_again_codes_nothing_twice(plain_project: Path):
    ok("autocode", plain_project, "Netzwerk", "--speaker", "B", "--coder", "lena")
    before = dump(plain_project)
    result = ok("autocode", plain_project, "Netzwerk", "--speaker", "B", "--coder", "lena")
    assert result.stderr == ("coded 0 turn(s) of B in 3 document(s) with Netzwerk as lena; "
                             "skipped 6 already coded with Netzwerk by lena\n")
    assert len(segments(plain_project)) == 6
    assert dump(plain_project) == before  # not even an empty entry in the log
    # Another coder gets segments of their own.
    result = ok("autocode", plain_project, "Netzwerk", "--speaker", "B", "--coder", "jonas")
    assert result.stderr.startswith("coded 6 turn(s)")
    assert len(segments(plain_project, "--coder", "jonas")) == 6
    assert dump(plain_project) != before


def test_a_turn_inside_a_segment_of_the_same_code_and_coder_is_skipped(plain_project: Path):
    # lena's segment holds THM-01's first B turn (lines 7-9) and its closing time mark.
    ok("code", plain_project, "THM-01", "Netzwerk", "--match", MULTILINE_PASSAGE,
       "--coder", "lena")
    # A segment inside a turn does not hold the turn: that turn is coded.
    ok("code", plain_project, "THM-01", "Netzwerk", "--match", "niemand erreichbar",
       "--coder", "lena")
    result = ok("autocode", plain_project, "Netzwerk", "--speaker", "B", "--coder", "lena")
    assert result.stderr == ("coded 5 turn(s) of B in 3 document(s) with Netzwerk as lena; "
                             "skipped 1 already coded with Netzwerk by lena\n")
    assert len(segments(plain_project, "--coder", "lena")) == 2 + 5
    # Only the same coder and the same code count.
    assert ok("autocode", plain_project, "Netzwerk", "--speaker", "B", "--coder", "jonas"
              ).stderr.startswith("coded 6 turn(s)")
    assert ok("autocode", plain_project, "Behörden", "--speaker", "B", "--coder", "lena"
              ).stderr.startswith("coded 6 turn(s)")


def test_only_the_given_documents(plain_project: Path):
    result = ok("autocode", plain_project, "Behörden", "--speaker", "I", "--document", "THM-02",
                "--document", "RG-01", "--coder", "lena")
    assert result.stderr == "coded 4 turn(s) of I in 2 document(s) with Behörden as lena\n"
    found = segments(plain_project)
    assert [s["text"] for s in found] == [
        "Was hat Ihnen in der Beratung geholfen?", "Gab es Schwierigkeiten mit Ämtern?",
        "Wie blicken Sie auf das erste Jahr zurück?", "Und der Kontakt zu den Familien?"]


def test_codepath_with_escaped_slash_and_default_coder(plain_project: Path,
                                                        monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("QUALCODE_CODER", "mira")
    result = ok("autocode", plain_project, "Corona/Telefon\\/E-Mail", "--speaker", "B",
                "--document", "THM-01")
    assert result.stderr == ("coded 2 turn(s) of B in 1 document(s) with "
                             "Corona/Telefon\\/E-Mail as mira\n")
    assert {(s["code"], s["coder"]) for s in segments(plain_project)} == {
        ("Corona/Telefon\\/E-Mail", "mira")}


def test_a_speaker_without_turns_codes_nothing_and_says_so(plain_project: Path):
    result = ok("autocode", plain_project, "Netzwerk", "--speaker", "IP", "--coder", "lena")
    assert result.stderr.splitlines() == [
        "coded 0 turn(s) of IP in 3 document(s) with Netzwerk as lena",
        "note: no turns of speaker 'IP' found"]
    assert segments(plain_project) == []


def test_header_lines_are_not_a_speaker(plain_project: Path):
    result = ok("autocode", plain_project, "Netzwerk", "--speaker", "Kommune", "--coder", "lena")
    assert "coded 0 turn(s)" in result.stderr
    assert segments(plain_project) == []


@pytest.mark.parametrize(("args", "fragment"), [
    (["Pandemie", "--speaker", "B"], "no code 'Pandemie'"),
    (["Netzwerk", "--speaker", "B", "--document", "THM-01", "--document", "THM-03"],
     "no document 'THM-03'"),
])
def test_unknown_code_or_document_changes_nothing(project: Path, args: list[str],
                                                  fragment: str):
    before = dump(project)
    assert_one_line_error(run("autocode", project, *args, "--coder", "neu"), fragment)
    assert dump(project) == before


def test_speaker_is_required(project: Path):
    result = run("autocode", project, "Netzwerk")
    assert result.exit_code == 2
    assert "--speaker" in result.stderr
