"""Reading a ``.qdpx`` archive safely, in memory, without extracting anything to disk.

A REFI-QDA project archive is a ZIP with ``project.qde`` and a flat ``sources/`` folder
(REFI-QDA 1.5, section 8.1). Real exporters deviate (``Project.qde``, ``<Name>.qde``,
``Sources/``, paths without ``internal://``), so members are looked up leniently. Safety is
strict: a member name that climbs out of the archive (``../``, an absolute path, a drive
letter) makes the whole archive refused; members are read only up to a size cap, and a member
whose compression ratio marks a zip bomb is refused before it is decompressed.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from qualcode.domain.errors import InputError


@dataclass(frozen=True)
class Limits:
    """Caps against zip bombs and oversized input (bytes unless stated)."""

    archive_bytes: int = 4 * 2**30          # the .qdpx file itself (it may hold videos)
    members: int = 100_000                  # entries in the archive
    project_bytes: int = 512 * 2**20        # project.qde, uncompressed
    source_bytes: int = 64 * 2**20          # one text source, uncompressed
    total_bytes: int = 2 * 2**30            # everything read, uncompressed
    ratio: int = 200                        # uncompressed / compressed ...
    ratio_floor: int = 2**20                # ... checked for members larger than this


DEFAULT_LIMITS = Limits()
_DRIVE = re.compile(r"^[A-Za-z]:")


def _unsafe(name: str) -> bool:
    """True for member or path names that could point outside the archive's folder."""
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or _DRIVE.match(normalized) or "\x00" in normalized:
        return True
    return ".." in PurePosixPath(normalized).parts


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
        self.zip.close()

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
    where = f"{archive.path}: {info.filename}"
    if info.file_size > cap:
        raise InputError(f"{where}: refused: {info.file_size:,} bytes uncompressed, more than "
                         f"the limit of {cap:,}")
    if (info.file_size > limits.ratio_floor
            and info.file_size > limits.ratio * max(info.compress_size, 1)):
        raise InputError(f"{where}: refused: compressed {info.file_size // max(info.compress_size, 1):,}"
                         f" to 1, a zip bomb")
    if archive._read_total + info.file_size > limits.total_bytes:
        raise InputError(f"{archive.path}: refused: more than {limits.total_bytes:,} bytes of "
                         "text to read")
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.zip.open(info) as stream:
            # The header's size can lie; stop reading at the cap whatever it says.
            while True:
                chunk = stream.read(min(1 << 20, cap + 1 - size))
                if not chunk:
                    break
                size += len(chunk)
                if size > cap:
                    raise InputError(f"{where}: refused: larger than the limit of {cap:,} bytes")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise InputError(f"{where}: damaged archive member ({error})") from None
    except NotImplementedError as error:  # e.g. an unsupported compression method
        raise InputError(f"{where}: cannot read ({error})") from None
    except RuntimeError as error:  # an encrypted member
        raise InputError(f"{where}: cannot read ({error})") from None
    archive._read_total += size
    return b"".join(chunks)


def open_qdpx(path: Path, limits: Limits = DEFAULT_LIMITS) -> QdpxArchive:
    """Open ``path``, check every member name, find and read the ``.qde`` member.

    Raises :class:`InputError` (one line, naming the file) for a missing or non-ZIP file,
    an unsafe member name, too many members, no ``.qde`` member, or a ``.qde`` over the caps.
    """
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if size > limits.archive_bytes:
        raise InputError(f"{path}: refused: larger than {limits.archive_bytes:,} bytes")
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError(f"{path}: not a REFI-QDA project archive (not a ZIP file)") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    try:
        return _open(path, archive, limits)
    except BaseException:
        archive.close()
        raise


def _open(path: Path, archive: zipfile.ZipFile, limits: Limits) -> QdpxArchive:
    infos = archive.infolist()
    if len(infos) > limits.members:
        raise InputError(f"{path}: refused: {len(infos):,} archive entries, more than "
                         f"{limits.members:,}")
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
            found = ", ".join(i.filename for i in candidates) or "none"
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
