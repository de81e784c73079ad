"""``qualcode documents PROJECT [--group NAME] [--set NAME]... [--format table|json|csv]`` and
``qualcode documents rename|delete|move|order``."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from cli.conftest import RG_01, THM_01, THM_02, assert_one_line_error, dump, ok, run

CONTRACT_KEYS = {"id", "name", "group", "variables", "turns", "characters", "sha256"}


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_json_lists_documents_with_the_contract_keys(project: Path):
    result = ok("documents", project, "--format", "json")
    assert result.stderr == ""
    listed = json.loads(result.stdout)
    assert isinstance(listed, list)
    for record in listed:
        assert CONTRACT_KEYS <= set(record)
        assert {"source", "format", "encoding", "imported"} <= set(record)
    picked = [{key: record[key] for key in CONTRACT_KEYS} for record in listed]
    assert picked == [
        {"id": 1, "name": "THM-01", "group": "THM-Interviews",
         "variables": {"Datum": "2021-03-15", "Modus": "Anruf", "Kommune": "Kreis Nord"},
         "turns": 4, "characters": len(THM_01), "sha256": sha(THM_01)},
        {"id": 2, "name": "THM-02", "group": "THM-Interviews",
         "variables": {"Datum": "2021-04-02", "Modus": "Video", "Kommune": "Stadt Süd"},
         "turns": 4, "characters": len(THM_02), "sha256": sha(THM_02)},
        {"id": 3, "name": "RG-01", "group": "Reflexionsgespräche",
         "variables": {"Datum": "2021-06-10", "Modus": "Präsenz", "Kommune": "Kreis Nord"},
         "turns": 4, "characters": len(RG_01), "sha256": sha(RG_01)},
    ]
    assert [(r["source"], r["format"], r["encoding"]) for r in listed] == [
        ("THM-01.txt", "txt", "UTF-8"), ("THM-02.txt", "txt", "UTF-8"),
        ("RG-01.txt", "txt", "UTF-8")]


def test_characters_count_code_points_not_bytes(project: Path):
    [record] = [r for r in json.loads(ok("documents", project, "--format", "json").stdout)
                if r["name"] == "THM-01"]
    # THM-01 has 4 umlauts (Frühjahr, verändert, Ausländerbehörde), each 2 bytes in UTF-8.
    assert record["characters"] == len(THM_01.encode("utf-8")) - 4


def test_group_filter(project: Path):
    listed = json.loads(ok("documents", project, "--group", "Reflexionsgespräche",
                           "--format", "json").stdout)
    assert [r["name"] for r in listed] == ["RG-01"]
    assert json.loads(ok("documents", project, "--group", "Unbekannt",
                         "--format", "json").stdout) == []


def test_csv_has_a_header_and_one_row_per_document(project: Path):
    rows = list(csv.DictReader(io.StringIO(ok("documents", project, "--format", "csv").stdout)))
    assert [(r["id"], r["name"], r["group"], r["turns"], r["characters"], r["sha256"])
            for r in rows] == [
        ("1", "THM-01", "THM-Interviews", "4", str(len(THM_01)), sha(THM_01)),
        ("2", "THM-02", "THM-Interviews", "4", str(len(THM_02)), sha(THM_02)),
        ("3", "RG-01", "Reflexionsgespräche", "4", str(len(RG_01)), sha(RG_01)),
    ]
    assert "Kommune=Kreis Nord" in rows[0]["variables"]


def test_table_is_the_default(project: Path):
    table = ok("documents", project).stdout
    lines = table.splitlines()
    assert lines[0].split()[:4] == ["id", "name", "group", "turns"]
    assert len(lines) == 2 + 3  # header, rule, three documents
    assert "THM-01" in lines[2] and "THM-Interviews" in lines[2]
    assert "RG-01" in lines[4]


# -- documents rename|delete|move|order (every change undoable) ------------------------------
MIRA = {"QUALCODE_CODER": "mira"}


def listed(project: Path) -> list[tuple[str | None, str]]:
    return [(d["group"], d["name"])
            for d in json.loads(ok("documents", "list", project, "--format", "json").stdout)]


def test_rename_says_what_changed_and_undo_takes_it_back(project: Path):
    result = ok("documents", "rename", project, "THM-01", "THM-01 Nord", env=MIRA)
    assert result.stderr == "renamed document THM-01 to THM-01 Nord\n"
    assert json.loads(ok("segments", project, "--document", "THM-01 Nord", "--format",
                         "json").stdout)  # the coded segments follow the document
    ok("undo", project, env=MIRA)
    assert ("THM-Interviews", "THM-01") in listed(project)


def test_rename_errors_name_the_project_and_change_nothing(project: Path):
    before = dump(project)
    assert_one_line_error(run("documents", "rename", project, "THM-01", "THM-02"),
                          f"{project}: a document 'THM-02' already exists")
    assert_one_line_error(run("documents", "rename", project, "THM-01", "a\x1b[2Jb"),
                          f"{project}: document name", "contains a control character")
    assert_one_line_error(run("documents", "rename", project, "THM-09", "X"),
                          f"{project}: no document 'THM-09'")
    assert dump(project) == before


def test_delete_without_a_terminal_needs_yes(project: Path):
    before = dump(project)
    result = run("documents", "delete", project, "THM-01", "RG-01")
    assert_one_line_error(result, f"{project}: deleting 2 documents (THM-01, RG-01) with "
                                  "6 coded segments and 0 memos needs --yes")
    assert dump(project) == before


def test_delete_asks_in_a_terminal_and_no_keeps_everything(project: Path, monkeypatch):
    import qualcode.cli.commands.documents as command

    monkeypatch.setattr(command, "_interactive", lambda: True)
    before = dump(project)
    result = run("documents", "delete", project, "THM-02", input="n\n")
    assert f"{project}: delete 1 document (THM-02) with 2 coded segments and 0 memos?" \
        in result.stderr
    assert result.exit_code == 1 and "delete cancelled, nothing changed" in result.stderr
    assert dump(project) == before
    ok("documents", "delete", project, "THM-02", input="y\n")
    assert ("THM-Interviews", "THM-02") not in listed(project)


def test_undo_of_a_delete_brings_the_document_back_with_its_segments(project: Path):
    segments = ok("segments", project, "--format", "json").stdout
    result = ok("documents", "delete", project, "THM-01", "--yes", env=MIRA)
    assert result.stderr == ("deleted 1 document (THM-01) with 4 coded segments and 0 memos; "
                             "qualcode undo brings them back\n")
    assert ("THM-Interviews", "THM-01") not in listed(project)
    assert len(json.loads(ok("segments", project, "--format", "json").stdout)) == 4
    ok("undo", project, env=MIRA)
    assert listed(project)[0] == ("THM-Interviews", "THM-01")
    assert ok("segments", project, "--format", "json").stdout == segments


def test_move_creates_the_group_and_order_reorders_within_it(project: Path):
    result = ok("documents", "move", project, "RG-01", "THM-02", "--group", "Nachfrage",
                env=MIRA)
    assert result.stderr == "moved RG-01, THM-02 to document group Nachfrage (new group)\n"
    assert listed(project) == [("THM-Interviews", "THM-01"), ("Nachfrage", "RG-01"),
                               ("Nachfrage", "THM-02")]
    result = ok("documents", "order", project, "THM-02", "--before", "RG-01", env=MIRA)
    assert result.stderr == "ordered group Nachfrage: THM-02, RG-01\n"
    assert listed(project)[1:] == [("Nachfrage", "THM-02"), ("Nachfrage", "RG-01")]
    ok("undo", project, env=MIRA)
    ok("undo", project, env=MIRA)
    assert listed(project) == [("THM-Interviews", "THM-01"), ("THM-Interviews", "THM-02"),
                               ("Reflexionsgespräche", "RG-01")]
    assert "Nachfrage" not in ok("groups", "list", project).stdout


def test_move_and_order_refuse_bad_requests(project: Path):
    before = dump(project)
    assert run("documents", "move", project, "RG-01").exit_code == 2
    assert run("documents", "order", project, "RG-01", "--first", "--last").exit_code == 2
    assert_one_line_error(run("documents", "order", project, "RG-01", "--after", "THM-01"),
                          f"{project}: THM-01 is not in group Reflexionsgespräche")
    assert_one_line_error(run("documents", "move", project, "RG-01", "--group", "a\nb"),
                          f"{project}: document group name 'a\\nb' contains a control")
    assert dump(project) == before


def test_documents_set_lists_only_the_set(project: Path):
    ok("sets", "create", project, "Auswahl", "RG-01", "THM-02")
    names = [d["name"] for d in json.loads(
        ok("documents", project, "--set", "Auswahl", "--format", "json").stdout)]
    assert names == ["THM-02", "RG-01"]  # in document order
    assert_one_line_error(run("documents", project, "--set", "Auswahk"),
                          f"{project}: no document set 'Auswahk' (did you mean: Auswahl?)")
