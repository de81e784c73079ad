"""``qualcode redo PROJECT [--coder NAME]``: each person re-applies only their own last undone
change, exactly; refused in one line naming what blocks it; atomic across processes."""

from __future__ import annotations

import json
from pathlib import Path

from cli.conftest import RG_01, assert_one_line_error, dump, ok, run
from cli.history_support import (
    MIRA,
    at_once,
    documents,
    import_two_interviews,
    log,
    segment_ids,
)


def code_paths(project: Path) -> list[str]:
    return [c["path"] for c in json.loads(ok("codes", "list", project, "--format",
                                             "json").stdout)]


def test_undo_and_redo_a_coding(project: Path):
    passage = "Kontakt zu den Familien"
    ok("code", project, "RG-01", "Netzwerk", "--match", passage, "--coder", "lena")
    start = RG_01.index(passage)
    action = f"code RG-01 [{start}, {start + len(passage)}) with Netzwerk"
    assert ok("undo", project, "--coder", "lena").stderr == f"undone: {action}\n"
    redone = ok("redo", project, "--coder", "lena")
    assert (redone.stdout, redone.stderr) == ("", f"redone: {action}\n")
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    entries = log(project)
    assert [e["action"] for e in entries[:3]] == [f"redo: {action}", f"undo: {action}", action]
    assert entries[0]["events"] == 1 and entries[0]["actor"] == "lena"


def test_redo_several_steps_in_order(project: Path):
    ok("codes", "add", project, "Neu", env=MIRA)
    ok("codes", "rename", project, "Neu", "Neuer", env=MIRA)
    ok("undo", project, env=MIRA)
    ok("undo", project, env=MIRA)
    assert ok("redo", project, env=MIRA).stderr == "redone: add code Neu\n"
    assert "Neu" in code_paths(project)
    assert ok("redo", project, env=MIRA).stderr == "redone: rename code Neu to Neuer\n"
    assert "Neuer" in code_paths(project) and "Neu" not in code_paths(project)


def test_redo_belongs_to_the_person(project: Path):
    ok("codes", "add", project, "Kita", env=MIRA)
    ok("undo", project, env=MIRA)
    # jonas has nothing undone: mira's undone change is not his to redo
    assert_one_line_error(run("redo", project, "--coder", "jonas"), "nothing to redo for jonas")
    # another person's change in between does not clear mira's redo ...
    ok("code", project, "RG-01", "Netzwerk", "--match", "Kontakt zu den Familien",
       "--coder", "jonas")
    assert ok("redo", project, env=MIRA).stderr == "redone: add code Kita\n"
    # ... her own new change does
    ok("undo", project, env=MIRA)
    ok("codes", "add", project, "Schule", env=MIRA)
    assert_one_line_error(run("redo", project, env=MIRA), "nothing to redo for mira")
    assert "Kita" not in code_paths(project)


def test_redo_refused_when_someone_took_the_name_since(project: Path):
    ok("codes", "add", project, "Kita", env=MIRA)
    ok("undo", project, env=MIRA)
    ok("codes", "add", project, "Kita", env={"QUALCODE_CODER": "jonas"})
    before = dump(project)
    assert_one_line_error(run("redo", project, env=MIRA),
                          "cannot redo “add code Kita”: ", "jonas")
    assert dump(project) == before


def test_redo_refused_when_the_code_was_deleted_since(project: Path):
    ok("code", project, "RG-01", "Netzwerk", "--match", "Kontakt zu den Familien",
       "--coder", "lena")
    ok("undo", project, "--coder", "lena")
    ok("codes", "delete", project, "Netzwerk", "--force", env=MIRA)
    before = dump(project)
    assert_one_line_error(run("redo", project, "--coder", "lena"),
                          "cannot redo “code RG-01 [", "Netzwerk", "mira")
    assert dump(project) == before


def test_redo_of_an_import_brings_its_documents_back_exactly(project: Path, tmp_path: Path):
    import_two_interviews(project, tmp_path)
    imported = documents(project)
    texts = {d["name"]: ok("text", project, d["name"]).stdout for d in imported}
    ok("undo", project, env=MIRA)
    assert ok("redo", project, env=MIRA).stderr == (
        "redone: import 2 files (2 documents restored)\n")
    assert documents(project) == imported  # GUIDs, SHA-256, turns, variables, group
    assert {d["name"]: ok("text", project, d["name"]).stdout for d in imported} == texts


def test_nothing_to_redo_changes_nothing(project: Path):
    before = dump(project)
    assert_one_line_error(run("redo", project, env=MIRA), "nothing to redo for mira")
    assert dump(project) == before


def test_two_redos_at_once_re_apply_two_different_changes(project: Path, tmp_path: Path):
    ok("undo", project, "--coder", "lena")
    ok("undo", project, "--coder", "lena")
    undone = sorted(e["undoes"] for e in log(project, "-n", "2"))
    results = at_once(("redo", project, "--coder", "lena"),
                      ("redo", project, "--coder", "lena"), cwd=tmp_path)
    for status, stdout, stderr in results:
        assert (status, stdout) == (0, ""), stderr
        assert stderr.startswith("redone: code ") and len(stderr.splitlines()) == 1
    assert sorted(e["redoes"] for e in log(project, "-n", "2")) == undone
    assert segment_ids(project) == [1, 2, 3, 4, 5, 6, 7, 8]
