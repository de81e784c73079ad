"""Whose segments are in scope (:mod:`qualcode.analysis.coder_scope`) and passages several
coders coded taken as one (:mod:`qualcode.analysis.passages`), on the two-coder project of
the agreement tests (anna and ben; see tests/agreement_project.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from agreement_project import AMT, DIGITAL, RESSOURCEN, two_coder_project

from qualcode.analysis.coder_scope import CoderScope, coder_scope
from qualcode.analysis.passages import coders_of, merge_passages
from qualcode.store.codes import get_code
from qualcode.store.documents import resolve_document
from qualcode.store.segments import query_segments


@pytest.fixture
def project(tmp_path):
    opened = two_coder_project(tmp_path / "study.qualcode")
    yield opened
    opened.close()


def test_scope_names_the_coders_with_segments_in_it(project):
    everything = coder_scope(project)
    assert everything == CoderScope(None, ("anna", "ben"))
    assert everything.mixed
    assert everything.warning() == ("warning: segments of 2 coders are counted together "
                                    "(anna, ben); give --coder to choose")
    chosen = coder_scope(project, "ben")
    assert chosen.coders == ("ben",) and not chosen.mixed and chosen.warning() is None
    # Ressourcen in Interview-A: ben's alone.
    only_ben = coder_scope(project, code_ids=[get_code(project, RESSOURCEN).id],
                           document_ids=[resolve_document(project, "Interview-A").id])
    assert only_ben.coders == ("ben",) and only_ben.warning() is None
    assert coder_scope(project, "carla") == CoderScope("carla", ())


def test_overlapping_segments_of_a_code_become_one_passage_naming_both_coders(project):
    passages = merge_passages(query_segments(project))
    # Nine segments: every pair of anna's and ben's segments of one code in one document
    # overlaps (same words, or one inside the other); ben's Ressourcen in Interview-A is alone.
    assert [(p.first.document, p.first.code, p.coders, p.text) for p in passages] == [
        ("Interview-A", DIGITAL, ("anna", "ben"),
         "Wir haben fast alles ans Telefon verlegt. Persönliche Termine gab es kaum noch."),
        ("Interview-A", RESSOURCEN, ("ben",),
         "Die Jugendlichen haben das erstaunlich gut mitgemacht."),
        ("Interview-A", AMT, ("anna", "ben"),
         "Die lief schleppend. Anträge blieben wochenlang liegen."),
        ("Interview-B", DIGITAL, ("anna", "ben"),
         "Die Technik. Viele hatten kein Guthaben auf dem Handy."),
        ("Interview-B", RESSOURCEN, ("anna", "ben"),
         "Viele hatten kein Guthaben auf dem Handy. Wir haben dann Gutscheine verteilt."),
    ]
    # A passage running past its first segment joins the texts into their union.
    segments = query_segments(project)
    digital_b = [s for s in segments if s.code == DIGITAL and s.document == "Interview-B"]
    ressourcen_b = [s for s in segments if s.code == RESSOURCEN and s.document == "Interview-B"]
    ben_digital = next(s for s in digital_b if s.coder == "ben")
    # As if anna had coded her Ressourcen passage with Digitale Beratung: it overlaps ben's.
    moved = replace(ressourcen_b[0], code_id=ben_digital.code_id)
    (union,) = merge_passages([ben_digital, moved])
    assert union.text == ("Die Technik. Viele hatten kein Guthaben auf dem Handy. Wir haben "
                          "dann Gutscheine verteilt.")
    assert (union.start, union.end) == (ben_digital.start, moved.end)
    assert union.coders == ("anna", "ben")
    assert coders_of(digital_b[0], segments) == ("anna", "ben")
