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
* cuα (eqs. 10-11) = the nominal alpha of the values of intersecting units only:
  l*_c = l_c. − l_c∅, l*.. = Σ_c l*_c, and
  e*_ck = (l*_c l*_k − [c=k] Σ x²_c / (m − 1)) / (l*.. − Σ x² / ((m − 1) l*..)),
  where x is the length of a unit of observer i that intersects units of observer j (summed
  over j's units), for every ordered pair of observers i ≠ j.

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
    for i, first in enumerate(partitions):
        for j, second in enumerate(partitions):
            if i == j:
                continue
            units_i = [s for s in first if s[2] is not GAP]
            units_j = [s for s in second if s[2] is not GAP]
            # x: how much of each of i's units intersects j's units
            x = [0] * len(units_i)
            for g, h, shared in _intersections(units_i, units_j):
                coincidences[units_i[g][2], units_j[h][2]] += shared / (m - 1)
                x[g] += shared
            for (_, _, value), length in zip(units_i, x):
                squares[value] += length ** 2
    margins: dict[Hashable, float] = defaultdict(float)
    for (c, _), value in coincidences.items():
        margins[c] += value
    total = sum(margins.values())
    if total <= 0:
        return NAN
    denominator = total - sum(squares.values()) / ((m - 1) * total)
    if denominator <= 0:
        return NAN
    values = list(margins)
    observed = total - sum(coincidences[c, c] for c in values)
    expected = total - sum((margins[c] ** 2 - squares[c] / (m - 1)) / denominator
                           for c in values)
    return _alpha(observed, expected)
