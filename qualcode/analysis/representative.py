"""Representative quotes for a code: anchor examples first, then the most typical segments,
spread over documents.

Typicality is the cosine similarity of a segment's TF-IDF vector over lemmas to the centroid
(mean vector) of all the code's segments (Salton & Buckley 1988, term weighting; scikit-learn
``TfidfVectorizer`` with sublinear tf and smoothed idf). The inverse document frequencies are
learnt from every speaker turn of the project, so words typical of the code (not of talk in
general) weigh most. Selection uses maximal marginal relevance (Carbonell & Goldstein 1998,
"The use of MMR, diversity-based reranking for reordering documents and producing summaries",
SIGIR '98):

    MMR = argmax_{d in R \\ S} [ lambda * sim(d, centroid) - (1 - lambda) * max_{s in S} sim(d, s) ]

with ``lambda = 1 - diversity``. At most ``per_document`` quotes come from one document, a
quote never overlaps one already chosen, and only segments within the length bounds
(in words) compete. Ties go to the earlier segment in document order, so the ranking is
deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qualcode.analysis.tokens import DocumentTokens, document_tokens
from qualcode.domain.errors import InputError
from qualcode.domain.models import Code, Segment
from qualcode.store.codes import get_code
from qualcode.store.project import Project
from qualcode.store.segments import SegmentFilter, code_ids_for, query_segments

DEFAULT_TOP = 5
DEFAULT_MIN_WORDS = 5
DEFAULT_MAX_WORDS = 150
DEFAULT_DIVERSITY = 0.3
_DIGITS = 10  # rounding of scores before comparing, so ties break the same on every machine


@dataclass(frozen=True)
class RankedQuote:
    """A chosen segment: its 1-based ``rank``, ``typicality`` (cosine to the code's centroid,
    0..1), the MMR ``score`` it was chosen with (anchors: their typicality), its length in
    ``words`` and whether it is a flagged ``anchor`` example."""

    segment: Segment
    rank: int
    typicality: float
    score: float
    words: int
    anchor: bool


@dataclass(frozen=True)
class QuoteRanking:
    """The quotes for ``code`` best first; ``candidates``: distinct segments of the code
    considered; ``out_of_bounds``: of those, how many the length bounds left out."""

    code: Code
    quotes: list[RankedQuote]
    candidates: int
    out_of_bounds: int


def _stop_words() -> frozenset[str]:
    from spacy.lang.de.stop_words import STOP_WORDS

    return frozenset(w.casefold() for w in STOP_WORDS)


def _content_lemmas(doc: DocumentTokens, start: int, end: int, stop: frozenset[str]
                    ) -> tuple[list[str], int]:
    """Content lemmas in ``[start, end)`` and the number of words there."""
    lemmas = []
    indexes = doc.words_in(start, end)
    for i in indexes:
        key = doc.lemma_keys[i]
        if not any(ch.isalpha() for ch in key):
            continue
        if key in stop or doc.forms[i] in stop:
            continue
        lemmas.append(key)
    return lemmas, len(indexes)


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _distinct(segments: list[Segment]) -> list[Segment]:
    """One segment per span: two coders coding the same words give one quote (the anchor,
    else the older segment)."""
    best: dict[tuple[int, int, int], Segment] = {}
    for segment in segments:
        key = (segment.document_id, segment.start, segment.end)
        kept = best.get(key)
        if kept is None or (segment.anchor, -segment.id) > (kept.anchor, -kept.id):
            best[key] = segment
    chosen = {s.id for s in best.values()}
    return [s for s in segments if s.id in chosen]


def representative_quotes(
    project: Project,
    code_path: str,
    *,
    top: int = DEFAULT_TOP,
    coder: str | None = None,
    subcodes: bool = True,
    per_document: int | None = 1,
    min_words: int = DEFAULT_MIN_WORDS,
    max_words: int | None = DEFAULT_MAX_WORDS,
    diversity: float = DEFAULT_DIVERSITY,
    sets: Sequence[str] | None = None,
) -> QuoteRanking:
    """Rank the segments of ``code_path`` (with its subcodes unless ``subcodes=False``).

    ``top``: how many quotes (fewer when there are not enough documents or segments).
    ``coder``: only this coder's segments. ``per_document``: at most this many quotes per
    document (``None`` or 0: no limit). ``min_words``/``max_words``: length bounds for
    ranked quotes. ``diversity``: ``1 - lambda`` of MMR, 0 (only typicality) .. 1.
    ``sets``: only segments in documents of these document sets.
    Anchor examples (``qualcode anchor``) come first, most typical first, whatever their
    length or document, and count towards ``top`` and the per-document limit.
    Raises :class:`NotFoundError` for an unknown code or set, :class:`InputError` for bad
    bounds.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    if top < 1:
        raise InputError("--top must be at least 1")
    if not 0.0 <= diversity <= 1.0:
        raise InputError("--diversity must lie between 0 and 1")
    if max_words is not None and max_words < min_words:
        raise InputError("--max-words must not be smaller than --min-words")
    limit = per_document or None
    code = get_code(project, code_path)
    ids = code_ids_for(project, [code_path], subcodes=subcodes)
    segments = _distinct(query_segments(project, SegmentFilter(
        code_ids=ids, coder=coder, sets=tuple(sets) if sets else None)))
    if not segments:
        return QuoteRanking(code, [], 0, 0)

    docs = {d.document_id: d for d in document_tokens(project)}
    stop = _stop_words()
    background = []
    for doc in docs.values():
        for start, end in doc.units:
            lemmas, _ = _content_lemmas(doc, start, end, stop)
            if lemmas:
                background.append(lemmas)
    texts, words = [], []
    for segment in segments:
        lemmas, count = _content_lemmas(docs[segment.document_id], segment.start, segment.end,
                                        stop)
        texts.append(lemmas)
        words.append(count)
    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, norm="l2")
    vectorizer.fit(background or texts)
    matrix = vectorizer.transform(texts).toarray()
    centroid = matrix.mean(axis=0)
    norm = float((centroid @ centroid) ** 0.5)
    typicality = [round(float(v), _DIGITS) for v in (matrix @ centroid / norm if norm
                                                     else matrix @ centroid)]
    similarity = matrix @ matrix.T

    order = list(range(len(segments)))  # document order
    chosen: list[int] = []
    scores: dict[int, float] = {}
    per_doc: dict[int, int] = {}

    def take(i: int, score: float) -> None:
        chosen.append(i)
        scores[i] = score
        per_doc[segments[i].document_id] = per_doc.get(segments[i].document_id, 0) + 1

    anchors = sorted((i for i in order if segments[i].anchor), key=lambda i: -typicality[i])
    for i in anchors[:top]:
        take(i, typicality[i])
    out_of_bounds = sum(1 for i in order if not segments[i].anchor and (
        words[i] < min_words or (max_words is not None and words[i] > max_words)))
    lam = 1.0 - diversity
    while len(chosen) < top:
        best: tuple[float, int] | None = None
        for i in order:
            segment = segments[i]
            if i in scores or segment.anchor:
                continue
            if words[i] < min_words or (max_words is not None and words[i] > max_words):
                continue
            if limit is not None and per_doc.get(segment.document_id, 0) >= limit:
                continue
            if any(segments[j].document_id == segment.document_id
                   and segments[j].start < segment.end and segment.start < segments[j].end
                   for j in chosen):
                continue
            redundancy = max((float(similarity[i][j]) for j in chosen), default=0.0)
            score = round(lam * typicality[i] - (1.0 - lam) * redundancy, _DIGITS)
            if best is None or score > best[0]:
                best = (score, i)
        if best is None:
            break
        take(best[1], best[0])

    quotes = [RankedQuote(segments[i], rank, typicality[i], scores[i], words[i],
                          segments[i].anchor) for rank, i in enumerate(chosen, start=1)]
    return QuoteRanking(code, quotes, len(segments), out_of_bounds)
