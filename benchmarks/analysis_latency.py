"""Latency of lexical search (and the other analyses) on a 20-document project.

Not a test: prints timings. Run from the repository root:

    python benchmarks/analysis_latency.py

Builds a project of 20 transcripts (the demo's text transcripts, each imported several times
with a different header line so the texts differ), then measures, in this process, the first
search (loads spaCy, lemmatises every document, fills the cache) and repeated searches, and,
in new processes, the CLI as a user runs it (cache filled): `qualcode search` for a word,
for a lemma of a word in the project and for a lemma of a word that is not.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qualcode.importers.batch import import_paths
from qualcode.store.project import Project

DOCUMENTS = 20


def build(folder: Path) -> Path:
    sources = sorted((ROOT / "transcripts").glob("*.txt"))
    files = []
    for index in range(DOCUMENTS):
        source = sources[index % len(sources)]
        text = source.read_text(encoding="utf-8")
        header, rest = text.split("\n", 1)
        target = folder / f"{source.stem}-{index:02d}.txt"
        target.write_text(f"{header}\nKopie: {index}\n{rest}", encoding="utf-8")
        files.append(target)
    path = folder / "bench.qualcode"
    with Project.create(path) as project:
        report = import_paths(project, files, "Bench")
        assert not report.failed
        characters = project.db.execute("SELECT sum(characters) FROM documents").fetchone()[0]
    print(f"project: {DOCUMENTS} documents, {characters:,} characters")
    return path


def timed(label: str, function, repeat: int = 1) -> None:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{label:<62} {median * 1000:9.1f} ms" + (f" (median of {repeat})" if repeat > 1
                                                      else ""))


def cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "qualcode", *args], cwd=ROOT, check=True,
                   capture_output=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        path = build(Path(temporary))
        from qualcode.analysis.search import search

        with Project.open(path) as project:
            timed("in-process: first lemma search (spaCy + lemmatise + cache)",
                  lambda: search(project, "Ausländerbehörde", lemma=True))
            timed("in-process: lemma search, after the first call",
                  lambda: search(project, "Ausländerbehörden", lemma=True), 20)
            timed("in-process: word search, after the first call",
                  lambda: search(project, '"per Post" OR WhatsApp'), 20)
            timed("in-process: NEAR search, after the first call",
                  lambda: search(project, "ABH NEAR/5 Datenschutz", lemma=True), 20)
        timed("new process: python -m qualcode search WORD",
              lambda: cli("search", str(path), "Ausländerbehörde"), 5)
        timed("new process: python -m qualcode search --lemma (word in project)",
              lambda: cli("search", str(path), "Ausländerbehörde", "--lemma"), 5)
        timed("new process: python -m qualcode search --lemma (word not in it)",
              lambda: cli("search", str(path), "Ausländerbehördenleitungen", "--lemma"), 5)
        timed("new process: python -m qualcode --help (start-up floor)",
              lambda: cli("--help"), 5)
        timed("new process: python -m qualcode matrix --by Kommune",
              lambda: cli("matrix", str(path), "--by", "Kommune"), 3)


if __name__ == "__main__":
    main()
