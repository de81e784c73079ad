"""Passages: overlapping coded segments of one code in one document taken as one.

When several coders code the same words with the same code, a quote collection must quote
them once and say who coded them. Segments of a code overlap when they share at least one
code point (``[0, 5)`` and ``[5, 9)`` only touch: two passages).
"""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.analysis.coder_scope import sorted_names
from qualcode.domain.models import Segment


@dataclass(frozen=True)
class Passage:
    """Overlapping segments of one code in one document, by start: the union
    ``[start, end)`` with its ``text`` (code points of the stored text), 1-based lines, the
    turn time of the first segment and the coders (sorted, each once)."""

    segments: tuple[Segment, ...]
    start: int
    end: int
    text: str

    @property
    def first(self) -> Segment:
        return self.segments[0]

    @property
    def coders(self) -> tuple[str, ...]:
        return sorted_names(s.coder for s in self.segments)

    @property
    def line_start(self) -> int:
        return self.first.line_start

    @property
    def line_end(self) -> int:
        return max(s.line_end for s in self.segments)

    @property
    def anchor(self) -> bool:
        return any(s.anchor for s in self.segments)


def _passage(segments: list[Segment]) -> Passage:
    # The union of a chain of overlapping segments, joined from their own texts.
    text, end = segments[0].text, segments[0].end
    for segment in segments[1:]:
        if segment.end > end:
            text += segment.text[end - segment.start:]
            end = segment.end
    return Passage(tuple(segments), segments[0].start, end, text)


def merge_passages(segments: list[Segment]) -> list[Passage]:
    """Merge overlapping segments of the same code and document (whoever coded them) into
    passages, in the order of each passage's first segment in ``segments``."""
    order = {s.id: i for i, s in enumerate(segments)}
    by_key: dict[tuple[int, int], list[Segment]] = {}
    for segment in segments:
        by_key.setdefault((segment.code_id, segment.document_id), []).append(segment)
    passages: list[Passage] = []
    for group in by_key.values():
        group.sort(key=lambda s: (s.start, s.end, s.id))
        chain = [group[0]]
        end = group[0].end
        for segment in group[1:]:
            if segment.start < end:
                chain.append(segment)
                end = max(end, segment.end)
            else:
                passages.append(_passage(chain))
                chain, end = [segment], segment.end
        passages.append(_passage(chain))
    passages.sort(key=lambda p: min(order[s.id] for s in p.segments))
    return passages


def coders_of(segment: Segment, others: list[Segment]) -> tuple[str, ...]:
    """The coders of ``segment`` and of every segment in ``others`` of the same code and
    document overlapping it (sorted, each once)."""
    names = {segment.coder}
    names.update(o.coder for o in others
                 if o.code_id == segment.code_id and o.document_id == segment.document_id
                 and o.start < segment.end and segment.start < o.end)
    return sorted_names(names)
