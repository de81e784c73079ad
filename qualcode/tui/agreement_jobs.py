"""Work of the agreement review that runs off the UI thread: each function takes an open
project and returns plain data (no widgets).

The agreement statistics import scikit-learn and statsmodels (seconds), so
:func:`compute_review` imports them itself, on the worker thread that calls it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qualcode.analysis.agreement.disagreements import (
    adopt_agreed,
    agreed_segments,
    find_disagreements,
)
from qualcode.analysis.agreement.options import DEFAULT_THRESHOLD
from qualcode.analysis.agreement.result import AgreementResult
from qualcode.analysis.agreement.selection import select
from qualcode.domain.disagreements import Disagreement
from qualcode.domain.errors import ConflictError, InputError
from qualcode.domain.lines import LineIndex
from qualcode.store import history
from qualcode.store.coders import find_coder
from qualcode.store.codes import list_codes
from qualcode.store.consensus import DEFAULT_CONSENSUS
from qualcode.store.documents import document_text
from qualcode.store.project import Project

#: Lines of context shown before and after a disagreement, and at most this many characters
#: of them on either side (a transcript line is a whole speaker turn and may be long).
CONTEXT_LINES = 4
CONTEXT_CHARS = 600
ELLIPSIS = "…"

# The event-log action of qualcode.store.consensus.resolve_disagreement: "resolve 12:47 (...".
_RESOLVE_ACTION = re.compile(r"resolve ((?:\d+|-):(?:\d+|-)) ")
_SPACE = re.compile(r"\s")
# The event-log action of qualcode.store.consensus.adopt_segments: "adopt 4 agreed segments".
_ADOPT_ACTION = re.compile(r"adopt \d+ agreed segments into ")
#: What :func:`undo_resolution` returns for an adoption of the agreed passages.
ADOPTION = "agreed"


@dataclass(frozen=True)
class AgreementSettings:
    """What the review compares: coder A and coder B, the level of the per-code table
    (``unit`` for the unit level), the segment matching of the disagreements (``threshold``
    in percent, ``overlap`` union|shorter, as the CLI's defaults) and the consensus coder."""

    coder_a: str
    coder_b: str
    level: str = "segment"
    unit: str = "sentence"
    threshold: float = DEFAULT_THRESHOLD
    overlap: str = "union"
    consensus: str = DEFAULT_CONSENSUS

    @property
    def coders(self) -> tuple[str, str]:
        return self.coder_a, self.coder_b

    @property
    def against_consensus(self) -> bool:
        """True when one of the coders compared is the consensus coder itself: the review
        then only reads (there is nothing to resolve into the consensus)."""
        return self.consensus in self.coders


@dataclass(frozen=True)
class Excerpt:
    """A disagreement in context: ``text`` starts on document line ``first_line`` (1-based);
    ``span_a``/``span_b`` are coder A's and B's segments as ``[start, end)`` offsets into
    ``text`` (code points), ``None`` for a side without a segment. ``text`` is cut at a word
    boundary with ``…`` when the context lines are long."""

    first_line: int
    text: str
    span_a: tuple[int, int] | None
    span_b: tuple[int, int] | None


@dataclass(frozen=True)
class Review:
    """One computation: the per-code agreement at the chosen level, every disagreement (in
    document order, with the resolution recorded for the consensus coder) and its context by
    disagreement key; ``colors`` are the code colours by code id. ``agreed`` is the number of
    passages the two coders agree on (coder A's segments, as ``resolve --agreed`` adopts
    them) and ``adopted`` how many of them the consensus coder holds (same document, code
    and span); both 0 when a coder compared is the consensus coder."""

    settings: AgreementSettings
    result: AgreementResult
    items: list[Disagreement]
    excerpts: dict[str, Excerpt]
    colors: dict[int, str]
    agreed: int = 0
    adopted: int = 0

    @property
    def resolved(self) -> int:
        """Disagreements with a recorded resolution."""
        return sum(item.resolution is not None for item in self.items)

    @property
    def open(self) -> int:
        """Disagreements still open."""
        return len(self.items) - self.resolved


def coder_counts(project: Project) -> list[tuple[str, int]]:
    """Every coder with their number of coded segments, most first (then by name)."""
    rows = project.db.execute(
        """SELECT c.name, count(s.id) FROM coders c LEFT JOIN segments s ON s.coder_id = c.id
           GROUP BY c.id""").fetchall()
    return sorted(((name, n) for name, n in rows), key=lambda r: (-r[1], r[0].casefold()))


def default_settings(counts: list[tuple[str, int]], consensus: str = DEFAULT_CONSENSUS
                     ) -> AgreementSettings | None:
    """Coder A and B: the two coders with most segments (leaving out the consensus coder),
    in alphabetical order; ``None`` when fewer than two coders coded anything."""
    coders = [name for name, n in counts if n and name != consensus]
    if len(coders) < 2:
        return None
    first, second = sorted(coders[:2], key=str.casefold)
    return AgreementSettings(first, second, consensus=consensus)


def excerpt(text: str, lines: LineIndex, item: Disagreement) -> Excerpt:
    """The context of ``item`` in its document's ``text``: the lines it touches and
    :data:`CONTEXT_LINES` around them, at most about :data:`CONTEXT_CHARS` on either side
    (cut at whitespace, marked with ``…``)."""
    first, last = lines.line_range(item.start, item.end)
    begin = lines.line_start(max(1, first - CONTEXT_LINES))
    finish = lines.line_end(min(lines.line_count, last + CONTEXT_LINES))
    if item.start - begin > CONTEXT_CHARS:
        space = _SPACE.search(text, item.start - CONTEXT_CHARS, item.start)
        begin = space.end() if space else item.start - CONTEXT_CHARS
    if finish - item.end > CONTEXT_CHARS:
        spaces = list(_SPACE.finditer(text, item.end, item.end + CONTEXT_CHARS))
        finish = spaces[-1].start() if spaces else item.end + CONTEXT_CHARS
    prefix = ELLIPSIS if begin > 0 and text[begin - 1] != "\n" else ""
    suffix = ELLIPSIS if finish < len(text) and text[finish] != "\n" else ""
    shift = len(prefix) - begin

    def span(segment) -> tuple[int, int] | None:
        return None if segment is None else (segment.start + shift, segment.end + shift)

    return Excerpt(lines.line_of(begin), prefix + text[begin:finish] + suffix,
                   span(item.segment_a), span(item.segment_b))


def compute_review(project: Project, settings: AgreementSettings) -> Review:
    """Agreement of the two coders at ``settings.level`` and every disagreement between
    them, with context. Raises what :func:`compute_agreement` and :func:`list_disagreements`
    raise (:class:`InputError`, :class:`NotFoundError`) for coders who coded no common
    document, unknown coders or a bad threshold."""
    # Imported here: scikit-learn and statsmodels take seconds; never on the UI thread.
    from qualcode.analysis.agreement.compute import compute_agreement

    result = compute_agreement(project, settings.coders, level=settings.level,
                               unit=settings.unit, threshold=settings.threshold,
                               overlap=settings.overlap)
    selection = select(project, settings.coders)
    items = find_disagreements(selection, settings.threshold, settings.overlap,
                               settings.consensus)
    agreed = adopted = 0
    if not settings.against_consensus:
        found = agreed_segments(selection, settings.threshold, settings.overlap)
        agreed, adopted = len(found), _held(project, settings.consensus, found)
    texts: dict[int, tuple[str, LineIndex]] = {}
    excerpts = {}
    for item in items:
        if item.document_id not in texts:
            text = document_text(project, item.document_id)
            texts[item.document_id] = text, LineIndex(text)
        excerpts[item.key] = excerpt(*texts[item.document_id], item)
    colors = {code.id: code.color for code in list_codes(project)}
    return Review(settings, result, items, excerpts, colors, agreed, adopted)


def _held(project: Project, consensus: str, segments) -> int:
    """How many of ``segments`` the consensus coder has (same document, code and span)."""
    coder = find_coder(project, consensus)
    if coder is None:
        return 0
    spans = set(project.db.execute(
        'SELECT document_id, code_id, start, "end" FROM segments WHERE coder_id = ?',
        [coder.id]).fetchall())
    return sum((s.document_id, s.code_id, s.start, s.end) in spans for s in segments)


def adopt_agreed_passages(project: Project, settings: AgreementSettings,
                          actor: str | None) -> int:
    """Adopt every passage coder A and B agree on into the consensus coder, as
    ``qualcode resolve --agreed --coders A,B`` does (the same function,
    :func:`qualcode.analysis.agreement.disagreements.adopt_agreed`): one undoable change;
    returns how many segments were new to the consensus coder. Raises :class:`InputError`
    when a coder compared is the consensus coder."""
    if settings.against_consensus:
        raise InputError(f"{settings.consensus} is compared here: choose two coders (s) to "
                         "adopt what they agree on")
    return adopt_agreed(project, settings.coders, settings.consensus,
                        threshold=settings.threshold, overlap=settings.overlap, actor=actor)


def resolved_key(action: str) -> str | None:
    """The disagreement key of a resolution's event-log action, else ``None``."""
    match = _RESOLVE_ACTION.match(action)
    return match.group(1) if match else None


def review_change(action: str) -> str | None:
    """The disagreement key of a resolution's action, :data:`ADOPTION` for an adoption of
    the agreed passages, else ``None`` (a change the review does not undo)."""
    if _ADOPT_ACTION.match(action):
        return ADOPTION
    return resolved_key(action)


def _only_resolutions(verb: str, last: str):
    """A :data:`~qualcode.store.history.undo.Guard` that lets only the review's changes
    (resolutions and adoptions of the agreed passages) through."""
    def guard(batch) -> None:
        if batch is None or review_change(batch.action) is None:
            what = f"{last} “{batch.action}”" if batch else f"nothing to {verb}"
            raise ConflictError(f"no resolution to {verb}: {what}")
    return guard


def undo_resolution(project: Project, actor: str | None) -> str:
    """Undo ``actor``'s last change if it is a resolution (or an adoption of the agreed
    passages); returns its disagreement key (:data:`ADOPTION`). Raises
    :class:`ConflictError` when that change is something else (that is undone in the
    workbench, not here) or there is nothing to undo. The check and the undo happen under
    one write lock, so another process cannot slip a change in between."""
    done = history.undo(project, actor, guard=_only_resolutions("undo", "your last change is"))
    return review_change(done.action)


def redo_resolution(project: Project, actor: str | None) -> str:
    """Redo ``actor``'s last undone change if it is a resolution or an adoption; returns its
    key (:data:`ADOPTION`)."""
    done = history.redo(project, actor, guard=_only_resolutions("redo", "your next redo is"))
    return review_change(done.action)
