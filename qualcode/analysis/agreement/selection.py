"""What an agreement analysis compares: coders, documents, codes and their segments.

Offsets are 0-based code points, half-open. Documents default to those every chosen coder
has coded (at least one segment of any code); codes default to every code, and only codes at
least one coder applied in those documents are compared (their number is k of Brennan &
Prediger's kappa at the segment level).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from qualcode.domain.errors import InputError
from qualcode.domain.models import Code, Document, Segment
from qualcode.store.coders import get_coder
from qualcode.store.codes import load_codes
from qualcode.store.documents import document_text, list_documents, resolve_document
from qualcode.store.project import Project
from qualcode.store.segments import SegmentFilter, code_ids_for, query_segments


@dataclass
class Selection:
    """The data of one comparison.

    ``segments[(coder, document_id, code_id)]`` lists that coder's segments in text order.
    ``skipped`` names documents left out because not every coder coded them; ``unused``
    the selected codes nobody applied in the compared documents.
    """

    project: Project
    coders: tuple[str, ...]
    documents: list[Document]
    codes: list[Code]
    segments: dict[tuple[str, int, int], list[Segment]]
    skipped: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    _texts: dict[int, str] = field(default_factory=dict)

    def of(self, coder: str, document_id: int, code_id: int) -> list[Segment]:
        """Segments of ``coder`` with ``code_id`` in the document (possibly empty)."""
        return self.segments.get((coder, document_id, code_id), [])

    def text(self, document_id: int) -> str:
        """A compared document's stored text (read once)."""
        if document_id not in self._texts:
            self._texts[document_id] = document_text(self.project, document_id)
        return self._texts[document_id]


def _coder_names(project: Project, coders: Sequence[str], minimum: int) -> tuple[str, ...]:
    names = tuple(c.strip() for c in coders if c.strip())
    if len(names) < minimum:
        raise InputError(f"name at least {minimum} coders (--coders A,B)")
    if len(set(names)) != len(names):
        raise InputError(f"a coder is named twice: {', '.join(names)}")
    for name in names:
        get_coder(project, name)
    return names


def select(
    project: Project,
    coders: Sequence[str],
    *,
    codes: Sequence[str] = (),
    documents: Sequence[str] = (),
    minimum_coders: int = 2,
) -> Selection:
    """Gather the segments to compare.

    ``codes``: CODEPATHs; each selects the code and its subcodes, every one compared on its
    own (default: all codes). ``documents``: names or ids (default: the documents every coder
    coded). Raises :class:`NotFoundError` for an unknown coder, code or document and
    :class:`InputError` when nothing is left to compare.
    """
    names = _coder_names(project, coders, minimum_coders)
    tree, all_codes = load_codes(project)
    wanted = set(code_ids_for(project, codes)) if codes else set(all_codes)
    if documents:
        chosen = list({d.id: d for d in (resolve_document(project, r) for r in documents)}
                      .values())
    else:
        chosen = list_documents(project)
    found = [s for s in query_segments(project, SegmentFilter(
        document_ids=tuple(d.id for d in chosen))) if s.coder in names]
    skipped: list[str] = []
    if not documents:
        coded_by: dict[int, set[str]] = defaultdict(set)
        for segment in found:
            coded_by[segment.document_id].add(segment.coder)
        skipped = [d.name for d in chosen if 0 < len(coded_by[d.id]) < len(names)]
        chosen = [d for d in chosen if len(coded_by[d.id]) == len(names)]
    if not chosen:
        raise InputError(f"{', '.join(names)} have not all coded any document; "
                         "name the documents to compare with --document")
    ids = {d.id for d in chosen}
    segments: dict[tuple[str, int, int], list[Segment]] = defaultdict(list)
    used: set[int] = set()
    for segment in found:
        if segment.document_id in ids and segment.code_id in wanted:
            segments[segment.coder, segment.document_id, segment.code_id].append(segment)
            used.add(segment.code_id)
    compared = [all_codes[i] for i in tree.walk() if i in used]
    if not compared:
        raise InputError("no coded segments of the chosen codes in the chosen documents")
    unused = [all_codes[i].path for i in tree.walk() if i in wanted and i not in used] \
        if codes else []
    return Selection(project, names, chosen, compared, dict(segments), skipped, unused)
