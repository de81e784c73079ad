"""Sentences of a stored text as spans, for agreement units, the TUI and lexical search.

Sentence boundaries come from spaCy's rule-based ``sentencizer`` on a blank German pipeline
(``spacy.blank("de")``: German tokenizer exceptions such as "z. B.", no statistical model,
nothing downloaded). Transcripts hold one paragraph per line, so a sentence never crosses a
line break, and an f4 time mark ``#hh:mm:ss-d#`` at the end of a line is not part of any
sentence.
"""

from __future__ import annotations

from functools import lru_cache

from qualcode.domain.spans import Span
from qualcode.domain.timemarks import F4_MARK


@lru_cache(maxsize=1)
def _pipeline():
    import spacy  # imported on first use: loading spaCy takes about a second

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp


def _speech_of_line(line: str) -> str:
    """The line without a trailing f4 time mark (and the blanks before it)."""
    marks = list(F4_MARK.finditer(line))
    if marks and not line[marks[-1].end():].strip():
        return line[: marks[-1].start()].rstrip()
    return line


def sentence_spans(text: str) -> list[Span]:
    """Sentences of ``text`` as ``[start, end)`` spans (0-based code points), in text order.

    A span starts at a sentence's first and ends after its last non-blank character; blank
    lines and the blanks between sentences belong to no sentence.
    """
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        speech = _speech_of_line(line)
        if speech.strip():
            lines.append((offset, speech))
        offset += len(line) + 1
    spans: list[Span] = []
    docs = _pipeline().pipe(speech for _, speech in lines)
    for (start, _), doc in zip(lines, docs):
        for sentence in doc.sents:
            words = sentence.text
            if words.strip():
                # spaCy keeps leading blanks in the first token of a sentence; leave them out
                first = sentence.start_char + len(words) - len(words.lstrip())
                last = sentence.end_char - (len(words) - len(words.rstrip()))
                spans.append(Span(start + first, start + last))
    return spans
