"""Writing export files safely: a reader never sees half a file, and a set of files (a
Markdown report and its charts) appears together or not at all.

Every path is first checked by :func:`qualcode.exports.output_paths.check_output` (no project,
database, backup, folder or symbolic link is ever written). The files are then written into
a private staging folder beside their target (:mod:`qualcode.exports.staging`), flushed to
disk and renamed into place; the first file of a set is placed last, so a report's ``.md``
appears only once its charts are there. If any step fails, the files already placed are put
back as they were and the staging folder is removed.
Devices, pipes and the process's own streams (``/dev/stdout``) are written directly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from qualcode.domain.control_chars import escape_controls
from qualcode.domain.errors import InputError
from qualcode.exports.output_paths import DEFAULT_FOLDER, OutputTarget, check_output
from qualcode.exports.staging import StagingFolder, signals_deferred

__all__ = ["DEFAULT_FOLDER", "write_atomically", "write_together"]

# Read once at import (os.umask can only be read by setting it) so output files get the
# permissions any other program would give them.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomically(path: Path, data: bytes, *, follow_symlinks: bool = False) -> None:
    """Write ``data`` to ``path``: checked, staged, renamed into place (see the module).

    Raises :class:`~qualcode.exports.output_paths.OutputRefused` for a path an export may
    not write, and :class:`InputError` naming the path when writing fails; in both cases
    nothing was written. qualcode's default output folder is created on demand: a missing
    folder named ``exports`` whose own parent folder exists.
    """
    write_together([(path, data)], follow_symlinks=follow_symlinks)


def write_together(files: Sequence[tuple[Path, bytes]], *,
                   follow_symlinks: bool = False) -> list[Path]:
    """Write several files as one set: every path is checked before anything is written,
    the files are staged and then renamed into place, the first one last; if one fails,
    those already placed are restored (or removed when they were new).

    Devices and streams in the set (``/dev/stdout``) are written after the files, directly.
    Returns the paths written (the link targets when links were followed). Raises as
    :func:`write_atomically`.
    """
    targets = [(check_output(path, follow_symlinks=follow_symlinks), data)
               for path, data in files]
    seen = [t.path.absolute() for t, _ in targets if t.is_file]
    if len(set(seen)) != len(seen):
        raise ValueError("an export set names the same file twice")
    regular = [(t, data) for t, data in targets if t.is_file]
    if regular:
        _commit(regular)
    for target, data in targets:
        if not target.is_file:
            _write_direct(target, data)
    return [t.path for t, _ in targets]


def _make_default_folder(folder: Path) -> bool:
    """Create the missing default ``exports`` folder; True when it was created."""
    if folder.is_dir():
        return False
    try:
        folder.mkdir()
    except FileExistsError:
        return False
    except OSError as error:
        raise InputError(f"{folder}: cannot create folder ({error.strerror})") from None
    return True


def _commit(files: list[tuple[OutputTarget, bytes]]) -> None:
    mode = 0o666 & ~_UMASK
    folders = list(dict.fromkeys(t.path.parent for t, _ in files))
    created = [f for f in folders if _make_default_folder(f)]
    stagings: dict[Path, StagingFolder] = {}
    current = files[0][0].path
    try:
        with signals_deferred():
            try:
                for folder in folders:
                    current = next(t.path for t, _ in files if t.path.parent == folder)
                    stagings[folder] = StagingFolder(folder)
                staged: list[tuple[Path, Path, StagingFolder]] = []
                for index, (target, data) in enumerate(files):
                    current = target.path
                    staging = stagings[target.path.parent]
                    staged.append((target.path, staging.write(str(index), data, mode),
                                   staging))
                # The first file (the report) last: it appears once everything it links is there.
                _place([*staged[1:], staged[0]])
            finally:
                for staging in stagings.values():
                    staging.remove()
    except OSError as error:
        for folder in created:
            _remove_empty(folder)
        raise InputError(f"{current}: cannot write ({error.strerror or error})") from None
    except BaseException:
        for folder in created:
            _remove_empty(folder)
        raise


def _place(staged: list[tuple[Path, Path, StagingFolder]]) -> None:
    """Rename each staged file onto its target; on any failure put back what was replaced."""
    placed: list[tuple[Path, Path | None]] = []
    try:
        for number, (target, staged_file, staging) in enumerate(staged):
            kept = staging.keep(target, f"old-{number}")
            os.replace(staged_file, target)
            placed.append((target, kept))
    except BaseException:
        for target, kept in reversed(placed):
            try:
                if kept is not None:
                    os.replace(kept, target)
                else:
                    os.unlink(target)
            except OSError:
                pass  # best effort: the original error is the one to report
        raise


def _remove_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def _for_terminal(data: bytes) -> bytes:
    """Text bound for a terminal with its control characters escaped (newlines and tabs
    kept), as the command line prints it; bytes that are not UTF-8 text are left alone."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return escape_controls(text.replace("\r\n", "\n"), keep="\n\t").encode("utf-8")


def _write_direct(target: OutputTarget, data: bytes) -> None:
    """Write to a device, pipe or one of this process's open descriptors, as it is (text
    for a terminal with its control characters escaped)."""
    try:
        if target.descriptor is not None:
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (AttributeError, OSError, ValueError):
                    pass
            if os.isatty(target.descriptor):
                data = _for_terminal(data)
            view = memoryview(data)
            while view:
                view = view[os.write(target.descriptor, view):]
        else:
            with open(target.path, "wb") as stream:
                if stream.isatty():
                    data = _for_terminal(data)
                stream.write(data)
    except OSError as error:
        raise InputError(f"{target.path}: cannot write ({error.strerror or error})") from None
