"""The bundled demo data: transcripts, codebook and codings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from support import ROOT, shared_path

from qualcode.importers.batch import import_paths
from qualcode.importers.codebook import import_codebook
from qualcode.importers.codings import apply_codings, read_codings
from qualcode.importers.demo import build_demo
from qualcode.importers.reader import read_document, supported_suffixes
from qualcode.store.documents import list_documents
from qualcode.store.project import Project
from qualcode.store.segments import query_segments

TRANSCRIPTS = ROOT / "transcripts"
HEADER = ("Datum", "Modus", "Kommune", "Dauer")


def _transcripts() -> list[Path]:
    return sorted(p for p in TRANSCRIPTS.iterdir()
                  if p.is_file() and p.suffix in supported_suffixes())


def _codings() -> list[Path]:
    return sorted((TRANSCRIPTS / "codings").glob("*.yaml"))


def test_the_demo_has_transcripts_and_codings():
    assert len(_transcripts()) == 8
    assert {p.suffix for p in _transcripts()} >= {".txt", ".docx", ".vtt"}
    assert _codings()


@pytest.mark.parametrize("path", _transcripts(), ids=lambda p: p.name)
def test_every_transcript_reads_with_turns_and_header_variables(path):
    document = read_document(path)
    turns = document.structure.turns
    assert len(turns) >= 10
    assert {t.speaker for t in turns} >= {"I"}
    assert any(t.speaker.startswith("B") for t in turns)
    variables = {**document.structure.variables, **document.variables}
    for key in HEADER:
        assert variables.get(key), f"{path.name}: no {key}"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", variables["Datum"])
    assert re.fullmatch(r"\d{2}:\d{2}:\d{2}", variables["Dauer"])
    # Header lines are not turns; every turn has a time.
    assert turns[0].line_start > len(HEADER)
    assert all(t.end_ms is not None for t in turns)
    assert not document.notes


@pytest.fixture(scope="module")
def demo_project(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.qualcode"
    manifest = yaml.safe_load((TRANSCRIPTS / "demo.yaml").read_text(encoding="utf-8"))
    project = Project.create(path)
    import_codebook(project, (TRANSCRIPTS / manifest["codebook"]).resolve())
    reports = {}
    for group, patterns in manifest["groups"].items():
        files = [p for p in _transcripts() if any(p.match(pattern) for pattern in patterns)]
        reports[group] = import_paths(project, files, group)
    yield project, reports
    project.close()


def test_every_transcript_imports_into_its_group(demo_project):
    project, reports = demo_project
    for group, report in reports.items():
        assert report.outcomes, group
        assert [o.status for o in report.outcomes] == ["imported"] * len(report.outcomes)
    documents = list_documents(project)
    assert len(documents) == len(_transcripts())
    for document in documents:
        assert document.turns >= 10
        assert document.group == ("THM-Interviews" if document.name.startswith("THM")
                                  else "Reflexionsgespräche")
        assert set(HEADER) <= set(document.variables)
        assert document.variables["Datum"].startswith("2020-")  # typed as a date


def test_the_codings_files_apply_cleanly(demo_project):
    project, _ = demo_project
    for path in _codings():
        expected = {coder: sum(len(items) for items in documents.values())
                    for coder, documents in read_codings(path).items()}
        before = len(query_segments(project))
        result = apply_codings(project, path)
        assert result.created == expected
        assert len(query_segments(project)) == before + sum(expected.values())
    coders = {s.coder for s in query_segments(project)}
    assert len(coders) >= 2  # two coders code independently


def test_build_demo(tmp_path):
    target = tmp_path / "out" / "demo.qualcode"
    result = build_demo(TRANSCRIPTS, target)
    assert target.is_file()
    assert sorted(p.name for p in target.parent.iterdir()) == ["demo.qualcode"]
    # the 25 codes of the shipped codebook, plus the survey's parent code and its 4 questions
    assert result.codes == 25 + 1 + 4
    assert result.respondents == 16
    assert sum(r.count("imported") for r in result.imports) == len(_transcripts())
    assert len(result.segments) >= 2 and all(result.segments.values())
    with Project.open(target) as project:
        assert len(list_documents(project)) == len(_transcripts()) + 16


_WORD = re.compile(r"\w+")


def _seven_grams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    return {tuple(words[i:i + 7]) for i in range(len(words) - 6)}


@pytest.mark.shared
def test_no_sentence_is_copied_from_the_seed_documents():
    seeds = sorted(shared_path("seeds").glob("*.txt"))
    assert seeds
    seed_grams: set[tuple[str, ...]] = set()
    for seed in seeds:
        seed_grams |= _seven_grams(seed.read_text(encoding="utf-8", errors="replace"))
    assert len(seed_grams) > 10_000  # the seeds were read and split into words
    ours = {p.name: read_document(p).text for p in _transcripts()}
    ours |= {p.name: p.read_text(encoding="utf-8")
             for p in sorted((ROOT / "codebooks").glob("*.yaml"))}
    copied = {name: sorted(" ".join(g) for g in _seven_grams(text) & seed_grams)
              for name, text in ours.items()}
    copied = {name: grams for name, grams in copied.items() if grams}
    assert copied == {}, f"7-word sequences also found in ../shared/seeds: {copied}"
