"""``qualcode merge TARGET SOURCE...``: bring coders' copies into one project."""

from __future__ import annotations

import json
from pathlib import Path

import click

from qualcode.cli.common import opened
from qualcode.cli.output import message, write_stdout
from qualcode.store.merge import MergeConflictError, MergeReport, merge_projects


def _summary(report: MergeReport) -> list[str]:
    lines = []
    for s in report.sources:
        lines.append(
            f"{s.path}: {s.documents_matched} document(s) matched by text, "
            f"{len(s.documents_added)} added; {s.codes_matched} code(s) matched "
            f"({len(s.codes_matched_by_path)} by path), {len(s.codes_added)} added; "
            f"{len(s.coders_added)} coder(s) added{': ' if s.coders_added else ''}"
            f"{', '.join(s.coders_added)}; {s.segments_added} coded segment(s) added, "
            f"{s.segments_present} already there; {s.memos_added} memo(s) added, "
            f"{s.memos_present} already there")
        lines += [f"  note: {note}" for note in s.notes]
    return lines


def _record(report: MergeReport) -> dict:
    return {"dry_run": report.dry_run, "conflicts": report.conflicts, "sources": [
        {"path": str(s.path), "documents_matched": s.documents_matched,
         "documents_added": s.documents_added, "codes_matched": s.codes_matched,
         "codes_matched_by_path": s.codes_matched_by_path, "codes_added": s.codes_added,
         "coders_added": s.coders_added, "segments_added": s.segments_added,
         "segments_present": s.segments_present, "memos_added": s.memos_added,
         "memos_present": s.memos_present, "notes": s.notes} for s in report.sources]}


@click.command()
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("sources", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and count, change nothing.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text",
              show_default=True, help="json prints the summary as one object on stdout.")
def merge(target: Path, sources: tuple[Path, ...], dry_run: bool, fmt: str) -> None:
    """Merge coders' copies (SOURCE...) into TARGET: documents matched by text hash, codes by
    GUID then path, coders kept apart, segments and memos by GUID (merging twice adds
    nothing). Any conflict aborts the merge and is listed; TARGET is then unchanged.
    """
    with opened(target) as project:
        try:
            report = merge_projects(project, list(sources), dry_run=dry_run)
        except MergeConflictError as error:
            for conflict in error.report.conflicts:
                message(f"conflict: {conflict}")
            if fmt == "json":
                write_stdout(json.dumps(_record(error.report), ensure_ascii=False,
                                        indent=2) + "\n")
            raise
    if fmt == "json":
        write_stdout(json.dumps(_record(report), ensure_ascii=False, indent=2) + "\n")
    for line in _summary(report):
        message(line)
    message("dry run: nothing was changed" if dry_run else f"merged into {target}")
