"""Segment level, as MAXQDA computes it: does each coder's segment have a counterpart?"""

from __future__ import annotations

from qualcode.analysis.agreement.matching import check_threshold, matched
from qualcode.analysis.agreement.result import AgreementResult, Row
from qualcode.analysis.agreement.selection import Selection
from qualcode.analysis.agreement.statistics import NAN
from qualcode.domain.errors import InputError


def segment_level(selection: Selection, threshold: float, measure: str) -> AgreementResult:
    """Every segment of both coders is checked: it agrees when the other coder has a segment
    with the same code in the same document overlapping it by at least ``threshold`` percent
    (see :mod:`..matching`), so a matched pair counts twice. Per code and overall:
    agreement = agreements ÷ (agreements + disagreements). Overall, Brennan & Prediger's
    (1981) kappa = (P_obs − 1/k) ÷ (1 − 1/k) with k = the number of codes compared
    (MAXQDA 2020 manual, "Intercoder agreement"). Two coders only.
    """
    check_threshold(threshold, measure)
    if len(selection.coders) != 2:
        raise InputError("the segment level compares two coders; for three or more use "
                         "--level unit or --level unitized")
    first, second = selection.coders
    rows = []
    for code in selection.codes:
        agree = disagree = 0
        counts = {first: 0, second: 0}
        for document in selection.documents:
            mine = selection.of(first, document.id, code.id)
            theirs = selection.of(second, document.id, code.id)
            counts[first] += len(mine)
            counts[second] += len(theirs)
            for flags in (matched(mine, theirs, threshold, measure),
                          matched(theirs, mine, threshold, measure)):
                agree += sum(flags)
                disagree += len(flags) - sum(flags)
        rows.append(Row(code.path, counts, agree, disagree))
    k = len(selection.codes)
    agreements = sum(r.agreements for r in rows)
    disagreements = sum(r.disagreements for r in rows)
    total = agreements + disagreements
    observed = agreements / total if total else NAN
    kappa = (observed - 1 / k) / (1 - 1 / k) if k >= 2 and total else NAN
    overall = Row(None, {c: sum(r.counts[c] for r in rows) for c in selection.coders},
                  agreements, disagreements, {"brennan_prediger_kappa": kappa})
    return AgreementResult(
        "segment", selection.coders, "segments",
        {"threshold": threshold, "overlap": measure, "k": k},
        [d.name for d in selection.documents], rows, overall)
