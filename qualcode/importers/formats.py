"""Readers: file bytes -> plain text, one per supported format.

Each reader is ``reader(data, source, encoding=None) -> Extracted`` (text not yet
normalised); ``encoding`` is ``None`` (detect), ``"utf-8-repair"`` or a codec name (see
:mod:`qualcode.importers.decode`) and matters for the text formats and RTF. Readers never touch
the project; :func:`qualcode.importers.reader.read_document` normalises and parses structure.
Every reader raises :class:`InputError` (one line naming ``source``) for what it cannot read.
"""

from __future__ import annotations

import codecs
import contextlib
import html
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser

from qualcode.domain.errors import InputError
from qualcode.domain.timemarks import format_f4_mark
from qualcode.importers.decode import REPAIR, decode_bytes, encoding_label
from qualcode.importers.error_words import one_line as _one_line
from qualcode.importers.error_words import xml_error_words, zip_error_words
from qualcode.importers.zip_safety import check_office_archive, missing_part


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


def read_txt(data: bytes, source: str, encoding: str | None = None) -> Extracted:
    """Plain text in UTF-8 (BOM or not), UTF-16/32 or a legacy code page."""
    decoded = decode_bytes(data, source, encoding)
    return Extracted(decoded.text, "txt", decoded.encoding, notes=list(decoded.notes))


def shown(name: str) -> str:
    """A name from inside a file, quoted and with control characters escaped."""
    return repr(name)


def read_docx(data: bytes, source: str, encoding: str | None = None) -> Extracted:
    """Word .docx via python-docx: body paragraphs and table rows, in document order.

    Table cells of one row are joined with a tab (which normalisation makes a space). The
    archive is checked against zip bombs (:func:`~qualcode.importers.zip_safety.
    check_office_archive`) before python-docx inflates it.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml.etree import LxmlError

    check_office_archive(data, source, ".docx", ("[Content_Types].xml",))
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                for row in block.rows:
                    lines.append("\t".join(cell.text for cell in row.cells))
    except InputError:
        raise
    except PackageNotFoundError:
        raise InputError(f"{source}: not a .docx file (no Word document in the package)") from None
    except KeyError as error:
        raise InputError(f"{source}: not a readable .docx file ({missing_part(error)})") from None
    except LxmlError as error:
        raise InputError(f"{source}: not a readable .docx file (damaged XML: "
                         f"{xml_error_words(error)})") from None
    except ValueError as error:
        raise InputError(f"{source}: not a readable .docx file ({_one_line(error)})") from None
    except UnicodeDecodeError:
        raise InputError(f"{source}: not a readable .docx file (damaged XML: a part is not "
                         "in its declared encoding)") from None
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
        raise InputError(f"{source}: not a readable .docx file (damaged ZIP archive: "
                         f"{zip_error_words(error)})") from None
    except RecursionError:
        raise InputError(f"{source}: not a readable .docx file (elements nested too "
                         "deeply)") from None
    except Exception:  # noqa: BLE001 - python-docx trips over parts that do not fit together
        raise InputError(f"{source}: not a readable .docx file (its parts do not fit together: "
                         "damaged, or not written by a word processor)") from None
    return Extracted("\n".join(lines), "docx", None)


#: RTF code pages (``\\ansicpgN``) that have no ``cpN`` codec in Python.
_RTF_CODEPAGES = {10000: "mac_roman", 10006: "mac_greek", 10007: "mac_cyrillic",
                  10029: "mac_latin2", 10079: "mac_iceland", 10081: "mac_turkish",
                  20127: "ascii", 28591: "latin_1", 28592: "iso8859_2", 28605: "iso8859_15",
                  65001: "utf_8"}
#: Largest RTF font table read; real ones hold a few dozen fonts (striprtf's font-table
#: pattern takes quadratic time on a huge one).
_RTF_FONT_TABLE = 256 * 1024


def _rtf_codec(number: str) -> str | None:
    """The Python codec of an RTF ``\\ansicpgN`` code page, or ``None`` when unknown."""
    known = _RTF_CODEPAGES.get(int(number))
    if known is not None:
        return known
    try:
        codec = codecs.lookup(f"cp{int(number)}")
    except LookupError:
        return None
    return codec.name


def read_rtf(data: bytes, source: str, encoding: str | None = None) -> Extracted:
    """RTF via striprtf, decoded with the file's ``\\ansicpg`` code page (default
    Windows-1252) or the given ``encoding``.

    Raises :class:`InputError` for a code page Python does not know and for bytes not valid in
    the code page (never stored as U+FFFD); broken ``\\u`` escapes become U+FFFD with a note.
    """
    from striprtf.striprtf import font_table_group, rtf_to_text

    raw = data.decode("latin-1")
    if not raw.lstrip().startswith("{\\rtf"):
        raise InputError(f"{source}: not an RTF file (no {{\\rtf header)")
    unescaped = re.sub(r"\\[\\{}]", "", raw)
    if unescaped.count("{") != unescaped.count("}"):
        raise InputError(f"{source}: truncated or damaged RTF file (unbalanced braces)")
    match = re.search(r"\\ansicpg(\d{1,10})", raw[:4000])
    if encoding is not None and encoding != REPAIR:
        codec = codecs.lookup(encoding).name
        given = True
    elif match:
        found = _rtf_codec(match.group(1))
        if found is None:
            raise InputError(f"{source}: RTF code page \\ansicpg{match.group(1)} is not "
                             "supported; name the encoding with --encoding NAME")
        codec, given = found, False
    else:
        codec, given = "cp1252", False
    label = encoding_label(codec) + (" (given)" if given else "")
    if not data.isascii():
        # Characters written unescaped are in the code page too (RTF 1.9.1, "Character set").
        try:
            raw = data.decode(codec)
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            raise InputError(f"{source}: unescaped bytes that are not {label} text (byte "
                             f"0x{data[error.start]:02X} in line {line}); name the encoding "
                             "with --encoding NAME") from None
    # The code page decides for every escape: striprtf would otherwise take \ansicpg itself
    # (falling back to UTF-8 for an unknown one) and Windows-1252 for ANSI fonts
    # (\fcharset0); \fcharset1, the default charset, makes it use ``codec``.
    # (An unknown control word takes its place, so that the next word keeps its delimiter.)
    raw = re.sub(r"\\ansicpg-?\d{1,10} ?", r"\\qccodepage ", raw)
    raw = re.sub(r"\\fcharset(\d{1,10})",
                 lambda m: m.group() if not given and m.group(1) not in ("0", "1")
                 else "\\fcharset1", raw)
    if len(font_table_group(raw)) > _RTF_FONT_TABLE:
        raise InputError(f"{source}: damaged RTF file (a font table of more than "
                         f"{_RTF_FONT_TABLE:,} characters)")
    try:
        text = rtf_to_text(raw, encoding=codec, errors="strict")
    except UnicodeDecodeError as error:
        raise InputError(f"{source}: escaped characters that are not {label} text "
                         f"({_one_line(error.reason)}); name the encoding with --encoding "
                         "NAME") from None
    except OverflowError:
        raise InputError(f"{source}: damaged RTF file (a number in a control word is out of "
                         "range)") from None
    except ValueError as error:
        reason = ("a \\u escape beyond the last Unicode character" if "chr()" in str(error)
                  else _one_line(error))
        raise InputError(f"{source}: damaged RTF file ({reason})") from None
    except (LookupError, IndexError) as error:
        raise InputError(f"{source}: damaged RTF file ({_one_line(error)})") from None
    except TypeError:
        # striprtf reads \ucN's N with int() even when the number is missing
        raise InputError(f"{source}: damaged RTF file (a control word lacks its number)"
                         ) from None
    except RecursionError:
        raise InputError(f"{source}: unreadable RTF (nested too deeply)") from None
    text, broken = _join_surrogates(text)
    notes = [f"{broken} broken \\u escape(s) (half of a character pair) became '\ufffd'"] \
        if broken else []
    return Extracted(text, "rtf", label, notes=notes)


def _join_surrogates(text: str) -> tuple[str, int]:
    """``text`` with UTF-16 surrogate pairs (RTF writes characters beyond U+FFFF as two
    ``\\u`` escapes) joined and lone surrogates replaced by U+FFFD; returns the count of
    lone ones."""
    if not re.search("[\ud800-\udfff]", text):
        return text, 0
    joined = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return joined, joined.count("\ufffd") - text.count("\ufffd")


_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def read_odt(data: bytes, source: str, encoding: str | None = None) -> Extracted:
    """OpenDocument text via odfpy (which parses with defusedxml): paragraphs and headings.

    The archive is checked against zip bombs before odfpy inflates it.
    """
    from odf import teletype
    from odf.opendocument import load

    check_office_archive(data, source, ".odt", ("content.xml",))
    printed = io.StringIO()
    try:
        # odfpy prints a part it cannot parse (the document's text) to stdout and carries on.
        with contextlib.redirect_stdout(printed):
            document = load(io.BytesIO(data))
        if printed.getvalue():
            raise InputError(f"{source}: not a readable .odt file (damaged XML in content.xml)")
        if getattr(document, "text", None) is None:
            raise InputError(f"{source}: not a readable .odt file (content.xml has no text "
                             "body: not a text document?)")
        lines: list[str] = []
        stack = [iter(document.text.childNodes)]
        while stack:  # depth-first, without recursion: elements may nest deeply
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
            elif getattr(child, "qname", None) in ((_TEXT_NS, "p"), (_TEXT_NS, "h")):
                lines.append(teletype.extractText(child))
            elif getattr(child, "childNodes", None):
                stack.append(iter(child.childNodes))
    except InputError:
        raise
    except KeyError as error:
        raise InputError(f"{source}: not a readable .odt file ({missing_part(error)})") from None
    except UnicodeDecodeError:
        raise InputError(f"{source}: not a readable .odt file (damaged XML: a part is not "
                         "UTF-8 text)") from None
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
        raise InputError(f"{source}: not a readable .odt file (damaged ZIP archive: "
                         f"{zip_error_words(error)})") from None
    except RecursionError:
        raise InputError(f"{source}: not a readable .odt file (elements nested too "
                         "deeply)") from None
    except Exception as error:  # noqa: BLE001 - odfpy raises SAX, XML and attribute errors alike
        from xml.sax import SAXException

        if isinstance(error, SAXException):
            raise InputError(f"{source}: not a readable .odt file (damaged XML: "
                             f"{xml_error_words(error)})") from None
        raise InputError(f"{source}: not a readable .odt file (its parts do not fit together: "
                         "damaged, or not written by an office program)") from None
    return Extracted("\n".join(lines), "odt", None)


_VOICE_PREFIX = re.compile(r"^<v(?:\.[^ >]*)?\s+([^>]+)>")


def _captions(data: bytes, source: str, kind: str, encoding: str | None) -> Extracted:
    """WebVTT or SRT via webvtt-py, rendered as f4-style paragraphs.

    Consecutive cues of one speaker (voice tag ``<v S01>`` or a ``Name:`` prefix) form one
    paragraph ``Speaker: text #hh:mm:ss-d#`` ending with the time mark of the last cue's end,
    cue texts joined with one space. Header ``NOTE`` lines of the form ``Key: value`` become
    header lines (document variables). A cue whose end lies before its start is kept, with a note.
    """
    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    decoded = decode_bytes(data, source, encoding)
    text = decoded.text
    try:
        captions = webvtt.WebVTT.from_buffer(io.StringIO(text), format=kind)
    except (MalformedFileError, MalformedCaptionError, ValueError) as error:
        raise InputError(f"{source}: not a valid {kind.upper()} file ({error})") from None
    timings = sum(1 for line in text.splitlines() if "-->" in line)
    if timings > len(captions):  # webvtt-py skips cues it cannot read
        raise InputError(f"{source}: not a valid {kind.upper()} file "
                         f"({timings - len(captions)} cue(s) with unreadable timings)")
    notes: list[str] = list(decoded.notes)
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
    return Extracted("\n\n".join(blocks) + "\n", kind, decoded.encoding, notes=notes,
                     speakers=frozenset(t[0] for t in turns if t[0]), turn_starts=starts)


def _ms(timestamp: str) -> int:
    hours, minutes, rest = timestamp.split(":")
    seconds, _, millis = rest.partition(".")
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis or 0)


def read_vtt(data: bytes, source: str, encoding: str | None = None) -> Extracted:
    """WebVTT (Whisper, noScribe): see :func:`_captions`."""
    return _captions(data, source, "vtt", encoding)


def read_srt(data: bytes, source: str, encoding: str | None = None) -> Extracted:
    """SubRip: see :func:`_captions`."""
    return _captions(data, source, "srt", encoding)


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


def read_html(data: bytes, source: str, encoding: str | None = None) -> Extracted:
    """HTML transcripts, e.g. noScribe's editor format: one line per paragraph.

    noScribe writes ``S01: [00:00:12] text`` paragraphs, so turns and start times are found
    as in its .txt output.
    """
    decoded = decode_bytes(data, source, encoding)
    parser = _ParagraphText()
    try:
        parser.feed(decoded.text)
        parser.close()
    except AssertionError:
        # html.parser (Python < 3.13) asserts on a '<![' section that is neither CDATA nor
        # a known keyword instead of treating it as text
        raise InputError(f"{source}: damaged HTML file (a '<![' section that is not "
                         "'<![CDATA[')") from None
    parser.flush()
    lines = "\n".join(parser.paragraphs).strip("\n").split("\n")
    if not any(line.strip() for line in lines):
        raise InputError(f"{source}: no text in the HTML file")
    noscribe = parser.anchors > 0 or "audio_source" in parser.meta
    return Extracted("\n".join(lines), "noscribe-html" if noscribe else "html",
                     decoded.encoding, notes=list(decoded.notes))


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
