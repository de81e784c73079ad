"""Agreement on binary unit data: was a unit (a document, a sentence, a turn, a character)
coded with the code by each coder? Shared by the document and unit levels."""

from __future__ import annotations

import numpy as np

from qualcode.analysis.agreement.result import Row
from qualcode.analysis.agreement.statistics import (
    alpha_of_counts,
    brennan_prediger_of_codes,
    cohen_kappa_of_codes,
    fleiss_kappa_of_codes,
)


def binary_row(code: str | None, coders: tuple[str, ...], coded: np.ndarray) -> Row:
    """Row for ``coded``, a boolean ``units x coders`` array.

    A unit agrees when every coder made the same decision (coded or not coded). Two coders:
    Cohen's kappa, Brennan & Prediger's kappa with k = 2 (coded/not coded) and nominal
    Krippendorff's alpha; three or more: Fleiss' kappa and nominal Krippendorff's alpha.
    """
    data = np.asarray(coded, dtype=bool).reshape(-1, len(coders))
    same = (data == data[:, :1]).all(axis=1)
    agreements = int(same.sum())
    counts = {coder: int(data[:, i].sum()) for i, coder in enumerate(coders)}
    codes = data.astype(np.int64)
    statistics: dict[str, float] = {}
    if len(coders) == 2:
        statistics["cohen_kappa"] = cohen_kappa_of_codes(codes[:, 0], codes[:, 1])
        statistics["brennan_prediger_kappa"] = brennan_prediger_of_codes(
            codes[:, 0], codes[:, 1], 2)
    else:
        statistics["fleiss_kappa"] = fleiss_kappa_of_codes(codes)
    coded_by = data.sum(axis=1)
    value_counts = np.stack([len(coders) - coded_by, coded_by], axis=1)
    statistics["krippendorff_alpha"] = alpha_of_counts(value_counts, "nominal", [0, 1])
    return Row(code, counts, agreements, len(data) - agreements, statistics)
