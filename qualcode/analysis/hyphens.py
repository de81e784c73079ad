"""Hyphenated words: their parts and their lemmas.

German writes many compounds with a hyphen (``Corona-Krise``, ``E-Mail``,
``Videokonferenz-Tool``). spaCy's German tokenizer keeps such a word whole, so lexical search
would find ``Corona-Krise`` only as a whole. Here a hyphenated word is split into its parts
(``Corona`` ``[0, 6)``, ``Krise`` ``[7, 12)``), each with its own lemma, so a search finds a
word inside a hyphenated compound as well (see :mod:`qualcode.analysis.search`).

A German hyphenated compound inflects on its last part (Duden - Die Grammatik, 9th ed. 2016,
on compounds): its lemma is everything before the last hyphen plus the lemma of the last
part (``Corona-Krisen`` -> ``Corona-Krise``, ``E-Mails`` -> ``E-Mail``).
"""

from __future__ import annotations

from functools import lru_cache

from qualcode.analysis.nlp import is_known_lemma, lemma_of, lemma_table

#: Hyphen-minus, Unicode HYPHEN and NON-BREAKING HYPHEN (Unicode 15, chapter 6.2, "Dashes").
HYPHENS = "-\u2010\u2011"
_HYPHEN_SET = frozenset(HYPHENS)
_MIN_S_PLURAL = 4
# -s endings that are not a plural -s (Status, Bus, Kenntnis, Kongress).
_NOT_S_PLURAL = ("ss", "us", "is")


def has_hyphen(word: str) -> bool:
    """Whether ``word`` holds one of :data:`HYPHENS`."""
    return not _HYPHEN_SET.isdisjoint(word)  # C loop: called for every word analysed


def split_parts(word: str) -> list[tuple[int, int]]:
    """``[start, end)`` (code points of ``word``) of each part of a hyphenated word, each part
    trimmed of punctuation at its edges like a word (``Corona-Krise`` -> ``[(0, 6), (7, 12)]``).

    Returns ``[]`` when ``word`` has fewer than two parts with a letter or digit (``Ein-``,
    ``Corona``), so only real hyphenated words have parts.
    """
    if not has_hyphen(word):
        return []
    parts: list[tuple[int, int]] = []
    start = 0
    for position in range(len(word) + 1):
        if position == len(word) or word[position] in HYPHENS:
            first, last = start, position
            while first < last and not word[first].isalnum():
                first += 1
            while last > first and not word[last - 1].isalnum():
                last -= 1
            if first < last:
                parts.append((first, last))
            start = position + 1
    return parts if len(parts) >= 2 else []


@lru_cache(maxsize=100_000)
def part_lemma(part: str) -> str:
    """The lemma of one part of a hyphenated word: :func:`lemma_of`, and for a capitalised
    part the table does not know that ends in a plural ``-s`` (not ``-ss``, ``-us``, ``-is``),
    the part without it: English loanwords in compounds take an -s plural (``E-Mails``,
    ``Online-Tools``, ``WhatsApp-Chats``; Duden - Die Grammatik, on the plural of loanwords).
    """
    lemma = lemma_of(part)
    if (lemma == part and len(part) >= _MIN_S_PLURAL and part[:1].isupper()
            and part.endswith("s") and not part.endswith(_NOT_S_PLURAL)
            and not is_known_lemma(part)):
        return part[:-1]
    return lemma


@lru_cache(maxsize=100_000)
def word_lemma(word: str) -> str:
    """The lemma of a word (a token's text without surrounding punctuation): for a hyphenated
    word, what the lookup table says about the whole word, else everything up to its last
    part plus :func:`part_lemma` of the last part (``Corona-Krisen`` -> ``Corona-Krise``,
    ``E-Mails`` -> ``E-Mail``); for any other word :func:`lemma_of`."""
    parts = split_parts(word)
    if not parts:
        return lemma_of(word)
    known = lemma_table().get(word)
    if known is not None:
        return known
    start, end = parts[-1]
    return word[:start] + part_lemma(word[start:end]) + word[end:]
