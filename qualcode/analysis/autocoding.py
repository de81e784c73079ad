"""Autocoding the hits of a lexical search: plan (preview) first, then apply as one
undoable transaction."""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.analysis.search import SearchResult, search
from qualcode.domain.errors import InputError
from qualcode.domain.lines import LineIndex
from qualcode.domain.models import Code
from qualcode.domain.spans import Span, merge_spans
from qualcode.store.coded_spans import CodedSpans
from qualcode.store.coders import default_coder_name, ensure_coder
from qualcode.store.documents import document_text
from qualcode.store.project import Project
from qualcode.store.segments import add_segments

SCOPES = ("hit", "sentence", "turn")


@dataclass(frozen=True)
class PlannedSegment:
    """A segment autocoding would create: ``[start, end)`` of a document, its 1-based lines,
    its text, how many hits it covers, whether it lies inside a segment the coder already
    coded with the code (``exists``: then it is skipped) and the speaker of its first hit
    (``None`` outside speaker turns)."""

    document_id: int
    document: str
    start: int
    end: int
    line_start: int
    line_end: int
    text: str
    hits: int
    exists: bool
    speaker: str | None = None


@dataclass(frozen=True)
class AutocodePlan:
    """What :func:`apply_autocode` will do; show it as the preview."""

    query: str
    code: Code
    coder: str
    scope: str
    result: SearchResult
    segments: list[PlannedSegment]
    #: The speaker filter the search used (``None``: every speaker and text outside turns).
    speakers: tuple[str, ...] | None = None

    @property
    def new_segments(self) -> list[PlannedSegment]:
        return [s for s in self.segments if not s.exists]

    @property
    def skipped(self) -> int:
        """Planned segments lying inside ones the coder already coded with the code."""
        return len(self.segments) - len(self.new_segments)


@dataclass(frozen=True)
class AutocodeResult:
    """Segments created (ids) and spans skipped because they were coded already."""

    created: list[int]
    skipped: int


def _clip(span: tuple[int, int], unit: tuple[int, int]) -> tuple[int, int]:
    start, end = max(span[0], unit[0]), min(span[1], unit[1])
    return (start, end) if start < end else span


def plan_autocode(
    project: Project,
    query: str,
    code: Code,
    coder: str | None = None,
    *,
    scope: str = "hit",
    lemma: bool = False,
    document_ids: list[int] | None = None,
    within: str = "turn",
    speakers: list[str] | None = None,
    include_headers: bool = False,
) -> AutocodePlan:
    """Search ``query`` and turn every hit into the span to code with ``code`` as ``coder``
    (a name; default: :func:`qualcode.store.coders.default_coder_name`).

    ``scope``: ``hit`` codes the words found; ``sentence`` the sentence holding the hit
    (clipped to the speaker turn's body, so no label or time mark); ``turn`` the whole
    speech of the turn (a line outside turns). Overlapping spans in a document are merged,
    so two hits in one sentence give one segment. ``speakers``: only hits in turns of these
    speaker labels. A span lying inside a segment ``coder`` already coded with ``code`` is
    planned as existing (``exists``) and skipped by :func:`apply_autocode`. Nothing is
    written. ``include_headers``: also hits on header lines (see
    :func:`qualcode.analysis.search.search`).
    """
    if scope not in SCOPES:
        raise InputError(f"unknown scope {scope!r} (one of {', '.join(SCOPES)})")
    result = search(project, query, lemma=lemma, document_ids=document_ids, within=within,
                    speakers=speakers, include_headers=include_headers)
    by_document: dict[int, tuple[str, list[tuple[int, int]], list[tuple[int, str | None]]]] = {}
    for hit in result.hits:
        if scope == "hit":
            span = (hit.start, hit.end)
        elif scope == "sentence":
            span = _clip((min(hit.sentence[0], hit.start), max(hit.sentence[1], hit.end)),
                         hit.unit)
        else:
            span = hit.unit
        entry = by_document.setdefault(hit.document_id, (hit.document, [], []))
        entry[1].append(span)
        entry[2].append((hit.start, hit.speaker))
    coder = (coder or default_coder_name()).strip()
    existing = CodedSpans.load(project, code.id, coder)
    planned: list[PlannedSegment] = []
    for document_id, (name, spans, starts) in by_document.items():
        text = document_text(project, document_id)
        lines = LineIndex(text)
        for span in merge_spans(spans) if scope != "hit" else _merge_overlapping(spans):
            line_start, line_end = lines.line_range(span.start, span.end)
            covered = [who for at, who in starts if span.start <= at < span.end]
            planned.append(PlannedSegment(
                document_id, name, span.start, span.end, line_start, line_end,
                text[span.start:span.end], len(covered),
                existing.covers(document_id, span.start, span.end),
                covered[0] if covered else None))
    return AutocodePlan(query, code, coder, scope, result, planned,
                        tuple(speakers) if speakers else None)


def _merge_overlapping(spans: list[tuple[int, int]]) -> list[Span]:
    """Like :func:`merge_spans` but keeps touching hits apart (two adjacent words found by
    ``A OR B`` stay two segments)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [Span(s, e) for s, e in merged]


def apply_autocode(project: Project, plan: AutocodePlan, actor: str | None = None
                   ) -> AutocodeResult:
    """Create the planned new segments (and the coder, when new) in ONE transaction, so one
    ``qualcode undo`` removes them all; those lying inside the coder's segments of the code
    are skipped and counted."""
    if not plan.new_segments:
        # Nothing to write: no empty batch in the event log.
        return AutocodeResult([], len(plan.segments))
    action = f"autocode search {plan.query!r} ({plan.scope}) with {plan.code.path}"
    with project.transaction(action, actor or plan.coder):
        coder = ensure_coder(project, plan.coder)
        created, skipped = add_segments(
            project, plan.code, coder,
            [(s.document_id, s.start, s.end) for s in plan.new_segments], action, actor)
    return AutocodeResult(created, skipped + plan.skipped)
