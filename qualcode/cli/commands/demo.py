"""``qualcode demo [--out DIR]``: build the demo project and its report files."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import yaml

from qualcode.analysis.frequencies import code_frequencies
from qualcode.cli.commands.open_workbench import run_workbench
from qualcode.cli.common import opened
from qualcode.cli.output import message
from qualcode.exports import frequencies as frequency_export
from qualcode.exports import quotes as quote_export
from qualcode.exports.refi import export_qdpx
from qualcode.importers.demo import MANIFEST, build_demo, find_demo_data


def manifest_survey_group(data: Path) -> str | None:
    """The document group of the demo's survey respondents, if the demo has a survey."""
    manifest = yaml.safe_load((data / MANIFEST).read_text(encoding="utf-8"))
    return (manifest.get("survey") or {}).get("group")


@click.command()
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              default=Path("exports"), show_default=True,
              help="Folder for the demo project and its exports.")
@click.option("--data", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder with demo.yaml (default: ./transcripts of the qualcode checkout).")
@click.option("--no-open", is_flag=True,
              help="Do not open the workbench afterwards (the default when not in a terminal).")
def demo(out: Path, data: Path | None, no_open: bool) -> None:
    """Build the demo project from transcripts/ and codebooks/, coded by two coders, write a
    frequency table and a quote collection into --out, then open the workbench on it when
    running in a terminal."""
    data = find_demo_data(data)
    report = yaml.safe_load((data / MANIFEST).read_text(encoding="utf-8")).get("report", {})
    out.mkdir(parents=True, exist_ok=True)
    project_path = out / "demo.qualcode"
    result = build_demo(data, project_path)
    documents = sum(r.count("imported") for r in result.imports)
    message(f"built {project_path}: {documents} documents, {result.codes} codes, " + ", ".join(
        f"{count} segments by {coder}" for coder, count in result.segments.items()))
    if result.respondents:
        message(f"  and {result.respondents} survey respondents (open answers coded by question)")
    if result.backup is not None:
        message(f"  the previous {project_path.name} was kept as {result.backup}")
    coder = report.get("coder")
    groups = report.get("groups")
    written = []
    with opened(project_path) as project:
        for by, name in ((None, "frequencies"), (report.get("by"), "frequencies-by-kommune")):
            table = code_frequencies(project, rollup=True, coder=coder, by=by, groups=groups)
            for fmt in ("csv", "md", "xlsx"):
                path = out / f"{name}.{fmt}"
                frequency_export.write(table, path, fmt)
                written.append(path)
        survey = manifest_survey_group(data)
        if survey:
            table = code_frequencies(project, rollup=True, groups=[survey])
            written.append(out / "survey-frequencies.md")
            frequency_export.write(table, written[-1], "md")
        chapters = quote_export.collect_quotes(project, None, coder,
                                               report.get("attribution", "group"), groups=groups)
        for fmt in ("md", "docx"):
            path = out / f"quotes.{fmt}"
            quote_export.write(chapters, path, fmt)
            written.append(path)
        written.append(out / "demo.qdpx")  # the project for MAXQDA, ATLAS.ti, NVivo (REFI-QDA)
        export_qdpx(project, written[-1])
    for path in written:
        message(f"wrote {path}")
    message(f"explore it: qualcode segments {project_path} --code 'ABH-Kooperation'")
    if not no_open and sys.stdin.isatty() and sys.stdout.isatty():
        message(f"opening the workbench on {project_path} (ctrl+q quits; --no-open skips this)")
        run_workbench(project_path, coder)
