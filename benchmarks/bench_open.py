"""Benchmark: what opening and closing a project costs, and that a reader never waits.

    /work/venv/bin/python benchmarks/bench_open.py             # the 1,000-document project
    /work/venv/bin/python benchmarks/bench_open.py --files 200

Uses the project of ``bench_frequencies.py`` (built and cached in ``benchmarks/.work/``; a
copy is measured, the cache of passed checks lives in a private folder). Measured, best of
``--repeat`` runs each, in this process (the page cache is warm after the first run):

* ``PRAGMA quick_check`` alone on a plain ``sqlite3`` connection: the floor of the check;
* ``Project.open`` + ``close`` when the file changed since the last check (the check runs);
* ``Project.open`` + ``close`` of the unchanged file (the passed check is remembered);
* ``Project.open`` + a read + ``close`` while another process holds the write lock in the
  middle of a write (before: the close-time checkpoint waited the 5 s busy timeout).

This is a measurement, not a test: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common

_HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO settings (key, value) VALUES ('gesperrt', 'ja')")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


def best(repeat: int, step) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import bench_frequencies
    source = bench_frequencies.ensure_project(args.files, args.segments, 4711)
    work = Path(tempfile.mkdtemp(prefix="bench-open-", dir=common.WORK))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    try:
        path = work / source.name
        shutil.copyfile(source, path)
        past = time.time() - 3600
        os.utime(path, (past, past))  # an old file: a passed check is trusted at once

        from qualcode.store import integrity
        from qualcode.store.codes import list_codes
        from qualcode.store.project import Project

        def raw_check():
            conn = sqlite3.connect(path)
            assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            conn.close()

        def open_changed():
            (work / "cache").exists() and shutil.rmtree(work / "cache")
            with integrity._lock:
                integrity._open_checked.clear()
            Project.open(path).close()

        def open_unchanged():
            Project.open(path).close()

        def read_beside_writer():
            with Project.open(path) as project:
                list_codes(project)

        rows = [["PRAGMA quick_check (sqlite3)", common.seconds(best(args.repeat, raw_check))],
                ["open + close, file changed (check runs)",
                 common.seconds(best(args.repeat, open_changed))]]
        open_unchanged()
        rows.append(["open + close, file unchanged (check remembered)",
                     common.seconds(best(args.repeat, open_unchanged))])
        holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(path)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert holder.stdout.readline().strip() == "locked"
        try:
            rows.append(["open + list codes + close, another process writing",
                         common.seconds(best(args.repeat, read_beside_writer))])
        finally:
            holder.stdin.write("\n")
            holder.stdin.flush()
            holder.wait()
        size = path.stat().st_size / 2**20
        print(f"{path.name}: {size:.0f} MiB; {common.machine_line(common.machine())}")
        print(common.table(["step", f"wall, best of {args.repeat}"], rows))
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
