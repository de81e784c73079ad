"""Waiting for the workbench's background jobs in Pilot tests."""

from __future__ import annotations

import asyncio
import time

from qualcode.domain.models import NewDocument
from qualcode.domain.text import normalize_text
from qualcode.domain.transcript import parse_transcript
from qualcode.store import documents
from qualcode.store.project import Project


def add_text_document(project: Project, name: str, text: str, group: str | None = None) -> None:
    """Store ``text`` (normalised and parsed as an import would) as document ``name``."""
    text = normalize_text(text)
    documents.add_document(project, NewDocument(name, text, f"{name}.txt", "txt", "UTF-8",
                                                parse_transcript(text)), group=group)


async def wait_for(pilot, predicate, timeout: float = 10.0) -> None:
    """Let the app run until ``predicate()`` holds (background jobs answer asynchronously)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the workbench")
        await pilot.pause(0.05)
    await pilot.pause()


async def settle(pilot, app) -> None:
    """Wait until the database thread has answered everything queued so far."""
    await asyncio.get_running_loop().run_in_executor(None, app.db.call, lambda p: None)
    await pilot.pause()
    await pilot.pause()


async def code_sentence(pilot, app, phrase: str, code_letters: str = "abh") -> None:
    """Select the sentence holding ``phrase`` in the open document and code it by keys with
    the code the picker finds for ``code_letters``; wait until it is written."""
    from qualcode.tui.widgets.browser import DocumentBrowser

    browser = app.query_one(DocumentBrowser)
    offset = app.view.text.index(phrase)
    browser.select_offsets(offset, offset)
    await pilot.press("s", "c", *code_letters, "enter")
    await settle(pilot, app)
    await settle(pilot, app)
