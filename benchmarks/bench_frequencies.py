"""Benchmark: the code-frequency export, qualcode against one hand-written SQL query.

    /work/venv/bin/python benchmarks/bench_frequencies.py                      # 1,000 documents
    /work/venv/bin/python benchmarks/bench_frequencies.py --files 200 --profile

Setup (cached in ``benchmarks/.work/``, not measured): the synthetic corpus imported with
``import_paths``; 25 codes in a two-level hierarchy (5 top-level codes with 4 subcodes each)
and 2 coders created through the store API (``add_code``, ``ensure_coder``); 100,000 coded
segments on speaker turns inserted with one ``executemany`` inside ``project.transaction``
(so every constraint and event-log trigger of the schema runs). About 15 % of the segments
carry a top-level code, the rest a subcode; about half of the spans are coded by both coders.

Measured in fresh child processes, floor and qualcode alternating (``--rounds`` rounds of one
process each, which makes one untimed warm-up run and then ``--repeat`` timed runs); the best
run counts:

* **qualcode**: what ``qualcode export frequencies PROJECT --format csv -o FILE [--rollup]
  [--by Kommune]`` runs: ``Project.open``, ``code_frequencies``, ``Project.close``,
  ``render`` + ``write`` (the command renders the table twice, as here).
* **floor**: ``sqlite3.connect``, one hand-written SQL query returning segments and distinct
  documents per code (and per Kommune value with ``--by``), the rows written with the csv
  module, ``close``. The floor's counts are checked against qualcode's.
* **CLI**: ``python -m qualcode export frequencies ...`` once per variant, start-up included.

This is a measurement, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import json
import pstats
import random
import sqlite3
import sys
import time
from pathlib import Path

import common
from common import WORK, fresh_path, peak_rss_kib

SCRIPT = Path(__file__).resolve()
SETUP_VERSION = 1
BY = "Kommune"
CODER_NAMES = ("anna", "ben")
CODE_SYSTEM = {
    "Corona als Prozessbremse": ["Geschlossene Ämter", "Verzögerte Verfahren",
                                 "Kontaktverlust", "Neue Routinen"],
    "Kooperation": ["Ausländerbehörde", "Jobcenter", "Schulen", "Ehrenamt"],
    "Digitale Beratung": ["Telefon/E-Mail", "Video", "Messenger", "Technische Hürden"],
    "Förderbausteine": ["FB1 Teilhabemanagement", "FB2 Bildung", "FB3 Arbeit", "FB4 Wohnen"],
    "Strukturen vor Ort": ["Lenkungskreis", "Personal", "Fallkonferenzen", "Vernetzung"],
}
VARIANTS = {  # name -> (rollup, by)
    "plain": (False, None),
    "--rollup": (True, None),
    f"--by {BY}": (False, BY),
    f"--rollup --by {BY}": (True, BY),
}


# -- setup -----------------------------------------------------------------------------------
def project_path(files: int, segments: int) -> Path:
    return WORK / f"frequencies-{files}docs-{segments}seg.qualcode"


def _setup_key(files: int, segments: int, seed: int) -> dict:
    import generate_corpus

    from qualcode.store.schema import MIGRATIONS
    return {"files": files, "segments": segments, "seed": seed, "setup": SETUP_VERSION,
            "generator": generate_corpus.GENERATOR_VERSION,
            "migrations": [m.name for m in MIGRATIONS._migrations]}


def ensure_project(files: int, segments: int, seed: int, rebuild: bool = False) -> Path:
    """The benchmark project, built (about 30 s for 1,000 documents) unless cached."""
    path = project_path(files, segments)
    manifest = path.with_suffix(".json")
    key = _setup_key(files, segments, seed)
    if not rebuild and path.is_file() and manifest.is_file():
        try:
            if json.loads(manifest.read_text(encoding="utf-8")) == key:
                return path
        except ValueError:
            pass
    manifest.unlink(missing_ok=True)
    corpus = common.ensure_corpus(files)
    build_project(fresh_path(path), corpus, segments, seed)
    manifest.write_text(json.dumps(key), encoding="utf-8")
    return path


def build_project(path: Path, corpus: Path, segments: int, seed: int) -> None:
    from qualcode.domain.codepath import escape_name
    from qualcode.importers.batch import import_paths
    from qualcode.store.coders import ensure_coder
    from qualcode.store.codes import add_code
    from qualcode.store.project import Project, new_guid, utc_now

    started = time.perf_counter()
    project = Project.create(path)
    try:
        report = import_paths(project, [corpus])
        if report.failed:
            raise SystemExit("setup: import failed")
        imported = time.perf_counter()
        coders = [ensure_coder(project, name).id for name in CODER_NAMES]
        parents, children = [], []
        for parent, kids in CODE_SYSTEM.items():
            parents.append(add_code(project, escape_name(parent)).id)
            for kid in kids:
                children.append(add_code(project, f"{escape_name(parent)}/{escape_name(kid)}").id)
        rng = random.Random(seed)
        turns = project.db.execute(
            "SELECT document_id, body_start, body_end FROM turns WHERE body_end - body_start > 20"
        ).fetchall()
        # Skewed code popularity: a few codes are used a lot, some rarely.
        code_ids = children + parents
        weights = [1.0 / (1 + i) ** 0.8 for i in range(len(children))] + \
                  [0.15 / len(parents)] * len(parents)
        total = sum(weights[:len(children)])
        weights = [w / total * 0.85 if i < len(children) else w for i, w in enumerate(weights)]
        rows, seen = [], set()
        now = utc_now()
        while len(rows) < segments:
            document_id, body_start, body_end = turns[rng.randrange(len(turns))]
            length = min(body_end - body_start, rng.randint(60, 700))
            start = body_start + rng.randrange(body_end - body_start - length + 1)
            code_id = rng.choices(code_ids, weights)[0]
            pair = list(coders)
            rng.shuffle(pair)
            for coder_id in pair[: 2 if rng.random() < 0.5 else 1]:
                key = (document_id, code_id, coder_id, start, start + length)
                if key in seen or len(rows) >= segments:
                    continue
                seen.add(key)
                rows.append((new_guid(), document_id, code_id, coder_id, start, start + length,
                             now, now))
        with project.transaction("benchmark: add coded segments", "benchmark"):
            project.db.conn.executemany(
                """INSERT INTO segments (guid, document_id, code_id, coder_id, start, "end",
                       created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows)
        count = project.db.execute("SELECT count(*) FROM segments").fetchone()[0]
        assert count == segments, count
    finally:
        project.close()
    print(f"setup: {path.name}: imported {len(report.outcomes)} documents in "
          f"{imported - started:.1f} s, {segments:,} segments in "
          f"{time.perf_counter() - imported:.1f} s", file=sys.stderr)


# -- the measured code paths -----------------------------------------------------------------
def qualcode_export(db: Path, out: Path, rollup: bool, by: str | None):
    """``qualcode export frequencies db --format csv -o out [--rollup] [--by BY]``."""
    from qualcode.analysis.frequencies import code_frequencies
    from qualcode.exports import frequencies as frequency_export
    from qualcode.store.project import Project

    project = Project.open(db)  # the command's opened()
    try:
        table = code_frequencies(project, rollup=rollup, coder=None, by=by)
    finally:
        project.close()
    data = frequency_export.render(table, "csv", "de")  # as the command does (then unused)
    frequency_export.write(table, out, "csv", "de")
    return table, data


def floor_sql(rollup: bool, by: str | None) -> str:
    """One hand-written query: code id, split value, segments, distinct documents.

    It first counts segments per (document, code), streaming over the unique index
    ``(document_id, code_id, coder_id, start, end)``, which covers both columns and is
    already in that order; the outer query then only sees one row per coded document and code.
    """
    per_document = ("WITH per_document AS (SELECT document_id, code_id, count(*) AS n "
                    "FROM segments GROUP BY document_id, code_id) ")
    if rollup:  # two levels, as in this benchmark's code system
        code = "m.counted_as"
        join = ("JOIN (SELECT id AS code_id, id AS counted_as FROM codes UNION ALL "
                "SELECT id, parent_id FROM codes WHERE parent_id IS NOT NULL) m "
                "ON m.code_id = p.code_id")
        documents = "count(DISTINCT p.document_id)"
    else:
        code, join, documents = "p.code_id", "", "count(*)"
    if by is None:
        return f"""{per_document}SELECT {code}, NULL, sum(p.n), {documents}
                   FROM per_document p {join} GROUP BY {code}"""
    return f"""{per_document}SELECT {code}, dv.value, sum(p.n), {documents}
               FROM per_document p {join}
               LEFT JOIN document_variables dv ON dv.document_id = p.document_id
                   AND dv.variable_id = (SELECT id FROM variables WHERE name = '{by}')
               GROUP BY {code}, dv.value"""


def floor_export(db: Path, out: Path, rollup: bool, by: str | None) -> list[tuple]:
    conn = sqlite3.connect(str(db))
    try:
        rows = conn.execute(floor_sql(rollup, by)).fetchall()
    finally:
        conn.close()
    with open(out, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["code_id", by or "", "segments", "documents"])
        writer.writerows(rows)
    return rows


def check(table, rows: list[tuple]) -> None:
    """The floor and qualcode must agree on every count (per code, and per value)."""
    from qualcode.analysis.frequencies import _label

    floor: dict[tuple, tuple[int, int]] = {}
    totals: dict[int, list[int]] = {}
    for code_id, value, segments, documents in rows:
        floor[(code_id, _label(value))] = (segments, documents)
        total = totals.setdefault(code_id, [0, 0])
        total[0] += segments  # a document has one value, so the columns are disjoint
        total[1] += documents
    for row in table.rows:
        expected = tuple(totals.get(row.code_id, (0, 0)))
        assert (row.total.segments, row.total.documents) == expected, (row.path, expected)
        for column, cell in row.columns.items():
            assert (cell.segments, cell.documents) == floor.get((row.code_id, column), (0, 0)), \
                (row.path, column)


def worker(args: argparse.Namespace) -> None:
    rollup, by = VARIANTS[args.variant]
    out = WORK / f"frequencies-{args.worker}.csv"
    profiler = cProfile.Profile() if args.profile_out else None
    baseline = peak_rss_kib()
    times, cpu = [], []
    result = None
    # One untimed warm-up run: the timed runs measure the export, not module imports (the
    # CLI column shows a cold start).
    (qualcode_export if args.worker == "qualcode" else floor_export)(args.db, out, rollup, by)
    for _ in range(args.repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        if args.worker == "qualcode":
            result = qualcode_export(args.db, out, rollup, by)
        else:
            result = floor_export(args.db, out, rollup, by)
        if profiler:
            profiler.disable()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    if profiler:
        profiler.dump_stats(args.profile_out)
    if args.worker == "qualcode":  # check against the floor (not timed)
        check(result[0], floor_export(args.db, WORK / "frequencies-check.csv", rollup, by))
    print(json.dumps({"times": times, "cpu": cpu, "baseline_kib": baseline,
                      "peak_kib": peak_rss_kib()}))


# -- orchestration -------------------------------------------------------------------------
def print_profile(path: Path, title: str, limit: int = 18) -> None:
    stats = pstats.Stats(str(path))
    total = stats.total_tt
    print(f"\nprofile: {title} ({total * 1000:.0f} ms under cProfile, all repeats), "
          "top by own time:")
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:limit]
    for (file, line, name), (cc, nc, tt, ct, _) in rows:
        where = f"{Path(file).name}:{line}" if line else file
        print(f"  {tt * 1000:8.1f} ms {100 * tt / total:5.1f}%  cum {ct * 1000:8.1f} ms "
              f"{nc:>7} calls  {name} ({where})")


def explain(db: Path, sql: str, params: list) -> str:
    conn = sqlite3.connect(str(db))
    try:
        return "\n".join(f"    {r[3]}" for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="documents in the project")
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=4711)
    parser.add_argument("--rounds", type=int, default=3,
                        help="child processes of each, alternating floor and qualcode")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed runs per child process (the best of all is reported)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached project")
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI subprocess runs")
    parser.add_argument("--profile", action="store_true",
                        help="also profile the qualcode export of each variant")
    parser.add_argument("--no-readme", action="store_true", help="do not update README.md")
    parser.add_argument("--worker", choices=("qualcode", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--variant", choices=tuple(VARIANTS), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return

    WORK.mkdir(parents=True, exist_ok=True)
    db = ensure_project(args.files, args.segments, args.seed, args.rebuild)
    # Apply any pending schema migration now (qualcode changed since the setup), so that no
    # measured run migrates; drop the backup copy that migrating writes.
    from qualcode.store.project import Project
    Project.open(db).close()
    for backup in db.parent.glob(db.name + ".backup-*"):
        backup.unlink()
    conn = sqlite3.connect(str(db))
    documents, codes, coders, segments = conn.execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM codes), "
        "(SELECT count(*) FROM coders), (SELECT count(*) FROM segments)").fetchone()
    conn.close()
    print(f"project: {db.relative_to(common.ROOT)}: {documents} documents, {codes} codes, "
          f"{coders} coders, {segments:,} segments", file=sys.stderr)

    rows, results = [], {}
    for variant, (rollup, by) in VARIANTS.items():
        measured: dict[str, dict] = {}
        for _ in range(args.rounds):
            for kind in ("floor", "qualcode"):
                result = common.run_worker(SCRIPT, [
                    "--worker", kind, f"--variant={variant}", "--db", str(db),
                    "--repeat", str(args.repeat)])
                merged = measured.setdefault(kind, {"times": [], "cpu": [], "peak_kib": 0})
                merged["times"] += result["times"]
                merged["cpu"] += result["cpu"]
                merged["peak_kib"] = max(merged["peak_kib"], result["peak_kib"])
        cli = None
        if not args.no_cli:
            out = WORK / "frequencies-cli.csv"
            argv = [common.PYTHON, "-m", "qualcode", "export", "frequencies", str(db),
                    "--format", "csv", "-o", str(out)]
            argv += (["--rollup"] if rollup else []) + (["--by", by] if by else [])
            elapsed, rss, status, tail, _ = common.time_command(argv)
            if status != 0:
                raise SystemExit(f"qualcode export exited with {status}: {tail}")
            cli = (elapsed, rss)
        best = {k: min(v["times"]) for k, v in measured.items()}
        cpu = {k: min(v["cpu"]) for k, v in measured.items()}
        ratio = best["qualcode"] / best["floor"]
        cpu_ratio = cpu["qualcode"] / cpu["floor"]
        results[variant] = (best, ratio, measured, cli, cpu_ratio)
        print(f"{variant:22s} floor {best['floor'] * 1000:7.1f} ms  qualcode "
              f"{best['qualcode'] * 1000:7.1f} ms  {ratio:4.1f}× (CPU {cpu_ratio:4.1f}×)"
              + (f"  CLI {cli[0] * 1000:6.0f} ms" if cli else ""), file=sys.stderr)
        rows.append([
            f"`{variant}`" if variant != "plain" else "(no options)",
            f"{best['floor'] * 1000:.1f} ms", f"{best['qualcode'] * 1000:.1f} ms",
            f"{ratio:.1f}×", f"{cpu_ratio:.1f}×", common.mib(measured["qualcode"]["peak_kib"]),
            f"{cli[0] * 1000:.0f} ms" if cli else "",
        ])
    runs = args.rounds * args.repeat
    headers = ["export frequencies --format csv", f"floor (wall, best of {runs})",
               f"qualcode (wall, best of {runs})", "ratio", "ratio in CPU time",
               "qualcode peak RSS", "CLI once (incl. start-up)"]
    result_table = common.table(headers, rows)
    worst = max(r[1] for r in results.values())
    worst_cpu = max(r[4] for r in results.values())
    verdict = ("meets" if worst <= 1.5 else "misses") + \
        f" the goal (≤ 1.5× floor) — worst ratio {worst:.1f}× wall clock, " \
        f"{worst_cpu:.1f}× in CPU time"
    print()
    print(result_table)
    print(f"\nqualcode {verdict}")

    info = common.machine()
    floor_rss = max(r[2]["floor"]["peak_kib"] for r in results.values())
    options = (("" if args.rounds == 3 else f" --rounds {args.rounds}")
               + ("" if args.repeat == 3 else f" --repeat {args.repeat}"))
    body = "\n".join([
        (f"### Frequency export ({documents} documents, {codes} codes in two levels, "
         f"{coders} coders, {segments:,} coded segments)"),
        "",
        f"Measured {common.machine_line(info)}.",
        (f"Command: `/work/venv/bin/python benchmarks/bench_frequencies.py "
         f"--files {args.files}{options}`."),
        "",
        result_table,
        "",
        (f"qualcode {verdict}. Counts of floor and qualcode agree for every variant. "
         f"Peak RSS of the floor processes: {common.mib(floor_rss)}."),
    ])
    if not args.no_readme:
        common.update_readme(f"frequencies-{args.files}", body)

    if args.profile:
        for variant in VARIANTS:
            out = WORK / "frequencies.prof"
            common.run_worker(SCRIPT, ["--worker", "qualcode", f"--variant={variant}",
                                       "--db", str(db), "--repeat", str(args.repeat),
                                       "--profile-out", str(out)])
            print_profile(out, f"qualcode export frequencies {variant}")
        print("\nquery plans of the floor:")
        for variant, (rollup, by) in VARIANTS.items():
            print(f"  {variant}:\n{explain(db, floor_sql(rollup, by), [])}")


if __name__ == "__main__":
    main()
