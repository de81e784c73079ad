"""Sentence splitting of stored transcript text.

One function for every feature that works per sentence (lexical search scopes, autocoding,
agreement by sentence): :func:`sentence_spans`. Spans are ``[start, end)`` in 0-based code
points of the stored text, like coded segments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from qualcode.analysis.nlp import german_pipeline, mask_notation
from qualcode.domain.spans import Span
from qualcode.domain.timemarks import F4_MARK

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# What is left of a "sentence" that is only transcript notation: "(lacht)", "//mhm//",
# "[...]", a time mark "#00:01:02-3#" or "[00:01:02]".
_NOTATION = re.compile(r"\([^()\n]*\)|\[[^\[\]\n]*\]|//[^/\n]*//|#[0-9:.,-]+#")
_OPENING = "([{„“\"'‚/"


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, line)`` for every line of ``text`` with visible characters.

    In stored transcripts one line is one paragraph (one speaker turn), so a sentence never
    runs across a line break.
    """
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            yield offset, line
        offset += len(line) + 1


def _without_final_mark(line: str) -> str:
    """``line`` without an f4 time mark (and the blanks before it) at its end."""
    marks = list(F4_MARK.finditer(line))
    if marks and not line[marks[-1].end():].strip():
        return line[: marks[-1].start()].rstrip()
    return line


def _is_notation_only(text: str) -> bool:
    return not any(ch.isalnum() for ch in _NOTATION.sub("", text))


def spans_in_doc(doc: Doc, line: str, offset: int) -> list[Span]:
    """Sentence spans of one processed paragraph ``line`` (``doc`` = the pipeline's output for
    the masked line), shifted by ``offset``.

    spaCy's sentencizer ends a sentence after ``.``/``!``/``?`` and keeps following
    punctuation, so ``hat. (lacht)`` would split as ``hat. (`` | ``lacht)``: an opening
    bracket at a sentence end moves to the next sentence, and a sentence that is only
    notation (``(lacht)``, ``//mhm//``, a time mark) joins the sentence before it.
    Spans never start or end with whitespace.
    """
    raw = [(sent.start_char, sent.end_char) for sent in doc.sents]
    fixed: list[list[int]] = []
    for index, (start, end) in enumerate(raw):
        if index + 1 < len(raw):
            while end > start and (line[end - 1].isspace() or line[end - 1] in _OPENING):
                if line[end - 1] in _OPENING and end >= 2 and not line[end - 2].isspace():
                    break
                end -= 1
        if fixed:
            # Whatever lies between two sentences (an opening bracket moved out of the
            # first) belongs to the second.
            start = min(start, fixed[-1][1])
        while start < end and line[start].isspace():
            start += 1
        while end > start and line[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        if fixed and _is_notation_only(line[start:end]):
            fixed[-1][1] = end
            continue
        fixed.append([start, end])
    if len(fixed) > 1 and _is_notation_only(line[fixed[0][0]:fixed[0][1]]):
        # Notation before the first real sentence ("(lacht) Ja, genau.") belongs to it.
        fixed[1][0] = fixed[0][0]
        fixed.pop(0)
    return [Span(offset + s, offset + e) for s, e in fixed]


def sentence_spans(text: str) -> list[Span]:
    """Sentences of ``text`` as sorted, disjoint ``[start, end)`` spans (0-based code points).

    Uses spaCy's rule-based ``sentencizer`` (German blank pipeline, see
    :func:`qualcode.analysis.nlp.german_pipeline`) line by line, so a sentence never crosses
    a line break (one paragraph or speaker turn per line in stored transcripts). Dresing &
    Pehl notation is not a sentence end: pauses ``(.)``, omissions ``[...]``, ``(unv.)``;
    notation after a sentence (``(lacht)``) belongs to it; an f4 time mark ending a line
    belongs to no sentence. A speaker label
    (``B:``) is part of its turn's first sentence; clip to the turn body where needed.
    Whitespace is never at either end of a span; blank lines hold no sentence.
    """
    nlp = german_pipeline()
    # A time mark closing a paragraph is not speech: it belongs to no sentence.
    lines = [(offset, _without_final_mark(line)) for offset, line in paragraphs(text)]
    lines = [(offset, line) for offset, line in lines if line.strip()]
    spans: list[Span] = []
    docs = nlp.pipe((mask_notation(line) for _, line in lines),
                    disable=["lemmatizer"])
    for (offset, line), doc in zip(lines, docs):
        spans.extend(spans_in_doc(doc, line, offset))
    return spans
