"""Reading a ``.qdpx`` archive safely, in memory, without extracting anything to disk.

A REFI-QDA project archive is a ZIP with ``project.qde`` and a flat ``sources/`` folder
(REFI-QDA 1.5, section 8.1). Real exporters deviate (``Project.qde``, ``<Name>.qde``,
``Sources/``, paths without ``internal://``), so members are looked up leniently. Safety is
strict: a member name that climbs out of the archive (``../``, an absolute path, a drive
letter) makes the whole archive refused; members are read only up to a size cap, and a member
whose compression ratio marks a zip bomb is refused before it is decompressed.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.domain.errors import InputError
from qualcode.importers.error_words import zip_error_words
from qualcode.importers.input_file import open_regular
from qualcode.importers.zip_safety import (
    DEFAULT_LIMITS,
    Limits,
    check_count,
    check_member,
    read_member,
    shown_name,
)
from qualcode.importers.zip_safety import unsafe_name as _unsafe

__all__ = ["DEFAULT_LIMITS", "Limits", "QdpxArchive", "open_qdpx"]


@dataclass
class QdpxArchive:
    """An open archive: the ``.qde`` member's bytes and access to the other members.

    ``notes`` collects deviations met while reading (member-name case, ``<Name>.qde``).
    """

    path: Path
    zip: zipfile.ZipFile
    project_member: str
    project_xml: bytes
    limits: Limits = DEFAULT_LIMITS
    notes: list[str] = field(default_factory=list)
    _by_lower: dict[str, zipfile.ZipInfo] = field(default_factory=dict)
    _read_total: int = 0

    def close(self) -> None:
        """Close the archive and the file it was read from."""
        stream = self.zip.fp
        self.zip.close()
        if stream is not None:
            stream.close()

    def find(self, reference: str) -> zipfile.ZipInfo | None:
        """The member a ``plainTextPath`` or ``path`` refers to, or ``None``.

        ``internal://X`` and a bare ``X`` are looked up as ``sources/X`` and ``X``, case-
        insensitively. Raises :class:`InputError` for a reference that climbs out of the
        archive (``../``), which only a hostile file contains.
        """
        name = reference.strip()
        if name.lower().startswith("internal://"):
            name = name[len("internal://"):]
        if _unsafe(name):
            raise InputError(f"{self.path}: refused: a source path points outside the archive "
                             f"({reference!r})")
        name = name.replace("\\", "/")
        while name.startswith("./"):
            name = name[2:]
        for candidate in (f"sources/{name}", name):
            found = self._by_lower.get(candidate.lower())
            if found is not None:
                return found
        return None

    def read(self, info: zipfile.ZipInfo, cap: int | None = None) -> bytes:
        """The member's bytes, read into memory up to ``cap`` (default: the source cap).

        Raises :class:`InputError` when it is larger than the cap or compressed suspiciously
        well (zip bomb), before decompressing more than the cap.
        """
        return _read_member(self, info, cap or self.limits.source_bytes)


def _read_member(archive: QdpxArchive, info: zipfile.ZipInfo, cap: int) -> bytes:
    limits = archive.limits
    where = f"{archive.path}: {shown_name(info.filename)}"
    check_member(info, cap, limits, where)
    if archive._read_total + info.file_size > limits.total_bytes:
        raise InputError(f"{archive.path}: refused: more than {limits.total_bytes:,} bytes of "
                         "text to read")
    data = read_member(archive.zip, info, cap, where)
    archive._read_total += len(data)
    return data


def open_qdpx(path: Path, limits: Limits = DEFAULT_LIMITS) -> QdpxArchive:
    """Open ``path``, check every member name, find and read the ``.qde`` member.

    Raises :class:`InputError` (one line, naming the file) for a missing or non-ZIP file,
    an unsafe member name, too many members, no ``.qde`` member, or a ``.qde`` over the caps.
    """
    stream = open_regular(path, limits.archive_bytes)
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile:
        stream.close()
        raise InputError(f"{path}: not a REFI-QDA project archive (not a ZIP file)") from None
    except (OSError, EOFError, ValueError, zipfile.LargeZipFile, NotImplementedError) as error:
        stream.close()
        raise InputError(f"{path}: not a readable REFI-QDA project archive (damaged ZIP: "
                         f"{zip_error_words(error)})") from None
    except BaseException:
        stream.close()
        raise
    try:
        return _open(path, archive, limits)
    except BaseException:
        archive.close()
        stream.close()
        raise


def _open(path: Path, archive: zipfile.ZipFile, limits: Limits) -> QdpxArchive:
    infos = archive.infolist()
    check_count(infos, limits, str(path))
    by_lower: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if _unsafe(info.filename):
            raise InputError(f"{path}: refused: archive entry {info.filename!r} points outside "
                             "the archive (path traversal)")
        if not info.is_dir():
            by_lower.setdefault(info.filename.replace("\\", "/").lower(), info)
    notes: list[str] = []
    candidates = [i for key, i in by_lower.items() if key.endswith(".qde") and "/" not in key]
    chosen = next((i for i in candidates if i.filename.lower() == "project.qde"), None)
    if chosen is None:
        if len(candidates) != 1:
            found = ", ".join(shown_name(i.filename) for i in candidates) or "none"
            raise InputError(f"{path}: not a REFI-QDA project archive (expected one "
                             f"project.qde at the top, found: {found})")
        chosen = candidates[0]
    if chosen.filename != "project.qde":
        notes.append(f"the project file is named {chosen.filename!r} (the standard says "
                     "'project.qde'); read it anyway")
    result = QdpxArchive(path, archive, chosen.filename, b"", limits, notes, by_lower)
    result.project_xml = result.read(chosen, limits.project_bytes)
    if any(k.startswith("sources/") for k in by_lower) and not any(
            i.filename.startswith("sources/") for i in by_lower.values()):
        notes.append("the sources folder is not named 'sources/' (case differs); read anyway")
    return result
