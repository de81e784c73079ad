"""Sentence splitting for the workbench, off the UI thread.

spaCy's German sentencizer (:func:`qualcode.analysis.sentences.sentence_spans`) runs on one
background thread. Importing spaCy is a second or two of Python work that competes with the
interface for the GIL, so the workbench starts it shortly after its first screen is up
(:meth:`SentenceSplitter.warm_up`), before anyone opens a document.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from qualcode.analysis.sentences import sentence_spans


def _split(text: str) -> list[tuple[int, int]]:
    return [tuple(span) for span in sentence_spans(text)]


class SentenceSplitter:
    """Splits texts into sentence spans on a background thread; results are futures."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qualcode-sentences")

    def warm_up(self) -> Future:
        """Load spaCy now, so that the first document's sentences are quick."""
        return self._submit("Hallo. Welt.")

    def split(self, text: str) -> Future:
        """A future of the sentence spans ``[(start, end), ...]`` of ``text`` (cancelled once
        the splitter is shut down)."""
        return self._submit(text)

    def _submit(self, text: str) -> Future:
        try:
            return self._pool.submit(_split, text)
        except RuntimeError:
            # Shut down: the workbench closed before a timer (the warm-up, 0.3 s after the
            # start) came due; nothing needs the sentences any more.
            future: Future = Future()
            future.cancel()
            return future

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
