"""Document level: is the code present in the document, per coder (MAXQDA: "code
existence in the document")? Units are the compared documents, one decision per code."""

from __future__ import annotations

import numpy as np

from qualcode.analysis.agreement.levels.binary import binary_row
from qualcode.analysis.agreement.result import AgreementResult
from qualcode.analysis.agreement.selection import Selection


def document_level(selection: Selection) -> AgreementResult:
    """Per code: documents where every coder has (or no coder has) the code agree. Overall:
    the same over every (document, code) pair."""
    coders = selection.coders
    rows, pooled = [], []
    for code in selection.codes:
        coded = np.array([[bool(selection.of(c, d.id, code.id)) for c in coders]
                          for d in selection.documents])
        rows.append(binary_row(code.path, coders, coded))
        pooled.append(coded)
    overall = binary_row(None, coders, np.concatenate(pooled))
    return AgreementResult(
        "document", coders, "units",
        {"unit": "document", "level_of_measurement": "nominal", "k": 2},
        [d.name for d in selection.documents], rows, overall)
