"""Undo and redo are atomic across processes: two ``qualcode undo`` (or ``redo``) started at
the same moment never act on the same change twice and never end in a traceback."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

import pytest

from qualcode.domain.models import NewDocument
from qualcode.domain.text import normalize_text
from qualcode.domain.transcript import parse_transcript
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import add_code, get_code
from qualcode.store.documents import add_document
from qualcode.store.project import Project
from qualcode.store.segments import add_segment, query_segments

WORDS = ("Anmeldung Wartezeit Elterncafé Sprachkurs Nachbarschaft Ehrenamt Kita Schule "
         "Wohnung Arbeit").split()
TEXT = normalize_text("B: " + " ".join(WORDS) + "\n")
CODINGS = 7  # odd: the last round of a pair finds one change left for two processes

_barrier = None


def _start(barrier) -> None:
    global _barrier
    _barrier = barrier


def _command(args: list[str]) -> tuple[int, str, str]:
    """Run ``qualcode ARGS`` in this worker process as soon as the other worker is ready."""
    from click.testing import CliRunner

    from qualcode.cli import main

    _barrier.wait(timeout=60)
    result = CliRunner().invoke(main, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return 99, "", f"{type(result.exception).__name__}: {result.exception}"
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def coded(project_path):
    with Project.create(project_path) as project:
        document = add_document(project, NewDocument("Themen", TEXT, "Themen.txt", "txt",
                                                     "UTF-8", parse_transcript(TEXT)),
                                actor="lead")
        add_code(project, "Thema", actor="lead")
        lena = ensure_coder(project, "lena")
        for word in WORDS[:CODINGS]:
            start = TEXT.index(word)
            add_segment(project, document, get_code(project, "Thema"), lena, start,
                        start + len(word))
    return project_path


@pytest.fixture(scope="module")
def pair():
    """Two worker processes that start each command together (a barrier)."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    with ProcessPoolExecutor(2, mp_context=context, initializer=_start,
                             initargs=(barrier,)) as pool:
        yield pool


def together(pool, args: list[str]) -> list[tuple[int, str, str]]:
    futures = [pool.submit(_command, args) for _ in range(2)]
    return [future.result(timeout=120) for future in futures]


def acted_on(path, column: str) -> list[int]:
    with Project.open(path) as project:
        return [row[0] for row in project.db.execute(
            f"SELECT {column} FROM batches WHERE {column} IS NOT NULL ORDER BY id")]


def segments(path) -> int:
    with Project.open(path) as project:
        return len(query_segments(project))


def test_two_undos_and_two_redos_at_once_never_act_twice(coded, pair):
    outcomes = Counter()
    for cycle in range(3):
        for verb, column in (("undo", "undoes"), ("redo", "redoes")):
            for _ in range((CODINGS + 1) // 2):
                for status, stdout, stderr in together(pair, [verb, str(coded), "--coder",
                                                              "lena"]):
                    assert "Traceback" not in stderr and stdout == ""
                    if status == 0:
                        assert stderr.startswith(f"{verb.rstrip('o')}one: code Themen [")
                        outcomes[verb, "done"] += 1
                    else:
                        assert status == 1
                        assert stderr.startswith(f"error: nothing to {verb} for lena")
                        assert len(stderr.splitlines()) == 1
                        outcomes[verb, "nothing"] += 1
            # each change was undone (redone) exactly once in this cycle
            recent = acted_on(coded, column)[-CODINGS:]
            assert len(set(recent)) == CODINGS
            assert segments(coded) == (0 if verb == "undo" else CODINGS)
    assert outcomes == {("undo", "done"): 3 * CODINGS, ("undo", "nothing"): 3,
                        ("redo", "done"): 3 * CODINGS, ("redo", "nothing"): 3}


def test_an_undo_and_a_redo_at_once_leave_a_consistent_project(coded, pair):
    together(pair, ["undo", str(coded), "--coder", "lena"])
    for _ in range(5):
        pool_results = [pair.submit(_command, [verb, str(coded), "--coder", "lena"])
                        for verb in ("undo", "redo")]
        for future in pool_results:
            status, _, stderr = future.result(timeout=120)
            assert status in (0, 1) and "Traceback" not in stderr, stderr
    with Project.open(coded) as project:
        # what is on screen is what the log says: codings minus undone plus redone
        undone = project.db.execute("SELECT count(*) FROM batches WHERE undoes IS NOT NULL"
                                    ).fetchone()[0]
        redone = project.db.execute("SELECT count(*) FROM batches WHERE redoes IS NOT NULL"
                                    ).fetchone()[0]
        assert len(query_segments(project)) == CODINGS - undone + redone
