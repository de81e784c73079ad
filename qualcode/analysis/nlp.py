"""The German language pipeline (spaCy), loaded once per process, and German lemmas.

The pipeline is spaCy's blank German pipeline (``spacy.blank("de")``: rule-based tokenizer)
with the ``sentencizer`` and the ``lemmatizer`` in lookup mode, whose table comes from the
installed ``spacy-lookups-data`` package. Nothing is downloaded: no trained model is needed,
and the lookup tables are read from the installed package through spaCy's registry.

spaCy is imported only when the pipeline is first needed (it takes about two seconds), so
commands that work from the lemma cache (see :mod:`qualcode.analysis.tokens`) never pay for it;
:func:`lemma_of` reads the same lookup table without spaCy.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from qualcode.domain.errors import QualcodeError
from qualcode.domain.timemarks import BRACKET_MARK, F4_MARK

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

#: Bump when tokenisation, sentence rules or lemma rules change: cached lemmas computed by
#: an older rule set are then recomputed (see :func:`pipeline_key`).
RULES_VERSION = 2  # 2: parts of hyphenated words (qualcode.analysis.hyphens)

# Sentence-final punctuation inside brackets is Dresing & Pehl notation, not a sentence end:
# pauses "(.)", "(..)", "(...)", omissions "[...]", "(unv.)". Masked (same length) before
# sentence splitting so offsets stay exact; time marks are masked whole.
_BRACKETS = re.compile(r"\([^()\n]*\)|\[[^\[\]\n]*\]")
_SENTENCE_PUNCT = re.compile(r"[.!?…]")
_TIME_MARK = re.compile(F4_MARK.pattern + "|" + BRACKET_MARK.pattern)

_lock = threading.Lock()


class LanguageDataError(QualcodeError):
    """spaCy or spacy-lookups-data is missing or broken (one-line message)."""


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "missing"


@lru_cache(maxsize=1)
def pipeline_key() -> str:
    """Identifies everything lemmas and sentences depend on: spaCy, spacy-lookups-data and
    qualcode's own rules. Cached results made with another key are recomputed."""
    return (f"de-blank+sentencizer+lookup-lemmatizer;spacy={_package_version('spacy')};"
            f"spacy-lookups-data={_package_version('spacy-lookups-data')};rules={RULES_VERSION}")


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """The German ``lemma_lookup`` table of spacy-lookups-data (inflected form -> lemma).

    Read from the installed package the way spaCy's ``spacy.util.load_language_data`` reads
    it (``.json``, else ``.json.gz``), without importing spaCy (about 0.4 s instead of 2 s).
    Raises :class:`LanguageDataError` when the package is missing.
    """
    try:
        import spacy_lookups_data
    except ImportError:
        raise LanguageDataError(
            "spacy-lookups-data is not installed (pip install spacy-lookups-data==1.0.5)"
        ) from None
    path = Path(spacy_lookups_data.de["lemma_lookup"])
    try:
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
        return json.loads(gzip.decompress(path.with_name(path.name + ".gz").read_bytes()))
    except (OSError, ValueError) as error:
        raise LanguageDataError(f"German lemma table unreadable: {error}") from None


@lru_cache(maxsize=1)
def _lemmas() -> frozenset[str]:
    return frozenset(lemma_table().values())


def is_known_lemma(word: str) -> bool:
    """Whether ``word`` is a base form in :func:`lemma_table` (exact spelling)."""
    return word in _lemmas()


_PIPELINE: list[Language] = []


def german_pipeline() -> Language:
    """``spacy.blank("de")`` + ``sentencizer`` + ``lemmatizer`` (lookup mode), built once per
    process.

    The lemmatizer's table is :func:`lemma_table`. Raises :class:`LanguageDataError` when
    spaCy or spacy-lookups-data is not installed. Thread-safe (built once even when several
    threads ask at the same time); the returned object is shared, so do not add pipes to it.
    """
    if _PIPELINE:
        return _PIPELINE[0]
    with _lock:
        if _PIPELINE:
            return _PIPELINE[0]
        try:
            import spacy
            from spacy.lookups import Lookups
        except ImportError:
            raise LanguageDataError(
                "spaCy is not installed (pip install 'spacy>=3.8,<3.9' spacy-lookups-data)"
            ) from None
        nlp = spacy.blank("de")
        nlp.add_pipe("sentencizer")
        lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        lookups = Lookups()
        lookups.add_table("lemma_lookup", lemma_table())
        lemmatizer.initialize(lookups=lookups)
        _PIPELINE.append(nlp)
        return nlp


#: Regular German plural endings of derivational suffixes (Duden - Die Grammatik, 9th ed.
#: 2016, on noun plurals: nouns in -ung, -heit, -keit, -schaft, -ion, -tät take -en, nouns in
#: -in take -nen, nouns in -nis take -se): plural ending -> singular ending.
_REGULAR_PLURALS = (
    ("ungen", "ung"), ("heiten", "heit"), ("keiten", "keit"), ("schaften", "schaft"),
    ("innen", "in"), ("ionen", "ion"), ("täten", "tät"), ("nissen", "nis"), ("nisse", "nis"),
)
_MIN_HEAD = 4
_MIN_MODIFIER = 3


def _lookup(table: dict[str, str], word: str) -> str | None:
    return table.get(word)


@lru_cache(maxsize=200_000)
def lemma_of(word: str) -> str:
    """The lemma of one German word (a token's text without surrounding punctuation).

    1. The lookup table of spacy-lookups-data, as spaCy's lookup lemmatizer does
       (``Lemmatizer.lookup_lemmatize``: ``table.get(text, text)``); then the word with its
       first letter lower- or upper-cased (sentence-initial words, nouns typed in lower case).
    2. A word that is a lemma of the table already is its own lemma.
    3. Unknown nouns with a regular plural ending (``Duldungen`` -> ``Duldung``,
       ``Teilhabemanagerinnen`` -> ``Teilhabemanagerin``), see ``_REGULAR_PLURALS``.
    4. Compounds, which the table rarely lists: the longest known head decides
       (``Ausländerbehörden`` -> ``Ausländer`` + ``Behörden`` -> ``Ausländerbehörde``), since a
       German compound inflects on its last element (Duden - Die Grammatik, on compounds).
    5. Otherwise the word itself.

    Compare lemmas with ``str.casefold``.
    """
    table, lemmas = lemma_table(), _lemmas()
    found = _lookup(table, word)
    if found is not None:
        return found
    if word[:1].isupper():
        variant = word[:1].lower() + word[1:]
    else:
        variant = word[:1].upper() + word[1:]
    found = _lookup(table, variant)
    if found is not None:
        return found
    if word in lemmas or variant in lemmas:
        return word
    if word[:1].isupper() and len(word) > 6:
        for plural, singular in _REGULAR_PLURALS:
            if word.endswith(plural) and len(word) - len(plural) >= 2:
                return word[: -len(plural)] + singular
    return _compound_lemma(word, table, lemmas)


def _compound_lemma(word: str, table: dict[str, str], lemmas: frozenset[str]) -> str:
    capitalised = word[:1].isupper()
    for cut in range(_MIN_MODIFIER, len(word) - _MIN_HEAD + 1):
        head = word[cut:]
        if not head[:1].isalpha():
            continue
        if word[cut - 1] == "-":
            # After a hyphen the head keeps its own spelling (Corona-Pandemie).
            candidates = [head]
        else:
            upper, lower = head[:1].upper() + head[1:], head[:1].lower() + head[1:]
            candidates = [upper, lower] if capitalised else [lower, upper]
        for candidate in candidates:
            found = _lookup(table, candidate)
            if found is not None:
                if word[cut - 1] != "-":
                    found = found[:1].lower() + found[1:]
                return word[:cut] + found
            if candidate in lemmas:
                # The head is a base form already, so the whole compound is.
                return word
    return word


def mask_notation(text: str) -> str:
    """``text`` with time marks (``#00:01:02-3#``, ``[00:01:02]``) and ``. ! ? …`` inside
    ``(...)`` and ``[...]`` replaced by ``_`` (same length, so offsets stay exact): transcript
    notation such as ``(.)``, ``[...]`` or ``(unv.)`` does not end a sentence, and a time
    mark stays with the sentence before it."""
    text = _TIME_MARK.sub(lambda m: "_" * len(m.group(0)), text)
    return _BRACKETS.sub(lambda m: _SENTENCE_PUNCT.sub("_", m.group(0)), text)
