"""Krippendorff's alpha for unitizing a continuum: uα, |uα and cuα.

Definitions follow Krippendorff, Mathet, Bouvry & Widlöcher (2016), "On the reliability of
unitizing textual continua: Further developments", *Quality & Quantity* 50: 2347-2364, as
restated in Krippendorff (2019), *Content Analysis*, 4th ed., section 12.6. (They replace the
older definition of Krippendorff 1995/2004, which measured squared differences of unit
boundaries and misbehaved with more than two observers.)

Each of m observers partitions the continuum [0, L) into *sections*: the units they
identified, each with a value (category) c, and the gaps between them (value ∅). Then

* observed coincidences (KMBW eq. 1): l_ck = Σ_i Σ_{j≠i} Σ_g Σ_h |s_icg ∩ s_jkh| / (m − 1),
  the summed lengths of the intersections of observer i's c-sections with observer j's
  k-sections; l.. = mL;
* expected coincidences (eq. 4): e_ck = l.. · (l_c. l_.k − [c=k] Σ_i Σ_g ℓ*_icg) /
  (l..² − Σ_c Σ_i Σ_g ℓ*_icg), where ℓ* = ℓ² for a unit (it moves as a whole when the
  continuum is shuffled) and ℓ* = ℓ for a gap (gaps may be divided at will);
* uα (eq. 5, nominal) = 1 − Σ_{c≠k} l_ck / Σ_{c≠k} e_ck: agreement on units, their
  boundaries and their values, gaps included;
* |uα (eq. 6) = 1 − (l_∅. − l_∅∅) / (e_∅. − e_∅∅): the binary distinction between relevant
  matter (any unit) and irrelevant matter (gaps);
* cuα (eqs. 10-11; Krippendorff 2019, eqs. 36-37) = the nominal alpha of the values of
  intersecting units only: l*_c = l_c. − l_c∅, l*.. = Σ_c l*_c, and
  e*_ck = (l*_c l*_k − [c=k] Σ_u y_u²) / (l*.. − Σ_u y_u² / l*..),
  where y_u = Σ_{j≠i} x_uj / (m − 1) is what unit u of observer i contributes to the
  coincidences: x_uj is the length of u that intersects units of observer j. Like ℓ² in uα,
  y_u² removes the pairs a unit would form with itself. For two observers y_u = x_u; with
  three or more, squaring each x_uj separately (Σ x²/(m − 1)) overstates the self-pairs.
  Checked against Krippendorff (2019, Fig. 12.11: three observers, cuα = .724).

With units of length 1 every unitizing alpha reduces to Krippendorff's nominal alpha over
the positions of the continuum (ℓ² = ℓ), which the tests use to check the implementation
against Krippendorff (2011).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence

NAN = float("nan")
VARIANTS = ("u", "binary", "cu")


class _Gap:
    """The value of sections no unit covers (∅)."""

    def __repr__(self) -> str:
        return "∅"


GAP = _Gap()

Section = tuple[int, int, Hashable]


def _partition(units: Sequence[tuple[int, int, Hashable]], length: int, name: str
               ) -> list[Section]:
    """Sections ``(start, end, value)`` covering ``[0, length)``: the units and the gaps."""
    ordered = sorted((int(s), int(e), c) for s, e, c in units)
    sections: list[Section] = []
    position = 0
    for start, end, value in ordered:
        if not 0 <= start < end <= length:
            raise ValueError(f"unit [{start}, {end}) of {name} is empty or outside [0, {length})")
        if start < position:
            raise ValueError(f"units of {name} overlap at position {start}: a unitizing "
                             "alpha needs each observer's units to be disjoint")
        if start > position:
            sections.append((position, start, GAP))
        sections.append((start, end, value))
        position = end
    if position < length:
        sections.append((position, length, GAP))
    return sections


def _intersections(first: list[Section], second: list[Section]):
    """``(index1, index2, length)`` for every pair of intersecting sections of two sorted,
    disjoint section lists (a merge sweep, linear in their lengths)."""
    i = j = 0
    while i < len(first) and j < len(second):
        start1, end1, _ = first[i]
        start2, end2, _ = second[j]
        shared = min(end1, end2) - max(start1, start2)
        if shared > 0:
            yield i, j, shared
        if end1 <= end2:
            i += 1
        else:
            j += 1


def _alpha(observed: float, expected: float) -> float:
    return 1.0 - observed / expected if expected > 0 else NAN


def unitized_alpha(observers: Mapping[str, Sequence[tuple[int, int, Hashable]]],
                   continuum_length: int, variant: str = "u") -> float:
    """Krippendorff's unitizing alpha over a continuum of ``continuum_length`` positions.

    ``observers`` maps each observer's name to their units ``(start, end, category)``:
    0-based, half-open, disjoint within one observer (adjacent units stay separate units).
    ``variant``: ``"u"`` for uα, ``"binary"`` for |uα, ``"cu"`` for cuα (see the module
    docstring for the formulas and their source). Returns ``nan`` when the value is
    undefined: fewer than two observers, an empty continuum, no variation (e.g. nobody
    identified any unit, or every observer covered everything with one value), or for cuα no
    intersecting units. Raises ``ValueError`` for an unknown variant, a unit outside the
    continuum, or overlapping units of one observer.
    """
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r} (one of {', '.join(VARIANTS)})")
    partitions = [_partition(units, continuum_length, name)
                  for name, units in observers.items()] if continuum_length > 0 else []
    m = len(partitions)
    if m < 2 or continuum_length <= 0:
        return NAN
    if variant == "cu":
        return _cu_alpha(partitions)
    coincidences: dict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for i, first in enumerate(partitions):
        for j, second in enumerate(partitions):
            if i != j:
                for g, h, shared in _intersections(first, second):
                    coincidences[first[g][2], second[h][2]] += shared / (m - 1)
    margins: dict[Hashable, float] = defaultdict(float)
    for (c, _), value in coincidences.items():
        margins[c] += value
    corrections: dict[Hashable, float] = defaultdict(float)
    for sections in partitions:
        for start, end, value in sections:
            corrections[value] += (end - start) if value is GAP else (end - start) ** 2
    total = float(m * continuum_length)
    denominator = total * total - sum(corrections.values())
    if denominator <= 0:
        return NAN

    def expected(c: Hashable, k: Hashable) -> float:
        return total * (margins[c] * margins[k] - (corrections[c] if c == k else 0.0)) \
            / denominator

    values = list(margins)
    if variant == "binary":
        units = [v for v in values if v is not GAP]
        observed = sum(coincidences[GAP, v] for v in units)
        return _alpha(observed, sum(expected(GAP, v) for v in units))
    observed = sum(v for (c, k), v in coincidences.items() if c != k)
    return _alpha(observed, sum(expected(c, k) for c in values for k in values if c != k))


def _cu_alpha(partitions: list[list[Section]]) -> float:
    """cuα: nominal alpha of the values of intersecting units (KMBW 2016, eqs. 10-11)."""
    m = len(partitions)
    coincidences: dict[tuple[Hashable, Hashable], float] = defaultdict(float)
    squares: dict[Hashable, float] = defaultdict(float)
    units = [[s for s in sections if s[2] is not GAP] for sections in partitions]
    for i, units_i in enumerate(units):
        # y: what each of i's units contributes to the coincidences, over every other observer
        y = [0.0] * len(units_i)
        for j, units_j in enumerate(units):
            if i == j:
                continue
            for g, h, shared in _intersections(units_i, units_j):
                coincidences[units_i[g][2], units_j[h][2]] += shared / (m - 1)
                y[g] += shared / (m - 1)
        for (_, _, value), contribution in zip(units_i, y):
            squares[value] += contribution ** 2
    margins: dict[Hashable, float] = defaultdict(float)
    for (c, _), value in coincidences.items():
        margins[c] += value
    total = sum(margins.values())
    if total <= 0:
        return NAN
    denominator = total - sum(squares.values()) / total
    if denominator <= 0:
        return NAN
    values = list(margins)
    observed = total - sum(coincidences[c, c] for c in values)
    expected = total - sum((margins[c] ** 2 - squares[c]) / denominator for c in values)
    return _alpha(observed, expected)
