"""Lexical search: words, phrases and lemmas with OR / AND / NEAR, as keyword-in-context hits.

Matching is case-insensitive (``str.casefold``) on whole words (see
:mod:`qualcode.analysis.tokens`); with ``lemma=True`` a word matches every word with the same
lemma (:func:`qualcode.analysis.hyphens.word_lemma`), so ``Ausländerbehörde`` also finds
``Ausländerbehörden``. The query language is described in :mod:`qualcode.analysis.query`.

Hyphenated words (:mod:`qualcode.analysis.hyphens`): a query word also matches the parts of a
hyphenated word, as MAXQDA's lexical search with "only whole words" does (a hyphen ends a
word there): ``Corona`` finds ``Corona-Krise``, ``Corona-Krise`` finds
``Corona-Krise-Management``. Such a hit covers the matching part(s) only (``Corona`` in
``Corona-Krise``), as MAXQDA highlights the search string, so autocoding a hit codes that
part. A word that matches as a whole is one hit, never again as parts. In a phrase the first
word may match the last part(s) of a word and the last word its first part(s).

Header lines (``Datum: ...``, the document variables before the first turn) are left out
unless ``include_headers`` is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qualcode.analysis.hyphens import HYPHENS, part_lemma, split_parts, word_lemma
from qualcode.analysis.nlp import german_pipeline
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
    include_headers: bool = False


@dataclass(frozen=True)
class _Hit:
    first: int  # word index
    last: int  # word index, inclusive
    start: int  # code points: a part of a hyphenated word when only that part matched
    end: int


@dataclass(frozen=True)
class _Word:
    """One query word as keys: ``whole`` for whole words; ``parts`` (one key set per part of
    the query word) for runs of parts of hyphenated words, ``None`` when it cannot match parts
    (a ``*`` pattern with a hyphen)."""

    whole: frozenset[str]
    parts: tuple[frozenset[str], ...] | None


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
            keys.update(doc.part_lemma_index if self.lemma else doc.part_form_index)
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
            lemma = word_lemma(word)
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
        if "*" in word or all(ch.isalnum() or ch in HYPHENS for ch in word):
            return [word]
        if any(word.casefold() in doc.form_index for doc in self.docs):
            return [word]
        pieces = [clean_word(t.text) for t in german_pipeline().tokenizer(word)]
        return [p for p in pieces if p] or [word]

    def part_keys(self, word: str) -> tuple[frozenset[str], ...] | None:
        """One key set per part of a hyphenated query word; ``None`` for a ``*`` pattern with
        a hyphen (it matches whole words only)."""
        spans = split_parts(word)
        if "*" in word:
            return None
        texts = [word[s:e] for s, e in spans]
        return tuple(frozenset({(self.part_lemma(t) if self.lemma else t).casefold()})
                     for t in texts)

    def part_lemma(self, part: str) -> str:
        """The lemma of a part of a hyphenated query word, from the documents' parts when
        one is spelled so (no lemma table needed), else :func:`part_lemma`."""
        for doc in self.docs:
            lemma = doc.part_lemma_by_form.get(part)
            if lemma is not None:
                return lemma
        return part_lemma(part)

    def term_words(self, term: Term) -> list[_Word]:
        words = []
        for raw in term.words:
            for word in self.split(raw):
                keys = self.keys(word)
                whole = frozenset(self.pattern_keys(word) if keys is None else keys)
                # A word without hyphens matches a single part by the same keys.
                parts = self.part_keys(word) if split_parts(word) else (whole,)
                words.append(_Word(whole, parts))
        return words


class _Keys:
    """The keys of one document's words and parts in the search's mode (forms or lemmas)."""

    def __init__(self, doc: DocumentTokens, lemma: bool, include_headers: bool) -> None:
        self.doc = doc
        self.words = doc.lemma_keys if lemma else doc.forms
        self.index = doc.lemma_index if lemma else doc.form_index
        self.parts = doc.part_lemma_keys if lemma else doc.part_forms
        self.part_index = doc.part_lemma_index if lemma else doc.part_form_index
        self.include_headers = include_headers

    def match(self, position: int, word: _Word, where: str) -> list[tuple[int, int]]:
        """Spans of ``word`` in the word at ``position``: the whole word, else runs of its
        parts; ``where`` is ``any``, ``suffix`` (a run ending at the last part) or ``prefix``
        (a run starting at the first part)."""
        doc = self.doc
        if self.words[position] in word.whole:
            return [(doc.starts[position], doc.ends[position])]
        ids = doc.word_parts.get(position)
        if not ids or word.parts is None or len(word.parts) > len(ids):
            return []
        size = len(word.parts)
        firsts = range(len(ids) - size + 1)
        if where == "suffix":
            firsts = [len(ids) - size]
        elif where == "prefix":
            firsts = [0]
        spans = []
        for first in firsts:
            if all(self.parts[ids[first + k]] in keys for k, keys in enumerate(word.parts)):
                spans.append((doc.parts[ids[first]][1], doc.parts[ids[first + size - 1]][2]))
        return spans

    def candidates(self, word: _Word) -> list[int]:
        found = {p for key in word.whole for p in self.index.get(key, ())}
        if word.parts is not None:
            found.update(p for key in word.parts[0] for p in self.part_index.get(key, ()))
        return sorted(found)


def _term_hits(keys: _Keys, words: list[_Word]) -> list[_Hit]:
    doc = keys.doc
    units = doc.word_units
    hits = []
    for position in keys.candidates(words[0]):
        last = position + len(words) - 1
        if last >= len(keys.words):
            break
        if units[position] != units[last]:
            continue
        if len(words) == 1:
            spans = keys.match(position, words[0], "any")
        else:
            heads = keys.match(position, words[0], "suffix")
            tails = keys.match(last, words[-1], "prefix") if heads else []
            middle = all(keys.words[position + k] in w.whole
                         for k, w in enumerate(words[1:-1], start=1))
            spans = [(heads[0][0], tails[0][1])] if heads and tails and middle else []
        for start, end in spans:
            if keys.include_headers or not doc.in_header(start):
                hits.append(_Hit(position, last, start, end))
    return hits


def _scope(doc: DocumentTokens, within: str) -> list[int]:
    if within == "turn":
        return doc.word_units
    if within == "sentence":
        return doc.word_sentences
    return [0] * len(doc.starts)


def _order(hit: _Hit) -> tuple[int, int, int, int]:
    return hit.first, hit.last, hit.start, hit.end


def _evaluate(node: Node, keys: _Keys, words: dict[Term, list[_Word]], scope: list[int]
              ) -> list[_Hit]:
    if isinstance(node, Term):
        return _term_hits(keys, words[node])
    if isinstance(node, Or):
        found: set[_Hit] = set()
        for part in node.parts:
            found.update(_evaluate(part, keys, words, scope))
        return sorted(found, key=_order)
    if isinstance(node, And):
        results = [_evaluate(part, keys, words, scope) for part in node.parts]
        common = set.intersection(*({scope[h.first] for h in r} for r in results))
        common.discard(-1)
        found = {h for r in results for h in r if scope[h.first] in common}
        return sorted(found, key=_order)
    assert isinstance(node, Near)
    left = _evaluate(node.left, keys, words, scope)
    right = _evaluate(node.right, keys, words, scope)
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
                found.add(_Hit(min(a.first, partner.first), max(a.last, partner.last),
                               min(a.start, partner.start), max(a.end, partner.end)))
    return sorted(found, key=_order)


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
    include_headers: bool = False,
) -> SearchResult:
    """Find ``query`` in the documents (all, or ``document_ids``).

    ``lemma``: match words by lemma. ``within``: the unit in which ``AND`` needs all its parts
    and ``NEAR`` its pair (``turn``: a speaker turn, or a line outside turns; ``sentence``;
    ``document``); phrases never cross a turn. ``width``: context code points on each side.
    ``speakers``: only hits in turns of these speaker labels (e.g. ``["B"]``).
    ``include_headers``: also find words on header lines (``Datum: ...``); otherwise they are
    neither hits nor parts of an AND or NEAR.
    Raises :class:`InputError` for a malformed query or an unknown ``within``.
    """
    if within not in WITHIN:
        raise InputError(f"unknown search unit {within!r} (one of {', '.join(WITHIN)})")
    tree = parse_query(query)
    docs = document_tokens(project, document_ids)
    matcher = _Matcher(docs, lemma)
    words = {term: matcher.term_words(term) for term in terms_of(tree)}
    hits: list[SearchHit] = []
    for doc in docs:
        keys = _Keys(doc, lemma, include_headers)
        scope = _scope(doc, within)
        for hit in _evaluate(tree, keys, words, scope):
            start, end = hit.start, hit.end
            unit_index = doc.unit_index(start)
            unit = doc.units[unit_index] if unit_index >= 0 else (start, end)
            speaker = doc.speakers[unit_index] if unit_index >= 0 else None
            if speakers is not None and speaker not in speakers:
                continue
            sentence = doc.sentence_at(start) or (start, end)
            left, right = _kwic(doc, start, end, width)
            hits.append(SearchHit(doc.document_id, doc.name, start, end, doc.lines.line_of(start),
                                  doc.text[start:end], left, right, speaker, unit, sentence))
    return SearchResult(query, lemma, within, hits, len(docs), matcher.matched_as,
                        include_headers)
