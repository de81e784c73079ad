"""Krippendorff's unitizing alphas (uα, |uα, cuα) after Krippendorff, Mathet, Bouvry &
Widlöcher (2016) and Krippendorff (2019, ch. 12.6).

Published checks: with units of length 1, ℓ² = ℓ, so every unitizing alpha reduces to
Krippendorff's nominal alpha over the positions of the continuum; Krippendorff (2011)
sections A and B then give the expected values. The other continua are small enough to
derive by hand; each derivation is written out next to its test (l = observed coincidences,
e = expected coincidences, S = Σ ℓ² over units + Σ ℓ over gaps, m = observers, L = length).
"""

from __future__ import annotations

import math
import random

import pytest

from qualcode.analysis.agreement import krippendorff_alpha, unitized_alpha


def unit_characters(values: list, coded=lambda v: True) -> list[tuple[int, int, object]]:
    """One unit of length 1 per coded position (value = category)."""
    return [(i, i + 1, v) for i, v in enumerate(values) if coded(v)]


def test_krippendorff_2011_a_as_a_continuum():
    # Krippendorff (2011), section A: binary, two observers, 10 units, alpha = 0.095.
    # Position i is a unit of length 1 when the observer wrote 1, a gap when 0.
    first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    observers = {"A": unit_characters(first, bool), "B": unit_characters(second, bool)}
    assert unitized_alpha(observers, 10) == pytest.approx(0.095, abs=5e-4)
    assert unitized_alpha(observers, 10, "binary") == pytest.approx(0.095, abs=5e-4)


def test_krippendorff_2011_b_as_a_continuum():
    # Krippendorff (2011), section B: nominal, two observers, 12 units, alpha = .692. Every
    # position is a unit (no gaps), so uα and cuα both reduce to nominal alpha; |uα is
    # undefined (there is no irrelevant matter to tell apart).
    ben = "a a b b d c c c e d d a".split()
    gerry = "b a b b b c c c e d d d".split()
    observers = {"Ben": unit_characters(ben), "Gerry": unit_characters(gerry)}
    assert unitized_alpha(observers, 12) == pytest.approx(0.692, abs=5e-4)
    assert unitized_alpha(observers, 12, "cu") == pytest.approx(0.692, abs=5e-4)
    assert math.isnan(unitized_alpha(observers, 12, "binary"))


def test_units_of_length_one_equal_nominal_alpha_for_many_observers():
    rng = random.Random(20160601)
    for _ in range(20):
        length = rng.randint(5, 30)
        data = [[rng.choice([None, "a", "b"]) for _ in range(length)] for _ in range(3)]
        observers = {f"o{i}": unit_characters(row, lambda v: v is not None)
                     for i, row in enumerate(data)}
        gaps = [[v or "gap" for v in column] for column in zip(*data)]
        expected = krippendorff_alpha(gaps)
        got = unitized_alpha(observers, length)
        assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected)


def book_units(rows: str) -> list[tuple[int, int, str]]:
    """Units written as in Krippendorff's figure: ``first-last:value`` with 1-based,
    inclusive positions, turned into 0-based half-open spans."""
    units = []
    for item in rows.split():
        positions, value = item.split(":")
        first, last = positions.split("-")
        units.append((int(first) - 1, int(last), value))
    return units


def test_krippendorff_2019_figure_12_11_three_observers():
    # Krippendorff (2019), Content Analysis, 4th ed., section 12.6, Fig. 12.11: three
    # observers unitize a continuum of 60 positions with values 1..7. Published: uα = .510,
    # |uα = .413, cuα = .724. cuα needs the self-pairing term Σ y² with y = a unit's summed
    # intersections / (m - 1); squaring each pairwise intersection alone gave .7256.
    observers = {
        "Alex": book_units("1-7:1 8-13:2 31-32:5 33-37:6 38-44:6 45-60:7"),
        "Paul": book_units("1-7:1 8-13:3 14-21:5 33-44:6"),
        "Suzan": book_units("1-7:1 8-13:4 14-21:5 33-37:6 38-41:6 42-44:6"),
    }
    assert unitized_alpha(observers, 60) == pytest.approx(0.510, abs=5e-4)
    assert unitized_alpha(observers, 60, "binary") == pytest.approx(0.413, abs=1e-3)
    assert unitized_alpha(observers, 60, "cu") == pytest.approx(0.724, abs=5e-4)


def test_cu_alpha_self_pairs_with_three_observers():
    # L = 10, m = 3. A: [0,4) a.  B: [0,4) a.  C: [0,2) a, [2,3) b.
    # Intersections of units (ordered pairs, then / (m - 1) = 2): (A,B) aa 4, (B,A) aa 4,
    #   (A,C) aa 2 ab 1, (C,A) aa 2 ba 1, (B,C) aa 2 ab 1, (C,B) aa 2 ba 1
    #   -> l*_aa = 16/2 = 8, l*_ab = l*_ba = 1, l*_bb = 0; margins a 9, b 1; l*.. = 10.
    # y per unit (its intersections with every other observer, / 2): A's a (4 + 3)/2 = 3.5,
    #   B's a 3.5, C's a (2 + 2)/2 = 2, C's b (1 + 1)/2 = 1.
    #   Σy²_a = 12.25 + 12.25 + 4 = 28.5, Σy²_b = 1; denominator 10 - 29.5/10 = 7.05.
    # e*_aa = (81 - 28.5) / 7.05, e*_bb = (1 - 1) / 7.05 = 0.
    # cuα = 1 - (10 - 8) / (10 - 52.5/7.05) = 1 - 2 * 7.05 / 18 = 13/60.
    # (Squaring each pairwise x instead, Σx²/(m - 1): Σ_a = 29, Σ_b = 1, cuα = 2/9.)
    observers = {"A": [(0, 4, "a")], "B": [(0, 4, "a")], "C": [(0, 2, "a"), (2, 3, "b")]}
    assert unitized_alpha(observers, 10, "cu") == pytest.approx(13 / 60)


def test_one_category_shorter_unit():
    # L = 10. A: [2, 6) x.  B: [3, 6) x.
    # Sections A: ∅[0,2) x[2,6) ∅[6,10); B: ∅[0,3) x[3,6) ∅[6,10).
    # (A,B) intersections: ∅∅ 2, x∅ 1, xx 3, ∅∅ 4; (B,A) mirrored; m - 1 = 1:
    #   l_xx = 6, l_x∅ = l_∅x = 1, l_∅∅ = 12; margins l_x. = 7, l_∅. = 13; l.. = 20.
    # S = units 4² + 3² = 25, gaps 2 + 4 + 3 + 4 = 13 -> 38; l..² - S = 362.
    # e_x∅ = 20 * 7 * 13 / 362 = 1820 / 362.
    # uα = 1 - (l_x∅ + l_∅x) / (2 e_x∅) = 1 - 362 / 1820 = 0.801099; with one category
    # |uα is the same; cuα has only one value to compare, so it is undefined.
    observers = {"A": [(2, 6, "x")], "B": [(3, 6, "x")]}
    assert unitized_alpha(observers, 10) == pytest.approx(1 - 362 / 1820)
    assert unitized_alpha(observers, 10, "binary") == pytest.approx(1 - 362 / 1820)
    assert math.isnan(unitized_alpha(observers, 10, "cu"))


def test_three_observers():
    # L = 6. A: [0,3) x.  B: [0,3) x.  C: [0,2) x.  Six ordered pairs, m - 1 = 2:
    #   xx: (A,B) 3 + (B,A) 3 + (A,C) 2 + (C,A) 2 + (B,C) 2 + (C,B) 2 = 14 -> l_xx = 7
    #   x∅: (A,C) 1 + (B,C) 1 = 2 -> 1;  ∅x: (C,A) 1 + (C,B) 1 = 2 -> 1;  ∅∅: 18 -> 9
    # margins: x 8, ∅ 10; l.. = 18 = mL.  S = units 9 + 9 + 4 + gaps 3 + 3 + 4 = 32.
    # e_x∅ = 18 * 8 * 10 / (324 - 32) = 1440 / 292; uα = 1 - 2 / (2 e_x∅) = 1 - 292 / 1440.
    observers = {"A": [(0, 3, "x")], "B": [(0, 3, "x")], "C": [(0, 2, "x")]}
    assert unitized_alpha(observers, 6) == pytest.approx(1 - 292 / 1440)


def test_two_values_with_gaps_all_variants():
    # L = 10. A: [0,3) a, [5,8) b.  B: [1,3) a, [5,9) a.
    # Sections A: a[0,3) ∅[3,5) b[5,8) ∅[8,10); B: ∅[0,1) a[1,3) ∅[3,5) a[5,9) ∅[9,10).
    # (A,B): a∅ 1, aa 2, ∅∅ 2, ba 3, ∅a 1, ∅∅ 1; (B,A) mirrored. So
    #   l_aa = 4, l_a∅ = l_∅a = 2, l_ab = l_ba = 3, l_∅∅ = 6; margins a 9, ∅ 8, b 3; l.. = 20.
    # S: units a 9 + 4 + 16 = 29, b 9; gaps 2 + 2 + 1 + 2 + 1 = 8 -> 46; l..² - S = 354.
    #   e_a∅ = 20*9*8/354 = 1440/354, e_ab = 20*9*3/354 = 540/354, e_b∅ = 20*3*8/354 = 480/354.
    # uα = 1 - (2 + 2 + 3 + 3) / (2 (1440 + 540 + 480) / 354) = 1 - 3540 / 4920 = 23/82.
    # |uα = 1 - (l_∅. - l_∅∅) / (e_∅a + e_∅b) = 1 - 2 * 354 / 1920.
    # cuα: intersecting units only: (A,B) aa 2, ba 3; (B,A) aa 2, ab 3 ->
    #   l*_aa = 4, l*_ab = l*_ba = 3; l*_a = 7, l*_b = 3, l*.. = 10.
    #   y (each unit's overlap with the other's units; m = 2): A 2, 3; B 2, 3 -> Σy²_a = 17,
    #   Σy²_b = 9; denominator 10 - 26/10 = 7.4; e*_aa = (49 - 17)/7.4, e*_bb = (9 - 9)/7.4.
    #   cuα = 1 - (10 - 4) / (10 - 32/7.4) = 1 - 6 * 7.4 / 42 = -2/35.
    observers = {"A": [(0, 3, "a"), (5, 8, "b")], "B": [(1, 3, "a"), (5, 9, "a")]}
    assert unitized_alpha(observers, 10) == pytest.approx(23 / 82)
    assert unitized_alpha(observers, 10, "binary") == pytest.approx(1 - 2 * 354 / 1920)
    assert unitized_alpha(observers, 10, "cu") == pytest.approx(-2 / 35)


def test_no_gaps_uα_equals_cuα():
    # L = 12, no gaps. A: a[0,4) b[4,8) b[8,12); B: a[0,4) a[4,8) b[8,12).
    # l_aa = 8, l_ab = l_ba = 4, l_bb = 8; margins 12, 12; l.. = 24; S = 6 units * 16 = 96.
    # e_aa = e_bb = 24 (144 - 48) / (576 - 96) = 4.8; uα = 1 - 8 / (24 - 9.6) = 4/9.
    # cuα: the same intersections; y = 4 for each unit, Σy² = 48 per value; denominator
    # 24 - 96/24 = 20; e*_aa = (144 - 48)/20 = 4.8 -> also 4/9.
    observers = {"A": [(0, 4, "a"), (4, 8, "b"), (8, 12, "b")],
                 "B": [(0, 4, "a"), (4, 8, "a"), (8, 12, "b")]}
    assert unitized_alpha(observers, 12) == pytest.approx(4 / 9)
    assert unitized_alpha(observers, 12, "cu") == pytest.approx(4 / 9)


def test_perfect_agreement_is_one():
    observers = {"A": [(2, 5, "a"), (7, 9, "b")], "B": [(2, 5, "a"), (7, 9, "b")],
                 "C": [(2, 5, "a"), (7, 9, "b")]}
    for variant in ("u", "binary", "cu"):
        assert unitized_alpha(observers, 12, variant) == pytest.approx(1.0)


def test_undefined_is_nan_never_one():
    assert math.isnan(unitized_alpha({"A": [], "B": []}, 10))             # nobody coded
    assert math.isnan(unitized_alpha({"A": [(0, 5, "x")]}, 10))           # one observer
    assert math.isnan(unitized_alpha({"A": [], "B": []}, 0))              # no continuum
    everything = {"A": [(0, 10, "x")], "B": [(0, 10, "x")]}
    assert math.isnan(unitized_alpha(everything, 10))                     # no variation
    assert math.isnan(unitized_alpha(everything, 10, "binary"))
    assert math.isnan(unitized_alpha({"A": [(0, 2, "x")], "B": [(5, 7, "y")]}, 10, "cu"))


def test_invalid_input_raises():
    with pytest.raises(ValueError, match="overlap"):
        unitized_alpha({"A": [(0, 5, "x"), (3, 6, "y")], "B": []}, 10)
    with pytest.raises(ValueError, match="outside"):
        unitized_alpha({"A": [(8, 12, "x")], "B": []}, 10)
    with pytest.raises(ValueError, match="variant"):
        unitized_alpha({"A": [], "B": []}, 10, "k")
