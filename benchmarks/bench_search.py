"""Benchmark: lexical search — the first analysis of a project and warm searches, optionally
against another checkout of qualcode (e.g. the code before hyphenated words had parts).

    /work/venv/bin/python benchmarks/bench_search.py --files 40
    /work/venv/bin/python benchmarks/bench_search.py --files 40 --baseline /work/main

Setup (cached in ``benchmarks/.work/``, not measured): the synthetic corpus imported with
``import_paths`` into one project; each checkout measured works on its own copy of it.

Measured in fresh child processes, each importing qualcode from the checkout measured:

* **first analysis**: ``Project.open``, the token cache emptied, spaCy loaded (timed on its
  own), then ``document_tokens(project)``: every document tokenised and lemmatised, the cache
  written. Best of ``--repeat`` processes. Also the cache's size (sum of its JSON payloads).
* **warm search**: a new process on the analysed project: ``Project.open`` and the first search
  (reads and decodes the cache of every document; spaCy is not loaded), then each query again
  in the same process (analyses in memory), best of ``--repeat``.

The run with the least CPU time (user + system of the process) counts, as the machine is
shared; its wall time is shown beside it.

This is a measurement, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import common
from common import WORK, fresh_path, peak_rss_kib

SCRIPT = Path(__file__).resolve()
SETUP_VERSION = 1
QUERIES = [  # (query, lemma)
    ("Ausländerbehörde", False),
    ("Ausländerbehörde", True),
    ("Mail", False),  # a part: "per E-Mail"
    ("E-Mail", True),
    ('"per E-Mail" OR Videokonferenz', False),
]


# -- workers (run in a child process with the measured checkout first on sys.path) ---------
def _use_checkout(code: str) -> None:
    sys.path.insert(0, code)


def worker_first(code: str, project_path: str) -> dict:
    _use_checkout(code)
    from qualcode.analysis.nlp import german_pipeline
    from qualcode.analysis.tokens import document_tokens
    from qualcode.store.project import Project
    from qualcode.store.token_cache import clear_token_cache

    with Project.open(Path(project_path)) as project:
        clear_token_cache(project)
        started = time.perf_counter()
        german_pipeline()
        spacy_seconds = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        docs = document_tokens(project)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        size = project.db.execute("SELECT sum(length(payload)) FROM token_cache").fetchone()[0]
        words = sum(len(d.starts) for d in docs)
        parts = sum(len(getattr(d, "parts", ())) for d in docs)
    return {"spacy": spacy_seconds, "seconds": elapsed, "cpu": cpu, "cache_bytes": size,
            "words": words, "parts": parts, "rss": peak_rss_kib()}


def worker_warm(code: str, project_path: str, repeat: int) -> dict:
    _use_checkout(code)
    from qualcode.analysis.search import search
    from qualcode.store.project import Project

    started, cpu = time.perf_counter(), time.process_time()
    with Project.open(Path(project_path)) as project:
        first_query, first_lemma = QUERIES[0]
        search(project, first_query, lemma=first_lemma)
        first, first_cpu = time.perf_counter() - started, time.process_time() - cpu
        results = []
        for query, lemma in QUERIES:
            best, best_cpu = float("inf"), float("inf")
            for _ in range(repeat):
                began, cpu = time.perf_counter(), time.process_time()
                hits = search(project, query, lemma=lemma).hits
                best = min(best, time.perf_counter() - began)
                best_cpu = min(best_cpu, time.process_time() - cpu)
            results.append({"query": query, "lemma": lemma, "hits": len(hits), "seconds": best,
                            "cpu": best_cpu})
    return {"first": first, "first_cpu": first_cpu, "queries": results,
            "spacy_loaded": "spacy" in sys.modules, "rss": peak_rss_kib()}


# -- the driver ----------------------------------------------------------------------------
def ensure_project(files: int) -> Path:
    """The imported corpus (built once per corpus and setup version)."""
    folder = common.ensure_corpus(files)
    path = WORK / f"search-{files}.qualcode"
    stamp = path.with_suffix(".json")
    wanted = {"files": files, "setup": SETUP_VERSION, **common.corpus_stats(folder)}
    if path.is_file() and stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        return path
    from qualcode.importers.batch import import_paths
    from qualcode.store.project import Project

    with Project.create(fresh_path(path)) as project:
        import_paths(project, [folder])
    stamp.write_text(json.dumps(wanted), encoding="utf-8")
    return path


def measure(code: Path, project: Path, label: str, repeat: int) -> dict:
    copy = fresh_path(WORK / f"search-{label}.qualcode")
    shutil.copyfile(project, copy)
    firsts = [common.run_worker(SCRIPT, ["--worker", "first", "--code", str(code),
                                         "--project", str(copy)]) for _ in range(repeat)]
    first = min(firsts, key=lambda r: r["cpu"])
    warms = [common.run_worker(SCRIPT, ["--worker", "warm", "--code", str(code), "--project",
                                        str(copy), "--repeat", str(repeat)])
             for _ in range(repeat)]
    warm = min(warms, key=lambda r: r["first_cpu"])
    queries = [min((w["queries"][i] for w in warms), key=lambda q: q["cpu"])
               for i in range(len(QUERIES))]
    return {"first": first, "warm": warm, "queries": queries}


def report(files: int, results: dict[str, dict]) -> str:
    info = common.machine()
    labels = list(results)
    rows = [
        ["load spaCy (not in the analysis)",
         *(common.seconds(results[l]["first"]["spacy"]) for l in labels)],
        ["first analysis (tokens, lemmas, cache write)",
         *(f"{common.seconds(results[l]['first']['seconds'])} "
           f"(CPU {common.seconds(results[l]['first']['cpu'])})" for l in labels)],
        ["words / parts of hyphenated words",
         *(f"{results[l]['first']['words']:,} / {results[l]['first']['parts']:,}"
           for l in labels)],
        ["token cache size", *(f"{results[l]['first']['cache_bytes'] / 2**20:.1f} MiB"
                               for l in labels)],
        ["new process: open + first search (cache read)",
         *(f"{common.seconds(results[l]['warm']['first'])} "
           f"(CPU {common.seconds(results[l]['warm']['first_cpu'])})" for l in labels)],
    ]
    for index, (query, lemma) in enumerate(QUERIES):
        name = f"warm search `{query}`" + (" --lemma" if lemma else "")
        rows.append([name, *(f"{common.seconds(results[l]['queries'][index]['seconds'])} "
                             f"(CPU {common.seconds(results[l]['queries'][index]['cpu'])}; "
                             f"{results[l]['queries'][index]['hits']} hits)" for l in labels)])
    corpus = common.corpus_stats(common.corpus_dir(files))
    return (f"### Lexical search ({files} files, {corpus.get('total_words', 0):,} words)\n\n"
            f"{common.machine_line(info)}. Best of the runs; see `bench_search.py`.\n\n"
            + common.table(["step", *labels], rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another qualcode checkout to compare")
    parser.add_argument("--no-readme", action="store_true", help="print only")
    parser.add_argument("--worker", choices=["first", "warm"], help=argparse.SUPPRESS)
    parser.add_argument("--code", help=argparse.SUPPRESS)
    parser.add_argument("--project", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker == "first":
        print(json.dumps(worker_first(args.code, args.project)))
        return
    if args.worker == "warm":
        print(json.dumps(worker_warm(args.code, args.project, args.repeat)))
        return
    project = ensure_project(args.files)
    results = {}
    if args.baseline is not None:
        results["baseline"] = measure(args.baseline.resolve(), project, "baseline", args.repeat)
    results["this checkout"] = measure(common.ROOT, project, "this", args.repeat)
    body = report(args.files, results)
    print(body)
    if not args.no_readme:
        common.update_readme(f"search-{args.files}", body)


if __name__ == "__main__":
    main()
