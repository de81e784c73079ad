"""Frequency level: how many segments with the code each coder made in each document
(MAXQDA: "code frequency in the document")."""

from __future__ import annotations

import numpy as np

from qualcode.analysis.agreement.result import AgreementResult, Row
from qualcode.analysis.agreement.selection import Selection
from qualcode.analysis.agreement.statistics import alpha_of_values


def _row(code: str | None, coders: tuple[str, ...], counts: np.ndarray) -> Row:
    # A document agrees when every coder made the same number of segments (0 included).
    same = (counts == counts[:, :1]).all(axis=1)
    return Row(code, {c: int(counts[:, i].sum()) for i, c in enumerate(coders)},
               int(same.sum()), int((~same).sum()),
               {"krippendorff_alpha": alpha_of_values(counts.astype(float), "interval")})


def frequency_level(selection: Selection) -> AgreementResult:
    """Per code: documents with equal segment counts agree; Krippendorff's alpha at the
    interval level on the counts (Krippendorff 2019, ch. 12.3: counts are interval data).
    Overall: the same over every (document, code) pair."""
    coders = selection.coders
    rows, pooled = [], []
    for code in selection.codes:
        counts = np.array([[len(selection.of(c, d.id, code.id)) for c in coders]
                           for d in selection.documents])
        rows.append(_row(code.path, coders, counts))
        pooled.append(counts)
    overall = _row(None, coders, np.concatenate(pooled))
    return AgreementResult(
        "frequency", coders, "segments",
        {"unit": "document", "level_of_measurement": "interval"},
        [d.name for d in selection.documents], rows, overall)
