"""Fuzz every importer for minutes: mutated valid files, the contract checked for each input.

    python benchmarks/fuzz_importers.py --minutes 5                 # every importer, 5 min each
    python benchmarks/fuzz_importers.py --minutes 1 --kinds rtf,csv --jobs 2

The mutations and the contract are those of ``tests/importers/test_fuzz.py`` (see
``tests/fuzz_inputs.py``): each input either imports, or is refused with a one-line
QualcodeError in words (no Python class name) and the project unchanged. Each importer runs
in its own child process (``--jobs`` at a time, at most 2: the machine is shared) with its
own random seed; a finding (an
other exception, a multi-line message, a changed project) is saved with its input to
``benchmarks/.work/fuzz/<kind>/`` and counted once per place in the code. The table of inputs
tried, imported, refused and findings goes to the *Results* section of ``benchmarks/README.md``
(``--no-readme``: print only). Not a test: pytest never runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
import traceback
from pathlib import Path

from common import PYTHON, ROOT, WORK, machine, machine_line, table, update_readme

sys.path.insert(0, str(ROOT / "tests"))
OUT = WORK / "fuzz"


def _where(error: BaseException) -> str:
    """The innermost frame of the exception that caused a finding: ``file:line (Type)``."""
    cause = error.__cause__ or error
    frames = traceback.extract_tb(cause.__traceback__)
    last = frames[-1] if frames else None
    place = f"{Path(last.filename).name}:{last.lineno}" if last else "?"
    return f"{place} ({type(cause).__name__})"


def worker(kind: str, minutes: float, seed: int) -> dict:
    """Fuzz ``kind`` for ``minutes``; returns the counts and the findings."""
    from fuzz_inputs import Finding, fresh_project, mutated, run_input

    folder = OUT / kind
    folder.mkdir(parents=True, exist_ok=True)
    seeds = folder / "seeds"
    if seeds.exists():
        import shutil

        shutil.rmtree(seeds)
    seeds.mkdir(parents=True)
    project = fresh_project(folder / "ziel.qualcode")
    rnd = random.Random(seed)
    counts = {"tried": 0, "imported": 0, "duplicate": 0, "refused": 0, "findings": 0}
    findings: dict[str, dict] = {}
    deadline = time.monotonic() + minutes * 60
    slowest = 0.0
    while time.monotonic() < deadline:
        data = mutated(kind, str(seeds), rnd)
        started = time.monotonic()
        try:
            outcome = run_input(kind, data, folder, project)
        except Finding as finding:
            counts["findings"] += 1
            key = _where(finding)
            if key not in findings:
                sample = folder / f"finding-{len(findings) + 1}.bin"
                sample.write_bytes(data)
                findings[key] = {"where": key, "message": str(finding)[:300], "count": 0,
                                 "input": str(sample.relative_to(ROOT))}
            findings[key]["count"] += 1
            project = fresh_project(folder / "ziel.qualcode")
        else:
            counts[outcome.status] += 1
        took = time.monotonic() - started
        if took > slowest:
            slowest = took
            (folder / "slowest.bin").write_bytes(data)
        counts["tried"] += 1
        if counts["imported"] and counts["tried"] % 300 == 0:
            project = fresh_project(folder / "ziel.qualcode")  # keep the project small
    return {"kind": kind, "seed": seed, "minutes": minutes, **counts,
            "slowest_s": round(slowest, 2), "findings_by_place": list(findings.values())}


def main() -> None:
    from fuzz_inputs import KINDS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="per importer (default 5)")
    parser.add_argument("--kinds", default=",".join(KINDS),
                        help=f"comma-separated (default: all: {','.join(KINDS)})")
    parser.add_argument("--jobs", type=int, default=1, choices=(1, 2),
                        help="importers fuzzed at once (at most 2)")
    parser.add_argument("--seed", type=int, default=20240610)
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.minutes, args.seed)))
        return
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = set(kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown importer(s): {', '.join(sorted(unknown))}")
    results: list[dict] = []
    pending = list(enumerate(kinds))
    running: list[tuple[str, subprocess.Popen]] = []
    while pending or running:
        while pending and len(running) < args.jobs:
            index, kind = pending.pop(0)
            command = [PYTHON, __file__, "--worker", kind, "--minutes", str(args.minutes),
                       "--seed", str(args.seed + index)]
            running.append((kind, subprocess.Popen(
                ["nice", "-n", "10", *command], stdout=subprocess.PIPE, text=True,
                cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "0"})))
        time.sleep(1)
        for kind, process in list(running):
            if process.poll() is None:
                continue
            running.remove((kind, process))
            output = process.stdout.read() if process.stdout else ""
            if process.returncode != 0 or not output.strip():
                results.append({"kind": kind, "tried": 0, "imported": 0, "duplicate": 0,
                                "refused": 0,
                                "findings": f"worker died ({process.returncode})",
                                "findings_by_place": [], "slowest_s": 0})
            else:
                results.append(json.loads(output.strip().splitlines()[-1]))
            print(f"{kind}: {results[-1]['tried']:,} inputs, {results[-1]['findings']} "
                  "finding(s)", file=sys.stderr)
    results.sort(key=lambda r: kinds.index(r["kind"]))
    rows = [[r["kind"], f"{r['tried']:,}", f"{r['imported']:,}", f"{r['duplicate']:,}",
             f"{r['refused']:,}", str(r["findings"]), f"{r['slowest_s']} s"] for r in results]
    body = [f"### Importer fuzzing ({args.minutes:g} min per importer, {args.jobs} at a time)",
            "", machine_line(machine()), "",
            table(["importer", "inputs tried", "imported", "same text again",
                   "refused (one line)", "findings", "slowest input"], rows)]
    places = [f"* {r['kind']}: {f['where']} ×{f['count']}: {f['message']}"
              for r in results for f in r["findings_by_place"]]
    if places:
        body += ["", "Findings:", "", *places]
    text = "\n".join(body)
    print(text)
    if not args.no_readme:
        update_readme("fuzz-importers", text)


if __name__ == "__main__":
    main()
