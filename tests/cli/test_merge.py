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
