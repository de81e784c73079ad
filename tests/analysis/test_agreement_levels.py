"""Every agreement level on the small two-coder project of ``agreement_project`` (see its
docstring for who coded what), against numbers derived by hand.

Codes compared, in code-system order: Digitale Beratung (D), Kooperation/Amt (K),
Ressourcen (R); the parent "Kooperation" is never applied, so it is not compared and k = 3.
"""

from __future__ import annotations

import math

import pytest
from agreement_project import AMT, DIGITAL, INTERVIEW_A, INTERVIEW_B, RESSOURCEN, \
    two_coder_project

from qualcode.analysis.agreement import compute_agreement
from qualcode.domain.errors import InputError, NotFoundError

CODERS = ("anna", "ben")
L = len(INTERVIEW_A) + len(INTERVIEW_B)  # 394 + 282 characters


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = two_coder_project(tmp_path_factory.mktemp("levels") / "study.qualcode")
    yield project
    project.close()


def rows(result):
    return {row.code: row for row in result.codes}


def cohen_2x2(both: int, only_a: int, only_b: int, neither: int) -> float:
    """Cohen (1960): (p_o - p_e) / (1 - p_e) from a 2x2 table of counts."""
    n = both + only_a + only_b + neither
    p_o = (both + neither) / n
    a1, b1 = (both + only_a) / n, (both + only_b) / n
    p_e = a1 * b1 + (1 - a1) * (1 - b1)
    return (p_o - p_e) / (1 - p_e)


def alpha_2x2(both: int, only_a: int, only_b: int, neither: int) -> float:
    """Krippendorff (2011), binary alpha for two observers: 1 - (n - 1) o_01 / (n_0 n_1),
    n = 2 units, o_01 = the units they disagree on."""
    n = 2 * (both + only_a + only_b + neither)
    n_1 = 2 * both + only_a + only_b
    return 1 - (n - 1) * (only_a + only_b) / ((n - n_1) * n_1)


# -- segment level ------------------------------------------------------------------------
def test_segment_level_union_overlap(project):
    # D: anna 79 chars vs ben 41 (41/79 = 52 %), anna 12 vs ben 54 (12/54 = 22 %): all four
    #    segments disagree. K: identical spans: 2 agreements. R: the shared span agrees twice,
    #    ben's extra segment in Interview-A disagrees.
    result = compute_agreement(project, CODERS, level="segment")
    by_code = rows(result)
    assert [r.code for r in result.codes] == [DIGITAL, AMT, RESSOURCEN]
    assert (by_code[DIGITAL].agreements, by_code[DIGITAL].disagreements) == (0, 4)
    assert (by_code[AMT].agreements, by_code[AMT].disagreements) == (2, 0)
    assert (by_code[RESSOURCEN].agreements, by_code[RESSOURCEN].disagreements) == (2, 1)
    assert by_code[RESSOURCEN].counts == {"anna": 1, "ben": 2}
    assert by_code[RESSOURCEN].agreement == pytest.approx(2 / 3)
    overall = result.overall
    assert overall.counts == {"anna": 4, "ben": 5}
    assert (overall.agreements, overall.disagreements) == (4, 5)
    # P_obs = 4/9; kappa = (4/9 - 1/3) / (1 - 1/3) = 1/6 with k = 3
    assert overall.agreement == pytest.approx(4 / 9)
    assert overall.statistics["brennan_prediger_kappa"] == pytest.approx(1 / 6)
    assert result.settings == {"threshold": 90.0, "overlap": "union", "k": 3}


def test_segment_level_shorter_overlap(project):
    # Measured against the shorter segment, both D pairs overlap 100 %: 8 of 9 agree;
    # kappa = (8/9 - 1/3) / (2/3) = 5/6.
    result = compute_agreement(project, CODERS, level="segment", overlap="shorter")
    assert (result.overall.agreements, result.overall.disagreements) == (8, 1)
    assert result.overall.statistics["brennan_prediger_kappa"] == pytest.approx(5 / 6)


def test_segment_level_threshold(project):
    # At 50 % the Interview-A pair of D (52 %) agrees, the Interview-B pair (22 %) does not.
    result = compute_agreement(project, CODERS, level="segment", threshold=50)
    assert (rows(result)[DIGITAL].agreements, rows(result)[DIGITAL].disagreements) == (2, 2)


# -- document level -----------------------------------------------------------------------
def test_document_level(project):
    # D: both coders used it in both documents: no variation -> Cohen's kappa and alpha are
    #    undefined; Brennan & Prediger (k = 2): (1 - 1/2) / (1/2) = 1.
    # K: both in A only -> perfect agreement with variation: kappa = alpha = 1.
    # R: anna only in B, ben in A and B: p_o = 1/2, p_e = 1/2 * 0 + 1/2 * 1 = 1/2 -> kappa 0;
    #    alpha: n = 4, n_0 = 1, n_1 = 3, o_01 = 1 -> 1 - 3 * 1 / (1 * 3) = 0.
    result = compute_agreement(project, CODERS, level="document")
    d, k, r = (rows(result)[c] for c in (DIGITAL, AMT, RESSOURCEN))
    assert d.counts == {"anna": 2, "ben": 2} and (d.agreements, d.disagreements) == (2, 0)
    assert math.isnan(d.statistics["cohen_kappa"])
    assert math.isnan(d.statistics["krippendorff_alpha"])
    assert d.statistics["brennan_prediger_kappa"] == 1.0
    assert k.statistics == {"cohen_kappa": 1.0, "brennan_prediger_kappa": 1.0,
                            "krippendorff_alpha": pytest.approx(1.0)}
    assert (r.agreements, r.disagreements) == (1, 1)
    assert r.statistics["cohen_kappa"] == pytest.approx(0.0)
    assert r.statistics["brennan_prediger_kappa"] == pytest.approx(0.0)
    assert r.statistics["krippendorff_alpha"] == pytest.approx(0.0)
    # Pooled over 6 (document, code) pairs: anna 1,1,1,0,0,1; ben 1,1,1,0,1,1.
    # Cohen: both 4, ben only 1, neither 1: p_o = 5/6, p_e = 4/6*5/6 + 2/6*1/6 = 11/18 -> 4/7.
    # Brennan & Prediger: (5/6 - 1/2) / (1/2) = 2/3. Alpha: n = 12, n_0 = 3, n_1 = 9,
    # o_01 = 1 -> 1 - 11 / 27 = 16/27.
    overall = result.overall
    assert overall.counts == {"anna": 4, "ben": 5}
    assert (overall.agreements, overall.disagreements) == (5, 1)
    assert overall.statistics["cohen_kappa"] == pytest.approx(4 / 7)
    assert overall.statistics["brennan_prediger_kappa"] == pytest.approx(2 / 3)
    assert overall.statistics["krippendorff_alpha"] == pytest.approx(16 / 27)


# -- frequency level ----------------------------------------------------------------------
def test_frequency_level(project):
    # Segments per document (A, B): D anna 1,1 ben 1,1 (no variation: alpha undefined);
    # K anna 1,0 ben 1,0 (alpha 1); R anna 0,1 ben 1,1 (alpha: two values, as the binary
    # case: 0). Pooled: the same 6 numbers as at the document level -> 16/27 (interval and
    # nominal alpha coincide for two values).
    result = compute_agreement(project, CODERS, level="frequency")
    d, k, r = (rows(result)[c] for c in (DIGITAL, AMT, RESSOURCEN))
    assert (d.agreements, d.disagreements) == (2, 0)
    assert math.isnan(d.statistics["krippendorff_alpha"])
    assert k.statistics["krippendorff_alpha"] == pytest.approx(1.0)
    assert (r.agreements, r.disagreements) == (1, 1)
    assert r.statistics["krippendorff_alpha"] == pytest.approx(0.0)
    assert result.overall.counts == {"anna": 4, "ben": 5}
    assert result.overall.statistics["krippendorff_alpha"] == pytest.approx(16 / 27)
    assert result.settings["level_of_measurement"] == "interval"


# -- unit level -----------------------------------------------------------------------------
def test_unit_level_sentences(project):
    # 15 sentences (8 + 7): Interview-A's header line "Datum: 2021-03-01" holds a document
    # variable and is no unit. Coded sentences (A1 = the first question):
    # D anna {A2, A3, B2}, ben {A2, B2, B3}; K both {A6, A7}; R anna {B3, B4}, ben {A4, B3, B4}.
    # D: both 2, anna only 1, ben only 1, neither 11 -> p_o 13/15, p_e 17/25, kappa 7/12,
    #    alpha 1 - 29 * 2 / (24 * 6) = 43/72, Brennan & Prediger (13/15 - 1/2) / (1/2) = 11/15.
    # R: both 2, ben only 1, neither 12 -> p_o 14/15, p_e 18/25, kappa 16/21,
    #    alpha 1 - 29 / (25 * 5) = 96/125, B&P 13/15.
    result = compute_agreement(project, CODERS, level="unit", unit="sentence")
    assert result.settings["units"] == 15
    d, k, r = (rows(result)[c] for c in (DIGITAL, AMT, RESSOURCEN))
    assert d.counts == {"anna": 3, "ben": 3} and (d.agreements, d.disagreements) == (13, 2)
    assert d.statistics["cohen_kappa"] == pytest.approx(7 / 12)
    assert d.statistics["cohen_kappa"] == pytest.approx(cohen_2x2(2, 1, 1, 11))
    assert d.statistics["krippendorff_alpha"] == pytest.approx(43 / 72)
    assert d.statistics["krippendorff_alpha"] == pytest.approx(alpha_2x2(2, 1, 1, 11))
    assert d.statistics["brennan_prediger_kappa"] == pytest.approx(11 / 15)
    assert k.statistics["cohen_kappa"] == pytest.approx(1.0)
    assert r.statistics["cohen_kappa"] == pytest.approx(16 / 21)
    assert r.statistics["krippendorff_alpha"] == pytest.approx(96 / 125)
    assert r.statistics["brennan_prediger_kappa"] == pytest.approx(13 / 15)
    # Pooled (45 units): both 6, anna only 1, ben only 2, neither 36 -> p_o 14/15,
    # p_e 1462/2025, kappa 428/563, B&P 13/15, alpha 1 - 89 * 3 / (75 * 15) = 286/375.
    overall = result.overall
    assert overall.counts == {"anna": 7, "ben": 8}
    assert (overall.agreements, overall.disagreements) == (42, 3)
    assert overall.statistics["cohen_kappa"] == pytest.approx(428 / 563)
    assert overall.statistics["brennan_prediger_kappa"] == pytest.approx(13 / 15)
    assert overall.statistics["krippendorff_alpha"] == pytest.approx(286 / 375)


def test_unit_level_turns(project):
    # 8 turns (4 + 4). D: both coders code the second turn of each interview -> perfect.
    # R: anna {B turn 2}, ben {A turn 2, B turn 2}: both 1, ben only 1, neither 6 ->
    #    kappa (7/8 - 44/64) / (20/64) = 0.6, alpha 1 - 15 / (13 * 3) = 8/13, B&P 3/4.
    # Pooled (24): both 4, ben only 1, neither 19 -> kappa 19/22, alpha 304/351.
    result = compute_agreement(project, CODERS, level="unit", unit="turn")
    assert result.settings["units"] == 8
    d, r = rows(result)[DIGITAL], rows(result)[RESSOURCEN]
    assert d.statistics["cohen_kappa"] == pytest.approx(1.0)
    assert r.statistics["cohen_kappa"] == pytest.approx(0.6)
    assert r.statistics["krippendorff_alpha"] == pytest.approx(8 / 13)
    assert r.statistics["brennan_prediger_kappa"] == pytest.approx(3 / 4)
    assert result.overall.statistics["cohen_kappa"] == pytest.approx(19 / 22)
    assert result.overall.statistics["krippendorff_alpha"] == pytest.approx(304 / 351)


def test_unit_level_characters(project):
    # D: anna 79 + 12 characters, ben 41 + 54; shared 41 + 12 = 53; anna only 38, ben
    # only 42; the other L - 133 characters uncoded by both.
    result = compute_agreement(project, CODERS, level="unit", unit="character")
    assert result.settings["units"] == L
    d = rows(result)[DIGITAL]
    assert d.counts == {"anna": 91, "ben": 95}
    assert (d.agreements, d.disagreements) == (L - 80, 80)
    assert d.statistics["cohen_kappa"] == pytest.approx(cohen_2x2(53, 38, 42, L - 133))
    assert d.statistics["krippendorff_alpha"] == pytest.approx(alpha_2x2(53, 38, 42, L - 133))


# -- unitized level ------------------------------------------------------------------------
def test_unitized_level_per_code(project):
    # Continuum: both interviews end to end, L characters. Derivation for D (units: anna
    # 79, 12; ben 41, 54; shared 53, anna only 38, ben only 42):
    #   l_D∅ = l_∅D = 38 + 42 = 80; margins l_D. = 186, l_∅. = 2L - 186; l.. = 2L;
    #   S = 79² + 12² + 41² + 54² + gaps (2L - 186) = 2L + 10796;
    #   e_D∅ = 2L * 186 * (2L - 186) / (4L² - S); uα = 1 - 80 / e_D∅.
    # K: identical units -> 1. R (anna 77; ben 77 and 54; shared 77): l_R∅ = 54,
    #   margins 208 and 2L - 208, S = 2 * 77² + 54² + 2L - 208 = 2L + 14566,
    #   uα = 1 - 54 / e_R∅ with e_R∅ = 2L * 208 * (2L - 208) / (4L² - S).
    result = compute_agreement(project, CODERS, level="unitized")
    d, k, r = (rows(result)[c] for c in (DIGITAL, AMT, RESSOURCEN))
    e_d = 2 * L * 186 * (2 * L - 186) / (4 * L * L - (2 * L + 10796))
    e_r = 2 * L * 208 * (2 * L - 208) / (4 * L * L - (2 * L + 14566))
    assert d.statistics["unitized_alpha"] == pytest.approx(1 - 80 / e_d)
    assert k.statistics["unitized_alpha"] == pytest.approx(1.0)
    assert r.statistics["unitized_alpha"] == pytest.approx(1 - 54 / e_r)
    assert d.counts == {"anna": 91, "ben": 95}
    assert (d.agreements, d.disagreements) == (53, 80)
    assert result.settings["continuum"] == L
    # ben's D and R segments in Interview-B overlap, so uα and cuα over all codes are
    # undefined (the codes are not mutually exclusive); |uα over relevant matter is not.
    overall = result.overall.statistics
    assert math.isnan(overall["unitized_alpha"]) and math.isnan(overall["unitized_alpha_cu"])
    assert not math.isnan(overall["unitized_alpha_binary"])
    assert "ben" in result.notes[0]


def test_unitized_level_over_mutually_exclusive_codes(project):
    # D and K only: no coder's D and K segments overlap. Values D, K, ∅:
    #   l_DD = 106, l_KK = 110, l_D∅ = l_∅D = 80; margins D 186, K 110, ∅ 2L - 296;
    #   S = units 10982 + 2 * 55² + gaps (2L - 296) = 2L + 16736;
    #   D_e = 2 * 2L * (186 (2L - 296) + 110 (2L - 296) + 186 * 110) / (4L² - S); D_o = 160.
    # |uα (relevant vs not): margins 296 and 2L - 296, the same S, D_o/2 = 80.
    # cuα: intersections only D-D and K-K: no disagreement, defined expectation -> 1.
    result = compute_agreement(project, CODERS, level="unitized", codes=[DIGITAL, AMT])
    denominator = 4 * L * L - (2 * L + 16736)
    d_e = 2 * 2 * L * (186 * (2 * L - 296) + 110 * (2 * L - 296) + 186 * 110) / denominator
    e_binary = 2 * L * 296 * (2 * L - 296) / denominator
    overall = result.overall.statistics
    assert overall["unitized_alpha"] == pytest.approx(1 - 160 / d_e)
    assert overall["unitized_alpha_binary"] == pytest.approx(1 - 80 / e_binary)
    assert overall["unitized_alpha_cu"] == pytest.approx(1.0)
    assert result.notes == []


# -- selection -------------------------------------------------------------------------------
def test_codes_with_subcodes_and_unused_codes(project):
    result = compute_agreement(project, CODERS, level="segment", codes=["Kooperation"])
    assert [r.code for r in result.codes] == [AMT]
    assert result.unused_codes == ["Kooperation"]
    assert result.settings["k"] == 1
    assert math.isnan(result.overall.statistics["brennan_prediger_kappa"])  # k < 2


def test_documents_filter(project):
    result = compute_agreement(project, CODERS, level="document", documents=["Interview-B"])
    assert result.documents == ["Interview-B"]
    assert [r.code for r in result.codes] == [DIGITAL, RESSOURCEN]


def test_bad_requests(project):
    with pytest.raises(NotFoundError):
        compute_agreement(project, ("anna", "carla"))
    with pytest.raises(InputError):
        compute_agreement(project, ("anna",))
    with pytest.raises(InputError):
        compute_agreement(project, ("anna", "anna"))
    with pytest.raises(InputError):
        compute_agreement(project, CODERS, level="segment", threshold=0)
    with pytest.raises(InputError):
        compute_agreement(project, CODERS, level="sentence")


# -- three coders ----------------------------------------------------------------------------
def test_three_coders(tmp_path):
    from agreement_project import code_all

    project = two_coder_project(tmp_path / "three.qualcode")
    code_all(project, [
        ("carla", "Interview-A", DIGITAL, "Wir haben fast alles ans Telefon verlegt."),
        ("carla", "Interview-B", DIGITAL, "Die Technik."),
        ("carla", "Interview-A", RESSOURCEN,
         "Die Jugendlichen haben das erstaunlich gut mitgemacht."),
    ])
    coders = ("anna", "ben", "carla")
    result = compute_agreement(project, coders, level="document")
    # K per document (anna, ben, carla): A (1, 1, 0), B (0, 0, 0).
    # Fleiss (1971): P_A = (2*1 + 1*0) / (3*2) = 1/3, P_B = 1, mean 2/3; p_1 = 2/6, p_0 = 4/6,
    # P_e = 1/9 + 4/9 = 5/9 -> kappa = (2/3 - 5/9) / (4/9) = 1/4.
    # Alpha: n = 6, n_0 = 4, n_1 = 2; unit A adds o_01 = 2/(3-1) = 1 -> 1 - 5 * 1 / 8 = 3/8.
    k = rows(result)[AMT]
    assert set(k.statistics) == {"fleiss_kappa", "krippendorff_alpha"}
    assert k.statistics["fleiss_kappa"] == pytest.approx(1 / 4)
    assert k.statistics["krippendorff_alpha"] == pytest.approx(3 / 8)
    assert (k.agreements, k.disagreements) == (1, 1)
    assert math.isnan(rows(result)[DIGITAL].statistics["fleiss_kappa"])  # no variation
    unitized = compute_agreement(project, coders, level="unitized", codes=[AMT])
    assert 0 < unitized.codes[0].statistics["unitized_alpha"] < 1
    # The methods text says cuα compares pairs of coders, not text every coder coded.
    from qualcode.exports.agreement_wording import methods_paragraph
    english = methods_paragraph(unitized, "en")
    assert "over every pair of coders" in english and "every coder marked" not in english
    assert "über alle Paare von Personen" in methods_paragraph(unitized, "de")
    with pytest.raises(InputError, match="two coders"):
        compute_agreement(project, coders, level="segment")
    project.close()
