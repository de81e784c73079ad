"""Structure-aware fuzzing of the importers, shared by ``tests/importers/test_fuzz.py`` (a
small hypothesis budget) and ``benchmarks/fuzz_importers.py`` (minutes per importer).

For every importer there is a valid seed file (written here, with invented German texts) and
mutations that keep or break its structure: byte flips, truncation, deleted, repeated and
swapped slices, inserted format tokens (``-->``, ``\\'9f``, ``&a``, ``"`` ...), and for ZIP
formats mutated, dropped, renamed, added or bomb-sized members. :func:`run_input` imports
one input into a project and checks the contract: either the import succeeds, or it raises a
:class:`~qualcode.domain.errors.QualcodeError` with a one-line message in words (no Python
class name) and the project is exactly as before. Anything else is a finding.
"""

from __future__ import annotations

import functools
import io
import random
import re
import sqlite3
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qualcode.domain.errors import QualcodeError

# -- seeds ----------------------------------------------------------------------------------
TRANSCRIPT = (
    "Datum: 2021-02-11\nModus: Video\nKommune: Kreis West\n\n"
    "I: Wie haben Sie die Familien im Lockdown erreicht? #00:00:05-2#\n\n"
    "B: Über Anrufe und Sprachnachrichten. „Ohne Handy wäre gar nichts gegangen“, sagt "
    "eine Kollegin – und sie hat recht. (lacht) #00:00:31-0#\n\n"
    "I: Und die Ämter? #00:00:34-6#\n\n"
    "B: Die Ausländerbehörde war wochenlang zu, Anträge blieben liegen. //Mhm.// "
    "Später ging es per E-Mail. #00:01:02-4#\n"
)
TURNS = [("I", "Wie haben Sie die Familien im Lockdown erreicht?"),
         ("B", "Über Anrufe und Sprachnachrichten, sagt eine Kollegin."),
         ("I", "Und die Ämter?"),
         ("B", "Die Ausländerbehörde war wochenlang zu; später ging es per E-Mail.")]


def _vtt() -> bytes:
    cues = "".join(f"00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 1:02d}.500\n<v {who}>{text}\n\n"
                   for i, (who, text) in enumerate(TURNS))
    return f"WEBVTT\n\nNOTE\nDatum: 2021-02-11\nKommune: Kreis West\n\n{cues}".encode()


def _srt() -> bytes:
    cues = "".join(f"{i + 1}\n00:00:{2 * i:02d},000 --> 00:00:{2 * i + 1:02d},500\n"
                   f"{who}: {text}\n\n" for i, (who, text) in enumerate(TURNS))
    return cues.encode()


def _html() -> bytes:
    rows = "".join(f'<p><a name="ts_{i}_{i + 1}">{who}: [00:00:{2 * i:02d}] {text}</a></p>\n'
                   for i, (who, text) in enumerate(TURNS))
    return ('<!DOCTYPE html><html><head><meta charset="utf-8">'
            '<meta name="audio_source" content="gespraech.mp3"><title>Gespräch</title>'
            f'<style>p {{ margin: 0 }}</style></head><body>\n{rows}</body></html>').encode()


def _rtf() -> bytes:
    body = r"\par ".join(f"{who}: " + text.replace("Ü", r"\'dc").replace("ä", r"\'e4")
                         .replace("ö", r"\'f6").replace("Ä", r"\'c4") for who, text in TURNS)
    return ((r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss\fcharset0 Arial;}"
             r"{\f1\fnil\fcharset238 Tahoma;}}{\colortbl;\red0\green0\blue0;}"
             r"\f0\fs22 Datum: 2021-02-11\par Kommune: Kreis West\par\par "
             + body + r"\par \u8222?Gut\u8220? \u-10179?\u-8704? Ende\par}").encode("ascii"))


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Datum: 2021-02-11")
    document.add_paragraph("")
    for who, text in TURNS:
        document.add_paragraph(f"{who}: {text}")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Angebot"
    table.rows[0].cells[1].text = "Sprachcafé"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _odt() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P, Span

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Gespräch"))
    for who, text in TURNS:
        paragraph = P(text=f"{who}: ")
        paragraph.addElement(Span(text=text))
        document.text.addElement(paragraph)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


SURVEY_ROWS = [
    ["ID", "Kommune", "Treffen", "Anzahl", "Antwort Planung", "Antwort Träger"],
    ["B01", "Kreis", "ja", "7", "Sitzungen per Video.", "Kein Träger für FB4."],
    ["B02", "Stadt", "nein", "", "", "Frist zu kurz; „zu knapp“."],
    ["B03", "Kreis", "x", "11", "Alles verschoben.\nZweite Zeile.", ""],
]


def _csv() -> bytes:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(SURVEY_ROWS)
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in SURVEY_ROWS:
        sheet.append([int(c) if c.isdigit() else c for c in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


YAML = """\
name: Fuzz-Codebuch
codes:
  - name: Digitale Beratung
    color: "#8E44AD"
    definition: Beratung über Telefon, Messenger oder Video.
    anchor_example: "Wir telefonieren fast nur noch."
    children:
      - name: Telefon/E-Mail
        definition: Kontakt am Telefon oder per E-Mail.
      - name: Messenger
  - name: Behörden
    definition: Zusammenarbeit mit Ämtern.
    coding_rules: Nur Aussagen über Ämter.
    children:
      - name: Wartezeiten
        children:
          - name: Anträge
"""


@functools.cache
def _refi(tmp: str) -> tuple[bytes, bytes]:
    """``(qdpx, qdc)`` exported by qualcode from the exchange test project."""
    from exchange_helpers import build_project

    from qualcode.exports.refi import build_codebook, qdpx_bytes, serialize
    from qualcode.store.project import Project

    path = build_project(Path(tmp) / "quelle.qualcode")
    with Project.open(path) as project:
        archive, _ = qdpx_bytes(project)
        root, _ = build_codebook(project)
        codebook = serialize(root)
    return archive, codebook


@functools.cache
def seed(kind: str, tmp: str) -> bytes:
    """The valid seed file of importer ``kind`` (``tmp``: a folder for the REFI-QDA export)."""
    builders: dict[str, Callable[[], bytes]] = {
        "txt": lambda: TRANSCRIPT.encode("utf-8"),
        "f4-cp1252": lambda: TRANSCRIPT.encode("cp1252"),
        "vtt": _vtt, "srt": _srt, "html": _html, "rtf": _rtf, "docx": _docx, "odt": _odt,
        "csv": _csv, "xlsx": _xlsx, "yaml": lambda: YAML.encode("utf-8"),
        "qdpx": lambda: _refi(tmp)[0], "qdc": lambda: _refi(tmp)[1],
    }
    return builders[kind]()


# -- mutations ------------------------------------------------------------------------------
TOKENS: dict[str, list[bytes]] = {
    "text": [b"\n", b"\r\n", b"I: ", b"B: ", b"#00:00:01-0#", b"#99:99:99-9#", b"Datum: ",
             b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\x93", b"\xe4", b"\xc3", b"\xe2\x80",
             b"\xf0\x9f\x98", b"\t", b"\x0c", "\u2028".encode(), "ü".encode(), b":" * 70],
    "vtt": [b"-->", b"WEBVTT", b"<v S01>", b"00:00:01.000", b"99:99:99.999", b"NOTE\n",
            b"&amp;", b"&#xD800;", b"<b>", b"\n\n", b"-1:00.000 --> 00:01.000"],
    "srt": [b"-->", b"00:00:01,000", b"1\n", b"\n\n", b"99:99:99,999", b"Name: "],
    "html": [b"<p>", b"</p>", b"<br>", b"<script>", b"</style>", b"<a name=\"ts_1\">",
             b"&#xD800;", b"&#x110000;", b"&#0;", b"<![CDATA[", b"<!--", b"<meta name=\"a\" "
             b"content=\"b\">", b"<div>" * 50],
    "rtf": [b"{", b"}", b"\\par ", b"\\u-3?", b"\\u99999999999?", b"\\u-10179?", b"\\'9f",
            b"\\'81", b"\\ansicpg9999 ", b"\\ansicpg65001 ", b"\\fcharset128 ", b"\\f1 ",
            b"\\bin", b"\\pict", b"\\*\\", b"\\uc0 ", b"\\uc99999 ", b"\\'zz", b"\\\\",
            b"{\\fonttbl{\\f9\\fcharset77 X;}}"],
    "xml": [b"<", b">", b"</", b"/>", b"\"", b"&amp;", b"&x;", b"<!DOCTYPE a>", b"]]>",
            b"<w:p><w:r><w:t>Text</w:t></w:r></w:p>", b"<text:p>T</text:p>", b"<Code ",
            b"guid=\"x\"", b"name=\"\"", b"<Codes>", b"xmlns=\"urn:x\"", b"\xff", b"\x00",
            b"<PlainTextSelection startPosition=\"-5\" endPosition=\"99999999\">",
            b"<c r=\"A1\" t=\"e\"><v>#DIV/0!</v></c>", b"<f>A1*2</f>", b"<v>1e400</v>",
            b"t=\"s\"", b"<si><t>x</t></si>", b"r=\"XFD1048577\""],
    "yaml": [b"&a ", b"*a", b"- ", b": ", b"!!binary ", b"!!int ", b"!!python/object ", b"{",
             b"[", b"]", b"}", b"\t", b"name: yes\n", b"children:\n", b"    ", b"<<: ", b"---\n",
             b"? ", b"|\n", b"%YAML 1.1\n", b"\"\\x", b"'", b"#", b"\n  - name: X\n"],
    "csv": [b"\"", b";", b",", b"\t", b"\n", b"\r", b"\r\n", b"\"\"", b"=SUMME(A1)", b"\x00",
            b";;;;;;;;", b"ID;", b"\xff\xfe", b"\x93"],
}
#: The token list of each importer.
TOKEN_SETS = {"txt": "text", "f4-cp1252": "text", "vtt": "vtt", "srt": "srt", "html": "html",
              "rtf": "rtf", "docx": "xml", "odt": "xml", "xlsx": "xml", "qdpx": "xml",
              "qdc": "xml", "yaml": "yaml", "csv": "csv"}
ZIP_KINDS = ("docx", "odt", "xlsx", "qdpx")


def mutate_bytes(data: bytes, rnd: random.Random, tokens: list[bytes], rounds: int) -> bytes:
    """``data`` changed ``rounds`` times by one of: byte flip, truncation, deleted, repeated
    or swapped slice, inserted or overwritten token, inserted random bytes."""
    out = bytearray(data)
    for _ in range(rounds):
        size = len(out)
        where = rnd.randint(0, size)
        span = rnd.randint(1, max(1, min(64, size // 4 or 1)))
        operation = rnd.randrange(8)
        if operation == 0 and size:
            out[min(where, size - 1)] = rnd.randrange(256)
        elif operation == 1:
            del out[where:]
        elif operation == 2:
            del out[where:where + span]
        elif operation == 3:
            out[where:where] = out[where:where + span] * rnd.randint(2, 40)
        elif operation == 4:
            out[where:where] = rnd.choice(tokens)
        elif operation == 5:
            token = rnd.choice(tokens)
            out[where:where + len(token)] = token
        elif operation == 6:
            out[where:where] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 16)))
        else:
            other = rnd.randint(0, size)
            first, second = sorted((where, other))
            if second - first > 1:
                middle = first + (second - first) // 2
                out[first:second] = out[middle:second] + out[first:middle]
    return bytes(out)


#: Well-formed XML snippets, inserted between elements so that the XML stays parseable and
#: the libraries get past parsing into the reading code.
ELEMENTS = [b"<w:p><w:r><w:t>Neu</w:t></w:r></w:p>", b"<w:tbl><w:tr><w:tc/></w:tr></w:tbl>",
            b"<w:p/>", b"<w:r><w:tab/></w:r>", b"<w:sdt><w:sdtContent/></w:sdt>",
            b"<text:p>Neu</text:p>", b"<text:h>T</text:h>", b"<text:span/>",
            b"<text:list><text:list-item/></text:list>", b"<table:table/>",
            b"<row r=\"99\"><c r=\"A99\" t=\"s\"><v>999</v></c></row>",
            b"<c r=\"B2\"><f>A1*2</f></c>", b"<c r=\"C2\" t=\"e\"><v>#NAME?</v></c>",
            b"<c r=\"D2\" t=\"b\"><v>7</v></c>", b"<c r=\"E2\" t=\"d\"><v>2020-13-45</v></c>",
            b"<Code guid=\"00000000-0000-0000-0000-000000000001\" name=\"X\" isCodable=\"true\"/>",
            b"<PlainTextSelection guid=\"00000000-0000-0000-0000-000000000002\" "
            b"startPosition=\"5\" endPosition=\"2\"/>",
            b"<Coding guid=\"00000000-0000-0000-0000-000000000003\"><CodeRef "
            b"targetGUID=\"00000000-0000-0000-0000-000000000009\"/></Coding>",
            b"<VariableValue><VariableRef targetGUID=\"x\"/><IntegerValue>abc</IntegerValue>"
            b"</VariableValue>", b"<Description>\xc3\xa4</Description>"]


def insert_element(data: bytes, rnd: random.Random) -> bytes:
    """``data`` with a well-formed element inserted right after a random ``>``."""
    ends = [i for i in range(len(data)) if data[i:i + 1] == b">"]
    if not ends:
        return data
    where = rnd.choice(ends) + 1
    return data[:where] + rnd.choice(ELEMENTS) + data[where:]


def mutate_zip(data: bytes, rnd: random.Random, tokens: list[bytes], rounds: int) -> bytes:
    """A ZIP rebuilt with its members mutated: a member's bytes mutated or a well-formed
    element inserted into it (most often), a member dropped, renamed, duplicated or added
    (sometimes a 2 MiB run of zeros: a small zip bomb), stored instead of deflated; sometimes
    the finished archive's bytes too."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    for _ in range(rounds):
        operation = rnd.randrange(13)
        index = rnd.randrange(len(members)) if members else 0
        if operation >= 10 and members:
            name, content = members[index]
            members[index] = (name, insert_element(content, rnd))
        elif operation <= 5 and members:
            name, content = members[index]
            members[index] = (name, mutate_bytes(content, rnd, tokens, rnd.randint(1, 4)))
        elif operation == 6 and members:
            del members[index]
        elif operation == 7 and members:
            name, content = members[index]
            members[index] = (rnd.choice([name.upper(), name + "x", "../" + name, "/" + name,
                                          name.replace("/", "\\")]), content)
        elif operation == 8:
            name = rnd.choice(["word/media/bild.png", "sources/extra.txt", "xl/x.xml", "a/b",
                               "Content.xml"])
            content = (b"\0" * (2 * 2**20) if rnd.random() < 0.2
                       else bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 64))))
            members.append((name, content))
        elif members:
            members.append(members[index])
    buffer = io.BytesIO()
    compression = zipfile.ZIP_STORED if rnd.random() < 0.1 else zipfile.ZIP_DEFLATED
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": wanted here
        with zipfile.ZipFile(buffer, "w", compression) as archive:
            for name, content in members:
                archive.writestr(name, content)
    out = buffer.getvalue()
    if rnd.random() < 0.15:
        out = mutate_bytes(out, rnd, tokens, rnd.randint(1, 3))
    return out


def mutated(kind: str, tmp: str, rnd: random.Random) -> bytes:
    """A mutated seed of importer ``kind`` (one to eight mutations)."""
    data = seed(kind, tmp)
    tokens = TOKENS[TOKEN_SETS[kind]]
    rounds = rnd.randint(1, 8)
    if kind == "qdc" and rnd.random() < 0.4:
        for _ in range(rounds):
            data = insert_element(data, rnd)
        return data
    if kind in ZIP_KINDS and rnd.random() < 0.85:
        return mutate_zip(data, rnd, tokens, rounds)
    return mutate_bytes(data, rnd, tokens, rounds)


# -- running one input ----------------------------------------------------------------------
SUFFIX = {"txt": ".txt", "f4-cp1252": ".txt", "vtt": ".vtt", "srt": ".srt", "html": ".html",
          "rtf": ".rtf", "docx": ".docx", "odt": ".odt", "xlsx": ".xlsx", "csv": ".csv",
          "yaml": ".yaml", "qdpx": ".qdpx", "qdc": ".qdc"}
KINDS = tuple(SUFFIX)


def importer(kind: str) -> Callable:
    """``run(project, path)``: what the command importing a ``kind`` file does."""
    if kind in ("yaml", "qdc"):
        from qualcode.importers.codebook import import_codebook

        return lambda project, path: import_codebook(project, path)
    if kind == "qdpx":
        from qualcode.importers.qdpx import import_qdpx

        return lambda project, path: import_qdpx(project, path)
    if kind in ("csv", "xlsx"):
        from qualcode.importers.survey import import_survey

        return lambda project, path: import_survey(
            project, path, id_column="ID", text_columns=["Antwort*"],
            variable_columns=["Kommune", "Treffen", "Anzahl"])

    from qualcode.importers.reader import read_document
    from qualcode.store.documents import add_document

    def transcript(project, path):
        # What one file of `qualcode import` does, without the batch's last-resort handler
        # (which would turn an unexpected exception into a message).
        with project.transaction(f"import {path.name}"):
            add_document(project, read_document(path))

    return transcript


def snapshot(path: Path) -> list[str]:
    """Every row of the project file, in SQL (``iterdump``), for before/after comparison."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@dataclass
class Outcome:
    """``status``: ``imported``, ``duplicate`` (the text is already in the project) or
    ``refused``; ``message``: the error's text."""

    status: str
    message: str = ""


class Finding(AssertionError):
    """An input broke the contract (a traceback, a multi-line message, a changed project)."""


#: A Python exception's class name in a message ("(KeyError)", "BadZipFile: ..."): users
#: get words instead (issue 10).
PYTHON_CLASS_NAME = re.compile(r"\b[A-Z]\w*(?:Error|Exception|Warning)\b|\bBadZipFile\b")


def run_input(kind: str, data: bytes, folder: Path, project_path: Path) -> Outcome:
    """Import ``data`` as a ``kind`` file into the project at ``project_path``.

    Raises :class:`Finding` when the importer raises anything but a
    :class:`~qualcode.domain.errors.QualcodeError`, when its message spans lines, or when the
    project changed although the import was refused.
    """
    from qualcode.store.project import Project

    path = folder / f"eingabe{SUFFIX[kind]}"
    path.write_bytes(data)
    before = snapshot(project_path)
    project = Project.open(project_path)
    try:
        importer(kind)(project, path)
    except QualcodeError as error:
        message = str(error)
        project.close()
        if "\n" in message or "\r" in message or not message.strip():
            raise Finding(f"{kind}: the error is not one line: {message!r}") from None
        if PYTHON_CLASS_NAME.search(message):
            raise Finding(f"{kind}: the error names a Python class: {message!r}") from None
        if snapshot(project_path) != before:
            raise Finding(f"{kind}: the project changed although the import was refused "
                          f"({message})") from None
        from qualcode.store.documents import DuplicateDocumentError

        duplicate = isinstance(error, DuplicateDocumentError)
        return Outcome("duplicate" if duplicate else "refused", message)
    except BaseException as error:
        project.close()
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        raise Finding(f"{kind}: {type(error).__name__}: {error}") from error
    project.close()
    return Outcome("imported")


def fresh_project(path: Path) -> Path:
    """An empty project at ``path`` with one document, a variable and a code, so imports meet
    existing names, texts and types."""
    from qualcode.domain.models import NewDocument
    from qualcode.domain.text import normalize_text
    from qualcode.domain.transcript import parse_transcript
    from qualcode.store.codes import add_code
    from qualcode.store.documents import add_document
    from qualcode.store.project import Project

    path.unlink(missing_ok=True)
    with Project.create(path) as project:
        text = normalize_text(TRANSCRIPT.replace("Kreis West", "Kreis Ost"))
        add_document(project, NewDocument("Vorhanden", text, "Vorhanden.txt", "txt", "UTF-8",
                                          parse_transcript(text)))
        add_code(project, "Behörden/Wartezeiten", definition="Schon da.")
    return path
