"""Sentence boundaries with spaCy's German sentencizer (rule-based; nothing downloaded).

The pipeline is ``spacy.blank("de")`` plus the ``sentencizer`` component (punctuation rules
with German tokenizer exceptions such as ``z.B.``, ``bzw.``, ``Dr.``). It is built once per
process and cached; building it imports spaCy (about a second), so front ends call this from a
background thread.
"""

from __future__ import annotations

from functools import lru_cache

from collections.abc import Iterable

from qualcode.domain.spans import Span, trim_whitespace
from qualcode.domain.timemarks import F4_MARK


@lru_cache(maxsize=1)
def _pipeline():
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp


def sentence_spans(text: str, masks: Iterable[tuple[int, int]] = ()) -> list[Span]:
    """Sentences of ``text`` as half-open spans of 0-based code points, in order.

    Each line (paragraph) is split on its own, so a sentence never crosses a line break.
    f4 time marks and the ``masks`` spans (e.g. speaker labels) are blanked out before
    splitting, so no sentence starts or ends inside them; spans are trimmed of surrounding
    whitespace and blank parts yield none.
    """
    chars = list(text)
    blanks = [(m.start(), m.end()) for m in F4_MARK.finditer(text)] + list(masks)
    for start, end in blanks:
        chars[start:end] = " " * (end - start)
    text = "".join(chars)
    lines = text.split("\n")
    offsets = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    spans: list[Span] = []
    work = [(i, line) for i, line in enumerate(lines) if line.strip()]
    for (index, _), doc in zip(work, _pipeline().pipe(line for _, line in work)):
        base = offsets[index]
        for sentence in doc.sents:
            span = trim_whitespace(text, base + sentence.start_char, base + sentence.end_char)
            if span.end > span.start and not text[span.start:span.end].isspace():
                spans.append(span)
    return spans
