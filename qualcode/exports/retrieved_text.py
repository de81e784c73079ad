"""Retrieved Segments as reading text (MAXQDA's Retrieved Segments window): per segment a
header line (document, lines, time mark, code, coder, weight), its comment, then its whole
text. The workbench's reading view draws these lines; :func:`write` saves them as shown,
as plain text (``.txt``) or Markdown (``.md``).
"""

from __future__ import annotations

from pathlib import Path

from qualcode.domain.models import Segment
from qualcode.exports.files import write_atomically
from qualcode.exports.markdown_text import inline

FORMATS = ("md", "txt")
#: The mark of a segment with a comment (reading view, Retrieved Segments, Document Browser).
COMMENT_MARK = "✎"


def clock(ms: int | None) -> str:
    """``hh:mm:ss`` of a time mark in milliseconds (tenths dropped); ``""`` for ``None``."""
    if ms is None:
        return ""
    seconds = ms // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def lines_label(segment: Segment) -> str:
    """``Z. 12`` or ``Z. 12–14``: the 1-based lines the segment covers."""
    if segment.line_start == segment.line_end:
        return f"Z. {segment.line_start}"
    return f"Z. {segment.line_start}–{segment.line_end}"


def header_parts(segment: Segment) -> list[str]:
    """The header's fields in order: document, lines, time mark (when the turn has one),
    code path, coder, ``weight N`` (when not 0). Each is one line."""
    parts = [inline(segment.document), lines_label(segment)]
    if segment.time_ms is not None:
        parts.append(clock(segment.time_ms))
    parts += [inline(segment.code), inline(segment.coder)]
    if segment.weight:
        parts.append(f"weight {segment.weight}")
    return parts


def header(segment: Segment) -> str:
    """The header line, fields joined by `` · ``."""
    return " · ".join(header_parts(segment))


def marks(segment: Segment) -> str:
    """Short marks for a table cell: the weight when not 0, :data:`COMMENT_MARK` when the
    segment has a comment (``"50✎"``, ``"✎"``, ``"50"`` or ``""``)."""
    weight = str(segment.weight) if segment.weight else ""
    return weight + (COMMENT_MARK if segment.comment.strip() else "")


def to_text(segments: list[Segment], title: str = "") -> str:
    """Plain text: ``title``, then per segment its header, ``✎ comment`` and text, with a
    blank line between segments."""
    blocks = [title] if title else []
    for segment in segments:
        lines = [header(segment)]
        if segment.comment.strip():
            lines.append(f"{COMMENT_MARK} {inline(segment.comment)}")
        lines.append(segment.text)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def to_markdown(segments: list[Segment], title: str = "") -> str:
    """Markdown: ``# title``, then per segment the header as a bold line, the comment in
    italics and the text as a block quote."""
    blocks = [f"# {inline(title)}"] if title else []
    for segment in segments:
        lines = [f"**{header(segment)}**"]
        if segment.comment.strip():
            lines.append(f"*{COMMENT_MARK} {inline(segment.comment)}*")
        blocks.append("\n\n".join([*lines, _quoted(segment.text)]))
    return "\n\n".join(blocks) + "\n"


def write(segments: list[Segment], path: Path, title: str = "") -> None:
    """Write ``segments`` to ``path`` (format by suffix: ``.md`` or ``.txt``) atomically.

    Raises :class:`ValueError` naming the file for another suffix, and what
    :func:`~qualcode.exports.files.write_atomically` raises.
    """
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise ValueError(f"{path}: use .md or .txt")
    render = to_markdown if fmt == "md" else to_text
    write_atomically(path, render(segments, title).encode("utf-8"))
