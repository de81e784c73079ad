"""Words, lemmas and sentences of stored documents, computed once and cached.

A document's analysis is computed with the German pipeline (:mod:`qualcode.analysis.nlp`)
the first time it is needed and stored in the project's ``token_cache`` table (and in
memory, keyed by the text's SHA-256), so later searches neither load spaCy nor lemmatise
again. Offsets are 0-based code points of the stored text, half-open.

Words are spaCy tokens with at least one letter or digit, trimmed of leading and trailing
punctuation (``//mhm`` -> ``mhm``); speaker labels and time marks of turns are not words.
A hyphenated word (``Corona-Krise``) is one word with parts (``Corona``, ``Krise``), each with
its own lemma (:mod:`qualcode.analysis.hyphens`); word counts and NEAR distances count the
whole word once.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from qualcode.analysis.hyphens import part_lemma, split_parts, word_lemma
from qualcode.analysis.nlp import (
    german_pipeline,
    mask_notation,
    pipeline_key,
)
from qualcode.analysis.sentences import paragraphs, spans_in_doc
from qualcode.domain.lines import LineIndex
from qualcode.domain.models import Turn
from qualcode.domain.transcript import header_lines
from qualcode.store.documents import document_text, document_turns
from qualcode.store.project import Project
from qualcode.store.token_cache import read_token_cache, write_token_cache

# Analyses by (pipeline key, SHA-256 of the text), and whole DocumentTokens by (pipeline key,
# document id, SHA-256), so repeated searches in one process (the TUI) reuse everything.
_MEMORY: dict[tuple[str, str], tuple] = {}
_DOCUMENTS: dict[tuple[str, int, str], DocumentTokens] = {}


@dataclass
class DocumentTokens:
    """The lexical analysis of one document.

    ``starts[i]``/``ends[i]``: the i-th word ``[start, end)``; ``lemmas[i]`` its lemma.
    ``sentences``: sentence spans (:func:`qualcode.analysis.sentences.sentence_spans`).
    ``units``: sorted, disjoint spans of speaker-turn bodies, plus each line of text outside
    any turn (the header); AND/NEAR and autocoding by turn work within one unit.
    ``parts``: the parts of hyphenated words, ``(word index, start, end, lemma)`` in text
    order (:func:`qualcode.analysis.hyphens.split_parts`). ``headers``: sorted ``[start, end)``
    of the header (variable) lines (:func:`header_spans`).
    """

    document_id: int
    name: str
    text: str
    starts: list[int]
    ends: list[int]
    lemmas: list[str]
    sentences: list[tuple[int, int]]
    units: list[tuple[int, int]]
    speakers: list[str | None] = field(default_factory=list)
    parts: list[tuple[int, int, int, str]] = field(default_factory=list)
    headers: list[tuple[int, int]] = field(default_factory=list)

    @cached_property
    def forms(self) -> list[str]:
        """Each word's text, case-folded (``str.casefold``)."""
        text = self.text
        return [text[s:e].casefold() for s, e in zip(self.starts, self.ends)]

    @cached_property
    def lemma_keys(self) -> list[str]:
        """Each word's lemma, case-folded."""
        return [lemma.casefold() for lemma in self.lemmas]

    @cached_property
    def form_index(self) -> dict[str, list[int]]:
        """Case-folded form -> indexes of the words with it."""
        return _index(self.forms)

    @cached_property
    def lemma_index(self) -> dict[str, list[int]]:
        """Case-folded lemma -> indexes of the words with it."""
        return _index(self.lemma_keys)

    @cached_property
    def lemma_by_form(self) -> dict[str, str]:
        """A word's exact text -> its lemma (the first one seen)."""
        text = self.text
        out: dict[str, str] = {}
        for start, end, lemma in zip(self.starts, self.ends, self.lemmas):
            out.setdefault(text[start:end], lemma)
        return out

    @cached_property
    def word_parts(self) -> dict[int, list[int]]:
        """Word index -> indexes into ``parts`` of its parts (only hyphenated words)."""
        out: dict[int, list[int]] = {}
        for position, part in enumerate(self.parts):
            out.setdefault(part[0], []).append(position)
        return out

    @cached_property
    def part_forms(self) -> list[str]:
        """Each part's text, case-folded."""
        text = self.text
        return [text[s:e].casefold() for _, s, e, _ in self.parts]

    @cached_property
    def part_lemma_keys(self) -> list[str]:
        """Each part's lemma, case-folded."""
        return [lemma.casefold() for *_, lemma in self.parts]

    @cached_property
    def part_form_index(self) -> dict[str, list[int]]:
        """Case-folded part form -> indexes of the words with such a part."""
        return _part_index(self.parts, self.part_forms)

    @cached_property
    def part_lemma_index(self) -> dict[str, list[int]]:
        """Case-folded part lemma -> indexes of the words with such a part."""
        return _part_index(self.parts, self.part_lemma_keys)

    @cached_property
    def _header_starts(self) -> list[int]:
        return [s for s, _ in self.headers]

    def in_header(self, offset: int) -> bool:
        """Whether ``offset`` lies on a header (variable) line."""
        index = bisect_right(self._header_starts, offset) - 1
        return index >= 0 and offset < self.headers[index][1]

    @cached_property
    def part_lemma_by_form(self) -> dict[str, str]:
        """A part's exact text -> its lemma (the first one seen)."""
        text = self.text
        out: dict[str, str] = {}
        for _, start, end, lemma in self.parts:
            out.setdefault(text[start:end], lemma)
        return out

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def _unit_starts(self) -> list[int]:
        return [s for s, _ in self.units]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def unit_index(self, offset: int) -> int:
        """Index into ``units`` of the unit holding ``offset``, or -1."""
        index = bisect_right(self._unit_starts, offset) - 1
        if index >= 0 and offset < self.units[index][1]:
            return index
        return -1

    @cached_property
    def word_units(self) -> list[int]:
        """Unit index of each word."""
        return [self.unit_index(s) for s in self.starts]

    @cached_property
    def word_sentences(self) -> list[int]:
        """Sentence index of each word (-1 when outside every sentence)."""
        starts = self._sentence_starts
        out = []
        for start in self.starts:
            index = bisect_right(starts, start) - 1
            out.append(index if index >= 0 and start < self.sentences[index][1] else -1)
        return out

    def sentence_at(self, offset: int) -> tuple[int, int] | None:
        """The sentence span holding ``offset``, or ``None``."""
        index = bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index][1]:
            return self.sentences[index]
        return None

    def words_in(self, start: int, end: int) -> range:
        """Indexes of the words lying inside ``[start, end)``."""
        first = bisect_right(self.starts, start - 1)
        last = first
        while last < len(self.starts) and self.ends[last] <= end:
            last += 1
        return range(first, last)


def _index(keys: list[str]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for position, key in enumerate(keys):
        index.setdefault(key, []).append(position)
    return index


def _part_index(parts: list[tuple[int, int, int, str]], keys: list[str]
                ) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for part, key in zip(parts, keys):
        words = index.setdefault(key, [])
        if not words or words[-1] != part[0]:
            words.append(part[0])
    return index


def header_spans(text: str, turns: list[Turn]) -> list[tuple[int, int]]:
    """``[start, end)`` of the header lines of a document: the ``Key: value`` lines before
    its first speaker turn (:func:`qualcode.domain.transcript.header_lines`, the lines that
    became document variables). In a document without turns only the leading block of such
    lines counts (blank lines allowed), so a colon in running text is never a header."""
    if turns:
        return header_lines(text, min(t.start for t in turns))
    stop = 0
    for offset, line in _lines_with_offsets(text):
        if line.strip() and not header_lines(line, None):
            break
        stop = offset + len(line)
    return header_lines(text[:stop], None)


def _lines_with_offsets(text: str):
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _units(text: str, turns: list[Turn]) -> tuple[list[tuple[int, int]], list[str | None]]:
    units: list[tuple[int, int, str | None]] = [
        (t.body_start, t.body_end, t.speaker) for t in turns if t.body_end > t.body_start]
    covered = [(t.start, t.end) for t in turns]
    covered.sort()
    for offset, line in paragraphs(text):
        end = offset + len(line)
        if not any(s < end and offset < e for s, e in covered):
            units.append((offset, end, None))
    units.sort()
    return [(s, e) for s, e, _ in units], [speaker for _, _, speaker in units]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def analyse_text(text: str, turns: list[Turn] = ()) -> tuple[
        list[int], list[int], list[str], list[tuple[int, int]], list[tuple[int, int, int, str]]]:
    """``(starts, ends, lemmas, sentences, parts)`` of ``text``: one pass of the German
    pipeline, paragraph by paragraph. Words inside a turn's label or time mark are left out.
    ``parts``: ``(word index, start, end, lemma)`` of each part of a hyphenated word."""
    nlp = german_pipeline()
    excluded = []
    for turn in turns:
        excluded.append((turn.start, turn.body_start))
        excluded.append((turn.body_end, turn.end))
    excluded = sorted((s, e) for s, e in excluded if e > s)
    excluded_starts = [s for s, _ in excluded]

    def is_excluded(offset: int) -> bool:
        index = bisect_right(excluded_starts, offset) - 1
        return index >= 0 and offset < excluded[index][1]

    starts: list[int] = []
    ends: list[int] = []
    lemmas: list[str] = []
    sentences: list[tuple[int, int]] = []
    parts: list[tuple[int, int, int, str]] = []
    lines = list(paragraphs(text))
    docs = nlp.pipe(mask_notation(line) for _, line in lines)
    for (offset, line), doc in zip(lines, docs):
        sentences.extend(spans_in_doc(doc, line, offset))
        for token in doc:
            start, end = _trim(line, token.idx, token.idx + len(token.text))
            if start >= end or is_excluded(offset + start):
                continue
            starts.append(offset + start)
            ends.append(offset + end)
            word = line[start:end]
            # The lookup lemmatizer's lemma where its table knows the word; word_lemma adds
            # case variants, regular plurals, compounds and hyphenated words (same table,
            # same result otherwise).
            known = token.text == word and token.lemma_ and token.lemma_ != word
            lemmas.append(token.lemma_ if known else word_lemma(word))
            for part_start, part_end in split_parts(word):
                parts.append((len(starts) - 1, offset + start + part_start,
                              offset + start + part_end, part_lemma(word[part_start:part_end])))
    return starts, ends, lemmas, sentences, parts


def _encode(core) -> str:
    starts, ends, lemmas, sentences, parts = core
    return json.dumps({"starts": starts, "ends": ends, "lemmas": lemmas,
                       "sentences": sentences, "parts": parts},
                      ensure_ascii=False, separators=(",", ":"))


def _decode(payload: str):
    data = json.loads(payload)
    return (data["starts"], data["ends"], data["lemmas"],
            [tuple(s) for s in data["sentences"]], [tuple(p) for p in data.get("parts", ())])


def document_tokens(project: Project, document_ids: list[int] | None = None
                    ) -> list[DocumentTokens]:
    """The analysis of each document (all by default), in document order.

    Cached analyses are read from memory or the project; the others are computed with the
    German pipeline (loaded on first use) and written to the cache. The returned objects are
    shared between calls: do not change them. Raises
    :class:`qualcode.analysis.nlp.LanguageDataError` when an analysis must be computed and
    spaCy or its lookup data is missing.
    """
    sql = """SELECT d.id, d.name, d.sha256 FROM documents d
             LEFT JOIN document_groups g ON g.id = d.group_id"""
    params: list = []
    if document_ids is not None:
        if not document_ids:
            return []
        sql += f" WHERE d.id IN ({','.join('?' * len(document_ids))})"
        params = list(document_ids)
    sql += " ORDER BY coalesce(g.position, 0), d.position, d.id"
    documents = project.db.execute(sql, params).fetchall()
    key = pipeline_key()
    missing = [(doc_id, sha) for doc_id, _, sha in documents
               if (key, sha) not in _MEMORY and (key, doc_id, sha) not in _DOCUMENTS]
    if missing:
        for doc_id, payload in read_token_cache(project, key, missing).items():
            sha = next(s for d, s in missing if d == doc_id)
            _MEMORY[(key, sha)] = _decode(payload)
    result = []
    computed: dict[int, tuple[str, str]] = {}
    for doc_id, name, sha in documents:
        known = _DOCUMENTS.get((key, doc_id, sha))
        if known is not None and known.name == name:
            result.append(known)
            continue
        text = document_text(project, doc_id)
        turns = document_turns(project, doc_id)
        core = _MEMORY.get((key, sha))
        if core is None:
            core = analyse_text(text, turns)
            _MEMORY[(key, sha)] = core
            computed[doc_id] = (sha, _encode(core))
        starts, ends, lemmas, sentences, parts = core
        units, speakers = _units(text, turns)
        tokens = DocumentTokens(doc_id, name, text, starts, ends, lemmas, sentences, units,
                                speakers, parts, header_spans(text, turns))
        _DOCUMENTS[(key, doc_id, sha)] = tokens
        result.append(tokens)
    if computed:
        write_token_cache(project, key, computed)
    return result


def forget_memory_cache() -> None:
    """Drop the in-memory analyses (tests; the project's cache table is kept)."""
    _MEMORY.clear()
    _DOCUMENTS.clear()
