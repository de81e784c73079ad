"""``qualcode demo --out DIR``: the demo project, coded by lena and jonas, and its exports."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from support import ROOT

from cli.conftest import ok, run

EXPORTS = ["demo.qualcode", "frequencies.csv", "frequencies.md", "frequencies.xlsx",
           "frequencies-by-kommune.csv", "frequencies-by-kommune.md",
           "frequencies-by-kommune.xlsx", "quotes.md", "quotes.docx", "demo.qdpx",
           "survey-frequencies.md"]


def _listing(folder: Path) -> list[tuple[str, int, float]]:
    if not folder.exists():
        return []
    return sorted((str(p.relative_to(folder)), p.stat().st_size, p.stat().st_mtime)
                  for p in folder.rglob("*"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo") / "nested" / "out"  # created by the command
    repository_exports = _listing(ROOT / "exports")
    result = run("demo", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    # Nothing is written into the repository when --out points elsewhere.
    assert _listing(ROOT / "exports") == repository_exports
    return out, result.stderr


def test_demo_writes_the_project_and_every_export(demo: tuple[Path, str]):
    out, messages = demo
    assert sorted(p.name for p in out.iterdir()) == sorted(EXPORTS)
    for name in EXPORTS:
        assert f"wrote {out / name}" in messages or name == "demo.qualcode"


def test_eight_interviews_in_two_groups_and_the_survey(demo: tuple[Path, str]):
    out, messages = demo
    documents = json.loads(ok("documents", out / "demo.qualcode", "--format", "json").stdout)
    groups = [d["group"] for d in documents]
    assert groups.count("THM-Interviews") == 4
    assert groups.count("Reflexionsgespräche") == 4
    assert groups.count("Arbeitshilfe 2020") == 16
    assert f"built {out / 'demo.qualcode'}: 8 documents" in messages
    assert "16 survey respondents" in messages


def test_two_coders_have_segments(demo: tuple[Path, str]):
    out, messages = demo
    coders = {c["name"]: c["segments"] for c in json.loads(
        ok("coders", "list", out / "demo.qualcode", "--format", "json").stdout)}
    # lena and jonas coded the interviews; the survey's open answers are coded by question
    assert set(coders) == {"lena", "jonas", "Fragebogen"}
    assert coders["lena"] > 0 and coders["jonas"] > 0 and coders["Fragebogen"] > 0
    counts = {coder: int(n) for n, coder in re.findall(r"(\d+) segments by (\w+)", messages)}
    assert counts == {"lena": coders["lena"], "jonas": coders["jonas"]}


def test_frequencies_agree_with_the_retrieved_segments(demo: tuple[Path, str]):
    out, _ = demo
    project = out / "demo.qualcode"
    rows = list(csv.DictReader(io.StringIO(
        (out / "frequencies.csv").read_text(encoding="utf-8"))))
    top_level = [r for r in rows if r["depth"] == "0"]
    assert top_level
    # The demo report counts lena's codings with subcodes rolled into their parents.
    for row in top_level:
        found = json.loads(ok("segments", project, "--code", row["code"],
                              "--coder", "lena", "--format", "json").stdout)
        assert int(row["segments"]) == len(found), row["code"]
        documents = {s["document"] for s in found}
        assert int(row["documents"]) == len(documents)
        assert float(row["documents_percent"]) == round(100 * len(documents) / 8, 1)


def test_frequencies_by_kommune_and_xlsx(demo: tuple[Path, str]):
    from openpyxl import load_workbook

    out, _ = demo
    documents = json.loads(ok("documents", out / "demo.qualcode", "--format", "json").stdout)
    kommunen = sorted({d["variables"]["Kommune"] for d in documents})
    reader = csv.DictReader(io.StringIO(
        (out / "frequencies-by-kommune.csv").read_text(encoding="utf-8")))
    rows = list(reader)
    for value in kommunen:
        assert f"segments[{value}]" in (reader.fieldnames or [])
    for row in rows:  # the columns add up to the total
        assert sum(int(row[f"segments[{v}]"]) for v in kommunen) == int(row["segments"])
    sheet = load_workbook(out / "frequencies.xlsx").active
    values = [r for r in sheet.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(values) if r[0] == "Code")
    plain = list(csv.DictReader(io.StringIO((out / "frequencies.csv").read_text("utf-8"))))
    assert [(r[0], r[1], r[2]) for r in values[header + 1:]] == [
        (r["code"], int(r["segments"]), int(r["documents"])) for r in plain]
    assert "n = 8" in (out / "frequencies.md").read_text(encoding="utf-8")


def test_quotes_by_theme_attributed_to_group_and_kommune(demo: tuple[Path, str]):
    import docx

    out, _ = demo
    text = (out / "quotes.md").read_text(encoding="utf-8")
    chapters = re.findall(r"^## (\d+ .+)$", text, flags=re.MULTILINE)
    assert chapters
    sources = re.findall(r"^> — (.+)$", text, flags=re.MULTILINE)
    assert sources
    assert all(s.startswith(("THM-Interviews, ", "Reflexionsgespräche, ")) for s in sources)
    assert all(re.search(r"Z\. \d+", s) for s in sources)
    headings = [p.text for p in docx.Document(out / "quotes.docx").paragraphs
                if p.style.name == "Heading 1"]
    assert headings == chapters
