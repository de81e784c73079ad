"""The list of disagreements between two coders (what the review screen steps through)."""

from __future__ import annotations

import pytest
from agreement_project import AMT, DIGITAL, RESSOURCEN, base_project, code_all

from qualcode.analysis.agreement import list_disagreements
from qualcode.domain.disagreements import parse_disagreement_key
from qualcode.domain.errors import InputError


@pytest.fixture
def coded(tmp_path):
    project = base_project(tmp_path / "study.qualcode")
    ids = code_all(project)
    yield project, ids
    project.close()


def test_every_disagreement_with_both_sides(coded):
    project, ids = coded
    found = list_disagreements(project, ["anna", "ben"])
    # Interview-A: D (anna 79 vs ben 41 characters, same start), then ben's R later in the
    # same turn; Interview-B: D (anna "Die Technik." vs ben's longer segment). K agrees, and
    # so does R in Interview-B.
    assert [(d.document, d.code, d.kind) for d in found] == [
        ("Interview-A", DIGITAL, "boundaries"),
        ("Interview-A", RESSOURCEN, "only_b"),
        ("Interview-B", DIGITAL, "boundaries"),
    ]
    first, only_ben, last = found
    assert first.key == f"{ids['anna', 'Interview-A', DIGITAL]}:{ids['ben', 'Interview-A', DIGITAL]}"
    assert first.segment_a.text.endswith("gab es kaum noch.")
    assert first.segment_b.text == "Wir haben fast alles ans Telefon verlegt."
    assert first.segment_a.line_start == first.segment_b.line_start == 5
    assert first.overlap == pytest.approx(41 / 79)
    assert only_ben.segment_a is None and only_ben.key == f"-:{ids['ben', 'Interview-A', RESSOURCEN]}"
    assert only_ben.overlap == 0
    assert last.overlap == pytest.approx(12 / 54)
    assert parse_disagreement_key(last.key) == (last.segment_a.id, last.segment_b.id)
    assert all(d.resolution is None for d in found)


def test_threshold_measure_and_filters(coded):
    project, _ = coded
    # With the shorter segment as measure both D pairs overlap 100 %: only ben's R remains.
    assert [d.kind for d in list_disagreements(project, ["anna", "ben"], overlap="shorter")] \
        == ["only_b"]
    assert list_disagreements(project, ["anna", "ben"], codes=[AMT]) == []
    assert [d.document for d in list_disagreements(project, ["anna", "ben"],
                                                   documents=["Interview-B"])] == ["Interview-B"]
    swapped = list_disagreements(project, ["ben", "anna"])
    assert [d.kind for d in swapped] == ["boundaries", "only_a", "boundaries"]


def test_unmatched_segments_pair_by_largest_overlap(tmp_path):
    project = base_project(tmp_path / "pairs.qualcode")
    code_all(project, [
        ("anna", "Interview-B", DIGITAL, "Die Technik. Viele hatten"),
        ("anna", "Interview-B", DIGITAL, "Guthaben auf dem Handy. Wir haben dann"),
        ("ben", "Interview-B", DIGITAL, "Viele hatten kein Guthaben auf dem Handy."),
    ])
    found = list_disagreements(project, ["anna", "ben"])
    # ben's segment overlaps anna's first by 12 characters ("Viele hatten") and her second
    # by 23 ("Guthaben auf dem Handy."): it pairs with the second; the first stays alone.
    assert [(d.kind, d.segment_a.text if d.segment_a else None) for d in found] == [
        ("only_a", "Die Technik. Viele hatten"),
        ("boundaries", "Guthaben auf dem Handy. Wir haben dann"),
    ]
    project.close()


def test_needs_exactly_two_coders(coded):
    project, _ = coded
    with pytest.raises(InputError):
        list_disagreements(project, ["anna"])
    with pytest.raises(InputError):
        list_disagreements(project, ["anna", "ben", "anna"])
