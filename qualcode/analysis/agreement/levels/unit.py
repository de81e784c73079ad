"""Unit level: units are sentences, speaker turns or characters; a unit counts as coded with
a code by a coder when one of that coder's segments with the code overlaps it by at least one
character. Per code and pooled over all codes."""

from __future__ import annotations

import numpy as np

from qualcode.analysis.agreement.levels.binary import binary_row
from qualcode.analysis.agreement.options import UNITS
from qualcode.analysis.agreement.result import AgreementResult
from qualcode.analysis.agreement.selection import Selection
from qualcode.analysis.sentences import sentence_spans
from qualcode.domain.errors import InputError
from qualcode.domain.models import Document
from qualcode.domain.transcript import header_lines
from qualcode.store.documents import document_turns


def unit_spans(selection: Selection, document: Document, unit: str) -> np.ndarray:
    """``[start, end)`` of every unit of ``document`` as an ``n x 2`` array.

    Sentences: :func:`qualcode.analysis.sentences.sentence_spans`, leaving out the header
    lines that hold document variables (``Datum: …``, see
    :func:`qualcode.domain.transcript.header_lines`); turns: each speaker turn with its
    label; characters: every code point of the text.
    """
    if unit == "sentence":
        text = selection.text(document.id)
        turns = document_turns(selection.project, document.id)
        header = header_lines(text, turns[0].start if turns else None)
        spans = [s for s in sentence_spans(text)
                 if not any(h_start <= s.start and s.end <= h_end for h_start, h_end in header)]
    elif unit == "turn":
        spans = [(t.start, t.end) for t in document_turns(selection.project, document.id)]
    else:
        starts = np.arange(document.characters)
        return np.stack([starts, starts + 1], axis=1)
    return np.array(spans, dtype=np.int64).reshape(-1, 2)


def _prefix(length: int, spans) -> np.ndarray:
    """Prefix sums of the characters covered by ``spans``: covered chars in [s, e) =
    ``p[e] - p[s]``."""
    pairs = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    marks = np.zeros(length + 1, dtype=np.int64)
    np.add.at(marks, pairs[:, 0], 1)
    np.add.at(marks, pairs[:, 1], -1)
    return np.concatenate([[0], np.cumsum(np.cumsum(marks)[:-1] > 0)])


def _coded(segments, length: int, spans: np.ndarray) -> np.ndarray:
    """For each unit: does one of ``segments`` overlap it by at least one character?"""
    prefix = _prefix(length, [(s.start, s.end) for s in segments])
    return prefix[spans[:, 1]] - prefix[spans[:, 0]] > 0


def unit_level(selection: Selection, unit: str) -> AgreementResult:
    """Per code: percent agreement, Cohen's kappa, Brennan & Prediger's kappa (k = 2: coded,
    not coded) and nominal Krippendorff's alpha over all units of the compared documents
    (three or more coders: Fleiss' kappa and alpha). Overall: pooled over (code, unit)."""
    if unit not in UNITS:
        raise InputError(f"unknown unit {unit!r} (one of {', '.join(UNITS)})")
    coders = selection.coders
    spans = {d.id: unit_spans(selection, d, unit) for d in selection.documents}
    units = sum(len(s) for s in spans.values())
    if not units:
        raise InputError(f"the compared documents have no {unit} units")
    in_units = {d.id: _prefix(d.characters, spans[d.id]) for d in selection.documents}
    rows, pooled, outside = [], [], 0
    for code in selection.codes:
        blocks = []
        for document in selection.documents:
            columns = []
            for coder in coders:
                segments = selection.of(coder, document.id, code.id)
                columns.append(_coded(segments, document.characters, spans[document.id]))
                prefix = in_units[document.id]
                outside += sum(prefix[s.end] == prefix[s.start] for s in segments)
            blocks.append(np.stack(columns, axis=1).reshape(-1, len(coders)))
        coded = np.concatenate(blocks)
        rows.append(binary_row(code.path, coders, coded))
        pooled.append(coded)
    notes = []
    if outside:
        notes.append(f"{outside} coded segment(s) overlap no {unit} unit and were not counted")
    return AgreementResult(
        "unit", coders, "units",
        {"unit": unit, "units": units, "level_of_measurement": "nominal", "k": 2},
        [d.name for d in selection.documents], rows,
        binary_row(None, coders, np.concatenate(pooled)), notes=notes)
