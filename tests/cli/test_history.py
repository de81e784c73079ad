"""``qualcode undo|redo|log PROJECT``: each person's undo and redo, and the audit trail."""

from __future__ import annotations

import json
from pathlib import Path

from cli.conftest import RG_01, THM_02, assert_one_line_error, dump, ok, query, run

#: The person running the commands in these tests (``$QUALCODE_CODER``).
MIRA = {"QUALCODE_CODER": "mira"}

# Two short interviews of our own for the import tests.
KITA = ("Datum: 2022-01-12\nModus: Anruf\n\nI: Wie klappt die Anmeldung in der Kita?\n\n"
        "B: Seit dem Herbst gibt es eine Wartenummer, die Eltern rufen jede Woche an.\n")
SPRACHKURS = ("Datum: 2022-02-03\nModus: Video\n\nI: Und der Sprachkurs?\n\n"
              "B: Der Kurs am Abend passt, die Kinderbetreuung fehlt aber.\n")


def log(project: Path, *args: str) -> list[dict]:
    return json.loads(ok("log", project, "--format", "json", *args).stdout)


def segment_ids(project: Path) -> list[int]:
    return sorted(s["id"] for s in json.loads(
        ok("segments", project, "--format", "json").stdout))


def documents(project: Path) -> list[dict]:
    return json.loads(ok("documents", project, "--format", "json").stdout)


def test_log_lists_changes_newest_first_with_actor(project: Path):
    entries = log(project)
    assert {"id", "created", "actor", "action", "events", "undoes", "redoes", "undone_by",
            "redone_by", "purged", "note"} <= set(entries[0])
    assert [e["id"] for e in entries] == sorted((e["id"] for e in entries), reverse=True)
    # The last change was jonas coding segment 8 in THM-01.
    newest = entries[0]
    assert newest["actor"] == "jonas"
    assert newest["action"].startswith("code THM-01 [")
    assert newest["action"].endswith(") with Behörden/Wartezeiten")
    assert newest["events"] == 1
    assert newest["note"] == "" and newest["undone_by"] is None
    assert len(log(project, "-n", "3")) == 3


def test_log_shows_one_persons_changes_and_what_undo_and_redo_did(project: Path):
    lena = log(project, "--coder", "lena")
    assert {e["actor"] for e in lena} == {"lena"} and len(lena) == 7  # coder + 6 codings
    ok("undo", project, "--coder", "lena")
    coding = log(project, "--coder", "lena")[1]
    assert coding["action"].startswith("code RG-01 [")
    undo_id = log(project, "--coder", "lena")[0]["id"]
    assert coding["undone_by"] == undo_id and coding["note"] == f"undone by #{undo_id}"
    ok("redo", project, "--coder", "lena")
    entries = log(project, "--coder", "lena", "-n", "3")
    assert [e["note"] for e in entries] == [
        f"redo of #{coding['id']}", f"undo of #{coding['id']}",
        f"redone by #{entries[0]['id']}"]
    table = ok("log", project, "--coder", "lena", "-n", "3").stdout
    assert f"redone by #{entries[0]['id']}" in table and "jonas" not in table


def test_undo_and_redo_a_coding(project: Path):
    passage = "Kontakt zu den Familien"
    result = ok("code", project, "RG-01", "Netzwerk", "--match", passage, "--coder", "lena")
    assert result.stdout == "9\n"
    start = RG_01.index(passage)
    action = f"code RG-01 [{start}, {start + len(passage)}) with Netzwerk"
    undone = ok("undo", project, "--coder", "lena")
    assert undone.stdout == ""
    assert undone.stderr == f"undone: {action}\n"
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert ok("redo", project, "--coder", "lena").stderr == f"redone: {action}\n"
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    entries = log(project)
    assert [e["action"] for e in entries[:3]] == [f"redo: {action}", f"undo: {action}", action]
    assert entries[0]["events"] == 1 and entries[0]["actor"] == "lena"


def test_undo_takes_back_only_the_persons_own_change(project: Path):
    # lena codes, then jonas: lena's undo removes her coding, not jonas's newer one.
    assert ok("code", project, "RG-01", "Netzwerk", "--match", "Kontakt zu den Familien",
              "--coder", "lena").stdout == "9\n"
    assert ok("code", project, "RG-01", "Netzwerk", "--match", "Nachrichten auf dem Handy",
              "--coder", "jonas").stdout == "10\n"
    assert ok("undo", project, "--coder", "lena").stderr.startswith("undone: code RG-01")
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8, 10]
    # $QUALCODE_CODER names the person when --coder is absent
    assert ok("undo", project, env={"QUALCODE_CODER": "jonas"}).stderr.startswith(
        "undone: code RG-01")
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8]


def test_undo_refuses_to_remove_someone_elses_work(project: Path):
    ok("codes", "add", project, "Kita", env=MIRA)
    ok("code", project, "THM-02", "Kita", "--match", "am Bildschirm", "--coder", "jonas")
    before = dump(project)
    line = assert_one_line_error(run("undo", project, env=MIRA),
                                 "cannot undo “add code Kita”: code Kita is used by coded "
                                 "segment 9 (jonas, ")
    start = THM_02.index("am Bildschirm")
    assert line.endswith(f" UTC: “code THM-02 [{start}, {start + 13}) with Kita”)")
    assert dump(project) == before
    # once jonas took his coding back, mira's undo goes through
    ok("undo", project, "--coder", "jonas")
    assert ok("undo", project, env=MIRA).stderr == "undone: add code Kita\n"


def test_undo_several_steps_in_reverse_order(project: Path):
    ok("codes", "add", project, "Neu", env=MIRA)
    ok("codes", "rename", project, "Neu", "Neuer", env=MIRA)
    assert ok("undo", project, env=MIRA).stderr == "undone: rename code Neu to Neuer\n"
    assert ok("undo", project, env=MIRA).stderr == "undone: add code Neu\n"
    paths = [c["path"] for c in json.loads(ok("codes", "list", project, "--format",
                                                 "json").stdout)]
    assert "Neu" not in paths and "Neuer" not in paths
    assert ok("redo", project, env=MIRA).stderr == "redone: add code Neu\n"
    assert ok("redo", project, env=MIRA).stderr == "redone: rename code Neu to Neuer\n"
    paths = [c["path"] for c in json.loads(ok("codes", "list", project, "--format",
                                                 "json").stdout)]
    assert "Neuer" in paths


def test_undo_restores_a_forced_delete(project: Path):
    ok("codes", "delete", project, "Behörden", "--force", env=MIRA)
    assert segment_ids(project) == [1, 2, 5, 6, 7]
    ok("undo", project, env=MIRA)
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8]
    codes = {c["path"]: c["segments"] for c in json.loads(
        ok("codes", "list", project, "--format", "json").stdout)}
    assert codes["Behörden/Wartezeiten"] == 3


def test_nothing_to_redo_changes_nothing(project: Path):
    before = dump(project)
    assert_one_line_error(run("redo", project, env=MIRA), "nothing to redo for mira")
    assert dump(project) == before


def test_an_import_is_undone_and_redone_with_its_documents(project: Path, tmp_path: Path):
    files = [tmp_path / "KITA-01.txt", tmp_path / "SK-01.txt"]
    for path, text in zip(files, (KITA, SPRACHKURS)):
        path.write_text(text, encoding="utf-8")
    ok("import", project, *files, "--group", "Familienbildung", env=MIRA)
    imported = documents(project)
    texts = {d["name"]: ok("text", project, d["name"]).stdout for d in imported}
    # jonas codes after the import; mira's undo of the import leaves his coding alone
    ok("code", project, "RG-01", "Netzwerk", "--match", "Kontakt zu den Familien",
       "--coder", "jonas")
    assert ok("undo", project, env=MIRA).stderr == (
        "undone: import 2 files (2 documents removed)\n")
    assert [d["name"] for d in documents(project)] == ["THM-01", "THM-02", "RG-01"]
    assert query(project, "SELECT count(*) FROM document_groups "
                          "WHERE name = 'Familienbildung'") == [(0,)]
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert ok("redo", project, env=MIRA).stderr == (
        "redone: import 2 files (2 documents restored)\n")
    assert documents(project) == imported  # GUIDs, SHA-256, turns, variables, group
    assert {d["name"]: ok("text", project, d["name"]).stdout for d in imported} == texts


def test_an_import_is_not_undone_once_someone_coded_in_it(plain_project: Path, tmp_path):
    path = tmp_path / "KITA-01.txt"
    path.write_text(KITA, encoding="utf-8")
    ok("import", plain_project, path, env=MIRA)
    ok("code", plain_project, "KITA-01", "Netzwerk", "--match", "Wartenummer",
       "--coder", "lena")
    before = dump(plain_project)
    assert_one_line_error(run("undo", plain_project, env=MIRA),
                          "cannot undo “import KITA-01.txt”: document KITA-01 is used by coded "
                          "segment 1 (lena, ")
    assert dump(plain_project) == before


def test_nothing_to_undo_in_a_new_project(empty_project: Path):
    before = dump(empty_project)
    assert_one_line_error(run("undo", empty_project, env=MIRA), "nothing to undo for mira")
    assert dump(empty_project) == before


def test_nothing_to_undo_names_who_has_changes(project: Path):
    assert_one_line_error(run("undo", project, env=MIRA), "nothing to undo for mira",
                          "jonas", "lena")


def test_a_failed_command_leaves_no_trace_in_the_log(project: Path):
    before = log(project)
    run("code", project, "THM-01", "Corona", "--match", "haben", "--coder", "neu")
    run("codes", "delete", project, "Behörden")
    run("undo", project, env=MIRA)
    assert log(project) == before
