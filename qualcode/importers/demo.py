"""The demo project: transcripts, codebook and two coders' codings from the repository.

``transcripts/demo.yaml`` names the codebook, the document groups (file-name patterns), the
codings files and a survey table (imported with :func:`qualcode.importers.survey.import_survey`).
"""

from __future__ import annotations

import fnmatch
import os
import tempfile
from datetime import datetime, timezone
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from qualcode.domain.errors import InputError
from qualcode.importers.batch import ImportReport, import_paths
from qualcode.importers.codebook import import_codebook
from qualcode.importers.codings import apply_codings
from qualcode.importers.input_file import describe_read_error
from qualcode.importers.survey import import_survey
from qualcode.store.project import Project

MANIFEST = "demo.yaml"


@dataclass
class DemoResult:
    """What the demo build did."""

    project: Path
    imports: list[ImportReport] = field(default_factory=list)
    codes: int = 0
    segments: dict[str, int] = field(default_factory=dict)
    respondents: int = 0
    backup: Path | None = None


def find_demo_data(start: Path | None = None) -> Path:
    """The ``transcripts/`` folder holding ``demo.yaml``: under the working directory or the
    qualcode source checkout. Raises :class:`InputError` when neither has it."""
    candidates = []
    if start is not None:
        candidates.append(start)
    candidates += [Path.cwd() / "transcripts", Path(__file__).resolve().parents[2] / "transcripts"]
    for candidate in candidates:
        if (candidate / MANIFEST).is_file():
            return candidate
    raise InputError(
        "demo data not found: run qualcode demo in the qualcode folder (it needs "
        "transcripts/demo.yaml)"
    )


def build_demo(data: Path, project_path: Path) -> DemoResult:
    """Build the demo project at ``project_path``; an older file there is renamed to
    ``<name>.backup-<UTC time>`` first (reported in :attr:`DemoResult.backup`).

    The project is built in a temporary file next to ``project_path`` and renamed into place
    at the end, so an interrupted build leaves nothing half-written.
    """
    manifest_path = data / MANIFEST
    try:
        manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InputError(f"{manifest_path}: unreadable ({describe_read_error(error)})") from None
    project_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".demo-", suffix=".qualcode",
                                         dir=project_path.parent)
    os.close(handle)
    os.unlink(temporary)
    result = DemoResult(project_path)
    try:
        with Project.create(temporary) as project:
            import_codebook(project, (data / manifest["codebook"]).resolve())
            files = sorted(p for p in data.iterdir() if p.is_file() and p.name != MANIFEST)
            for group, patterns in manifest["groups"].items():
                chosen = [p for p in files if any(fnmatch.fnmatch(p.name, pat) for pat in patterns)]
                report = import_paths(project, chosen, group)
                if report.failed:
                    failed = next(o for o in report.outcomes if o.status == "failed")
                    raise InputError(failed.message)
                result.imports.append(report)
            for pattern in manifest.get("codings", []):
                for path in sorted(data.glob(pattern)):
                    applied = apply_codings(project, path)
                    for coder, count in applied.created.items():
                        result.segments[coder] = result.segments.get(coder, 0) + count
            survey = manifest.get("survey")
            if survey:
                result.respondents = len(import_survey(
                    project, data / survey["file"], id_column=survey["id"],
                    text_columns=survey["text"], variable_columns=survey.get("variables", []),
                    group=survey.get("group"), parent=survey.get("parent"),
                    coder=survey.get("coder")).documents)
            result.codes = project.db.execute("SELECT count(*) FROM codes").fetchone()[0]
        if project_path.exists():
            # A demo project someone has worked in is kept, never silently overwritten.
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            result.backup = project_path.with_name(f"{project_path.name}.backup-{stamp}")
            os.replace(project_path, result.backup)
        os.replace(temporary, project_path)
    finally:
        for leftover in (temporary, temporary + "-wal", temporary + "-shm"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return result
