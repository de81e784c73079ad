"""``qualcode cooccurrence``: pairs of codes applied together by the same coder."""

from __future__ import annotations

import json

from analysis_project import ABH, ABSTIMMUNG, CODES, CORONA, TELEFON, TEXTS, VIDEO, run


def _values(*args):
    data = json.loads(run("cooccurrence", *args, "--format", "json").stdout)
    assert data["rows"] == data["columns"]
    return {(data["rows"][i], data["columns"][j]): v
            for i, row in enumerate(data["values"]) for j, v in enumerate(row) if v}


def test_json_shape_has_codes_on_both_axes(coded_project):
    data = json.loads(run("cooccurrence", coded_project, "--format", "json").stdout)
    assert data["rows"] == CODES and data["columns"] == CODES
    assert all(data["values"][i][i] == 0 for i in range(len(CODES)))


def test_overlapping_segments(coded_project):
    # Only anna's 3 (Telefon) and 4 (Video) overlap; ben's 14 overlaps them too but is
    # another coder's reading.
    assert _values(coded_project) == {(TELEFON, VIDEO): 1, (VIDEO, TELEFON): 1}


def test_same_speaker_turn(coded_project):
    # anna: A-01 line 7 (1 ABH, 2 Corona), A-01 line 11 (3 Telefon, 4 Video),
    # A-02 line 7 (5 and 6 ABH with 7 Abstimmung: 2 pairs), B-01 line 7 (10 ABH, 11 Corona).
    assert _values(coded_project, "--within", "turn") == {
        (ABH, CORONA): 2, (CORONA, ABH): 2, (ABH, ABSTIMMUNG): 2, (ABSTIMMUNG, ABH): 2,
        (TELEFON, VIDEO): 1, (VIDEO, TELEFON): 1}


def test_counting_documents(coded_project):
    assert _values(coded_project, "--within", "turn", "--count", "documents") == {
        (ABH, CORONA): 2, (CORONA, ABH): 2, (ABH, ABSTIMMUNG): 1, (ABSTIMMUNG, ABH): 1,
        (TELEFON, VIDEO): 1, (VIDEO, TELEFON): 1}


def test_within_n_characters(coded_project):
    # Between segment 1 and segment 2 of A-01 lie exactly these characters:
    gap = " Die Ausländerbehörden im Kreis sind aber unterschiedlich offen. (lacht) "
    assert gap in TEXTS["A-01"]
    # B-01's 10 and 11 are " (.) " apart; A-01's 1 and 2 need the whole gap.
    closer = _values(coded_project, "--within", str(len(gap) - 1), "--code", ABH, "--code", CORONA)
    assert closer[(ABH, CORONA)] == 1
    within = _values(coded_project, "--within", str(len(gap)), "--code", ABH, "--code", CORONA)
    assert within[(ABH, CORONA)] == 2
    # Within 5: B-01 10/11 (" (.) "), A-02 6/7 (" "), overlapping 3/4.
    assert _values(coded_project, "--within", "5") == {
        (ABH, CORONA): 1, (CORONA, ABH): 1, (ABH, ABSTIMMUNG): 1, (ABSTIMMUNG, ABH): 1,
        (TELEFON, VIDEO): 1, (VIDEO, TELEFON): 1}


def test_per_coder(coded_project):
    assert _values(coded_project, "--within", "turn", "--coder", "ben") == {}


def test_pairs_behind_a_cell(coded_project):
    pairs = json.loads(run("cooccurrence", coded_project, "--within", "turn", "--cell", ABH, CORONA,
                           "--format", "json").stdout)
    assert [(p["a"]["id"], p["b"]["id"]) for p in pairs] == [(1, 2), (10, 11)]
    assert pairs[0]["a"]["code"] == ABH and pairs[0]["b"]["code"] == CORONA
    table = run("cooccurrence", coded_project, "--within", "turn", "--cell", ABH, CORONA).stdout
    assert "Corona hat alles verzögert." in table


def test_csv_md_and_charts(coded_project, tmp_path):
    lines = run("cooccurrence", coded_project, "--within", "turn", "--format", "csv").stdout
    assert lines.splitlines()[0] == "code," + ",".join(
        c if "," not in c else f'"{c}"' for c in CODES)
    assert lines.splitlines()[1] == f"{ABH},0,2,2,0,0,0"
    markdown = run("cooccurrence", coded_project, "--within", "turn", "--format", "md").stdout
    assert "_im selben Sprecherbeitrag; Segmentpaare; Codierer*innen: anna, ben_" in markdown
    target = tmp_path / "relations.svg"
    run("cooccurrence", coded_project, "--format", "svg", "-o", target)
    assert target.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_bad_within_is_an_error(coded_project):
    result = run("cooccurrence", coded_project, "--within", "paragraph", ok=False)
    assert "use overlap, turn or a number of characters" in result.output
