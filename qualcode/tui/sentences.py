"""Sentence splitting for the workbench in a helper process.

Importing spaCy takes a second or two of pure-Python work; in a thread it would hold the GIL
and freeze the interface. A one-worker process pool (started with ``spawn``, warmed up when the
workbench opens) does the import and the splitting instead; results come back as futures.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor

from qualcode.analysis.sentences import sentence_spans


def _split(text: str, masks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [tuple(span) for span in sentence_spans(text, masks)]


def _warm_up() -> None:
    sentence_spans("Hallo. Welt.")


class SentenceSplitter:
    """Splits texts into sentence spans in a background process."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def _ensure(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    def warm_up(self) -> None:
        """Start the process and load spaCy now, so the first document's sentences are quick."""
        self._ensure().submit(_warm_up)

    def split(self, text: str, masks: list[tuple[int, int]]) -> Future:
        """A future of the sentence spans ``[(start, end), ...]`` of ``text``."""
        return self._ensure().submit(_split, text, masks)

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
