"""``qualcode undo PROJECT [--coder NAME]``: each person takes back only their own last change;
refused in one line naming what blocks it; atomic against a second undo in another process."""

from __future__ import annotations

import json
from pathlib import Path

from cli.conftest import THM_02, assert_one_line_error, dump, ok, query, run
from cli.history_support import (
    MIRA,
    at_once,
    documents,
    import_two_interviews,
    log,
    segment_ids,
)


def test_undo_a_coding(project: Path):
    result = ok("code", project, "RG-01", "Netzwerk", "--match", "Kontakt zu den Familien",
                "--coder", "lena")
    assert result.stdout == "9\n"
    undone = ok("undo", project, "--coder", "lena")
    assert undone.stdout == ""
    assert undone.stderr.startswith("undone: code RG-01 [")
    assert undone.stderr.endswith(") with Netzwerk\n")
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8]
    entry = log(project, "-n", "1")[0]
    assert (entry["actor"], entry["action"]) == ("lena", "undo: " + undone.stderr[8:-1])


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


def test_undo_refuses_a_rename_whose_old_name_was_taken_since(project: Path):
    ok("codes", "rename", project, "Netzwerk", "Bündnis", env=MIRA)
    ok("codes", "add", project, "Netzwerk", env={"QUALCODE_CODER": "jonas"})
    before = dump(project)
    assert_one_line_error(run("undo", project, env=MIRA),
                          "cannot undo “rename code Netzwerk to Bündnis”", "jonas")
    assert dump(project) == before


def test_undo_several_steps_in_reverse_order(project: Path):
    ok("codes", "add", project, "Neu", env=MIRA)
    ok("codes", "rename", project, "Neu", "Neuer", env=MIRA)
    assert ok("undo", project, env=MIRA).stderr == "undone: rename code Neu to Neuer\n"
    assert ok("undo", project, env=MIRA).stderr == "undone: add code Neu\n"
    paths = [c["path"] for c in json.loads(ok("codes", "list", project, "--format",
                                                 "json").stdout)]
    assert "Neu" not in paths and "Neuer" not in paths


def test_undo_restores_a_forced_delete(project: Path):
    ok("codes", "delete", project, "Behörden", "--force", env=MIRA)
    assert segment_ids(project) == [1, 2, 5, 6, 7]
    ok("undo", project, env=MIRA)
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8]
    codes = {c["path"]: c["segments"] for c in json.loads(
        ok("codes", "list", project, "--format", "json").stdout)}
    assert codes["Behörden/Wartezeiten"] == 3


def test_undo_of_an_import_removes_its_documents_with_a_count(project: Path, tmp_path: Path):
    import_two_interviews(project, tmp_path)
    # jonas codes after the import; mira's undo of the import leaves his coding alone
    ok("code", project, "RG-01", "Netzwerk", "--match", "Kontakt zu den Familien",
       "--coder", "jonas")
    assert ok("undo", project, env=MIRA).stderr == (
        "undone: import 2 files (2 documents removed)\n")
    assert [d["name"] for d in documents(project)] == ["THM-01", "THM-02", "RG-01"]
    assert query(project, "SELECT count(*) FROM document_groups "
                          "WHERE name = 'Familienbildung'") == [(0,)]
    assert query(project, "SELECT count(*) FROM turns WHERE document_id NOT IN "
                          "(SELECT id FROM documents)") == [(0,)]
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8, 9]


def test_an_import_does_not_block_undoing_earlier_codings(project: Path, tmp_path: Path):
    ok("code", project, "RG-01", "Netzwerk", "--match", "Kontakt zu den Familien",
       "--coder", "lena")
    import_two_interviews(project, tmp_path)
    assert ok("undo", project, "--coder", "lena").stderr.startswith("undone: code RG-01")
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert len(documents(project)) == 5  # the import stays


def test_an_import_is_not_undone_once_someone_coded_in_it(plain_project: Path,
                                                          tmp_path: Path):
    import_two_interviews(plain_project, tmp_path)
    ok("code", plain_project, "KITA-01", "Netzwerk", "--match", "Wartenummer",
       "--coder", "lena")
    before = dump(plain_project)
    assert_one_line_error(run("undo", plain_project, env=MIRA),
                          "cannot undo “import 2 files”: document KITA-01 is used by coded "
                          "segment 1 (lena, ")
    assert dump(plain_project) == before


def test_nothing_to_undo_in_a_new_project(empty_project: Path):
    before = dump(empty_project)
    assert_one_line_error(run("undo", empty_project, env=MIRA), "nothing to undo for mira")
    assert dump(empty_project) == before


def test_nothing_to_undo_names_who_has_changes(project: Path):
    assert_one_line_error(run("undo", project, env=MIRA), "nothing to undo for mira",
                          "jonas", "lena")


def test_undo_of_a_missing_project(tmp_path: Path):
    assert_one_line_error(run("undo", tmp_path / "fehlt.qualcode"), "fehlt.qualcode")


def test_two_undos_at_once_take_back_two_different_changes(project: Path, tmp_path: Path):
    lena = [e["id"] for e in log(project, "--coder", "lena")[:2]]
    results = at_once(("undo", project, "--coder", "lena"),
                      ("undo", project, "--coder", "lena"), cwd=tmp_path)
    for status, stdout, stderr in results:
        assert (status, stdout) == (0, ""), stderr
        assert stderr.startswith("undone: code ") and len(stderr.splitlines()) == 1
    undos = log(project, "-n", "2")
    assert sorted(e["undoes"] for e in undos) == sorted(lena)
    assert len(segment_ids(project)) == 6
