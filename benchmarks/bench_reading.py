"""Reading view of Retrieved Segments (F10) with 10,000 coded segments.

Ten 2-hour transcripts (~20,000 words each, as in bench_tui.py) with 1,000 coded segments
each (20 codes; every 10th segment commented, every 5th weighted). Measured headless
(Textual's run_test at 80×24), median of several runs, after the workbench's start-up:
* open: from F10 until the reading view has painted its first page (count + one page of 50
  segments from SQL on the database thread, wrapping, first paint);
* sort by code / by weight, only commented: key press until the new first page is painted;
* next page: cursor onto the last loaded segment until the next 50 are appended and painted;
* page down: one PageDown keystroke to repaint within loaded segments;
and for contrast what paging avoids: loading all 10,000 segments with their texts
(``query_segments`` without a limit, no drawing at all). Goal: open within 300 ms.

Run: python benchmarks/bench_reading.py [--documents 10] [--per-document 1000] [--runs 5]
     [--no-readme]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from textual.geometry import Region  # noqa: E402

from bench_tui import transcript  # noqa: E402
from common import machine, machine_line, table, update_readme  # noqa: E402
from qualcode.domain.models import NewDocument  # noqa: E402
from qualcode.domain.text import normalize_text  # noqa: E402
from qualcode.domain.transcript import parse_transcript  # noqa: E402
from qualcode.store import codes, coders, documents  # noqa: E402
from qualcode.store.project import Project, new_guid, utc_now  # noqa: E402
from qualcode.store.segments import SegmentFilter, query_segments  # noqa: E402
from qualcode.tui.app import QualcodeApp  # noqa: E402
from qualcode.tui.screens.reading import ReadingScreen, SegmentReader  # noqa: E402

SIZE = (80, 24)


def build_project(path: Path, document_count: int, per_document: int, words: int) -> int:
    """The project; returns the number of segments."""
    rng = random.Random(11)
    rows = []
    with Project.create(path) as project:
        code_ids = [codes.add_code(project, f"Thema {i // 5}/Aspekt {i:02d}").id
                    for i in range(20)]
        coder = coders.ensure_coder(project, "bench")
        for d in range(document_count):
            text = normalize_text(transcript(words, seed=100 + d))
            documents.add_document(project, NewDocument(
                f"Interview-{d + 1:02d}", text, f"i{d}.txt", "txt", "UTF-8",
                parse_transcript(text)))
            document_id = d + 1
            spans = set()
            while len(spans) < per_document:
                start = rng.randrange(0, len(text) - 600)
                spans.add((start, start + rng.randint(30, 600), rng.choice(code_ids)))
            for n, (start, end, code_id) in enumerate(sorted(spans)):
                comment = "Schlüsselstelle, nochmal ansehen" if n % 10 == 0 else ""
                weight = rng.choice((20, 50, 80, 100)) if n % 5 == 0 else 0
                rows.append((new_guid(), document_id, code_id, coder.id, start, end, comment,
                             weight))
        now = utc_now()
        with project.transaction("bench segments"):
            project.db.conn.executemany(
                'INSERT INTO segments (guid, document_id, code_id, coder_id, start, "end", '
                "comment, weight, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(*row, now, now) for row in rows])
    return len(rows)


def paint(widget) -> None:
    """Render the visible lines now (what the compositor would ask for)."""
    widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))


async def until(predicate) -> None:
    while not predicate():
        await asyncio.sleep(0.0005)


async def reading_runs(path: Path, runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {k: [] for k in
                                     ("open", "code", "weight", "commented", "next", "pagedown")}
    for _ in range(runs):
        app = QualcodeApp(path, "bench")
        async with app.run_test(size=SIZE) as pilot:
            while app.state is None or not app.sentences_ready:
                await pilot.pause(0.01)
            await pilot.pause(0.3)
            t0 = time.perf_counter()
            app.action_read_retrieved()
            await until(lambda: isinstance(app.screen, ReadingScreen) and app.screen.segments)
            screen = app.screen
            reader = screen.query_one(SegmentReader)
            paint(reader)
            times["open"].append(time.perf_counter() - t0)
            await pilot.pause()

            for name, action in (("code", screen.action_cycle_order),
                                 ("weight", screen.action_cycle_order),
                                 ("commented", screen.action_toggle_commented)):
                await pilot.pause(0.05)
                t0 = time.perf_counter()
                action()
                await until(lambda: bool(screen.segments))
                paint(reader)
                times[name].append(time.perf_counter() - t0)
            screen.action_toggle_commented()
            screen.action_cycle_order()  # back to document order
            await until(lambda: bool(screen.segments) and screen.query_state.order == "document")
            await pilot.pause(0.1)

            loaded = len(screen.segments)
            t0 = time.perf_counter()
            reader.highlighted = loaded - 1
            await until(lambda: len(screen.segments) > loaded)
            paint(reader)
            times["next"].append(time.perf_counter() - t0)
            await pilot.pause(0.1)

            reader.highlighted = 0
            await pilot.pause(0.1)
            t0 = time.perf_counter()
            reader.action_page_down()
            paint(reader)
            times["pagedown"].append(time.perf_counter() - t0)
            await pilot.pause()
            app.exit()
    return times


def load_everything(path: Path, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        with Project.open(path) as project:
            t0 = time.perf_counter()
            query_segments(project, SegmentFilter())
            out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10)
    parser.add_argument("--per-document", type=int, default=1000)
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-readme", action="store_true", help="print only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reading.qualcode"
        total = build_project(path, args.documents, args.per_document, args.words)
        times = asyncio.run(reading_runs(path, args.runs))
        everything = load_everything(path, args.runs)
    med = statistics.median
    rows = [
        ["open the reading view (F10 → first page painted)", med(times["open"])],
        ["sort by code (o → new first page painted)", med(times["code"])],
        ["sort by weight (o)", med(times["weight"])],
        ["only commented segments (;)", med(times["commented"])],
        ["next page (cursor on the last loaded segment)", med(times["next"])],
        ["PageDown within loaded segments", med(times["pagedown"])],
        ["for contrast: load all segments with texts, no drawing", med(everything)],
    ]
    body = (f"### Reading view of Retrieved Segments (`bench_reading.py`, {total:,} segments)\n\n"
            f"{args.documents} two-hour transcripts ({args.words:,} words each), "
            f"{args.per_document:,} coded segments each, 80×24, median of {args.runs} runs. "
            f"Goal: open within 300 ms.\n\n"
            + table(["measure", "time"], [[name, f"{value * 1000:.0f} ms"]
                                         for name, value in rows])
            + f"\n\n{machine_line(machine())}\n")
    print(body)
    if not args.no_readme:
        update_readme("reading", body)


if __name__ == "__main__":
    main()
