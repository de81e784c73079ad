"""Navigation speed in the Document Browser: go to line and end of document on a 2-hour
transcript (~20,000 words) with 1,000 coded segments, against a plain read-only TextArea
(soft wrap, line numbers) doing the same jump.

Measured headless (Textual's run_test, 120×40), jump plus painting the visible lines from
cold line caches; per run the best of ``--repeat`` jumps (the cursor is put back at the top
between jumps), then the median of ``--runs`` runs:
* go to line: ``DocumentBrowser.go_to_line(n)`` (what ``:`` n ``Enter`` runs after the prompt)
  vs. ``TextArea.move_cursor((n - 1, 0), center=True)``;
* end of document: ``ctrl+end`` (``action_document_end``) vs. ``move_cursor`` to the end with
  ``scroll_end``.

Run: python benchmarks/bench_navigation.py [--line 540] [--runs 5] [--repeat 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_tui import Floor, build_project, paint  # noqa: E402
from textual.widgets import TextArea  # noqa: E402

from qualcode.tui.app import QualcodeApp  # noqa: E402
from qualcode.tui.widgets.browser import DocumentBrowser  # noqa: E402
from qualcode.tui.widgets.document_system import DocumentSystem  # noqa: E402


def timed(jump, widget, reset, repeat: int) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds (of the interface thread) of ``jump()`` + paint over
    ``repeat`` jumps from the top. The best, not the median: the machine is shared, and other
    processes only ever add time; the thread's CPU time is not inflated by them at all.

    Every jump paints from cold caches, as a jump to a new place in a long transcript does."""
    wall, cpu = [], []
    for _ in range(repeat):
        reset()
        paint(widget)
        widget._line_cache.clear()
        widget._styles_cache.clear()
        c0, t0 = time.thread_time(), time.perf_counter()
        jump()
        paint(widget)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
    return min(wall), min(cpu)


async def floor_runs(text: str, line: int, runs: int, repeat: int, size):
    """The floor, sized and bordered as the Document Browser is in the workbench at 120×40
    (the same number of lines to paint)."""
    goto, end = [], []
    last = text.count("\n")
    for _ in range(runs):
        app = Floor()
        async with app.run_test(size=(120, 40)) as pilot:
            area = app.query_one(TextArea)
            area.styles.width, area.styles.height = size
            area.styles.border = ("round", "grey")
            area.focus()
            area.load_text(text)
            await pilot.pause()

            def reset() -> None:
                area.move_cursor((0, 0))
                area.scroll_home(animate=False, immediate=True)

            def to_end() -> None:
                area.move_cursor((last, len(area.document[last])))
                area.scroll_end(animate=False, immediate=True)

            goto.append(timed(lambda: area.move_cursor((line - 1, 0), center=True), area,
                              reset, repeat))
            end.append(timed(to_end, area, reset, repeat))
    return goto, end


async def qualcode_runs(path: Path, line: int, runs: int, repeat: int):
    goto, end, size = [], [], None
    for _ in range(runs):
        app = QualcodeApp(path, "bench")
        async with app.run_test(size=(120, 40)) as pilot:
            while app.state is None:
                await pilot.pause(0.01)
            browser = app.query_one(DocumentBrowser)
            app.query_one(DocumentSystem).post_message(
                DocumentSystem.Opened(app.state.documents[0].id))
            while browser.view is None:
                await pilot.pause(0.01)
            await pilot.pause(0.3)
            size = (browser.outer_size.width, browser.outer_size.height)
            goto.append(timed(lambda: browser.go_to_line(line), browser,
                              browser.action_document_start, repeat))
            end.append(timed(browser.action_document_end, browser,
                             browser.action_document_start, repeat))
    return goto, end, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--segments", type=int, default=1_000)
    parser.add_argument("--line", type=int, default=540)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.qualcode"
        text = build_project(path, args.words, args.segments)
        line = min(args.line, text.count("\n") + 1)
        goto, end, size = asyncio.run(qualcode_runs(path, line, args.runs, args.repeat))
        floor_goto, floor_end = asyncio.run(floor_runs(text, line, args.runs, args.repeat,
                                                       size))
    def med(runs: list[tuple[float, float]], index: int) -> float:
        return statistics.median(run[index] for run in runs)

    print(f"transcript: {len(text.split()):,} words, {text.count(chr(10)) + 1:,} lines, "
          f"{args.segments:,} coded segments; median of {args.runs} runs, each the best of "
          f"{args.repeat} jumps; browser and floor {size[0]}×{size[1]} cells")
    print(f"{'jump + repaint':<24}{'qualcode':>10}{'floor':>10}{'ratio':>7}"
          f"{'CPU qualcode':>14}{'CPU floor':>11}{'ratio':>7}")
    for name, ours, floor in ((f"go to line {line}", goto, floor_goto),
                              ("end of document", end, floor_end)):
        w, fw, c, fc = med(ours, 0), med(floor, 0), med(ours, 1), med(floor, 1)
        print(f"{name:<24}{w * 1000:>8.2f}ms{fw * 1000:>8.2f}ms{w / fw:>7.2f}"
              f"{c * 1000:>12.2f}ms{fc * 1000:>9.2f}ms{c / fc:>7.2f}")


if __name__ == "__main__":
    main()
