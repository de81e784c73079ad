"""Every disagreement between two coders, for review and resolution into a consensus coder.

The segments of coder A and coder B with the same code in the same document are matched as at
the segment level (:mod:`.matching`): a segment with a counterpart overlapping it by at least
the threshold agrees. The rest are disagreements: an unmatched segment of A and one of B that
overlap (too little) form one *boundaries* disagreement, pairing the largest overlaps first;
what remains is coded by only one coder (*only_a*, *only_b*).
"""

from __future__ import annotations

from collections.abc import Sequence

from qualcode.analysis.agreement.matching import (
    DEFAULT_THRESHOLD,
    check_threshold,
    matched,
    overlap_share,
)
from qualcode.analysis.agreement.selection import Selection, select
from qualcode.domain.disagreements import Disagreement
from qualcode.domain.errors import InputError
from qualcode.domain.models import Code, Document, Segment
from qualcode.store.consensus import DEFAULT_CONSENSUS, adopt_segments, resolutions
from qualcode.store.project import Project


def _pairs(mine: list[Segment], theirs: list[Segment], measure: str
           ) -> list[tuple[Segment | None, Segment | None, float]]:
    """Pair unmatched segments that overlap, largest overlap first; the rest stay single."""
    candidates = sorted(
        ((overlap_share(a, b, measure), i, j) for i, a in enumerate(mine)
         for j, b in enumerate(theirs) if overlap_share(a, b, measure) > 0),
        key=lambda t: (-t[0], t[1], t[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    out: list[tuple[Segment | None, Segment | None, float]] = []
    for share, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((mine[i], theirs[j], share))
    out += [(a, None, 0.0) for i, a in enumerate(mine) if i not in used_a]
    out += [(None, b, 0.0) for j, b in enumerate(theirs) if j not in used_b]
    return out


def _in_document(selection: Selection, document: Document, code: Code, threshold: float,
                 measure: str) -> list[tuple[Segment | None, Segment | None, float]]:
    first, second = selection.coders
    mine = selection.of(first, document.id, code.id)
    theirs = selection.of(second, document.id, code.id)
    open_a = [a for a, ok in zip(mine, matched(mine, theirs, threshold, measure)) if not ok]
    open_b = [b for b, ok in zip(theirs, matched(theirs, mine, threshold, measure)) if not ok]
    return _pairs(open_a, open_b, measure)


_SWAPPED = {"a": "b", "b": "a", "both": "both", "neither": "neither"}


def _recorded(recorded: dict, a: Segment | None, b: Segment | None) -> str | None:
    """The choice recorded for the pair, whichever coder was listed first when it was made."""
    key = (a.guid if a else None, b.guid if b else None)
    if key in recorded:
        return recorded[key]
    choice = recorded.get((key[1], key[0]))
    return _SWAPPED[choice] if choice else None


def find_disagreements(selection: Selection, threshold: float = DEFAULT_THRESHOLD,
                       measure: str = "union", consensus: str = DEFAULT_CONSENSUS
                       ) -> list[Disagreement]:
    """The disagreements within ``selection`` (two coders), in document order, then by
    position, then in code-system order; each with the resolution already recorded for
    ``consensus`` (or ``None``)."""
    check_threshold(threshold, measure)
    if len(selection.coders) != 2:
        raise InputError("disagreements are listed for two coders (--coders A,B)")
    first, second = selection.coders
    recorded = resolutions(selection.project, consensus)
    found = []
    for d_index, document in enumerate(selection.documents):
        for c_index, code in enumerate(selection.codes):
            for a, b, share in _in_document(selection, document, code, threshold, measure):
                item = Disagreement(document.id, document.name, code.id, code.path, first,
                                    second, a, b, share, _recorded(recorded, a, b))
                found.append(((d_index, item.start, c_index, item.end), item))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def list_disagreements(
    project: Project,
    coders: Sequence[str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    overlap: str = "union",
    codes: Sequence[str] = (),
    documents: Sequence[str] = (),
    consensus: str = DEFAULT_CONSENSUS,
) -> list[Disagreement]:
    """Every disagreement between ``coders`` (exactly two names, A then B).

    ``threshold`` (percent) and ``overlap`` (``union`` or ``shorter``) decide when two
    segments agree, as at the segment level; ``codes`` (CODEPATHs, with subcodes) and
    ``documents`` restrict the comparison as in :func:`..selection.select`. Each
    :class:`~qualcode.domain.disagreements.Disagreement` carries both coders' segments (or
    ``None``) with text and line numbers, and the choice recorded for ``consensus``.
    """
    selection = select(project, coders, codes=codes, documents=documents)
    return find_disagreements(selection, threshold, overlap, consensus)


def agreed_segments(selection: Selection, threshold: float = DEFAULT_THRESHOLD,
                    measure: str = "union") -> list[Segment]:
    """Coder A's segments that coder B agrees with (a consensus can adopt them as they are)."""
    check_threshold(threshold, measure)
    first, second = selection.coders[:2]
    out = []
    for document in selection.documents:
        for code in selection.codes:
            mine = selection.of(first, document.id, code.id)
            theirs = selection.of(second, document.id, code.id)
            out += [a for a, ok in zip(mine, matched(mine, theirs, threshold, measure)) if ok]
    return out


def adopt_agreed(
    project: Project,
    coders: Sequence[str],
    consensus: str = DEFAULT_CONSENSUS,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    overlap: str = "union",
    codes: Sequence[str] = (),
    documents: Sequence[str] = (),
    actor: str | None = None,
) -> int:
    """Copy every segment the two ``coders`` agree on (coder A's version, see
    :func:`agreed_segments`) into ``consensus`` in one undoable transaction
    (:func:`qualcode.store.consensus.adopt_segments`); returns how many were new to the
    consensus coder. ``qualcode resolve --agreed`` and the workbench's review both call this.
    Raises :class:`InputError` unless exactly two coders are named, and what :func:`select`
    raises."""
    selection = select(project, coders, codes=codes, documents=documents)
    if len(selection.coders) != 2:
        raise InputError("agreed segments are adopted from two coders (--coders A,B)")
    return adopt_segments(project, agreed_segments(selection, threshold, overlap), consensus,
                          actor=actor)
