"""Agreement statistics for coded units: thin, checked wrappers around well-kept libraries.

Conventions shared by the public functions:

* ``coder1``/``coder2`` are equal-length sequences of category labels (any hashable values);
  ``None`` marks a unit the coder did not code (missing value).
* ``units_x_coders`` is a list of rows, one per unit, with one value per coder; ``None`` marks
  a missing value.
* An undefined value returns ``float('nan')``: no units, no variation (every coder always
  used the same single category, so chance agreement is 1), too few values to pair. These
  functions never return 1.0 for an undefined value. Malformed input (rows of different
  lengths, unknown levels) raises ``ValueError``.

The ``*_of_codes`` functions take integer category codes as numpy arrays (no missing values
unless stated) so that levels with many units (characters) avoid Python loops.

Sources: Cohen (1960) for kappa; Brennan & Prediger (1981) for the kappa with fixed chance
agreement 1/k; Fleiss (1971) for the multi-rater kappa; Krippendorff (2011, "Computing
Krippendorff's Alpha-Reliability"; 2019, *Content Analysis*, 4th ed., ch. 12) for alpha.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Hashable, Sequence

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats import inter_rater

NAN = float("nan")
LEVELS = ("nominal", "ordinal", "interval", "ratio")


def _finite(value: float) -> float:
    value = float(value)
    return value if math.isfinite(value) else NAN


def _pairs(coder1: Sequence, coder2: Sequence) -> list[tuple[Hashable, Hashable]]:
    """Units both coders coded (``None`` is missing), as ``(value1, value2)``."""
    if len(coder1) != len(coder2):
        raise ValueError(f"the coders rated different numbers of units "
                         f"({len(coder1)} and {len(coder2)})")
    return [(a, b) for a, b in zip(coder1, coder2) if a is not None and b is not None]


def _encode(pairs: list[tuple[Hashable, Hashable]]) -> tuple[np.ndarray, np.ndarray, int]:
    index: dict[Hashable, int] = {}
    first = np.array([index.setdefault(a, len(index)) for a, _ in pairs], dtype=np.int64)
    second = np.array([index.setdefault(b, len(index)) for _, b in pairs], dtype=np.int64)
    return first, second, len(index)


# -- array core ----------------------------------------------------------------------------
def agreement_of_codes(first: np.ndarray, second: np.ndarray) -> float:
    """Fraction of equal entries; ``nan`` for no units."""
    return float(np.mean(first == second)) if len(first) else NAN


def cohen_kappa_of_codes(first: np.ndarray, second: np.ndarray) -> float:
    """Cohen's kappa of two integer-coded raters (see :func:`cohen_kappa`)."""
    if not len(first):
        return NAN
    # Identical (first, second) pairs are passed once with their number as sample weight:
    # the same contingency table, far less work for many units (e.g. characters).
    size = int(max(first.max(), second.max())) + 1
    table = np.bincount(first * size + second, minlength=size * size)
    cells = np.flatnonzero(table)
    rows, columns = np.divmod(cells, size)
    if len(np.union1d(rows, columns)) < 2:
        return NAN
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return _finite(cohen_kappa_score(rows, columns, sample_weight=table[cells]))


def brennan_prediger_of_codes(first: np.ndarray, second: np.ndarray, n_categories: int
                              ) -> float:
    """Brennan & Prediger's kappa of two integer-coded raters (see
    :func:`brennan_prediger_kappa`)."""
    if n_categories < 2 or not len(first):
        return NAN
    used = len(np.union1d(first, second))
    if used > n_categories:
        raise ValueError(f"{used} categories used but n_categories = {n_categories}")
    chance = 1.0 / n_categories
    return (agreement_of_codes(first, second) - chance) / (1.0 - chance)


def fleiss_kappa_of_codes(data: np.ndarray) -> float:
    """Fleiss' kappa of an integer-coded ``units x coders`` array without missing values."""
    if data.ndim != 2 or not data.shape[0] or data.shape[1] < 2:
        return NAN
    categories = np.unique(data)
    if len(categories) < 2:
        return NAN
    table, _ = inter_rater.aggregate_raters(data)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return _finite(inter_rater.fleiss_kappa(table, method="fleiss"))


def alpha_of_values(data: np.ndarray, level: str = "nominal",
                    domain: Sequence[float] | None = None) -> float:
    """Krippendorff's alpha of a float ``units x coders`` array, ``nan`` = missing.

    ``domain``: the values in order (default: the sorted values present). Nominal and
    ordinal alpha depend only on identity and order of values.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level of measurement {level!r} (one of {', '.join(LEVELS)})")
    if data.ndim != 2 or not data.size:
        return NAN
    present = ~np.isnan(data)
    pairable = data[present.sum(axis=1) >= 2]
    if len(np.unique(pairable[~np.isnan(pairable)])) < 2:
        return NAN
    if domain is None:
        domain = np.unique(data[present])
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return _finite(krippendorff.alpha(reliability_data=data.T, value_domain=domain,
                                          level_of_measurement=level))


def alpha_of_counts(value_counts: np.ndarray, level: str = "nominal",
                    domain: Sequence[float] | None = None) -> float:
    """Krippendorff's alpha from a ``units x values`` array of how many coders chose each
    value (the ``krippendorff`` package's ``value_counts`` input); ``domain`` as in
    :func:`alpha_of_values` (default: 0, 1, ...)."""
    counts = np.asarray(value_counts)
    pairable = counts[counts.sum(axis=1) >= 2]
    if counts.ndim != 2 or (pairable.sum(axis=0) > 0).sum() < 2:
        return NAN
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return _finite(krippendorff.alpha(value_counts=counts, value_domain=domain,
                                          level_of_measurement=level))


# -- public API ----------------------------------------------------------------------------
def percent_agreement(coder1: Sequence, coder2: Sequence) -> float:
    """Fraction in [0, 1] of the units both coders coded on which they chose the same category.

    ``nan`` when no unit was coded by both.
    """
    pairs = _pairs(coder1, coder2)
    return sum(a == b for a, b in pairs) / len(pairs) if pairs else NAN


def cohen_kappa(coder1: Sequence, coder2: Sequence) -> float:
    """Cohen's kappa, (p_o - p_e) / (1 - p_e), with p_e from each coder's own marginals
    (Cohen 1960, eq. 1), via :func:`sklearn.metrics.cohen_kappa_score`.

    Units with a missing value are left out. ``nan`` when no unit remains or p_e = 1 (both
    coders used one and the same category throughout). One constant coder against a varying
    one gives a defined value (0 when p_o equals its chance expectation).
    """
    first, second, _ = _encode(_pairs(coder1, coder2))
    return cohen_kappa_of_codes(first, second)


def brennan_prediger_kappa(coder1: Sequence, coder2: Sequence, n_categories: int) -> float:
    """Brennan & Prediger's (1981) kappa_n = (p_o - 1/k) / (1 - 1/k), k = ``n_categories``.

    Chance agreement is fixed at 1/k, as if each of the k categories were equally likely
    (Brennan & Prediger 1981, p. 692; the same coefficient as Bennett, Alpert & Goldstein's
    S, 1954). MAXQDA uses it with k = the number of codes compared. Units with a missing
    value are left out. ``nan`` for k < 2 or when no unit was coded by both. Raises
    ``ValueError`` when the coders used more than k distinct categories.
    """
    first, second, _ = _encode(_pairs(coder1, coder2))
    return brennan_prediger_of_codes(first, second, n_categories)


def _rows(units_x_coders: Sequence[Sequence]) -> list[list]:
    rows = [list(row) for row in units_x_coders]
    if rows and len({len(row) for row in rows}) > 1:
        raise ValueError("every unit needs one value per coder (use None for missing)")
    return rows


def fleiss_kappa(units_x_coders: Sequence[Sequence]) -> float:
    """Fleiss' (1971) kappa for any number of coders, via statsmodels'
    ``aggregate_raters`` and ``fleiss_kappa`` (method "fleiss").

    Fleiss' kappa assumes every unit is rated by the same number of coders, so units with a
    missing value are left out. ``nan`` when no complete unit remains, with fewer than two
    coders, or when every rating is the same category (chance agreement 1).
    """
    rows = [row for row in _rows(units_x_coders) if all(v is not None for v in row)]
    index: dict[Hashable, int] = {}
    data = np.array([[index.setdefault(v, len(index)) for v in row] for row in rows],
                    dtype=np.int64)
    return fleiss_kappa_of_codes(data.reshape(len(rows), -1) if rows else data)


def krippendorff_alpha(units_x_coders: Sequence[Sequence], level: str = "nominal") -> float:
    """Krippendorff's alpha, 1 - D_o / D_e, via the ``krippendorff`` package.

    ``level`` is the metric: ``nominal``, ``ordinal``, ``interval`` or ``ratio``
    (Krippendorff 2011, sections A-E; 2019, ch. 12.3). Missing values (``None``) are
    allowed: only pairable values (units with at least two values) count. Nominal labels may
    be any hashable values; ordinal labels must be orderable; interval and ratio labels
    numbers. ``nan`` when fewer than two distinct values are pairable or no unit has two
    values. Raises ``ValueError`` for an unknown level or non-numeric interval/ratio values.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level of measurement {level!r} (one of {', '.join(LEVELS)})")
    rows = _rows(units_x_coders)
    values = list(dict.fromkeys(v for row in rows for v in row if v is not None))
    if level in ("interval", "ratio"):
        try:
            position = {v: float(v) for v in values}
        except (TypeError, ValueError):
            raise ValueError(f"{level} alpha needs numbers as values") from None
    else:
        # Nominal and ordinal distances depend only on identity and order (and on the
        # values' frequencies), so values are replaced by their ranks.
        try:
            ordered = sorted(values) if level == "ordinal" else values
        except TypeError:
            raise ValueError("ordinal alpha needs values that can be ordered") from None
        position = {v: float(i) for i, v in enumerate(ordered)}
    if not rows:
        return NAN
    data = np.array([[np.nan if v is None else position[v] for v in row] for row in rows],
                    dtype=float)
    return alpha_of_values(data, level, sorted(set(position.values())))
