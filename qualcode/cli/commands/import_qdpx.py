"""``qualcode import-qdpx PROJECT FILE.qdpx``: import a REFI-QDA project."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.cli.common import opened, project_argument
from qualcode.cli.encoding_option import encoding_option
from qualcode.cli.output import message
from qualcode.importers.qdpx import QdpxImport, import_qdpx

_WORDS = {"documents": "document(s)", "codes": "code(s)", "coders": "coder(s)",
          "codings": "coding(s)", "memos": "memo(s)", "variables": "variable(s)",
          "document groups": "document group(s)"}


def _counts(counter) -> str:
    parts = [f"{counter[key]} {_WORDS[key]}" for key in _WORDS if counter.get(key)]
    parts += [f"{count} {key}" for key, count in counter.items()
              if key not in _WORDS and count]
    return ", ".join(parts) or "nothing"


def summary_lines(report: QdpxImport) -> list[str]:
    """The import summary as printed (messages for stderr)."""
    lines = [f"{report.path} ({report.origin}): imported {_counts(report.came_in)}"]
    if sum(report.matched.values()):
        lines.append(f"  already in the project (matched by GUID, name or text): "
                     f"{_counts(report.matched)}")
    for item in report.skipped:
        lines.append(f"  skipped: {item}")
    if report.left_out:
        lines.append("  not imported (qualcode holds text and its codings): " + ", ".join(
            f"{count} {what}" for what, count in report.left_out.items()))
    for note in report.notes:
        lines.append(f"  note: {note}")
    return lines


@click.command("import-qdpx")
@project_argument
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--coder", default=None, metavar="NAME",
              help="Coder of codings that name no user (default: $QUALCODE_CODER or the "
                   "system user name).")
@click.option("--strict", is_flag=True,
              help="Import nothing when anything would be skipped (a missing source, a coding "
                   "outside its text ...).")
@encoding_option("the text sources inside the archive")
def import_qdpx_command(project: Path, file: Path, coder: str | None, strict: bool,
                        encoding: str | None) -> None:
    """Import a REFI-QDA project (.qdpx) from MAXQDA, ATLAS.ti, NVivo, QualCoder, Taguette ...

    Text sources become documents, codes and coders come with their GUIDs, codings keep their
    coder and time, notes become memos, variables document variables, sets document groups.
    Things already in the project (same GUID, same code path, same text) are matched, not
    duplicated. All or nothing: one transaction, then a summary of what came in and what was
    skipped. The archive is read in memory; unsafe archives are refused.
    """
    with opened(project) as proj:
        report = import_qdpx(proj, file, fallback_coder=coder, strict=strict, encoding=encoding)
    for line in summary_lines(report):
        message(line)
