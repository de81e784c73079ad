"""``qualcode resolve``: building the consensus version, change by change, with undo."""

from __future__ import annotations

import json

import pytest
from agreement_project import two_coder_project
from click.testing import CliRunner

from qualcode.cli import main


def qc(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def study(tmp_path):
    path = tmp_path / "study.qualcode"
    two_coder_project(path).close()
    return path


def ids(study):
    return [d["id"] for d in json.loads(qc("disagreements", study, "--coders", "anna,ben",
                                           "--format", "json").stdout)]


def consensus(study, coder="Konsens"):
    return [s["text"] for s in json.loads(qc("segments", study, "--coder", coder,
                                             "--format", "json").stdout)]


def test_take_each_side_both_neither_and_undo(study):
    first, only_ben, last = ids(study)
    result = qc("resolve", study, first, "--take", "anna")
    assert result.exit_code == 0, result.stderr
    assert "a → Konsens (1 segment(s) added)" in result.stderr
    assert consensus(study) == ["Wir haben fast alles ans Telefon verlegt. Persönliche "
                                "Termine gab es kaum noch."]
    assert qc("resolve", study, only_ben, "--take", "b").exit_code == 0
    assert qc("resolve", study, last, "--take", "neither").exit_code == 0
    assert len(consensus(study)) == 2
    assert qc("undo", study).exit_code == 0          # the "neither" resolution
    assert qc("undo", study).exit_code == 0          # ben's segment
    assert len(consensus(study)) == 1
    assert qc("resolve", study, first, "--take", "both").exit_code == 0
    assert len(consensus(study)) == 2


def test_agreed_segments_are_adopted(study):
    result = qc("resolve", study, "--agreed", "--coders", "anna,ben", "--consensus", "Team")
    assert result.exit_code == 0, result.stderr
    assert "Team: 2 agreed segment(s) adopted" in result.stderr
    assert len(consensus(study, "Team")) == 2


def test_errors(study):
    first, only_ben, _ = ids(study)
    wrong = qc("resolve", study, only_ben, "--take", "anna")
    assert wrong.exit_code == 1 and "expected a, b, both, neither" in wrong.stderr
    assert qc("resolve", study, first, "--take", "a", "--consensus", "ben").exit_code == 1
    assert qc("resolve", study, "x:y", "--take", "a").exit_code == 1
    assert qc("resolve", study, "999:-", "--take", "a").exit_code == 1
    assert qc("resolve", study, first).exit_code == 2
    assert consensus(study) == []
