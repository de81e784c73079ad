"""``qualcode merge`` and ``qualcode coders list|rename``: the team workflow on the command
line (each coder codes a copy; the lead merges the copies and compares the coders)."""

from __future__ import annotations

import json
import shutil

import pytest
from agreement_project import CODINGS, base_project
from click.testing import CliRunner

from qualcode.cli import main


def qc(*args: str, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


@pytest.fixture
def team(tmp_path):
    base_project(tmp_path / "lead.qualcode").close()
    for coder in ("anna", "ben"):
        shutil.copy(tmp_path / "lead.qualcode", tmp_path / f"{coder}.qualcode")
        for who, document, code, text in CODINGS:
            if who == coder:
                result = qc("code", tmp_path / f"{coder}.qualcode", document, code,
                            "--match", text, "--coder", coder)
                assert result.exit_code == 0, result.stderr
    return tmp_path


def test_merge_then_agreement(team):
    result = qc("merge", team / "lead.qualcode", team / "anna.qualcode", team / "ben.qualcode")
    assert result.exit_code == 0, result.stderr
    assert "4 coded segment(s) added" in result.stderr and "coder(s) added: ben" in result.stderr
    coders = json.loads(qc("coders", "list", team / "lead.qualcode", "--format", "json").stdout)
    assert [(c["name"], c["segments"]) for c in coders] == [("anna", 4), ("ben", 5)]
    agreement = json.loads(qc("agreement", team / "lead.qualcode", "--coders", "anna,ben",
                              "--format", "json").stdout)
    assert agreement["overall"]["brennan_prediger_kappa"] == pytest.approx(1 / 6)
    again = qc("merge", team / "lead.qualcode", team / "anna.qualcode", "--format", "json")
    summary = json.loads(again.stdout)
    assert summary["sources"][0]["segments_added"] == 0
    assert summary["sources"][0]["segments_present"] == 4


def test_same_name_two_people_is_a_conflict_until_renamed(team):
    # Both coders coded under the default name (the system user) in their copies.
    lead = team / "lead.qualcode"
    for coder in ("anna", "ben"):
        assert qc("coders", "rename", team / f"{coder}.qualcode", coder, "student").exit_code == 0
    assert qc("merge", lead, team / "anna.qualcode").exit_code == 0
    conflict = qc("merge", lead, team / "ben.qualcode")
    assert conflict.exit_code == 1
    assert "conflict:" in conflict.stderr and "rename one first" in conflict.stderr
    assert conflict.stderr.strip().endswith("the target was not changed")
    assert qc("coders", "rename", team / "ben.qualcode", "student", "ben").exit_code == 0
    assert qc("merge", lead, team / "ben.qualcode").exit_code == 0
    names = [c["name"] for c in json.loads(qc("coders", "list", lead, "--format",
                                              "json").stdout)]
    assert names == ["ben", "student"]


def test_dry_run(team):
    lead = team / "lead.qualcode"
    result = qc("merge", lead, team / "anna.qualcode", "--dry-run")
    assert result.exit_code == 0 and "nothing was changed" in result.stderr
    assert json.loads(qc("coders", "list", lead, "--format", "json").stdout) == []


def test_rename_coder_to_a_taken_name_fails(team):
    result = qc("coders", "rename", team / "anna.qualcode", "anna", "anna")
    assert result.exit_code == 1 and "already exists" in result.stderr


def _segments(path) -> list[tuple[str, str]]:
    rows = json.loads(qc("segments", path, "--format", "json").stdout)
    return sorted((row["coder"], row["text"]) for row in rows)


def test_after_a_merge_each_coders_undo_touches_only_their_own_work(team):
    """Two coders code in two files; the lead (anna) merges ben's copy into hers and goes on
    coding: her undo takes back her own newest coding, never ben's merged work; ben has
    nothing of his own to undo in her file, and undoing in his copy touches only his copy."""
    lead = team / "anna.qualcode"
    assert qc("merge", lead, team / "ben.qualcode", env={"QUALCODE_CODER": "anna"}
              ).exit_code == 0
    merged = _segments(lead)
    assert sum(1 for coder, _ in merged if coder == "ben") == 5
    assert qc("code", lead, "Interview-A", CODINGS[4][2], "--match", "Die Jugendlichen",
              "--coder", "anna").exit_code == 0

    undone = qc("undo", lead, "--coder", "anna")
    assert undone.exit_code == 0, undone.stderr
    assert _segments(lead) == merged
    nothing = qc("undo", lead, "--coder", "ben")
    assert nothing.exit_code != 0 and "nothing to undo for ben" in nothing.stderr
    assert _segments(lead) == merged

    # ben's undo in his own copy takes back his own last coding there, and nothing in anna's
    ben_before = _segments(team / "ben.qualcode")
    assert qc("undo", team / "ben.qualcode", "--coder", "ben").exit_code == 0
    assert len(_segments(team / "ben.qualcode")) == len(ben_before) - 1
    assert _segments(lead) == merged
