"""Quote collections by theme (as MAXQDA's Smart Publisher): Markdown and DOCX.

One chapter per top-level code, one section per subcode, each with the code's definition
and its memos, then every coded segment verbatim (or, with ``representative``, the most
representative ones, see :mod:`qualcode.analysis.representative`) with its attribution, line
numbers and time mark. Document memos can follow in a last chapter.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.analysis.coder_scope import sorted_names
from qualcode.analysis.passages import coders_of, merge_passages
from qualcode.analysis.representative import QuoteRanking, representative_quotes
from qualcode.domain.errors import InputError, NotFoundError
from qualcode.domain.models import Code, Memo, Segment
from qualcode.domain.timemarks import BRACKET_MARK, F4_MARK, format_f4_mark
from qualcode.exports.docx_layout import apply_page_layout
from qualcode.exports.files import write_atomically
from qualcode.exports.labels import labels
from qualcode.exports.markdown_text import inline
from qualcode.store.codes import load_codes
from qualcode.store.documents import list_documents, list_groups
from qualcode.store.memos import list_memos
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
    anchor: bool = False
    #: Everyone who coded this passage with this code (overlapping segments are one quote).
    coders: tuple[str, ...] = ()


@dataclass
class Section:
    """A code with its quotes, memos (texts) and subsections; ``number`` like ``"2.1"``."""

    code: Code
    number: str
    quotes: list[Quote] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    memos: list[str] = field(default_factory=list)


@dataclass
class DocumentMemo:
    """A document memo for print: attribution (as the quotes'), title and text."""

    attribution: str
    title: str
    text: str


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


def _attributor(project: Project, parts: list[str]):
    documents = {d.id: d for d in list_documents(project)}

    def attribute(document_id: int) -> str:
        document = documents[document_id]
        values = []
        for part in parts:
            if part == "name":
                values.append(document.name)
            elif part == "group":
                values.append(document.group or "")
            elif part != "none":
                value = document.variables.get(part)
                if isinstance(value, bool):  # as the user wrote it, not Python's True/False
                    value = "true" if value else "false"
                values.append("" if value is None else str(value))
        return ", ".join(v for v in values if v)

    return attribute


def _memo_text(memo: Memo) -> str:
    return f"{memo.title}: {memo.text}" if memo.title else memo.text


def collect_quotes(
    project: Project,
    code_paths: list[str] | None = None,
    coder: str | None = None,
    attribution: str = "name",
    groups: list[str] | None = None,
    *,
    representative: int | None = None,
    memos: bool = True,
    sets: list[str] | None = None,
) -> list[Section]:
    """Chapters (top-level codes) with sections (subcodes) and their quotes, in code-system
    order; quotes in document order. Codes without quotes anywhere below them are left out.

    ``representative``: only the N most representative quotes of each code (its own
    segments, anchors first, at most one per document; see
    :func:`qualcode.analysis.representative.representative_quotes`), best first.
    ``memos``: each code's memos follow its definition. ``groups``: only documents of these
    document groups (raises :class:`NotFoundError` for an unknown group); ``sets``: only
    documents of these document sets (the same).
    """
    parts = parse_attribution(project, attribution)
    if representative is not None and representative < 1:
        raise InputError("--representative must be at least 1")
    tree, codes = load_codes(project)
    attribute = _attributor(project, parts)
    wanted = set(code_ids_for(project, code_paths)) if code_paths else set(codes)
    segments = query_segments(project, SegmentFilter(code_ids=tuple(wanted), coder=coder,
                                                     sets=tuple(sets) if sets else None))
    if groups:
        known = set(list_groups(project))
        unknown = [g for g in groups if g not in known]
        if unknown:
            raise NotFoundError(f"no document group {unknown[0]!r}")
        segments = [s for s in segments if s.group in groups]
    by_code: dict[int, list[Segment]] = {}
    for segment in segments:
        by_code.setdefault(segment.code_id, []).append(segment)
    quotes: dict[int, list[Quote]] = {}
    for code_id, coded in by_code.items():
        if representative is None:
            # Several coders coding the same words give one quote naming them all.
            quotes[code_id] = [
                Quote(p.first.id, quote_text(p.text), attribute(p.first.document_id),
                      p.line_start, p.line_end, _time(p.first), p.first.coder, p.anchor,
                      p.coders) for p in merge_passages(coded)]
        else:
            ranking = representative_quotes(project, codes[code_id].path, top=representative,
                                            coder=coder, subcodes=False, sets=sets)
            quotes[code_id] = [_quote(q.segment, attribute, coders_of(q.segment, coded))
                               for q in ranking.quotes]
    code_memos: dict[int, list[str]] = {}
    if memos:
        for memo in list_memos(project, "code"):
            code_memos.setdefault(memo.code_id, []).append(_memo_text(memo))

    def build(code_id: int, number: str) -> Section | None:
        section = Section(codes[code_id], number, memos=code_memos.get(code_id, []),
                          quotes=quotes.get(code_id, []))
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


def ranked_section(project: Project, ranking: QuoteRanking, attribution: str = "name",
                   memos: bool = True, coder: str | None = None) -> Section:
    """A section for one code holding its ranked quotes (best first) and the code's memos.

    ``coder``: the coder the ranking was limited to; without one, each quote names every
    coder who coded an overlapping passage with the same code."""
    attribute = _attributor(project, parse_attribution(project, attribution))
    notes = ([_memo_text(m) for m in list_memos(project, "code", ranking.code.id)]
             if memos else [])
    section = Section(ranking.code, "1", memos=notes)
    chosen = [q.segment for q in ranking.quotes]
    others = chosen
    if chosen and coder is None:
        others = query_segments(project, SegmentFilter(
            code_ids=tuple({s.code_id for s in chosen}),
            document_ids=tuple({s.document_id for s in chosen})))
    for segment in chosen:
        section.quotes.append(_quote(segment, attribute, coders_of(segment, others)))
    return section


def _time(segment: Segment) -> str | None:
    return format_f4_mark(segment.time_ms) if segment.time_ms is not None else None


def _quote(segment: Segment, attribute, coders: tuple[str, ...]) -> Quote:
    return Quote(segment.id, quote_text(segment.text), attribute(segment.document_id),
                 segment.line_start, segment.line_end, _time(segment), segment.coder,
                 segment.anchor, coders)


def collect_document_memos(project: Project, attribution: str = "name") -> list[DocumentMemo]:
    """Every document memo with its document's attribution (none with ``none``)."""
    attribute = _attributor(project, parse_attribution(project, attribution))
    return [DocumentMemo(attribute(m.document_id), m.title, m.text)
            for m in list_memos(project, "document")]


_CODED_BY = {"de": "codiert von", "en": "coded by"}


def quote_coders(chapters: list[Section]) -> tuple[str, ...]:
    """Every coder whose segments the collection quotes, sorted."""
    names = {name for section in _walk(chapters) for quote in section.quotes
             for name in (quote.coders or (quote.coder,))}
    return sorted_names(names)


def coders_line(chapters: list[Section], language: str) -> str | None:
    """``"Codiert von anna, ben"``: whose segments the collection quotes (None: no quotes)."""
    names = quote_coders(chapters)
    return (_CODED_BY[language].capitalize() + " " + ", ".join(names)) if names else None


def _source(quote: Quote, language: str, with_coders: bool = False) -> str:
    words = labels(language)
    lines = (f"{words['line']} {quote.line_start}" if quote.line_start == quote.line_end
             else f"{words['line']} {quote.line_start}–{quote.line_end}")
    parts = [p for p in (quote.attribution, lines, quote.time) if p]
    if quote.anchor:
        parts.append({"de": "Ankerbeispiel", "en": "anchor example"}[language])
    if with_coders:
        parts.append(f"{_CODED_BY[language]} {', '.join(quote.coders or (quote.coder,))}")
    return ", ".join(parts)


def _walk(sections: list[Section]):
    for section in sections:
        yield section
        yield from _walk(section.children)


def to_markdown(chapters: list[Section], language: str = "de", title: str | None = None,
                document_memos: list[DocumentMemo] | None = None) -> str:
    """Markdown: ``#`` title, ``##`` chapters, ``###`` sections, quotes as block quotes;
    code memos after the definition; document memos in a last chapter."""
    words = labels(language)
    out = [f"# {inline(title or words['quotes'])}", ""]
    who = coders_line(chapters, language)
    if who:
        out += [f"_{inline(who)}_", ""]
    # Each quote names its coders when the collection mixes several.
    mixed = len(quote_coders(chapters)) > 1
    for section in _walk(chapters):
        depth = section.number.count(".")
        out += [f"{'#' * min(depth + 2, 6)} {section.number} {inline(section.code.name)}", ""]
        if section.code.definition:
            out += [f"*{words['definition']}:* {section.code.definition}", ""]
        for memo in section.memos:
            out += [f"*{words['memo']}:* {memo}", ""]
        for quote in section.quotes:
            body = quote.text.split("\n")
            out.append("> „" + body[0] + ("“" if len(body) == 1 else ""))
            for extra in body[1:-1]:
                out.append("> " + extra)
            if len(body) > 1:
                out.append("> " + body[-1] + "“")
            out += [">", f"> — {inline(_source(quote, language, mixed))}", ""]
    if document_memos:
        out += [f"## {_document_memos_title(language)}", ""]
        for memo in document_memos:
            head = inline(", ".join(p for p in (memo.attribution, memo.title) if p))
            out += [f"**{head}:** {memo.text}" if head else memo.text, ""]
    return "\n".join(out).rstrip() + "\n"


def _document_memos_title(language: str) -> str:
    return {"de": "Memos zu Dokumenten", "en": "Document memos"}[language]


def to_docx(chapters: list[Section], language: str = "de", title: str | None = None,
            document_memos: list[DocumentMemo] | None = None) -> bytes:
    """A Word document (python-docx): headings per code, definitions and memos, quotes in the
    Quote style, document memos in a last chapter."""
    document = new_docx(title or labels(language)["quotes"], language)
    who = coders_line(chapters, language)
    if who:
        document.add_paragraph().add_run(who).italic = True
    add_quote_sections(document, chapters, language, document_memos)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def new_docx(title: str, language: str = "de"):
    """A python-docx document with ``title`` as title, no personal metadata, A4 pages and
    ``language`` as its language (:func:`~qualcode.exports.docx_layout.apply_page_layout`)."""
    import docx

    document = docx.Document()
    apply_page_layout(document, language)
    properties = document.core_properties
    properties.title = title
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    document.add_heading(title, level=0)
    return document


def add_quote_sections(document, chapters: list[Section], language: str = "de",
                       document_memos: list[DocumentMemo] | None = None,
                       level_offset: int = 0) -> None:
    """Append the quote chapters (and document memos) to a python-docx ``document``;
    headings start at level ``1 + level_offset``."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    words = labels(language)
    mixed = len(quote_coders(chapters)) > 1
    for section in _walk(chapters):
        depth = section.number.count(".")
        document.add_heading(f"{section.number} {section.code.name}",
                             level=min(depth + 1 + level_offset, 9))
        if section.code.definition:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{words['definition']}: ").italic = True
            paragraph.add_run(section.code.definition).italic = True
        for memo in section.memos:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{words['memo']}: ").italic = True
            paragraph.add_run(memo)
        for quote in section.quotes:
            document.add_paragraph(f"„{quote.text}“", style="Quote")
            source = document.add_paragraph()
            source.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = source.add_run(f"— {_source(quote, language, mixed)}")
            run.font.size = Pt(9)
            run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    if document_memos:
        document.add_heading(_document_memos_title(language), level=1 + level_offset)
        for memo in document_memos:
            paragraph = document.add_paragraph()
            head = ", ".join(p for p in (memo.attribution, memo.title) if p)
            if head:
                paragraph.add_run(f"{head}: ").bold = True
            paragraph.add_run(memo.text)


def render(
    chapters: list[Section], fmt: str, language: str = "de", title: str | None = None,
    document_memos: list[DocumentMemo] | None = None,
) -> bytes:
    """The collection as ``md`` (UTF-8) or ``docx`` bytes; raises ``ValueError`` otherwise."""
    if fmt == "md":
        return to_markdown(chapters, language, title, document_memos).encode("utf-8")
    if fmt == "docx":
        return to_docx(chapters, language, title, document_memos)
    raise ValueError(f"unknown format {fmt!r}")


def write(
    chapters: list[Section], path: Path, fmt: str, language: str = "de", title: str | None = None,
    document_memos: list[DocumentMemo] | None = None,
) -> None:
    """Write the collection to ``path`` (``md`` or ``docx``) atomically."""
    write_atomically(path, render(chapters, fmt, language, title, document_memos))
