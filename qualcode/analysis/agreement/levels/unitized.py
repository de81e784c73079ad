"""Unitized level: Krippendorff's alpha for unitizing over the character continuum (uα, |uα,
cuα; Krippendorff, Mathet, Bouvry & Widlöcher 2016; Krippendorff 2019, ch. 12.6), as
ATLAS.ti offers it. The compared documents are laid end to end as one continuum."""

from __future__ import annotations

from qualcode.analysis.agreement.result import AgreementResult, Row
from qualcode.analysis.agreement.selection import Selection
from qualcode.analysis.agreement.unitized import unitized_alpha
from qualcode.domain.spans import merge_spans

NAN = float("nan")


def _agreement_counts(spans: dict[str, list[tuple[int, int]]]) -> tuple[int, int]:
    """Characters coded by every coder, and characters coded by some but not all."""
    events: list[tuple[int, int]] = []
    for coder_spans in spans.values():
        for start, end in coder_spans:
            events += [(start, 1), (end, -1)]
    events.sort()
    every = some = depth = 0
    previous = None
    for position, change in events:
        if previous is not None and depth:
            if depth == len(spans):
                every += position - previous
            else:
                some += position - previous
        depth += change
        previous = position
    return every, some


def _overlapping(units: list[tuple[int, int, str]]) -> bool:
    ordered = sorted(units)
    return any(b[0] < a[1] for a, b in zip(ordered, ordered[1:]))


def unitized_level(selection: Selection) -> AgreementResult:
    """Per code: uα of that code's units against the gaps (for one code uα and |uα
    coincide); each coder's overlapping segments of one code are merged into one unit.
    Overall: uα and cuα over all compared codes as the values of units (defined only when no
    coder's segments of different codes overlap, as within a semantic domain of mutually
    exclusive codes) and |uα of relevant (any compared code) against irrelevant matter.
    ``agreements``/``disagreements`` count characters coded by every coder / by some but not
    all."""
    coders = selection.coders
    offsets, length = {}, 0
    for document in selection.documents:
        offsets[document.id] = length
        length += document.characters
    rows = []
    all_units: dict[str, list[tuple[int, int, str]]] = {c: [] for c in coders}
    for code in selection.codes:
        spans = {}
        for coder in coders:
            merged = []
            for document in selection.documents:
                shift = offsets[document.id]
                merged += [(s.start + shift, s.end + shift) for s in merge_spans(
                    (g.start, g.end) for g in selection.of(coder, document.id, code.id))]
            spans[coder] = merged
            all_units[coder] += [(s, e, code.path) for s, e in merged]
        every, some = _agreement_counts(spans)
        observers = {c: [(s, e, code.path) for s, e in spans[c]] for c in coders}
        rows.append(Row(code.path, {c: sum(e - s for s, e in spans[c]) for c in coders},
                        every, some, {"unitized_alpha": unitized_alpha(observers, length)}))
    relevant = {c: [(s, e, "relevant") for s, e in merge_spans((s, e) for s, e, _ in units)]
                for c, units in all_units.items()}
    statistics = {"unitized_alpha_binary": unitized_alpha(relevant, length, "binary")}
    notes = []
    clashing = [c for c, units in all_units.items() if _overlapping(units)]
    if clashing:
        statistics["unitized_alpha"] = statistics["unitized_alpha_cu"] = NAN
        notes.append(f"uα and cuα over all codes need mutually exclusive codes, but segments "
                     f"of different codes overlap in the coding of {', '.join(clashing)}; "
                     "choose such codes (a semantic domain) with --code")
    else:
        statistics["unitized_alpha"] = unitized_alpha(all_units, length, "u")
        statistics["unitized_alpha_cu"] = unitized_alpha(all_units, length, "cu")
    overall = Row(None, {c: sum(r.counts[c] for r in rows) for c in coders},
                  sum(r.agreements for r in rows), sum(r.disagreements for r in rows),
                  {k: statistics[k] for k in ("unitized_alpha", "unitized_alpha_binary",
                                              "unitized_alpha_cu")})
    return AgreementResult(
        "unitized", coders, "units", {"unit": "character", "continuum": length},
        [d.name for d in selection.documents], rows, overall, notes=notes)
