"""Helpers shared by the benchmark scripts (not part of qualcode, not a test).

Paths, the cached synthetic corpus, running a measurement in a fresh child process (so each
run has its own peak RSS), the printed table and the results sections of
``benchmarks/README.md``.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import re
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / ".work"
README = BENCH / "README.md"
PYTHON = sys.executable

if str(ROOT) not in sys.path:  # import qualcode from this checkout, not from site-packages
    sys.path.insert(0, str(ROOT))
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

DEFAULT_SEED = 20200504
DEFAULT_WORDS = 8000


# -- the corpus ---------------------------------------------------------------------------
def corpus_dir(files: int, words: int = DEFAULT_WORDS, seed: int = DEFAULT_SEED) -> Path:
    return WORK / f"corpus-{files}-w{words}-s{seed}"


def ensure_corpus(files: int, words: int = DEFAULT_WORDS, seed: int = DEFAULT_SEED) -> Path:
    """The corpus folder for these parameters, generated when missing or incomplete.

    A manifest next to the folder (not inside it, so importers never see it) records what was
    generated; the generator is deterministic, so a folder is reused across runs.
    """
    import generate_corpus

    folder = corpus_dir(files, words, seed)
    manifest = folder.with_suffix(".json")
    wanted = {"files": files, "words": words, "seed": seed,
              "generator": generate_corpus.GENERATOR_VERSION}
    if manifest.is_file() and folder.is_dir():
        try:
            stored = json.loads(manifest.read_text(encoding="utf-8"))
        except ValueError:
            stored = {}
        if {k: stored.get(k) for k in wanted} == wanted and \
                len(list(folder.glob("*.txt"))) == files:
            return folder
    started = time.perf_counter()
    stats = generate_corpus.generate(folder, files=files, words=words, seed=seed)
    manifest.write_text(json.dumps({**wanted, "total_words": stats["words"],
                                    "total_bytes": stats["bytes"]}, indent=2), encoding="utf-8")
    print(f"generated {files} transcripts ({stats['words']:,} words, "
          f"{stats['bytes'] / 2**20:.1f} MiB) in {folder} "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return folder


def corpus_stats(folder: Path) -> dict:
    manifest = folder.with_suffix(".json")
    return json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else {}


def warm_page_cache(folder: Path) -> None:
    """Read every file once so that every measured run starts with the same (warm) cache."""
    for path in sorted(folder.glob("*.txt")):
        path.read_bytes()


# -- measuring in a child process ----------------------------------------------------------
def peak_rss_kib() -> int:
    """Peak resident set size of this process so far, in KiB.

    Linux: ``VmHWM`` of the process's own address space. ``getrusage().ru_maxrss`` is not
    used there because a child process started from a large parent reports at least the
    parent's size (the kernel carries the copied address space's high-water mark across
    ``exec``). Elsewhere ``ru_maxrss`` (KiB on Linux and BSD).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_worker(script: Path, args: list[str]) -> dict:
    """Run ``script --worker ...`` in a fresh interpreter; returns the JSON it prints last."""
    completed = subprocess.run(
        [PYTHON, str(script), *args], cwd=ROOT, capture_output=True, text=True, check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"worker {args} failed ({completed.returncode}):\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


# Runs a command and reports its wall time and rusage. It runs as a small intermediate
# process so that the measured command's peak RSS is not inflated by this (large) process.
_LAUNCHER = """
import json, os, subprocess, sys, time
with open(sys.argv[1], "wb") as err:
    started = time.perf_counter()
    process = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=err)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "status": os.waitstatus_to_exitcode(status),
                  "maxrss": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime}))
"""


def time_command(argv: list[str], cwd: Path = ROOT) -> tuple[float, int, int, str, float]:
    """Wall time, peak RSS (KiB), exit status, last stderr line and CPU time (user + system)
    of one command."""
    stderr_file = WORK / "command.stderr"
    launched = subprocess.run([PYTHON, "-c", _LAUNCHER, str(stderr_file), *argv], cwd=cwd,
                              capture_output=True, text=True, check=True)
    result = json.loads(launched.stdout)
    tail = stderr_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:]
    return (result["seconds"], result["maxrss"], result["status"], (tail[0] if tail else ""),
            result["cpu"])


def fresh_path(path: Path) -> Path:
    """Remove ``path`` and its SQLite side files (``-wal``, ``-shm``) and return it."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm"),
                      Path(f"{path}-journal")):
        candidate.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


# -- reporting -----------------------------------------------------------------------------
def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                                  check=False).stdout.strip()
        except OSError:
            return ""

    dirty = bool(git("status", "--porcelain", "--", "qualcode"))
    return {
        "date": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cores": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "load": f"{os.getloadavg()[0]:.1f}",
        "commit": (git("rev-parse", "--short", "HEAD") or "?") +
                  (" + uncommitted changes in qualcode/" if dirty else ""),
    }


def machine_line(info: dict) -> str:
    return (f"{info['date']}; {info['cores']} cores ({info['cpu']}); Python {info['python']}; "
            f"SQLite {info['sqlite']}; qualcode at {info['commit']}; "
            f"load average {info['load']} when the run ended")


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table (also readable when printed)."""
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    def line(cells):
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def mib(kib: int) -> str:
    return f"{kib / 1024:.0f} MiB"


def update_readme(section: str, body: str) -> None:
    """Replace (or append) the block between the ``results:<section>`` markers."""
    begin, end = f"<!-- results:{section} begin -->", f"<!-- results:{section} end -->"
    block = f"{begin}\n{body.strip()}\n{end}"
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        if "\n## Results" not in text:
            text = text.rstrip("\n") + "\n\n## Results\n"
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")
    print(f"updated {README.relative_to(ROOT)} (results: {section})", file=sys.stderr)
