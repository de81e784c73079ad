"""Workbench speed: a 2-hour transcript (~20,000 words) with 1,000 coded segments.

Measures, headless (Textual's run_test), median of several runs:
* open: from Enter on the document in the Document System until the Document Browser has
  painted its first screen (includes loading text, turns and segments on the database thread),
  after the workbench's start-up (which loads spaCy in the background for sentence selection);
* paint: the browser's own part of that (show_document + layout + rendering the visible lines);
* apply: keypress-to-repaint when applying a recent code (key ``1``) to a selection;
and the floor for each: a plain read-only TextArea (soft wrap, line numbers) showing the same
text — load_text + paint, and a selection keypress (shift+right) + repaint.

Run: python benchmarks/bench_tui.py [--words 20000] [--segments 1000] [--runs 5]
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

from textual.app import App  # noqa: E402
from textual.geometry import Region  # noqa: E402
from textual.widgets import TextArea  # noqa: E402

from qualcode.domain.models import NewDocument  # noqa: E402
from qualcode.domain.text import normalize_text  # noqa: E402
from qualcode.domain.timemarks import format_f4_mark  # noqa: E402
from qualcode.domain.transcript import parse_transcript  # noqa: E402
from qualcode.store import codes, coders, documents  # noqa: E402
from qualcode.store.project import Project, new_guid, utc_now  # noqa: E402
from qualcode.tui.app import QualcodeApp  # noqa: E402
from qualcode.tui.widgets.browser import DocumentBrowser  # noqa: E402
from qualcode.tui.widgets.document_system import DocumentSystem  # noqa: E402

WORDS = ("also ich würde sagen dass die Beratung jetzt über Telefon läuft und die jungen Leute "
         "melden sich eher bei WhatsApp weil das für sie einfacher ist Ausländerbehörde "
         "Jobcenter Träger Maßnahme Sprachkurs Bündnis Teilhabemanagement Förderbaustein "
         "natürlich eigentlich schwierig Überleitung Ausbildung Kooperation Netzwerk").split()


def transcript(words: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = ["Datum: 2020-05-04", "Modus: Video", "Kommune: Kreis", ""]
    written, ms, speaker = 0, 0, "I"
    while written < words:
        n = rng.randint(12, 30) if speaker == "I" else rng.randint(40, 160)
        sentence_words = [rng.choice(WORDS) for _ in range(n)]
        for k in range(8, n, rng.randint(9, 16)):
            sentence_words[k] += "."
        text = " ".join(sentence_words).capitalize() + "."
        ms += int(n / 2.4 * 1000)
        lines += [f"{speaker}: {text} {format_f4_mark(ms)}", ""]
        written += n
        speaker = "B" if speaker == "I" else "I"
    return "\n".join(lines)


def build_project(path: Path, words: int, segment_count: int) -> str:
    text = normalize_text(transcript(words))
    with Project.create(path) as project:
        documents.add_document(project, NewDocument("Zwei-Stunden", text, "x.txt", "txt",
                                                    "UTF-8", parse_transcript(text)))
        code_ids = [codes.add_code(project, f"Code {i:02d}").id for i in range(20)]
        coder = coders.ensure_coder(project, "bench")
        rng = random.Random(3)
        rows = set()
        while len(rows) < segment_count:
            start = rng.randrange(0, len(text) - 400)
            rows.add((start, start + rng.randint(30, 400), rng.choice(code_ids)))
        now = utc_now()
        with project.transaction("bench segments"):
            project.db.conn.executemany(
                'INSERT INTO segments (guid, document_id, code_id, coder_id, start, "end", '
                "created, modified) VALUES (?, 1, ?, ?, ?, ?, ?, ?)",
                [(new_guid(), c, coder.id, s, e, now, now) for s, e, c in rows])
    return text


def paint(widget) -> None:
    """Render the visible lines now (what the compositor would ask for)."""
    widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))


class Floor(App):
    def compose(self):
        yield TextArea("", read_only=True, soft_wrap=True, show_line_numbers=True)


async def floor_runs(text: str, runs: int) -> tuple[list[float], list[float]]:
    loads, keys = [], []
    for _ in range(runs):
        app = Floor()
        async with app.run_test(size=(120, 40)) as pilot:
            area = app.query_one(TextArea)
            area.focus()
            await pilot.pause()
            t0 = time.perf_counter()
            area.load_text(text)
            paint(area)
            loads.append(time.perf_counter() - t0)
            area.move_cursor((200, 0))
            await pilot.pause()
            t0 = time.perf_counter()
            area.action_cursor_right(select=True)  # what shift+right runs
            paint(area)
            keys.append(time.perf_counter() - t0)
    return loads, keys


async def until(predicate) -> None:
    while not predicate():
        await asyncio.sleep(0.0005)


async def qualcode_runs(path: Path, runs: int):
    opens, paints, applies, settled = [], [], [], []
    for _ in range(runs):
        app = QualcodeApp(path, "bench")
        async with app.run_test(size=(120, 40)) as pilot:
            while app.state is None or not app.sentences_ready:
                await pilot.pause(0.01)
            await pilot.pause(0.3)
            browser = app.query_one(DocumentBrowser)
            document_id = app.state.documents[0].id
            t0 = time.perf_counter()
            app.query_one(DocumentSystem).post_message(DocumentSystem.Opened(document_id))
            await until(lambda: browser.view is not None)
            paint(browser)
            opens.append(time.perf_counter() - t0)
            view = app.view
            await pilot.pause()
            t0 = time.perf_counter()
            browser.show_document(view, app.code_colors())
            paint(browser)
            paints.append(time.perf_counter() - t0)
            app.recent = [app.state.codes.codes[0].id]
            start = view.lines.line_start(200)
            browser.select_offsets(start, start + 60)
            await pilot.pause(0.3)
            before = len(view.segments)
            t0 = time.perf_counter()
            browser.action_code_recent(1)  # what the key 1 runs
            await until(lambda: len(app.view.segments) > before)
            paint(browser)
            applies.append(time.perf_counter() - t0)
            await asyncio.get_running_loop().run_in_executor(None, app.db.call, lambda p: None)
            await pilot.pause()
            settled.append(time.perf_counter() - t0)
    return opens, paints, applies, settled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--segments", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.qualcode"
        text = build_project(path, args.words, args.segments)
        floor_load, floor_key = asyncio.run(floor_runs(text, args.runs))
        opens, paints, applies, settled = asyncio.run(qualcode_runs(path, args.runs))
    med = statistics.median
    print(f"transcript: {len(text.split()):,} words, {text.count(chr(10)) + 1:,} lines, "
          f"{args.segments:,} coded segments; median of {args.runs} runs")
    print(f"{'measure':<44}{'qualcode':>10}{'floor':>10}{'ratio':>8}")
    rows = [
        ("open document (DB load + first paint)", med(opens), med(floor_load)),
        ("first paint (browser only)", med(paints), med(floor_load)),
        ("keypress to repaint (apply code vs. select)", med(applies), med(floor_key)),
        ("  … until written and all panels updated", med(settled), med(floor_key)),
    ]
    for name, ours, floor in rows:
        print(f"{name:<44}{ours * 1000:>8.1f}ms{floor * 1000:>8.1f}ms{ours / floor:>8.2f}")


if __name__ == "__main__":
    main()
