"""Benchmark: importing a folder of transcripts, qualcode against a plain-SQLite floor.

    /work/venv/bin/python benchmarks/bench_import.py --files 1000          # best of 3 + CLI once
    /work/venv/bin/python benchmarks/bench_import.py --files 200 --profile # where the time goes

* **qualcode**: ``Project.open`` + ``qualcode.importers.batch.import_paths(project, [folder])``
  + ``Project.close()`` on a fresh, empty project: exactly what ``qualcode import PROJECT
  FOLDER`` runs, minus Click and the printed messages. Creating the empty project is not timed.
* **floor**: the same files read with ``path.read_bytes().decode("utf-8")`` and inserted with
  one ``executemany`` into a one-table SQLite database in one transaction, same journal
  settings (WAL, ``synchronous=NORMAL``), then the same ``wal_checkpoint(TRUNCATE)`` as
  ``Project.close``. Creating the table is not timed.
* **CLI**: ``python -m qualcode import PROJECT FOLDER`` once as a subprocess (interpreter
  start-up and messages included), the number a user sees.

Every run happens in a fresh child process (own peak RSS via ``getrusage``), floor and
qualcode alternating; the corpus is read once before, so every run sees a warm page cache.
This is a measurement, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sqlite3
import sys
import time
from pathlib import Path

import common
from common import WORK, fresh_path, peak_rss_kib

SCRIPT = Path(__file__).resolve()


# -- the measured code paths (run in a worker process) -------------------------------------
def qualcode_import(corpus: Path, db: Path, profile: Path | None = None) -> dict:
    from qualcode.importers.batch import import_paths
    from qualcode.store.project import Project

    Project.create(fresh_path(db)).close()
    baseline = peak_rss_kib()
    profiler = cProfile.Profile() if profile else None
    started, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    project = Project.open(db)  # what the command's opened() does
    try:
        report = import_paths(project, [corpus])
    finally:
        project.close()
    if profiler:
        profiler.disable()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    if profiler:
        profiler.dump_stats(profile)
    imported = report.count("imported")
    if report.failed:
        failed = [o.message for o in report.outcomes if o.status == "failed"]
        raise SystemExit(f"import failed: {failed[:3]}")
    return {"seconds": elapsed, "cpu": cpu, "imported": imported, "baseline_kib": baseline,
            "peak_kib": peak_rss_kib(), "db_bytes": db.stat().st_size}


def floor_import(corpus: Path, db: Path) -> dict:
    conn = sqlite3.connect(str(fresh_path(db)), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "text TEXT NOT NULL)")
    baseline = peak_rss_kib()
    started, cpu = time.perf_counter(), time.process_time()
    files = sorted(corpus.glob("*.txt"))
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO documents (name, text) VALUES (?, ?)",
                     ((path.stem, path.read_bytes().decode("utf-8")) for path in files))
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": elapsed, "cpu": cpu, "imported": len(files), "baseline_kib": baseline,
            "peak_kib": peak_rss_kib(), "db_bytes": db.stat().st_size}


def worker(args: argparse.Namespace) -> None:
    db = WORK / f"import-{args.worker}.db"
    if args.worker == "qualcode":
        result = qualcode_import(args.corpus, db, args.profile_out)
    else:
        result = floor_import(args.corpus, db)
    print(json.dumps(result))


# -- orchestration -------------------------------------------------------------------------
def print_profile(path: Path, limit: int = 25) -> None:
    stats = pstats.Stats(str(path))
    total = stats.total_tt
    print(f"\nprofile of the qualcode import ({total:.2f} s under cProfile), "
          f"top functions by own time:")
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:limit]
    for (file, line, name), (cc, nc, tt, ct, _) in rows:
        where = f"{Path(file).name}:{line}" if line else file
        print(f"  {tt:7.2f} s {100 * tt / total:5.1f}%  cum {ct:7.2f} s  {nc:>9} calls  "
              f"{name} ({where})")
    print("\ncumulative (qualcode functions):")
    rows = sorted(((k, v) for k, v in stats.stats.items() if "qualcode" in k[0]),
                  key=lambda kv: kv[1][3], reverse=True)[:limit]
    for (file, line, name), (cc, nc, tt, ct, _) in rows:
        print(f"  cum {ct:7.2f} s {100 * ct / total:5.1f}%  own {tt:6.2f} s  {nc:>7} calls  "
              f"{name} ({Path(file).name}:{line})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="transcripts in the corpus")
    parser.add_argument("--words", type=int, default=common.DEFAULT_WORDS)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (best is reported)")
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI subprocess run")
    parser.add_argument("--profile", action="store_true",
                        help="also run the qualcode import once under cProfile and print it")
    parser.add_argument("--no-readme", action="store_true", help="do not update README.md")
    parser.add_argument("--worker", choices=("qualcode", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return

    WORK.mkdir(parents=True, exist_ok=True)
    corpus = common.ensure_corpus(args.files, args.words)
    stats = common.corpus_stats(corpus)
    common.warm_page_cache(corpus)
    print(f"corpus: {args.files} files, {stats.get('total_words', 0):,} words, "
          f"{stats.get('total_bytes', 0) / 2**20:.1f} MiB ({corpus.relative_to(common.ROOT)})",
          file=sys.stderr)

    runs: dict[str, list[dict]] = {"floor": [], "qualcode": []}
    for number in range(1, args.repeat + 1):
        for kind in ("floor", "qualcode"):
            result = common.run_worker(SCRIPT, ["--worker", kind, "--corpus", str(corpus)])
            if result["imported"] != args.files:
                raise SystemExit(f"{kind} imported {result['imported']} of {args.files} files")
            runs[kind].append(result)
            print(f"run {number}/{args.repeat} {kind:8s} {result['seconds']:7.2f} s  "
                  f"(CPU {result['cpu']:6.2f} s)  peak RSS {common.mib(result['peak_kib'])}",
                  file=sys.stderr)

    cli = None
    if not args.no_cli:
        db = fresh_path(WORK / "import-cli.qualcode")
        common.time_command([common.PYTHON, "-m", "qualcode", "init", str(db)])
        elapsed, rss, status, tail, cpu_s = common.time_command(
            [common.PYTHON, "-m", "qualcode", "import", str(db), str(corpus)])
        if status != 0:
            raise SystemExit(f"qualcode import exited with {status}: {tail}")
        cli = {"seconds": elapsed, "cpu": cpu_s, "peak_kib": rss, "summary": tail}
        print(f"CLI      {elapsed:7.2f} s  peak RSS {common.mib(rss)}  ({tail})",
              file=sys.stderr)

    best = {kind: min(results, key=lambda r: r["seconds"]) for kind, results in runs.items()}
    cpu = {kind: min(r["cpu"] for r in results) for kind, results in runs.items()}
    peak = {kind: max(r["peak_kib"] for r in results) for kind, results in runs.items()}
    ratio = best["qualcode"]["seconds"] / best["floor"]["seconds"]
    cpu_ratio = cpu["qualcode"] / cpu["floor"]
    words = stats.get("total_words", 0)
    rows = [
        ["floor (read + decode + executemany)", common.seconds(best["floor"]["seconds"]), "1.0×",
         common.seconds(cpu["floor"]), "1.0×",
         f"{words / best['floor']['seconds'] / 1e6:.1f} M", common.mib(peak["floor"]),
         f"{best['floor']['db_bytes'] / 2**20:.0f} MiB"],
        ["qualcode import_paths", common.seconds(best["qualcode"]["seconds"]), f"{ratio:.1f}×",
         common.seconds(cpu["qualcode"]), f"{cpu_ratio:.1f}×",
         f"{words / best['qualcode']['seconds'] / 1e6:.1f} M", common.mib(peak["qualcode"]),
         f"{best['qualcode']['db_bytes'] / 2**20:.0f} MiB"],
    ]
    if cli:
        rows.append(["`python -m qualcode import` (once, incl. start-up)",
                     common.seconds(cli["seconds"]),
                     f"{cli['seconds'] / best['floor']['seconds']:.1f}×",
                     common.seconds(cli["cpu"]), f"{cli['cpu'] / cpu['floor']:.1f}×",
                     f"{words / cli['seconds'] / 1e6:.1f} M", common.mib(cli["peak_kib"]), ""])
    headers = ["import of the corpus", f"wall, best of {args.repeat}", "vs floor",
               "CPU (user+sys)", "vs floor", "words/s (wall)", "peak RSS", "file size"]
    result_table = common.table(headers, rows)
    verdict = ("meets" if ratio <= 2.0 else "misses") + f" the goal (≤ 2× floor): {ratio:.1f}×"
    all_runs = "; ".join(
        f"{kind} " + ", ".join(f"{r['seconds']:.2f}" for r in results) + " s"
        for kind, results in runs.items())
    verdict += f" wall clock, {cpu_ratio:.1f}× in CPU time"
    print()
    print(result_table)
    print(f"\nqualcode {verdict}")

    info = common.machine()
    size = stats.get("total_bytes", 0) / 2**20
    repeat = "" if args.repeat == 3 else f" --repeat {args.repeat}"
    baselines = (f"{common.mib(best['floor']['baseline_kib'])} for the floor and "
                 f"{common.mib(best['qualcode']['baseline_kib'])} for qualcode")
    body = "\n".join([
        f"### Import ({args.files} files, {words:,} words, {size:.1f} MiB)",
        "",
        f"Measured {common.machine_line(info)}.",
        (f"Command: `/work/venv/bin/python benchmarks/bench_import.py "
         f"--files {args.files}{repeat}`."),
        "",
        result_table,
        "",
        (f"qualcode {verdict}. All runs: {all_runs}. Peak RSS is per process (Python and "
         f"qualcode's imports included; before the timed part it was {baselines})."),
    ])
    if not args.no_readme:
        common.update_readme(f"import-{args.files}", body)

    if args.profile:
        out = WORK / "import.prof"
        common.run_worker(SCRIPT, ["--worker", "qualcode", "--corpus", str(corpus),
                                   "--profile-out", str(out)])
        print_profile(out)
        print(f"\n(saved {out.relative_to(common.ROOT)}; "
              f"view with python -m pstats or snakeviz)")


if __name__ == "__main__":
    main()
