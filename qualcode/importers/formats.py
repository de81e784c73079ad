"""Readers: file bytes -> plain text, one per supported format.

Each reader returns :class:`Extracted` (text not yet normalised). Readers never touch the
project; :func:`qualcode.importers.reader.read_document` normalises and parses structure.
"""

from __future__ import annotations

import contextlib
import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser

from qualcode.domain.errors import InputError
from qualcode.domain.timemarks import format_f4_mark
from qualcode.importers.decode import decode_bytes


@dataclass
class Extracted:
    """Text of a file with its format label, encoding, extra variables and notes."""

    text: str
    format: str
    encoding: str | None = None
    variables: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: Speaker labels the format itself marks (WebVTT voice tags, caption prefixes): turns
    #: even when a speaker has only one paragraph.
    speakers: frozenset[str] = frozenset()
    #: 1-based line number of a turn's first line -> its start in the recording (ms), where
    #: the format says (caption cues); f4 text only has the end marks.
    turn_starts: dict[int, int] = field(default_factory=dict)


def read_txt(data: bytes, source: str) -> Extracted:
    """Plain text in UTF-8 (BOM or not), UTF-16/32 or a legacy code page."""
    text, encoding = decode_bytes(data, source)
    return Extracted(text, "txt", encoding)


def read_docx(data: bytes, source: str) -> Extracted:
    """Word .docx via python-docx: body paragraphs and table rows, in document order.

    Table cells of one row are joined with a tab (which normalisation makes a space).
    """
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(f"{source}: not a readable .docx file ({error})") from None
    except Exception as error:  # python-docx raises bare lxml/opc errors on broken parts
        raise InputError(f"{source}: not a readable .docx file ({type(error).__name__})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                lines.append("\t".join(cell.text for cell in row.cells))
    return Extracted("\n".join(lines), "docx", None)


def read_rtf(data: bytes, source: str) -> Extracted:
    """RTF via striprtf (its ``\\ansicpg`` code page, default Windows-1252)."""
    from striprtf.striprtf import rtf_to_text

    raw = data.decode("latin-1")
    if not raw.lstrip().startswith("{\\rtf"):
        raise InputError(f"{source}: not an RTF file (no {{\\rtf header)")
    unescaped = re.sub(r"\\[\\{}]", "", raw)
    if unescaped.count("{") != unescaped.count("}"):
        raise InputError(f"{source}: truncated or damaged RTF file (unbalanced braces)")
    match = re.search(r"\\ansicpg(\d+)", raw[:2000])
    codepage = f"cp{match.group(1)}" if match else "cp1252"
    try:
        text = rtf_to_text(raw, encoding=codepage, errors="replace")
    except (LookupError, ValueError, IndexError) as error:
        raise InputError(f"{source}: unreadable RTF ({error})") from None
    return Extracted(text, "rtf", codepage.replace("cp", "Windows-") if codepage != "cp65001"
                     else "UTF-8")


def read_odt(data: bytes, source: str) -> Extracted:
    """OpenDocument text via odfpy (which parses with defusedxml): paragraphs and headings."""
    from odf import teletype
    from odf.opendocument import load

    printed = io.StringIO()
    try:
        # odfpy prints a part it cannot parse (the document's text) to stdout and carries on.
        with contextlib.redirect_stdout(printed):
            document = load(io.BytesIO(data))
    except Exception as error:  # odfpy raises zipfile, KeyError and SAX errors alike
        raise InputError(f"{source}: not a readable .odt file ({type(error).__name__})") from None
    if printed.getvalue() or document.text is None:
        raise InputError(f"{source}: not a readable .odt file (damaged XML)")
    lines: list[str] = []

    def walk(node) -> None:
        for child in node.childNodes:
            if getattr(child, "qname", None) in (
                ("urn:oasis:names:tc:opendocument:xmlns:text:1.0", "p"),
                ("urn:oasis:names:tc:opendocument:xmlns:text:1.0", "h"),
            ):
                lines.append(teletype.extractText(child))
            elif getattr(child, "childNodes", None):
                walk(child)

    walk(document.text)
    return Extracted("\n".join(lines), "odt", None)


_VOICE_PREFIX = re.compile(r"^<v(?:\.[^ >]*)?\s+([^>]+)>")


def _captions(data: bytes, source: str, kind: str) -> Extracted:
    """WebVTT or SRT via webvtt-py, rendered as f4-style paragraphs.

    Consecutive cues of one speaker (voice tag ``<v S01>`` or a ``Name:`` prefix) form one
    paragraph ``Speaker: text #hh:mm:ss-d#`` ending with the time mark of the last cue's end,
    cue texts joined with one space. Header ``NOTE`` lines of the form ``Key: value`` become
    header lines (document variables). A cue whose end lies before its start is kept, with a note.
    """
    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    text, encoding = decode_bytes(data, source)
    try:
        captions = webvtt.WebVTT.from_buffer(io.StringIO(text), format=kind)
    except (MalformedFileError, MalformedCaptionError, ValueError) as error:
        raise InputError(f"{source}: not a valid {kind.upper()} file ({error})") from None
    timings = sum(1 for line in text.splitlines() if "-->" in line)
    if timings > len(captions):  # webvtt-py skips cues it cannot read
        raise InputError(f"{source}: not a valid {kind.upper()} file "
                         f"({timings - len(captions)} cue(s) with unreadable timings)")
    notes: list[str] = []
    header: list[str] = []
    for comment in getattr(captions, "header_comments", []) or []:
        for line in comment.splitlines():
            if re.match(r"^[^\W\d_][^:\n]{0,62}:\s*\S", line.strip()):
                header.append(line.strip())
    turns: list[tuple[str | None, list[str], int, int]] = []  # speaker, texts, start, end
    for number, caption in enumerate(captions, start=1):
        speaker = caption.voice
        if speaker is None:
            match = _VOICE_PREFIX.match(caption.raw_text or "")
            speaker = match.group(1) if match else None
        body = " ".join(line.strip() for line in caption.text.splitlines() if line.strip())
        if kind == "vtt":  # WebVTT escapes &, < and > in cue text (W3C WebVTT, 4.2.2)
            body = html.unescape(body)
        if speaker is None:
            prefixed = re.match(r"^([^\W\d_][^:\n]{0,62}?):\s+(.*)$", body)
            if prefixed and len(prefixed.group(1).split()) <= 3:
                speaker, body = prefixed.group(1), prefixed.group(2)
        if caption.end_in_seconds < caption.start_in_seconds:
            notes.append(f"cue {number} ends before it starts ({caption.start} > {caption.end})")
        start_ms = _ms(caption.start)
        end_ms = max(_ms(caption.end), start_ms)
        if not body:
            continue
        if turns and turns[-1][0] == speaker:
            turns[-1][1].append(body)
            turns[-1] = (speaker, turns[-1][1], turns[-1][2], end_ms)
        else:
            turns.append((speaker, [body], start_ms, end_ms))
    if not turns:
        raise InputError(f"{source}: no cues with text")
    paragraphs = [
        f"{speaker + ': ' if speaker else ''}{' '.join(parts)} {format_f4_mark(end)}"
        for speaker, parts, _, end in turns
    ]
    blocks = (["\n".join(header)] if header else []) + paragraphs
    # Paragraphs are separated by one blank line, after the header block and its blank line.
    first_line = len(header) + 2 if header else 1
    starts = {first_line + 2 * index: start for index, (_, _, start, _) in enumerate(turns)}
    return Extracted("\n\n".join(blocks) + "\n", kind, encoding, notes=notes,
                     speakers=frozenset(t[0] for t in turns if t[0]), turn_starts=starts)


def _ms(timestamp: str) -> int:
    hours, minutes, rest = timestamp.split(":")
    seconds, _, millis = rest.partition(".")
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis or 0)


def read_vtt(data: bytes, source: str) -> Extracted:
    """WebVTT (Whisper, noScribe): see :func:`_captions`."""
    return _captions(data, source, "vtt")


def read_srt(data: bytes, source: str) -> Extracted:
    """SubRip: see :func:`_captions`."""
    return _captions(data, source, "srt")


class _ParagraphText(HTMLParser):
    """Collects the text of block elements (``<p>``, ``<h1>``..., ``<li>``), ``<br>`` as LF."""

    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "tr"}
    SKIP = {"style", "script", "head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.meta: dict[str, str] = {}
        self.anchors = 0

    def flush(self, closing: bool = False) -> None:
        text = "".join(self.current)
        if text.strip() or closing:
            self.paragraphs.append(text.strip(" "))
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "br":
            self.current.append("\n")
        elif tag in self.BLOCKS:
            self.flush()
        elif tag == "meta":
            values = dict(attrs)
            if values.get("name") and values.get("content"):
                self.meta[values["name"]] = values["content"]
        elif tag == "a" and (dict(attrs).get("name") or "").startswith("ts_"):
            self.anchors += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.flush(closing=True)

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data.replace("\n", " "))


def read_html(data: bytes, source: str) -> Extracted:
    """HTML transcripts, e.g. noScribe's editor format: one line per paragraph.

    noScribe writes ``S01: [00:00:12] text`` paragraphs, so turns and start times are found
    as in its .txt output.
    """
    text, encoding = decode_bytes(data, source)
    parser = _ParagraphText()
    parser.feed(text)
    parser.close()
    parser.flush()
    lines = "\n".join(parser.paragraphs).strip("\n").split("\n")
    if not any(line.strip() for line in lines):
        raise InputError(f"{source}: no text in the HTML file")
    noscribe = parser.anchors > 0 or "audio_source" in parser.meta
    return Extracted("\n".join(lines), "noscribe-html" if noscribe else "html", encoding)


READERS = {
    ".txt": read_txt,
    ".text": read_txt,
    ".docx": read_docx,
    ".rtf": read_rtf,
    ".odt": read_odt,
    ".vtt": read_vtt,
    ".srt": read_srt,
    ".html": read_html,
    ".htm": read_html,
}
