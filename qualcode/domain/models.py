"""Plain data objects passed between layers. Offsets are 0-based code points, half-open."""

from __future__ import annotations

from dataclasses import dataclass, field

from qualcode.domain.transcript import TranscriptStructure


@dataclass(frozen=True)
class NewDocument:
    """A document read by an importer, ready to store.

    ``text`` is already normalised (:func:`qualcode.domain.text.normalize_text`);
    ``structure`` holds its turns and header variables; ``variables`` adds or overrides
    variables found elsewhere (e.g. file metadata); ``notes`` are messages for the user.
    """

    name: str
    text: str
    source_name: str
    source_format: str
    encoding: str | None
    structure: TranscriptStructure
    variables: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """A stored document (its text is fetched separately: it can be large)."""

    id: int
    guid: str
    name: str
    group: str | None
    sha256: str
    characters: int
    source_name: str | None
    source_format: str | None
    encoding: str | None
    imported_at: str
    turns: int = 0
    variables: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Turn:
    """A stored speaker turn; see :class:`qualcode.domain.transcript.ParsedTurn`."""

    id: int
    document_id: int
    position: int
    start: int
    end: int
    body_start: int
    body_end: int
    speaker: str
    time_mark_ms: int | None
    start_ms: int | None
    end_ms: int | None
    line_start: int
    line_end: int


@dataclass(frozen=True)
class Code:
    """A code of the code system. ``path`` is its CODEPATH (``Parent/Child``)."""

    id: int
    guid: str
    parent_id: int | None
    name: str
    path: str
    color: str
    definition: str = ""
    anchor_example: str = ""
    coding_rules: str = ""
    position: int = 0
    depth: int = 0


@dataclass(frozen=True)
class Coder:
    """A person who codes; every coded segment records its coder."""

    id: int
    guid: str
    name: str


@dataclass(frozen=True)
class Segment:
    """A coded segment ``[start, end)`` of a document with its retrieval context.

    ``line_start``/``line_end`` are 1-based lines of the first and last code point;
    ``time_ms`` is the start of the speaker turn holding ``start`` (``None`` without time marks).
    """

    id: int
    guid: str
    document_id: int
    document: str
    group: str | None
    code_id: int
    code: str
    coder: str
    start: int
    end: int
    text: str
    line_start: int
    line_end: int
    time_ms: int | None
    comment: str
    weight: int
    anchor: bool
    created: str
    modified: str


@dataclass(frozen=True)
class Memo:
    """A memo: ``kind`` is free, project, document, code, segment or text.

    A ``text`` memo (in-text memo) belongs to ``document_id`` at ``[start, end)`` in code
    points of the stored text; the other kinds have ``start`` and ``end`` ``None``.
    """

    id: int
    guid: str
    kind: str
    document_id: int | None
    code_id: int | None
    segment_id: int | None
    title: str
    text: str
    author: str | None
    created: str
    modified: str
    start: int | None = None
    end: int | None = None
