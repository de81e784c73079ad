"""Read one file into a :class:`~qualcode.domain.models.NewDocument` (no project access)."""

from __future__ import annotations

from pathlib import Path

from qualcode.domain.errors import InputError
from qualcode.domain.models import NewDocument
from qualcode.domain.text import normalize_text
from qualcode.domain.transcript import TranscriptStructure, parse_transcript
from qualcode.importers.decode import REPAIR, replacement_note
from qualcode.importers.formats import READERS
from qualcode.importers.input_file import read_regular

#: Largest file qualcode imports (a 2-hour transcript is well under 1 MB).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Formats whose bytes are decoded with ``--encoding`` (.docx and .odt declare their own).
ENCODED_FORMATS = (".txt", ".text", ".rtf", ".vtt", ".srt", ".html", ".htm")


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


def read_document(path: Path, data: bytes | None = None, encoding: str | None = None
                  ) -> NewDocument:
    """Read, decode, normalise and parse one transcript file.

    The document name is the file name without extension. ``encoding``: ``None`` (detect),
    ``"utf-8-repair"`` or a codec name (checked with
    :func:`qualcode.importers.decode.check_encoding`). Raises :class:`InputError` with a
    one-line message naming the file for unsupported, unreadable (not a regular file, a
    symbolic link loop ...), empty or too large files and doubtful encodings.
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(
            f"{path}: unsupported file type {path.suffix or '(none)'} "
            f"(supported: {', '.join(READERS)})"
        )
    if data is None:
        data = read_regular(path, MAX_FILE_BYTES)
    extracted = reader(data, str(path), encoding)
    text = normalize_text(extracted.text)
    if not text.strip():
        raise InputError(f"{path}: contains no text")
    notes = list(extracted.notes)
    if encoding not in (None, REPAIR) and path.suffix.lower() not in ENCODED_FORMATS:
        notes.append(f"--encoding does not apply to {path.suffix.lower()} files (they "
                     "declare their encoding); ignored")
    lost = replacement_note(text)
    if lost:
        notes.append(lost)
    return NewDocument(
        name=path.stem,
        text=text,
        source_name=path.name,
        source_format=extracted.format,
        encoding=extracted.encoding,
        structure=_with_turn_starts(parse_transcript(text, extracted.speakers),
                                    extracted.turn_starts),
        variables=extracted.variables,
        notes=tuple(notes),
    )
