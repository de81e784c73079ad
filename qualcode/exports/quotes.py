"""Quote collections by theme (as MAXQDA's Smart Publisher): Markdown and DOCX.

One chapter per top-level code, one section per subcode, each with the code's definition,
then every coded segment verbatim with its attribution, line numbers and time mark.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.domain.errors import InputError, NotFoundError
from qualcode.domain.models import Code, Segment
from qualcode.domain.timemarks import BRACKET_MARK, F4_MARK, format_f4_mark
from qualcode.exports.files import write_atomically
from qualcode.exports.labels import labels
from qualcode.store.codes import load_codes
from qualcode.store.documents import list_documents, list_groups
from qualcode.store.project import Project
from qualcode.store.segments import SegmentFilter, code_ids_for, query_segments

FORMATS = ("md", "docx")
# f4 marks (#hh:mm:ss-d#) and noScribe's [hh:mm:ss]: both are left out of quoted words.
_MARK_IN_TEXT = re.compile(r"[ ]*(?:" + F4_MARK.pattern + "|" + BRACKET_MARK.pattern + ")")


@dataclass
class Quote:
    """A coded segment prepared for print: text without time marks, attribution, lines, time."""

    segment_id: int
    text: str
    attribution: str
    line_start: int
    line_end: int
    time: str | None
    coder: str


@dataclass
class Section:
    """A code with its quotes and subsections; ``number`` like ``"2.1"``."""

    code: Code
    number: str
    quotes: list[Quote] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)


def parse_attribution(project: Project, spec: str) -> list[str]:
    """Split ``name|group|none|VARIABLE`` (comma-separated combinations allowed) and check
    variables exist; raises :class:`NotFoundError` for an unknown variable."""
    parts = [p.strip() for p in spec.split(",") if p.strip()]
    if not parts:
        raise InputError("--attribution must not be empty")
    if "none" in parts and len(parts) > 1:
        raise InputError("--attribution none cannot be combined with anything else")
    known = {r[0] for r in project.db.execute("SELECT name FROM variables")}
    for part in parts:
        if part not in ("name", "group", "none") and part not in known:
            raise NotFoundError(
                f"--attribution {part!r}: not name, group, none or a document variable "
                f"({', '.join(sorted(known)) or 'no variables'})"
            )
    return parts


def quote_text(text: str) -> str:
    """The segment's text for print: time marks removed, surrounding whitespace trimmed."""
    return _MARK_IN_TEXT.sub("", text).strip()


def collect_quotes(
    project: Project,
    code_paths: list[str] | None = None,
    coder: str | None = None,
    attribution: str = "name",
    groups: list[str] | None = None,
) -> list[Section]:
    """Chapters (top-level codes) with sections (subcodes) and their quotes, in code-system
    order; quotes in document order. Codes without quotes anywhere below them are left out.
    """
    parts = parse_attribution(project, attribution)
    tree, codes = load_codes(project)
    wanted = set(code_ids_for(project, code_paths)) if code_paths else set(codes)
    segments = query_segments(project, SegmentFilter(code_ids=tuple(wanted), coder=coder))
    if groups:
        known = set(list_groups(project))
        unknown = [g for g in groups if g not in known]
        if unknown:
            raise NotFoundError(f"no document group {unknown[0]!r}")
        segments = [s for s in segments if s.group in groups]
    by_code: dict[int, list[Segment]] = {}
    for segment in segments:
        by_code.setdefault(segment.code_id, []).append(segment)
    documents = {d.id: d for d in list_documents(project)}

    def attribute(segment: Segment) -> str:
        values = []
        for part in parts:
            if part == "name":
                values.append(segment.document)
            elif part == "group":
                values.append(segment.group or "")
            elif part != "none":
                value = documents[segment.document_id].variables.get(part)
                if isinstance(value, bool):  # as the user wrote it, not Python's True/False
                    value = "true" if value else "false"
                values.append("" if value is None else str(value))
        return ", ".join(v for v in values if v)

    def build(code_id: int, number: str) -> Section | None:
        section = Section(codes[code_id], number)
        for segment in by_code.get(code_id, []):
            time = format_f4_mark(segment.time_ms) if segment.time_ms is not None else None
            section.quotes.append(Quote(segment.id, quote_text(segment.text), attribute(segment),
                                        segment.line_start, segment.line_end, time,
                                        segment.coder))
        index = 0
        for child in tree.children.get(code_id, []):
            built = build(child, f"{number}.{index + 1}")
            if built is not None:
                section.children.append(built)
                index += 1
        return section if section.quotes or section.children else None

    chapters = []
    for top in tree.children[None]:
        built = build(top, str(len(chapters) + 1))
        if built is not None:
            chapters.append(built)
    return chapters


def _source(quote: Quote, language: str) -> str:
    words = labels(language)
    lines = (f"{words['line']} {quote.line_start}" if quote.line_start == quote.line_end
             else f"{words['line']} {quote.line_start}–{quote.line_end}")
    parts = [p for p in (quote.attribution, lines, quote.time) if p]
    return ", ".join(parts)


def _walk(sections: list[Section]):
    for section in sections:
        yield section
        yield from _walk(section.children)


def to_markdown(chapters: list[Section], language: str = "de", title: str | None = None) -> str:
    """Markdown: ``#`` title, ``##`` chapters, ``###`` sections, quotes as block quotes."""
    words = labels(language)
    out = [f"# {title or words['quotes']}", ""]
    for section in _walk(chapters):
        depth = section.number.count(".")
        out += [f"{'#' * min(depth + 2, 6)} {section.number} {section.code.name}", ""]
        if section.code.definition:
            out += [f"*{words['definition']}:* {section.code.definition}", ""]
        for quote in section.quotes:
            body = quote.text.split("\n")
            out.append("> „" + body[0] + ("“" if len(body) == 1 else ""))
            for extra in body[1:-1]:
                out.append("> " + extra)
            if len(body) > 1:
                out.append("> " + body[-1] + "“")
            out += [">", f"> — {_source(quote, language)}", ""]
    return "\n".join(out).rstrip() + "\n"


def to_docx(chapters: list[Section], language: str = "de", title: str | None = None) -> bytes:
    """A Word document (python-docx): headings per code, definitions, quotes in the Quote style."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    words = labels(language)
    document = docx.Document()
    properties = document.core_properties
    properties.title = title or words["quotes"]
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    document.add_heading(title or words["quotes"], level=0)
    for section in _walk(chapters):
        depth = section.number.count(".")
        document.add_heading(f"{section.number} {section.code.name}", level=min(depth + 1, 9))
        if section.code.definition:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{words['definition']}: ").italic = True
            paragraph.add_run(section.code.definition).italic = True
        for quote in section.quotes:
            document.add_paragraph(f"„{quote.text}“", style="Quote")
            source = document.add_paragraph()
            source.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = source.add_run(f"— {_source(quote, language)}")
            run.font.size = Pt(9)
            run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write(
    chapters: list[Section], path: Path, fmt: str, language: str = "de", title: str | None = None
) -> None:
    """Write the collection to ``path`` (``md`` or ``docx``) atomically."""
    if fmt == "md":
        data = to_markdown(chapters, language, title).encode("utf-8")
    elif fmt == "docx":
        data = to_docx(chapters, language, title)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    write_atomically(path, data)
