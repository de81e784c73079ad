"""Code co-occurrence (MAXQDA: *Code Relations Browser*): how often two codes are applied
together, on overlapping segments, in the same speaker turn, or within N characters.

A co-occurrence is a pair of coded segments ``(a, b)`` of two different codes, in the same
document, coded by the SAME coder (each coder's coding is one reading of the text; pairing
two coders' segments would count one passage several times). ``--coder`` keeps one coder.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from qualcode.analysis.coder_scope import sorted_names
from qualcode.analysis.matrix import MatrixRow, check_choice
from qualcode.domain.errors import InputError
from qualcode.domain.models import Segment
from qualcode.domain.spans import overlap
from qualcode.store.codes import load_codes
from qualcode.store.documents import document_text
from qualcode.store.project import Project
from qualcode.store.segments import SegmentFilter, code_ids_for, query_segments

UNITS = ("pairs", "documents")


@dataclass(frozen=True)
class Relation:
    """How two segments must lie to co-occur.

    ``kind``: ``overlap`` (at least one code point in common), ``turn`` (both touch the same
    speaker turn; a line outside turns counts as a turn), ``distance`` (the gap between
    them, ``max(0, later start - earlier end)``, is at most ``distance`` code points;
    overlapping segments have gap 0).
    """

    kind: str
    distance: int = 0

    @classmethod
    def parse(cls, within: str | int) -> Relation:
        """``"overlap"``, ``"turn"`` or a number of characters (``"200"`` or ``200``)."""
        if isinstance(within, int) or str(within).isdigit():
            return cls("distance", int(within))
        if within in ("overlap", "turn"):
            return cls(str(within))
        raise InputError(f"--within {within!r}: use overlap, turn or a number of characters")

    def __str__(self) -> str:
        return str(self.distance) if self.kind == "distance" else self.kind


@dataclass(frozen=True)
class SegmentPair:
    """Two co-occurring segments: ``a`` of the row code, ``b`` of the column code."""

    a: Segment
    b: Segment


@dataclass(frozen=True)
class CooccurrenceMatrix:
    """``values[i][j]``: co-occurrences of code ``codes[i]`` with code ``codes[j]``
    (symmetric; the diagonal is 0). ``unit``: ``pairs`` counts pairs of segments,
    ``documents`` the documents holding at least one pair."""

    codes: list[MatrixRow]
    values: list[list[int]]
    within: Relation
    unit: str
    coder: str | None
    #: The coders whose segments are paired (see :mod:`qualcode.analysis.coder_scope`).
    coders: tuple[str, ...] = ()

    def max_count(self) -> int:
        return max((v for row in self.values for v in row), default=0)


def _turn_units(project: Project, document_id: int) -> list[tuple[int, int]]:
    rows = project.db.execute(
        'SELECT start, "end" FROM turns WHERE document_id = ? ORDER BY start',
        [document_id]).fetchall()
    units = [tuple(r) for r in rows]
    # Text outside turns (a header, a document without speakers): each line is a unit.
    text = document_text(project, document_id)
    offset = 0
    for line in text.split("\n"):
        end = offset + len(line)
        if line.strip() and not any(s < end and offset < e for s, e in rows):
            units.append((offset, end))
        offset = end + 1
    return sorted(units)


def _units_touched(units: list[tuple[int, int]], starts: list[int], segment: Segment
                   ) -> set[int]:
    index = max(bisect_right(starts, segment.start) - 1, 0)
    touched = set()
    while index < len(units) and units[index][0] < segment.end:
        if overlap(units[index][0], units[index][1], segment.start, segment.end):
            touched.add(index)
        index += 1
    return touched


def _pairs(project: Project, segments: list[Segment], relation: Relation
           ) -> list[tuple[Segment, Segment]]:
    """Every co-occurring pair of segments of different codes, same document and coder."""
    groups: dict[tuple[int, str], list[Segment]] = defaultdict(list)
    for segment in segments:
        groups[(segment.document_id, segment.coder)].append(segment)
    units_cache: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}
    found = []
    for (document_id, _), group in groups.items():
        group.sort(key=lambda s: (s.start, s.end, s.id))
        touched: dict[int, set[int]] = {}
        if relation.kind == "turn":
            if document_id not in units_cache:
                units = _turn_units(project, document_id)
                units_cache[document_id] = (units, [u[0] for u in units])
            units, starts = units_cache[document_id]
            touched = {s.id: _units_touched(units, starts, s) for s in group}
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.code_id == b.code_id:
                    continue
                if relation.kind == "overlap":
                    if b.start >= a.end:
                        break  # sorted by start: no later segment reaches back into a
                    ok = overlap(a.start, a.end, b.start, b.end) > 0
                elif relation.kind == "turn":
                    ok = bool(touched[a.id] & touched[b.id])
                else:
                    gap = max(0, max(a.start, b.start) - min(a.end, b.end))
                    ok = gap <= relation.distance
                if ok:
                    found.append((a, b))
    return found


def _filter(project: Project, codes: list[str] | None, coder: str | None,
            sets: list[str] | None = None) -> SegmentFilter:
    return SegmentFilter(code_ids=code_ids_for(project, codes) if codes else None, coder=coder,
                         sets=tuple(sets) if sets else None)


def code_cooccurrence(
    project: Project,
    *,
    within: str | int = "overlap",
    coder: str | None = None,
    codes: list[str] | None = None,
    unit: str = "pairs",
    sets: list[str] | None = None,
) -> CooccurrenceMatrix:
    """The co-occurrence matrix over all codes (or ``codes`` and their subcodes), in
    code-system order. ``within``: see :class:`Relation`. ``unit``: :data:`UNITS`.
    ``sets``: only documents of these document sets.

    Raises :class:`InputError` for a bad ``within`` or ``unit``, :class:`NotFoundError` for
    an unknown code or set.
    """
    relation = Relation.parse(within)
    check_choice(unit, UNITS, "count unit")
    tree, all_codes = load_codes(project)
    wanted = list(code_ids_for(project, codes)) if codes else list(tree.walk())
    chosen = set(wanted)
    order = [c for c in tree.walk() if c in chosen]
    index = {code_id: i for i, code_id in enumerate(order)}
    segments = [s for s in query_segments(project, _filter(project, codes, coder, sets))
                if s.code_id in index]
    pair_counts = [[0] * len(order) for _ in order]
    documents: dict[tuple[int, int], set[int]] = defaultdict(set)
    for a, b in _pairs(project, segments, relation):
        i, j = index[a.code_id], index[b.code_id]
        pair_counts[i][j] += 1
        pair_counts[j][i] += 1
        documents[(min(i, j), max(i, j))].add(a.document_id)
    if unit == "documents":
        pair_counts = [[len(documents.get((min(i, j), max(i, j)), ())) if i != j else 0
                        for j in range(len(order))] for i in range(len(order))]
    rows = [MatrixRow(c, all_codes[c].path, all_codes[c].name, all_codes[c].depth,
                      all_codes[c].color) for c in order]
    return CooccurrenceMatrix(rows, pair_counts, relation, unit, coder,
                              sorted_names(s.coder for s in segments))


def cooccurring_segments(
    project: Project,
    code_a: str,
    code_b: str,
    *,
    within: str | int = "overlap",
    coder: str | None = None,
) -> list[SegmentPair]:
    """The pairs of segments behind one cell: ``a`` coded with ``code_a``, ``b`` with
    ``code_b`` (exactly these codes, not subcodes), in document order."""
    relation = Relation.parse(within)
    tree, _ = load_codes(project)
    id_a, id_b = tree.resolve(code_a), tree.resolve(code_b)
    if id_a == id_b:
        raise InputError("give two different codes")
    segments = query_segments(project, SegmentFilter(code_ids=(id_a, id_b), coder=coder))
    pairs = []
    for a, b in _pairs(project, segments, relation):
        if a.code_id == id_b:
            a, b = b, a
        pairs.append(SegmentPair(a, b))
    position = {s.id: i for i, s in enumerate(segments)}
    pairs.sort(key=lambda p: (position[p.a.id], position[p.b.id]))
    return pairs
