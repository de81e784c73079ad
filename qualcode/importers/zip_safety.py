"""Limits for ZIP-based input (``.qdpx``, ``.docx``, ``.odt``, ``.xlsx``) against zip bombs.

An archive's entries are checked from its central directory before anything is decompressed:
the number of entries, each entry's uncompressed size, its compression ratio and the sum of
all sizes. Python's :mod:`zipfile` never inflates an entry beyond the size its directory
declares (it stops there and reports a bad CRC), so checking the declared sizes bounds what
python-docx, odfpy and openpyxl can inflate; :func:`read_member` also stops at the cap itself.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from qualcode.domain.errors import InputError
from qualcode.importers.error_words import one_line as _one_line
from qualcode.importers.error_words import zip_error_words


@dataclass(frozen=True)
class Limits:
    """Caps against zip bombs and oversized input (bytes unless stated)."""

    archive_bytes: int = 4 * 2**30          # the archive file itself (a .qdpx may hold videos)
    members: int = 100_000                  # entries in the archive
    project_bytes: int = 512 * 2**20        # a .qdpx's project.qde, uncompressed
    source_bytes: int = 64 * 2**20          # one entry read as text, uncompressed
    total_bytes: int = 2 * 2**30            # everything read, uncompressed
    ratio: int = 200                        # uncompressed / compressed ...
    ratio_floor: int = 2**20                # ... checked for entries larger than this


#: The caps of a ``.qdpx`` archive.
DEFAULT_LIMITS = Limits()
#: The caps of an office document or workbook (``.docx``, ``.odt``, ``.xlsx``): the library
#: reading it inflates every part into memory, so each entry and the sum are capped tighter.
OFFICE_LIMITS = Limits(archive_bytes=64 * 2**20, members=10_000, source_bytes=64 * 2**20,
                       total_bytes=256 * 2**20)

_DRIVE = re.compile(r"^[A-Za-z]:")


def unsafe_name(name: str) -> bool:
    """True for entry or path names that could point outside the archive's folder."""
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or _DRIVE.match(normalized) or "\x00" in normalized:
        return True
    return ".." in PurePosixPath(normalized).parts


def shown_name(name: str) -> str:
    """An entry name for a one-line message: as it is when printable, else quoted with its
    control characters escaped (an entry name is untrusted input)."""
    return name if name.isprintable() else repr(name)


def missing_part(error: KeyError) -> str:
    """What a library's ``KeyError`` about a missing package part means, in words."""
    text = str(error.args[0]) if error.args else ""
    named = re.search(r"no item named '([^']*)'", text)
    if named:
        return f"the part {named.group(1)!r} it refers to is missing"
    if "relationship" in text:
        return "its parts are not linked as expected (no main part)"
    return f"a part it refers to is missing: {_one_line(error)}"


def check_count(infos: list[zipfile.ZipInfo], limits: Limits, source: str) -> None:
    """Raise :class:`InputError` when the archive has more entries than ``limits.members``."""
    if len(infos) > limits.members:
        raise InputError(f"{source}: refused: {len(infos):,} archive entries, more than "
                         f"{limits.members:,}")


def check_member(info: zipfile.ZipInfo, cap: int, limits: Limits, where: str) -> None:
    """Raise :class:`InputError` when entry ``info`` is larger than ``cap`` bytes uncompressed
    or, above ``limits.ratio_floor``, compressed more than ``limits.ratio`` to 1 (a zip bomb).
    ``where`` names the entry in the message (``"file: entry"``)."""
    if info.file_size > cap:
        raise InputError(f"{where}: refused: {info.file_size:,} bytes uncompressed, more than "
                         f"the limit of {cap:,}")
    if (info.file_size > limits.ratio_floor
            and info.file_size > limits.ratio * max(info.compress_size, 1)):
        raise InputError(f"{where}: refused: compressed "
                         f"{info.file_size // max(info.compress_size, 1):,} to 1, a zip bomb")


def check_total(infos: Iterable[zipfile.ZipInfo], limits: Limits, source: str) -> None:
    """Raise :class:`InputError` when the entries together exceed ``limits.total_bytes``."""
    total = sum(info.file_size for info in infos)
    if total > limits.total_bytes:
        raise InputError(f"{source}: refused: {total:,} bytes uncompressed in all, more than "
                         f"the limit of {limits.total_bytes:,}")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, where: str) -> bytes:
    """The bytes of entry ``info``, reading at most ``cap`` of them whatever the header says.

    Raises :class:`InputError` naming ``where`` for an entry larger than ``cap`` or a damaged,
    encrypted or unsupported entry.
    """
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as stream:
            while True:
                chunk = stream.read(min(1 << 20, cap + 1 - size))
                if not chunk:
                    break
                size += len(chunk)
                if size > cap:
                    raise InputError(f"{where}: refused: larger than the limit of {cap:,} bytes")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, zlib.error) as error:
        raise InputError(f"{where}: damaged archive member ({zip_error_words(error)})") from None
    except NotImplementedError as error:  # e.g. an unsupported compression method
        raise InputError(f"{where}: cannot read ({_one_line(error)})") from None
    except RuntimeError as error:  # an encrypted entry
        raise InputError(f"{where}: cannot read ({_one_line(error)})") from None
    except ValueError as error:  # a negative seek on a damaged directory, and the like
        raise InputError(f"{where}: damaged archive member ({zip_error_words(error)})") from None
    return b"".join(chunks)


def check_office_archive(data: bytes, source: str, kind: str, required: tuple[str, ...],
                         limits: Limits = OFFICE_LIMITS) -> None:
    """Check an office file's ZIP before a library inflates it.

    ``kind`` is the format named in messages (``.docx``); ``required`` are entries it must
    have (``word/document.xml``). Raises :class:`InputError` (one line naming ``source``) for
    a file that is not a ZIP, lacks a required entry, has too many entries, an entry over
    ``limits.source_bytes`` or compressed like a zip bomb, or more than ``limits.total_bytes``
    in all.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise InputError(f"{source}: not a readable {kind} file (not a ZIP archive: damaged, "
                         "truncated, or another format)") from None
    except (zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise InputError(f"{source}: not a readable {kind} file (damaged ZIP archive: "
                         f"{zip_error_words(error)})") from None
    check_count(infos, limits, source)
    names = {info.filename for info in infos}
    missing = [name for name in required if name not in names]
    if missing:
        raise InputError(f"{source}: not a readable {kind} file (no {missing[0]} in the "
                         "archive)")
    for info in infos:
        check_member(info, limits.source_bytes, limits, f"{source}: {shown_name(info.filename)}")
    check_total(infos, limits, source)
    # Every entry's local header must be where the directory says: a damaged archive is
    # named as such here, instead of by whichever error the library meets first.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in infos:
                archive.open(info).close()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as error:
        raise InputError(f"{source}: not a readable {kind} file (damaged ZIP archive: "
                         f"{zip_error_words(error)})") from None
    except (NotImplementedError, RuntimeError) as error:  # unknown compression, encrypted
        raise InputError(f"{source}: not a readable {kind} file ({_one_line(error)})") from None
