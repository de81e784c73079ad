"""``qualcode autocode-search``: preview, scopes, one undoable transaction."""

from __future__ import annotations

import json

from analysis_project import ABH, run

from qualcode.store.project import Project


def _plan(*args):
    return json.loads(run("autocode-search", *args, "--dry-run", "--format", "json").stdout)


def _state(path):
    with Project.open(path) as opened:
        return (opened.db.execute("SELECT count(*) FROM segments").fetchone()[0],
                opened.db.execute("SELECT count(*) FROM batches").fetchone()[0],
                opened.db.execute("SELECT count(*) FROM coders").fetchone()[0])


def test_dry_run_previews_and_writes_nothing(coded_project):
    before = _state(coded_project)
    plan = _plan(coded_project, "Ausländerbehörde", ABH, "--lemma", "--scope", "sentence",
                 "--coder", "anna")
    assert [(p["document"], p["line_start"], p["status"], p["text"]) for p in plan] == [
        ("A-01", 5, "new", "Wie läuft die Zusammenarbeit mit der Ausländerbehörde?"),
        ("A-01", 7, "already coded", "Mit der Ausländerbehörde telefonieren wir jede Woche."),
        ("A-01", 7, "new", "Die Ausländerbehörden im Kreis sind aber unterschiedlich offen."),
        ("A-02", 7, "already coded",
         "Die Ausländerbehörde schreibt die jungen Leute selbst an."),
        ("B-01", 7, "new",
         "Die Kooperationsvereinbarungen mit den Ausländerbehörden liegen beim Rechtsamt. (.)"),
    ]
    assert _state(coded_project) == before
    # A new coder is not even created by a preview.
    _plan(coded_project, "Corona", ABH, "--coder", "carla")
    assert _state(coded_project) == before


def test_scope_turn_merges_hits_of_one_turn(coded_project):
    plan = _plan(coded_project, "Ausländerbehörde", ABH, "--lemma", "--scope", "turn",
                 "--coder", "carla")
    assert [(p["document"], p["line_start"], p["hits"]) for p in plan] == [
        ("A-01", 5, 1), ("A-01", 7, 2), ("A-02", 7, 1), ("B-01", 7, 1)]
    # The speech only: no label, no time mark.
    assert plan[1]["text"] == (
        "Mit der Ausländerbehörde telefonieren wir jede Woche. Die Ausländerbehörden im Kreis "
        "sind aber unterschiedlich offen. (lacht) Seit Corona ist vieles langsamer geworden.")


def test_scope_hit(coded_project):
    plan = _plan(coded_project, "Ausländerbehörde", ABH, "--lemma")
    assert [p["text"] for p in plan] == ["Ausländerbehörde", "Ausländerbehörde",
                                         "Ausländerbehörden", "Ausländerbehörde",
                                         "Ausländerbehörden"]


def test_apply_is_one_transaction_and_undo_reverts_it(coded_project):
    segments, batches, coders = _state(coded_project)
    result = run("autocode-search", coded_project, "Ausländerbehörde", ABH, "--lemma",
                 "--scope", "sentence", "--coder", "carla")
    assert "coded 5 new segment(s)" in result.stderr
    assert _state(coded_project) == (segments + 5, batches + 1, coders + 1)
    coded = json.loads(run("segments", coded_project, "--coder", "carla", "--format",
                           "json").stdout)
    assert [(s["document"], s["line_start"]) for s in coded] == [
        ("A-01", 5), ("A-01", 7), ("A-01", 7), ("A-02", 7), ("B-01", 7)]
    assert {s["code"] for s in coded} == {ABH}
    run("undo", coded_project, "--coder", "carla")  # carla's change: her undo takes it back
    assert _state(coded_project)[0] == segments
    assert json.loads(run("segments", coded_project, "--coder", "carla", "--format",
                          "json").stdout) == []
    with Project.open(coded_project) as opened:
        assert opened.db.execute("SELECT count(*) FROM coders WHERE name = 'carla'"
                                 ).fetchone()[0] == 0


def test_already_coded_spans_are_skipped(coded_project):
    result = run("autocode-search", coded_project, "Ausländerbehörde", ABH, "--lemma",
                 "--scope", "sentence", "--coder", "anna")
    assert "coded 3 new segment(s)" in result.stderr
    assert "2 already coded" in result.stderr


def test_unknown_code_changes_nothing(coded_project):
    before = _state(coded_project)
    result = run("autocode-search", coded_project, "Corona", "Pandemie", ok=False)
    assert result.output.startswith("error: no code 'Pandemie'")
    assert _state(coded_project) == before


def test_no_hits_writes_nothing(coded_project):
    before = _state(coded_project)
    result = run("autocode-search", coded_project, "Videokonferenz", ABH, "--coder", "carla")
    assert "coded 0 new segment(s): 0 hit(s)" in result.stderr
    assert _state(coded_project) == before


def test_a_hit_inside_a_segment_of_the_same_code_and_coder_is_skipped(coded_project):
    # anna's ABH segments 1, 5 and 10 hold three of the five hits; ben's 13 and 15 hold
    # three too (his 13 spans both A-01 sentences); carla has none.
    plan = _plan(coded_project, "Ausländerbehörde", ABH, "--lemma", "--coder", "anna")
    assert [(p["document"], p["line_start"], p["status"]) for p in plan] == [
        ("A-01", 5, "new"), ("A-01", 7, "already coded"), ("A-01", 7, "new"),
        ("A-02", 7, "already coded"), ("B-01", 7, "already coded")]
    before = _state(coded_project)
    result = run("autocode-search", coded_project, "Ausländerbehörde", ABH, "--lemma",
                 "--coder", "anna")
    assert result.stderr.startswith(
        "coded 2 new segment(s): 5 hit(s) -> 5 segment(s) (hit) with ABH-Kooperation as anna; "
        "skipped 3 already coded with ABH-Kooperation by anna (undo with: ")
    assert _state(coded_project)[0] == before[0] + 2
    ben = run("autocode-search", coded_project, "Ausländerbehörde", ABH, "--lemma",
              "--coder", "ben", "--dry-run")
    assert "5 segment(s) (hit) with ABH-Kooperation as ben; 2 would be new, 3 skipped " \
        "(already coded with ABH-Kooperation by ben); nothing written" in ben.stderr
    carla = run("autocode-search", coded_project, "Ausländerbehörde", ABH, "--lemma",
                "--coder", "carla", "--dry-run")
    assert "5 would be new; nothing written" in carla.stderr


def test_speaker_filter_in_preview_and_summary(coded_project):
    plan = _plan(coded_project, "Ausländerbehörde", ABH, "--lemma", "--speaker", "B",
                 "--coder", "carla")
    # The hit in A-01's interviewer question (line 5) is left out.
    assert [(p["document"], p["line_start"], p["speaker"]) for p in plan] == [
        ("A-01", 7, "B"), ("A-01", 7, "B"), ("A-02", 7, "B"), ("B-01", 7, "B")]
    result = run("autocode-search", coded_project, "Ausländerbehörde", ABH, "--lemma",
                 "--speaker", "B", "--scope", "turn", "--coder", "carla")
    assert result.stderr.startswith(
        "coded 3 new segment(s): 4 hit(s) -> 3 segment(s) (turn; speaker B) with "
        "ABH-Kooperation as carla")
    table = run("autocode-search", coded_project, "Ausländerbehörde", ABH, "--speaker", "I",
                "--lemma", "--coder", "carla", "--dry-run").stdout
    assert table.splitlines()[0].split() == ["document", "lines", "speaker", "start", "end",
                                             "hits", "status", "text"]
    (row,) = table.splitlines()[2:]  # the interviewer's question in A-01 only
    assert row.split()[:3] == ["A-01", "5", "I"]


def test_header_lines_only_with_include_headers(coded_project):
    # "Modus: Telefon" heads A-01 and B-02; only spoken Telefon is coded by default.
    plan = _plan(coded_project, "Telefon", ABH, "--coder", "carla")
    assert [(p["document"], p["line_start"]) for p in plan] == [("A-01", 11), ("B-01", 11)]
    plan = _plan(coded_project, "Telefon", ABH, "--coder", "carla", "--include-headers")
    assert [(p["document"], p["line_start"]) for p in plan] == [
        ("A-01", 2), ("A-01", 11), ("B-01", 11), ("B-02", 2)]
