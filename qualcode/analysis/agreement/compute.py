"""Agreement at one level, per code and overall: the entry point of the analysis."""

from __future__ import annotations

from collections.abc import Sequence

from qualcode.analysis.agreement.levels.document import document_level
from qualcode.analysis.agreement.levels.frequency import frequency_level
from qualcode.analysis.agreement.levels.segment import segment_level
from qualcode.analysis.agreement.levels.unit import unit_level
from qualcode.analysis.agreement.levels.unitized import unitized_level
from qualcode.analysis.agreement.options import DEFAULT_THRESHOLD, LEVELS
from qualcode.analysis.agreement.result import AgreementResult
from qualcode.analysis.agreement.selection import select
from qualcode.domain.errors import InputError
from qualcode.store.project import Project


def compute_agreement(
    project: Project,
    coders: Sequence[str],
    *,
    level: str = "segment",
    unit: str = "sentence",
    threshold: float = DEFAULT_THRESHOLD,
    overlap: str = "union",
    codes: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> AgreementResult:
    """Agreement of ``coders`` at ``level``, per code and overall.

    ``unit`` (sentence, turn, character) applies to the unit level; ``threshold`` (percent)
    and ``overlap`` (union, shorter) to the segment level. ``codes`` are CODEPATHs (each with
    its subcodes, every code compared on its own), ``documents`` names or ids (default: the
    documents every coder coded). Raises :class:`InputError` for bad settings or nothing to
    compare and :class:`NotFoundError` for unknown coders, codes or documents.
    """
    if level not in LEVELS:
        raise InputError(f"unknown level {level!r} (one of {', '.join(LEVELS)})")
    selection = select(project, coders, codes=codes, documents=documents)
    if level == "document":
        result = document_level(selection)
    elif level == "frequency":
        result = frequency_level(selection)
    elif level == "segment":
        result = segment_level(selection, threshold, overlap)
    elif level == "unit":
        result = unit_level(selection, unit)
    else:
        result = unitized_level(selection)
    result.skipped_documents.extend(selection.skipped)
    result.unused_codes.extend(selection.unused)
    return result
