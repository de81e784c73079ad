"""Resolving disagreements between two coders into a consensus coder.

Each resolution copies coder A's segment, coder B's, both or neither into the consensus
coder (default ``Konsens``) and records the choice, all in one transaction: one entry of the
event log, so :func:`qualcode.store.history.undo` takes it back. Resolving the same
disagreement again replaces the earlier choice and the consensus segments it created.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from qualcode.domain.disagreements import CHOICES, Disagreement
from qualcode.domain.errors import ConflictError, InputError
from qualcode.domain.models import Segment
from qualcode.store.coders import ensure_coder, find_coder
from qualcode.store.project import Project, new_guid, utc_now
from qualcode.store.segments import SegmentFilter, query_segments

#: The consensus coder's name when none is given.
DEFAULT_CONSENSUS = "Konsens"


@dataclass(frozen=True)
class Resolution:
    """A recorded choice: ``segment_a``/``segment_b`` are segment GUIDs (``None`` for a side
    without a segment); ``created`` are the ids of the consensus segments it created."""

    id: int
    consensus: str
    document_id: int
    code_id: int
    segment_a: str | None
    segment_b: str | None
    choice: str
    created: tuple[int, ...]


def _current(project: Project, segment: Segment | None) -> Segment | None:
    """The segment as stored now; raises :class:`ConflictError` when it changed or went."""
    if segment is None:
        return None
    found = query_segments(project, SegmentFilter(segment_ids=(segment.id,)))
    if (not found or found[0].guid != segment.guid or found[0].start != segment.start
            or found[0].end != segment.end or found[0].code_id != segment.code_id):
        raise ConflictError(f"segment {segment.id} changed or was removed since the "
                            "disagreements were listed; list them again")
    return found[0]


def _validate(disagreement: Disagreement, choice: str, consensus: str) -> None:
    if choice not in CHOICES:
        raise InputError(f"unknown choice {choice!r} (one of {', '.join(CHOICES)})")
    if consensus.strip() in (disagreement.coder_a, disagreement.coder_b):
        raise InputError(f"the consensus coder must not be one of the coders compared "
                         f"({consensus!r})")
    missing = {"a": disagreement.segment_a is None, "b": disagreement.segment_b is None}
    if choice in missing and missing[choice]:
        coder = disagreement.coder_a if choice == "a" else disagreement.coder_b
        raise InputError(f"{coder} has no segment in disagreement {disagreement.key}")
    for side, coder in ((disagreement.segment_a, disagreement.coder_a),
                        (disagreement.segment_b, disagreement.coder_b)):
        if side is not None and (side.coder != coder or side.code_id != disagreement.code_id
                                 or side.document_id != disagreement.document_id):
            raise InputError(f"segment {side.id} is not {coder}'s segment with "
                             f"{disagreement.code} in {disagreement.document}")


def _copy(project: Project, segment: Segment, consensus_id: int, now: str) -> int | None:
    """Insert a consensus copy of ``segment``; ``None`` when the consensus already has it."""
    cursor = project.db.execute(
        """INSERT OR IGNORE INTO segments (guid, document_id, code_id, coder_id, start, "end",
               comment, weight, anchor, created, modified)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [new_guid(), segment.document_id, segment.code_id, consensus_id, segment.start,
         segment.end, segment.comment, segment.weight, int(segment.anchor), now, now],
    )
    return cursor.lastrowid if cursor.rowcount else None


def _forget(project: Project, consensus_id: int, guid_a: str | None, guid_b: str | None
            ) -> None:
    """Remove an earlier resolution of this pair and the consensus segments it created."""
    row = project.db.execute(
        """SELECT id, created_segments FROM resolutions WHERE consensus_id = ?
           AND ifnull(segment_a, '') = ? AND ifnull(segment_b, '') = ?""",
        [consensus_id, guid_a or "", guid_b or ""]).fetchone()
    if row is None:
        return
    created = json.loads(row[1])
    if created:
        marks = ",".join("?" * len(created))
        project.db.execute(f"DELETE FROM memos WHERE segment_id IN (SELECT id FROM segments "
                           f"WHERE coder_id = ? AND guid IN ({marks}))", [consensus_id, *created])
        project.db.execute(f"DELETE FROM segments WHERE coder_id = ? AND guid IN ({marks})",
                           [consensus_id, *created])
    project.db.execute("DELETE FROM resolutions WHERE id = ?", [row[0]])


def resolve_disagreement(
    project: Project,
    disagreement: Disagreement,
    choice: str,
    consensus: str = DEFAULT_CONSENSUS,
    actor: str | None = None,
) -> Resolution:
    """Resolve ``disagreement`` by copying coder A's segment (``"a"``), coder B's (``"b"``),
    both (``"both"``) or neither (``"neither"``) into the ``consensus`` coder.

    One transaction (one undoable entry of the event log): the consensus coder is created
    when new, an earlier resolution of the same two segments is replaced (its consensus
    segments removed), the copies keep span, comment and weight. A copy the consensus coder
    already has (same span and code) is not duplicated. Raises :class:`InputError` for an
    unknown choice, a side without a segment, or a consensus coder who is one of the two
    coders, and :class:`ConflictError` when a segment changed since it was listed.
    """
    consensus = consensus.strip()
    _validate(disagreement, choice, consensus)
    segment_a = _current(project, disagreement.segment_a)
    segment_b = _current(project, disagreement.segment_b)
    chosen = {"a": [segment_a], "b": [segment_b], "both": [segment_a, segment_b],
              "neither": []}[choice]
    guid_a = segment_a.guid if segment_a else None
    guid_b = segment_b.guid if segment_b else None
    now = utc_now()
    with project.transaction(f"resolve {disagreement.key} ({disagreement.code} in "
                             f"{disagreement.document}): {choice}", actor or consensus):
        coder = ensure_coder(project, consensus)
        _forget(project, coder.id, guid_a, guid_b)
        created = [new_id for s in chosen if s is not None
                   if (new_id := _copy(project, s, coder.id, now)) is not None]
        guids = [project.db.execute("SELECT guid FROM segments WHERE id = ?", [i]).fetchone()[0]
                 for i in created]
        cursor = project.db.execute(
            """INSERT INTO resolutions (guid, document_id, code_id, consensus_id, segment_a,
                   segment_b, choice, created_segments, created)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [new_guid(), disagreement.document_id, disagreement.code_id, coder.id, guid_a,
             guid_b, choice, json.dumps(guids), now],
        )
    return Resolution(cursor.lastrowid, consensus, disagreement.document_id,
                      disagreement.code_id, guid_a, guid_b, choice, tuple(created))


def resolutions(project: Project, consensus: str = DEFAULT_CONSENSUS
                ) -> dict[tuple[str | None, str | None], str]:
    """Recorded choices of ``consensus`` by ``(guid of A's segment, guid of B's segment)``."""
    coder = find_coder(project, consensus)
    if coder is None:
        return {}
    return {(a, b): choice for a, b, choice in project.db.execute(
        "SELECT segment_a, segment_b, choice FROM resolutions WHERE consensus_id = ?",
        [coder.id])}


def adopt_segments(project: Project, segments: Iterable[Segment],
                   consensus: str = DEFAULT_CONSENSUS, actor: str | None = None) -> int:
    """Copy ``segments`` into the consensus coder in one transaction (e.g. every segment the
    two coders agree on); returns how many were new to the consensus coder."""
    segments = list(segments)
    consensus = consensus.strip()
    if any(s.coder == consensus for s in segments):
        raise InputError(f"the consensus coder must not be one of the coders compared "
                         f"({consensus!r})")
    now = utc_now()
    try:
        with project.transaction(f"adopt {len(segments)} agreed segments into {consensus}",
                                 actor or consensus):
            coder = ensure_coder(project, consensus)
            return sum(_copy(project, s, coder.id, now) is not None for s in segments)
    except sqlite3.IntegrityError as error:  # pragma: no cover - a segment vanished meanwhile
        raise ConflictError(f"cannot copy segments: {error}") from None
