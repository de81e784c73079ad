"""``qualcode documents PROJECT [--group NAME] [--format table|json|csv]``."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from cli.conftest import RG_01, THM_01, THM_02, ok

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
