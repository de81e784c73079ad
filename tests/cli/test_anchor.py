"""``qualcode anchor``: flag a coded segment as an anchor example (Ankerbeispiel)."""

from __future__ import annotations

import json

from analysis_project import run


def _anchor(path, segment_id):
    rows = json.loads(run("segments", path, "--format", "json").stdout)
    return next(r["anchor"] for r in rows if r["id"] == segment_id)


def test_flag_unflag_and_undo(coded_project):
    assert _anchor(coded_project, 6) is False
    result = run("anchor", coded_project, "6")
    assert "is now an anchor example" in result.stderr
    assert _anchor(coded_project, 6) is True
    run("anchor", coded_project, "6", "--off")
    assert _anchor(coded_project, 6) is False
    run("undo", coded_project)
    assert _anchor(coded_project, 6) is True


def test_flagging_twice_changes_nothing(coded_project):
    run("anchor", coded_project, "6")
    result = run("anchor", coded_project, "6")
    assert "an anchor example already" in result.stderr


def test_unknown_segment(coded_project):
    result = run("anchor", coded_project, "99", ok=False)
    assert result.output == "error: no coded segment with id 99\n"
