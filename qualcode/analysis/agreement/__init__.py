"""Intercoder agreement: statistics, the levels of comparison, and the disagreement list.

The statistics API (names fixed so that results can be checked against published values)::

    percent_agreement(coder1, coder2) -> float
    cohen_kappa(coder1, coder2) -> float
    brennan_prediger_kappa(coder1, coder2, n_categories) -> float
    fleiss_kappa(units_x_coders) -> float
    krippendorff_alpha(units_x_coders, level="nominal") -> float
    unitized_alpha(observers, continuum_length, variant="u") -> float

Levels: :func:`compute_agreement` (document, frequency, segment, unit, unitized; module
:mod:`.compute`). Review: :func:`list_disagreements` (:mod:`.disagreements`); resolving is
:func:`qualcode.store.consensus.resolve_disagreement`.

Names are loaded on first use (PEP 562): scikit-learn and statsmodels take seconds to
import, and the command line should not pay for them unless it computes agreement.
"""

from __future__ import annotations

import importlib

from qualcode.analysis.agreement.options import DEFAULT_THRESHOLD, LEVELS, OVERLAPS, UNITS

_EXPORTS = {
    "percent_agreement": "statistics", "cohen_kappa": "statistics",
    "brennan_prediger_kappa": "statistics", "fleiss_kappa": "statistics",
    "krippendorff_alpha": "statistics", "unitized_alpha": "unitized",
    "compute_agreement": "compute", "AgreementResult": "result", "Row": "result",
    "STATISTICS": "result", "Selection": "selection", "select": "selection",
    "list_disagreements": "disagreements", "find_disagreements": "disagreements",
    "agreed_segments": "disagreements", "adopt_agreed": "disagreements",
}

__all__ = ["DEFAULT_THRESHOLD", "LEVELS", "OVERLAPS", "UNITS", *_EXPORTS]


def __getattr__(name: str):
    if name in _EXPORTS:
        module = importlib.import_module(f"{__name__}.{_EXPORTS[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
