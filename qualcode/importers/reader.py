"""Read one file into a :class:`~qualcode.domain.models.NewDocument` (no project access)."""

from __future__ import annotations

from pathlib import Path

from qualcode.domain.errors import InputError
from qualcode.domain.models import NewDocument
from qualcode.domain.text import normalize_text
from qualcode.domain.transcript import TranscriptStructure, parse_transcript
from qualcode.importers.formats import READERS

#: Largest file qualcode imports (a 2-hour transcript is well under 1 MB).
MAX_FILE_BYTES = 64 * 1024 * 1024


def _with_turn_starts(structure: TranscriptStructure, starts: dict[int, int]
                      ) -> TranscriptStructure:
    """``structure`` with the start times the file format gives (by a turn's first line)."""
    if not starts:
        return structure
    turns = tuple(t._replace(start_ms=starts[t.line_start]) if t.line_start in starts else t
                  for t in structure.turns)
    return TranscriptStructure(turns, structure.variables)


def supported_suffixes() -> tuple[str, ...]:
    """File name endings qualcode can import, e.g. ``(".txt", ".docx", ...)``."""
    return tuple(READERS)


def read_document(path: Path, data: bytes | None = None) -> NewDocument:
    """Read, decode, normalise and parse one transcript file.

    The document name is the file name without extension. Raises :class:`InputError` with a
    one-line message naming the file for unsupported, unreadable, empty or too large files.
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(
            f"{path}: unsupported file type {path.suffix or '(none)'} "
            f"(supported: {', '.join(READERS)})"
        )
    if data is None:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise InputError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB")
            data = path.read_bytes()
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error.strerror})") from None
    extracted = reader(data, str(path))
    text = normalize_text(extracted.text)
    if not text.strip():
        raise InputError(f"{path}: contains no text")
    return NewDocument(
        name=path.stem,
        text=text,
        source_name=path.name,
        source_format=extracted.format,
        encoding=extracted.encoding,
        structure=_with_turn_starts(parse_transcript(text, extracted.speakers),
                                    extracted.turn_starts),
        variables=extracted.variables,
        notes=tuple(extracted.notes),
    )
