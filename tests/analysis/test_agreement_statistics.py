"""The statistics API against published worked examples, and its edge cases.

Every expected value below is the one printed in the cited source.
"""

from __future__ import annotations

import math

import pytest

from qualcode.analysis.agreement import (
    brennan_prediger_kappa,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    percent_agreement,
)


def expand(table: dict[tuple, int]) -> tuple[list, list]:
    """Two coders' label lists from a contingency table {(label1, label2): count}."""
    first, second = [], []
    for (a, b), count in table.items():
        first += [a] * count
        second += [b] * count
    return first, second


# Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
# Psychological Measurement 20(1), p. 45: 200 units, three categories, given as proportions
# (.44 .07 .09 / .05 .20 .05 / .01 .03 .06); p_o = .70, p_c = .41, kappa = .492.
COHEN_1960 = {(1, 1): 88, (1, 2): 14, (1, 3): 18, (2, 1): 10, (2, 2): 40, (2, 3): 10,
              (3, 1): 2, (3, 2): 6, (3, 3): 12}


def test_cohen_1960_worked_example():
    first, second = expand(COHEN_1960)
    assert percent_agreement(first, second) == pytest.approx(0.70)
    assert cohen_kappa(first, second) == pytest.approx(0.492, abs=5e-4)


# Brennan, R. L. & Prediger, D. J. (1981). Coefficient kappa: Some uses, misuses, and
# alternatives. Educational and Psychological Measurement 41(3). Two tables of proportions
# (scaled here to 100 units), three categories: p. 689 gives p_o = .60, Cohen's kappa = .27,
# kappa_n = .40; p. 691 gives p_o = .60, Cohen's kappa = .29, kappa_n = .40.
BP_1981_P689 = {(1, 1): 50, (2, 1): 10, (2, 2): 10, (2, 3): 10, (3, 1): 20}
BP_1981_P691 = {(1, 1): 50, (1, 3): 10, (2, 2): 10, (2, 3): 10, (3, 1): 10, (3, 2): 10}


@pytest.mark.parametrize("table, kappa", [(BP_1981_P689, 0.27), (BP_1981_P691, 0.29)])
def test_brennan_prediger_1981_worked_examples(table, kappa):
    first, second = expand(table)
    assert percent_agreement(first, second) == pytest.approx(0.60)
    assert brennan_prediger_kappa(first, second, 3) == pytest.approx(0.40)
    assert cohen_kappa(first, second) == pytest.approx(kappa, abs=5e-3)


# Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
# Bulletin 76(5), Table 1: 30 patients, each diagnosed by 6 of the psychiatrists, as the
# number of diagnoses per category (depression, personality disorder, schizophrenia,
# neurosis, other); p. 381: kappa = .430.
FLEISS_1971 = [
    (0, 0, 0, 6, 0), (0, 3, 0, 0, 3), (0, 1, 4, 0, 1), (0, 0, 0, 0, 6), (0, 3, 0, 3, 0),
    (2, 0, 4, 0, 0), (0, 0, 4, 0, 2), (2, 0, 3, 1, 0), (2, 0, 0, 4, 0), (0, 0, 0, 0, 6),
    (1, 0, 0, 5, 0), (1, 1, 0, 4, 0), (0, 3, 3, 0, 0), (1, 0, 0, 5, 0), (0, 2, 0, 3, 1),
    (0, 0, 5, 0, 1), (3, 0, 0, 1, 2), (5, 1, 0, 0, 0), (0, 2, 0, 4, 0), (1, 0, 2, 0, 3),
    (0, 0, 0, 0, 6), (0, 1, 0, 5, 0), (0, 2, 0, 1, 3), (2, 0, 0, 4, 0), (1, 0, 0, 4, 1),
    (0, 5, 0, 1, 0), (4, 0, 0, 0, 2), (0, 2, 0, 4, 0), (1, 0, 5, 0, 0), (0, 0, 0, 0, 6),
]
CATEGORIES = ("depression", "personality disorder", "schizophrenia", "neurosis", "other")


def fleiss_units() -> list[list[str]]:
    """Table 1 as units x raters (which psychiatrist gave which diagnosis is not reported
    and does not matter to Fleiss' kappa)."""
    return [[c for c, n in zip(CATEGORIES, counts) for _ in range(n)] for counts in FLEISS_1971]


def test_fleiss_1971_psychiatric_diagnoses():
    units = fleiss_units()
    assert all(len(u) == 6 for u in units)
    assert fleiss_kappa(units) == pytest.approx(0.430, abs=5e-4)


# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
# Communication, University of Pennsylvania (https://repository.upenn.edu/asc_papers/43).
def test_krippendorff_2011_a_binary_two_observers():
    # Section A: binary data, two observers, no missing data, 10 units: alpha = 0.095.
    first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha(list(zip(first, second))) == pytest.approx(0.095, abs=5e-4)


def test_krippendorff_2011_b_nominal_two_observers():
    # Section B: nominal data (values a-e), two observers (Ben, Gerry), 12 units: alpha = .692.
    ben = "a a b b d c c c e d d a".split()
    gerry = "b a b b b c c c e d d d".split()
    assert krippendorff_alpha(list(zip(ben, gerry))) == pytest.approx(0.692, abs=5e-4)


# Section C: four observers, 12 units, missing values (None); alpha = .743 (nominal),
# and for the same data .815 (ordinal), .849 (interval), .797 (ratio).
KRIPPENDORFF_2011_C = [
    [1, 1, None, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
    [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [None, 5, 5, 5], [None, None, 1, 1],
    [None, 3, None, None],
]


@pytest.mark.parametrize("level, alpha", [("nominal", 0.743), ("ordinal", 0.815),
                                          ("interval", 0.849), ("ratio", 0.797)])
def test_krippendorff_2011_c_missing_values_all_levels(level, alpha):
    assert krippendorff_alpha(KRIPPENDORFF_2011_C, level) == pytest.approx(alpha, abs=5e-4)


def test_nominal_alpha_takes_any_labels():
    as_words = [[None if v is None else f"Kategorie {v}" for v in row]
                for row in KRIPPENDORFF_2011_C]
    assert krippendorff_alpha(as_words) == pytest.approx(0.743, abs=5e-4)


# -- edge cases -------------------------------------------------------------------------
def test_perfect_agreement_is_one():
    labels = ["x", "y", "z", "x"]
    assert percent_agreement(labels, labels) == 1.0
    assert cohen_kappa(labels, labels) == 1.0
    assert brennan_prediger_kappa(labels, labels, 3) == 1.0
    assert fleiss_kappa([[v, v, v] for v in labels]) == pytest.approx(1.0)
    assert krippendorff_alpha([[v, v] for v in labels]) == pytest.approx(1.0)


def test_no_variation_is_undefined_never_one():
    same = ["x"] * 5
    assert percent_agreement(same, same) == 1.0          # observed agreement is defined
    assert math.isnan(cohen_kappa(same, same))           # p_e = 1
    assert math.isnan(fleiss_kappa([["x", "x", "x"]] * 4))
    assert math.isnan(krippendorff_alpha([["x", "x"]] * 4))
    assert math.isnan(krippendorff_alpha([[3, 3]] * 4, "interval"))
    # Brennan & Prediger fix chance at 1/k, so agreement on one category is defined:
    assert brennan_prediger_kappa(same, same, 2) == 1.0


def test_one_coder_constant():
    # p_o = 3/4; p_e = 1 * 3/4 = 3/4 -> kappa = 0 (Cohen 1960, eq. 1)
    assert cohen_kappa(list("aaaa"), list("aaba")) == pytest.approx(0.0)
    # alpha: n = 8, n_a = 7, n_b = 1, o_ab = 1 -> 1 - 7 * 1 / (7 * 1) = 0
    assert krippendorff_alpha([[x, y] for x, y in zip("aaaa", "aaba")]) == pytest.approx(0.0)
    # Brennan & Prediger with k = 2: (3/4 - 1/2) / (1/2) = 0.5
    assert brennan_prediger_kappa(list("aaaa"), list("aaba"), 2) == pytest.approx(0.5)


def test_missing_values_are_left_out_of_pairwise_statistics():
    first = ["a", "b", None, "a", "b", "a"]
    second = ["a", "b", "b", None, "a", "a"]
    complete = ([v for v, w in zip(first, second) if v and w],
                [w for v, w in zip(first, second) if v and w])
    assert percent_agreement(first, second) == pytest.approx(3 / 4)
    assert cohen_kappa(first, second) == pytest.approx(cohen_kappa(*complete))
    assert brennan_prediger_kappa(first, second, 2) == pytest.approx(0.5)


def test_fleiss_leaves_out_incomplete_units():
    units = fleiss_units()
    assert fleiss_kappa(units + [["other", None, "neurosis", None, None, None]]) == \
        pytest.approx(fleiss_kappa(units))


def test_nothing_to_compare_is_nan():
    assert math.isnan(percent_agreement([], []))
    assert math.isnan(cohen_kappa([None, "a"], ["b", None]))
    assert math.isnan(brennan_prediger_kappa([], [], 3))
    assert math.isnan(brennan_prediger_kappa(["a"], ["a"], 1))
    assert math.isnan(fleiss_kappa([]))
    assert math.isnan(krippendorff_alpha([]))
    assert math.isnan(krippendorff_alpha([["a", None], [None, "b"]]))  # nothing pairable


def test_malformed_input_raises():
    with pytest.raises(ValueError):
        cohen_kappa(["a"], ["a", "b"])
    with pytest.raises(ValueError):
        brennan_prediger_kappa(["a", "b", "c"], ["a", "b", "c"], 2)
    with pytest.raises(ValueError):
        krippendorff_alpha([[1, 2]], "cardinal")
    with pytest.raises(ValueError):
        krippendorff_alpha([["a", "b"], ["b", "b"]], "interval")
    with pytest.raises(ValueError):
        fleiss_kappa([["a", "b"], ["a"]])
