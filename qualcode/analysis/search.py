"""Lexical search: words, phrases and lemmas with OR / AND / NEAR, as keyword-in-context hits.

Matching is case-insensitive (``str.casefold``) on whole words (see
:mod:`qualcode.analysis.tokens`); with ``lemma=True`` a word matches every word with the same
lemma (:func:`qualcode.analysis.nlp.lemma_of`), so ``Ausländerbehörde`` also finds
``Ausländerbehörden``. The query language is described in :mod:`qualcode.analysis.query`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qualcode.analysis.nlp import german_pipeline, lemma_of
from qualcode.analysis.query import And, Near, Node, Or, Term, clean_word, parse_query, terms_of
from qualcode.analysis.tokens import DocumentTokens, document_tokens
from qualcode.domain.errors import InputError
from qualcode.store.project import Project

WITHIN = ("turn", "sentence", "document")
DEFAULT_WIDTH = 40
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchHit:
    """One hit: ``[start, end)`` in the document's stored text (0-based code points).

    ``line`` is the 1-based line of ``start``; ``left``/``right`` the keyword-in-context
    text before and after the hit on its line (whitespace collapsed, at most ``width`` code
    points each); ``speaker`` the label of the speaker turn, ``None`` outside turns;
    ``unit`` the speaker turn body (or line outside turns) and ``sentence`` the sentence
    holding the hit (both ``[start, end)``, for autocoding).
    """

    document_id: int
    document: str
    start: int
    end: int
    line: int
    text: str
    left: str
    right: str
    speaker: str | None
    unit: tuple[int, int]
    sentence: tuple[int, int]

    @property
    def context(self) -> str:
        """The hit with its left and right context, as one line."""
        return f"{self.left}{_SPACES.sub(' ', self.text)}{self.right}"


@dataclass(frozen=True)
class SearchResult:
    """Hits in document and text order, and what the query's words were matched as."""

    query: str
    lemma: bool
    within: str
    hits: list[SearchHit]
    documents: int
    #: Each query word -> what words were matched against: the word itself (case-folded) or
    #: its lemma; a ``*`` pattern stays a pattern.
    matched_as: dict[str, str]


@dataclass(frozen=True)
class _Hit:
    first: int  # word index
    last: int  # word index, inclusive


class _Matcher:
    """Turns query words into sets of word keys (case-folded forms or lemmas)."""

    def __init__(self, docs: list[DocumentTokens], lemma: bool) -> None:
        self.lemma = lemma
        self.docs = docs
        self.matched_as: dict[str, str] = {}

    def vocabulary(self) -> set[str]:
        keys: set[str] = set()
        for doc in self.docs:
            keys.update(doc.lemma_index if self.lemma else doc.form_index)
        return keys

    def corpus_lemma(self, word: str) -> str | None:
        """The lemma of ``word`` when it occurs in the documents (no pipeline needed)."""
        for doc in self.docs:
            lemma = doc.lemma_by_form.get(word)
            if lemma is not None:
                return lemma
        return None

    def keys(self, word: str) -> tuple[str, ...] | None:
        """The key a word must have, or ``None`` when ``word`` is a ``*`` pattern."""
        if "*" in word:
            self.matched_as[word] = word.casefold()
            return None
        if not self.lemma:
            self.matched_as[word] = word.casefold()
            return (word.casefold(),)
        lemma = self.corpus_lemma(word)
        if lemma is None:
            lemma = lemma_of(word)
        self.matched_as[word] = lemma
        return (lemma.casefold(),)

    def pattern_keys(self, word: str) -> set[str]:
        pattern = re.compile(
            "".join(".*" if part == "*" else re.escape(part)
                    for part in re.split(r"(\*)", word.casefold())) + r"\Z", re.DOTALL)
        return {key for key in self.vocabulary() if pattern.match(key)}

    def split(self, word: str) -> list[str]:
        """A query word as the pipeline's tokenizer splits it (``10km`` -> ``10``, ``km``);
        only consulted for words with inner punctuation that never occur as a word."""
        if "*" in word or all(ch.isalnum() for ch in word):
            return [word]
        if any(word.casefold() in doc.form_index for doc in self.docs):
            return [word]
        pieces = [clean_word(t.text) for t in german_pipeline().tokenizer(word)]
        return [p for p in pieces if p] or [word]

    def term_sets(self, term: Term) -> list[set[str]]:
        sets = []
        for raw in term.words:
            for word in self.split(raw):
                keys = self.keys(word)
                sets.append(self.pattern_keys(word) if keys is None else set(keys))
        return sets


def _term_hits(doc: DocumentTokens, keys: list[str], index: dict[str, list[int]],
               sets: list[set[str]]) -> list[_Hit]:
    first_set, rest = sets[0], sets[1:]
    units = doc.word_units
    candidates = sorted(p for key in first_set for p in index.get(key, ()))
    hits = []
    for position in candidates:
        last = position + len(rest)
        if last >= len(keys):
            break
        if all(keys[position + 1 + k] in s for k, s in enumerate(rest)) and \
                units[position] == units[last]:
            hits.append(_Hit(position, last))
    return hits


def _scope(doc: DocumentTokens, within: str) -> list[int]:
    if within == "turn":
        return doc.word_units
    if within == "sentence":
        return doc.word_sentences
    return [0] * len(doc.starts)


def _evaluate(node: Node, doc: DocumentTokens, keys: list[str], index: dict[str, list[int]],
              sets: dict[Term, list[set[str]]], scope: list[int]) -> list[_Hit]:
    if isinstance(node, Term):
        return _term_hits(doc, keys, index, sets[node])
    if isinstance(node, Or):
        found: set[_Hit] = set()
        for part in node.parts:
            found.update(_evaluate(part, doc, keys, index, sets, scope))
        return sorted(found, key=lambda h: (h.first, h.last))
    if isinstance(node, And):
        results = [_evaluate(part, doc, keys, index, sets, scope) for part in node.parts]
        common = set.intersection(*({scope[h.first] for h in r} for r in results))
        common.discard(-1)
        found = {h for r in results for h in r if scope[h.first] in common}
        return sorted(found, key=lambda h: (h.first, h.last))
    assert isinstance(node, Near)
    left = _evaluate(node.left, doc, keys, index, sets, scope)
    right = _evaluate(node.right, doc, keys, index, sets, scope)
    found = set()
    for ones, others in ((left, right), (right, left)):
        for a in ones:
            best: tuple[int, int] | None = None
            for b in others:
                if scope[a.first] != scope[b.first] or scope[a.first] == -1 or a == b:
                    continue
                gap = max(b.first - a.last - 1, a.first - b.last - 1, 0)
                if gap <= node.distance and (best is None or gap < best[0]):
                    best = (gap, b.first)
                    partner = b
            if best is not None:
                found.add(_Hit(min(a.first, partner.first), max(a.last, partner.last)))
    return sorted(found, key=lambda h: (h.first, h.last))


def _kwic(doc: DocumentTokens, start: int, end: int, width: int) -> tuple[str, str]:
    text = doc.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    left = _SPACES.sub(" ", text[line_start:start])
    right = _SPACES.sub(" ", text[end:line_end])
    if len(left) > width:
        left = "…" + left[len(left) - width + 1:]
    if len(right) > width:
        right = right[: width - 1] + "…"
    return left, right


def search(
    project: Project,
    query: str,
    *,
    lemma: bool = False,
    document_ids: list[int] | None = None,
    within: str = "turn",
    width: int = DEFAULT_WIDTH,
    speakers: list[str] | None = None,
) -> SearchResult:
    """Find ``query`` in the documents (all, or ``document_ids``).

    ``lemma``: match words by lemma. ``within``: the unit in which ``AND`` needs all its parts
    and ``NEAR`` its pair (``turn``: a speaker turn, or a line outside turns; ``sentence``;
    ``document``); phrases never cross a turn. ``width``: context code points on each side.
    ``speakers``: only hits in turns of these speaker labels (e.g. ``["B"]``).
    Raises :class:`InputError` for a malformed query or an unknown ``within``.
    """
    if within not in WITHIN:
        raise InputError(f"unknown search unit {within!r} (one of {', '.join(WITHIN)})")
    tree = parse_query(query)
    docs = document_tokens(project, document_ids)
    matcher = _Matcher(docs, lemma)
    sets = {term: matcher.term_sets(term) for term in terms_of(tree)}
    hits: list[SearchHit] = []
    for doc in docs:
        keys = doc.lemma_keys if lemma else doc.forms
        index = doc.lemma_index if lemma else doc.form_index
        scope = _scope(doc, within)
        for hit in _evaluate(tree, doc, keys, index, sets, scope):
            start, end = doc.starts[hit.first], doc.ends[hit.last]
            unit_index = doc.unit_index(start)
            unit = doc.units[unit_index] if unit_index >= 0 else (start, end)
            speaker = doc.speakers[unit_index] if unit_index >= 0 else None
            if speakers is not None and speaker not in speakers:
                continue
            sentence = doc.sentence_at(start) or (start, end)
            left, right = _kwic(doc, start, end, width)
            hits.append(SearchHit(doc.document_id, doc.name, start, end, doc.lines.line_of(start),
                                  doc.text[start:end], left, right, speaker, unit, sentence))
    return SearchResult(query, lemma, within, hits, len(docs), matcher.matched_as)
