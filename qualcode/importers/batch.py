"""Import files and folders into a project: each file completely or not at all."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.domain.errors import InputError, QualcodeError
from qualcode.importers.reader import read_document, supported_suffixes
from qualcode.store.documents import DuplicateDocumentError, add_document
from qualcode.store.project import Project


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file: ``status`` is ``imported``, ``skipped`` or ``failed``."""

    path: Path
    status: str
    message: str
    document: str | None = None
    encoding: str | None = None
    turns: int = 0
    notes: tuple[str, ...] = ()


@dataclass
class ImportReport:
    """Outcomes of one import run, in file order."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> bool:
        return self.count("failed") > 0


def collect_files(paths: Iterable[Path], recursive: bool = False) -> tuple[list[Path], list[Path]]:
    """Expand folders into their importable files (sorted by name).

    Returns ``(files, ignored)``: explicit files are always returned (an unsupported one fails
    later with a message); in folders, hidden files, Office lock files (``~$...``) and files of
    other types are ``ignored``. Entries of a folder that are not regular files (a FIFO, a
    link to a device, a symbolic link loop) but have an importable ending are returned, so
    that they fail with their reason instead of vanishing.
    """
    files: list[Path] = []
    ignored: list[Path] = []
    suffixes = set(supported_suffixes())
    for path in paths:
        if path.is_dir():
            pattern = "**/*" if recursive else "*"
            for child in sorted(path.glob(pattern)):
                if child.is_dir():
                    continue
                if child.name.startswith((".", "~$")) or child.suffix.lower() not in suffixes:
                    ignored.append(child)
                else:
                    files.append(child)
        else:
            files.append(path)
    return files, ignored


def import_paths(
    project: Project,
    paths: Iterable[Path],
    group: str | None = None,
    *,
    recursive: bool = False,
    actor: str | None = None,
    encoding: str | None = None,
    progress: Callable[[int, int, FileOutcome], None] | None = None,
) -> ImportReport:
    """Import transcript files and folders into ``project``.

    The run is one transaction (one step for undo) and each file a savepoint inside it, so a
    file imports completely or not at all: a file that cannot be read fails with a one-line
    message and the others still import; a text already in the project (same SHA-256) is
    skipped. An exception that escapes (e.g. ``KeyboardInterrupt``) keeps nothing of the run.
    ``encoding``: ``None`` (detect), ``"utf-8-repair"`` or a codec name, for every file (see
    :func:`qualcode.importers.reader.read_document`). ``progress(done, total, outcome)`` is
    called after each file.
    """
    files, ignored = collect_files(paths, recursive)
    report = ImportReport(ignored=ignored)
    if not files:
        return report
    action = f"import {files[0].name}" if len(files) == 1 else f"import {len(files)} files"
    # One commit instead of one per file: on a folder of small transcripts the commits
    # were a seventh of the import time.
    try:
        with project.transaction(action, actor):
            for number, path in enumerate(files, start=1):
                outcome = _import_one(project, path, group, actor, encoding)
                report.outcomes.append(outcome)
                if progress is not None:
                    progress(number, len(files), outcome)
            if not report.count("imported"):
                raise _NothingImported  # not even an empty entry in the event log stays
    except _NothingImported:
        pass
    return report


class _NothingImported(Exception):
    """Rolls back a run in which every file was skipped or failed."""


def _import_one(project: Project, path: Path, group: str | None, actor: str | None,
                encoding: str | None) -> FileOutcome:
    try:
        new = read_document(path, encoding=encoding)
    except QualcodeError as error:
        return FileOutcome(path, "failed", str(error))
    except (OSError, ValueError, UnicodeError) as error:  # last line of defence: one line
        return FileOutcome(path, "failed", str(InputError(f"{path}: {error}")))
    try:
        document = add_document(project, new, group=group, actor=actor)
    except DuplicateDocumentError as error:
        return FileOutcome(path, "skipped", str(error), document=error.existing)
    except QualcodeError as error:
        # The store names the file by its name; the import names it as it was given.
        message = str(error)
        if message.startswith(f"{new.source_name}: "):
            message = f"{path}: " + message[len(new.source_name) + 2:]
        return FileOutcome(path, "failed", message)
    except (OSError, ValueError, UnicodeError) as error:  # last line of defence: one line
        return FileOutcome(path, "failed", str(InputError(f"{path}: {error}")))
    renamed = f" (renamed: {new.name} was taken)" if document.name != new.name else ""
    return FileOutcome(
        path, "imported",
        f"{path}: imported as {document.name}{renamed} — {new.source_format}, "
        f"{document.encoding or 'n/a'}, {document.turns} turns, "
        f"{len(document.variables)} variables",
        document=document.name, encoding=document.encoding, turns=document.turns,
        notes=new.notes,
    )
