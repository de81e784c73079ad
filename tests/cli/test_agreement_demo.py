"""Agreement on the demo project (``qualcode demo``: eight transcripts coded by lena and
jonas): every level runs, and the counts add up."""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from qualcode.cli import main
from qualcode.importers.demo import build_demo, find_demo_data


def qc(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.qualcode"
    build_demo(find_demo_data(), path)
    return path


def agreement(demo, *options: str) -> dict:
    result = qc("agreement", demo, "--coders", "lena,jonas", "--format", "json", *options)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_segment_level_checks_every_segment_of_both_coders(demo):
    segments = {c["name"]: c["segments"] for c in json.loads(
        qc("coders", "list", demo, "--format", "json").stdout) if c["name"] in ("lena", "jonas")}
    data = agreement(demo)
    overall = data["overall"]
    assert overall["segments"] == segments
    assert overall["agreements"] + overall["disagreements"] == sum(segments.values())
    assert data["k"] == len(data["codes"])
    listed = json.loads(qc("disagreements", demo, "--coders", "lena,jonas", "--format",
                           "json").stdout)
    # every segment without a counterpart appears in exactly one listed disagreement
    assert sum((d["a"] is not None) + (d["b"] is not None) for d in listed) == \
        overall["disagreements"]


@pytest.mark.parametrize("options", [("--level", "document"), ("--level", "frequency"),
                                     ("--level", "unit", "--unit", "turn"),
                                     ("--level", "unitized")])
def test_every_level_gives_values_in_range(demo, options):
    data = agreement(demo, *options)
    for name in data["statistics"]:
        value = data["overall"][name]
        assert value is None or -1 <= value <= 1, (name, value)
    assert data["documents"] and not any(math.isnan(r["agreement"] or 0) for r in data["codes"])
