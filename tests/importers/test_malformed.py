"""Files that cannot be read give a one-line InputError naming the file, never a traceback."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from odf.opendocument import OpenDocumentText
from odf.text import P

from qualcode.domain.errors import InputError
from qualcode.importers.reader import read_document


def _refused(path: Path) -> str:
    with pytest.raises(InputError) as error:
        read_document(path)
    message = str(error.value)
    assert "\n" not in message
    assert str(path) in message
    # Reasons in words, never a Python class name such as "(KeyError)".
    assert not re.search(r"\(\w*(Error|Exception)\)", message), message
    return message


def _docx_bytes(tmp_path: Path) -> bytes:
    word = docx.Document()
    for n in range(20):
        word.add_paragraph(f"I: Frage {n}?" if n % 2 == 0 else f"B: Antwort {n}.")
    word.save(tmp_path / "vorlage.docx")
    return (tmp_path / "vorlage.docx").read_bytes()


def _odt_bytes(tmp_path: Path) -> bytes:
    odt = OpenDocumentText()
    for n in range(30):
        odt.text.addElement(P(text=f"I: Frage {n}?" if n % 2 == 0 else f"B: Antwort {n}."))
    odt.save(str(tmp_path / "vorlage.odt"))
    return (tmp_path / "vorlage.odt").read_bytes()


def _replace_member(archive: bytes, member: str, cut: float) -> bytes:
    """The archive with ``member`` cut to a fraction of its length (damaged XML)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item)
            if item.filename == member:
                content = content[:int(len(content) * cut)]
            dst.writestr(item, content)
    return out.getvalue()


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".odt", ".rtf", ".vtt", ".srt", ".html"])
def test_an_empty_file(tmp_path, suffix):
    path = tmp_path / f"leer{suffix}"
    path.write_bytes(b"")
    _refused(path)


def test_a_text_file_with_only_whitespace(tmp_path):
    path = tmp_path / "leer.txt"
    path.write_bytes(b" \n\t\r\n  \n")
    assert "no text" in _refused(path)


def test_truncated_docx(tmp_path):
    path = tmp_path / "halb.docx"
    data = _docx_bytes(tmp_path)
    path.write_bytes(data[:len(data) // 2])
    _refused(path)


def test_garbage_docx(tmp_path):
    path = tmp_path / "muell.docx"
    path.write_bytes(b"PK\x03\x04 kein echtes Archiv " * 20)
    _refused(path)


def test_docx_with_damaged_xml(tmp_path):
    path = tmp_path / "kaputt.docx"
    path.write_bytes(_replace_member(_docx_bytes(tmp_path), "word/document.xml", 0.5))
    _refused(path)


def test_a_zip_that_is_not_a_word_file(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notiz.txt", "Hallo")
    path = tmp_path / "archiv.docx"
    path.write_bytes(buffer.getvalue())
    _refused(path)


def _without(archive: bytes, member: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename != member:
                dst.writestr(item, src.read(item))
    return out.getvalue()


@pytest.mark.parametrize(("member", "reason"), [
    ("word/document.xml", "the part 'word/document.xml' it refers to is missing"),
    ("_rels/.rels", "its parts are not linked as expected (no main part)"),
    ("[Content_Types].xml", "no [Content_Types].xml in the archive"),
])
def test_a_docx_missing_a_part_says_which(tmp_path, member, reason):
    path = tmp_path / "luecke.docx"
    path.write_bytes(_without(_docx_bytes(tmp_path), member))
    assert _refused(path) == f"{path}: not a readable .docx file ({reason})"


def test_an_odt_without_a_text_body_says_so(tmp_path):
    data = _replace_member(_odt_bytes(tmp_path), "content.xml", 1.0)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = archive.read("content.xml")
    body_less = content.split(b"<office:body>")[0] + b"</office:document-content>"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, body_less if item.filename == "content.xml" else src.read(item))
    path = tmp_path / "leer.odt"
    path.write_bytes(out.getvalue())
    assert _refused(path) == (f"{path}: not a readable .odt file (content.xml has no text body: "
                              "not a text document?)")


def test_truncated_odt(tmp_path):
    path = tmp_path / "halb.odt"
    data = _odt_bytes(tmp_path)
    path.write_bytes(data[:len(data) // 2])
    _refused(path)


def test_garbage_odt(tmp_path):
    path = tmp_path / "muell.odt"
    path.write_bytes(b"Das ist kein OpenDocument. " * 30)
    _refused(path)


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_odt_with_damaged_xml_is_refused_not_imported_in_part(tmp_path, capsys, cut):
    path = tmp_path / "kaputt.odt"
    path.write_bytes(_replace_member(_odt_bytes(tmp_path), "content.xml", cut))
    _refused(path)
    # The reader must not print the document's text to stdout (stdout is data).
    assert capsys.readouterr().out == ""


def test_a_word_file_renamed_to_odt(tmp_path):
    path = tmp_path / "falsch.odt"
    path.write_bytes(_docx_bytes(tmp_path))
    _refused(path)


def test_garbage_rtf(tmp_path):
    path = tmp_path / "muell.rtf"
    path.write_bytes(b"Nur Text, kein RTF-Kopf.")
    assert "RTF" in _refused(path)


def test_truncated_rtf(tmp_path):
    rtf = (rb"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}\f0 I: Wie war die Woche?\par "
           rb"B: Anstrengend, aber gut.\par I: Warum?\par B: Viele Termine.\par}")
    path = tmp_path / "halb.rtf"
    path.write_bytes(rtf[:len(rtf) * 2 // 3])
    _refused(path)
    # The complete file reads, and escaped braces in the text are fine.
    complete = tmp_path / "ganz.rtf"
    complete.write_bytes(rtf.replace(rb"Viele Termine.", rb"Viele Termine \{und Wege\}."))
    assert "Viele Termine {und Wege}." in read_document(complete).text


def test_garbage_vtt(tmp_path):
    path = tmp_path / "muell.vtt"
    path.write_text("Das ist kein Untertitel.\n", encoding="utf-8")
    _refused(path)


def test_truncated_vtt(tmp_path):
    path = tmp_path / "halb.vtt"
    path.write_text("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v I>Hallo.\n\n"
                    "2\n00:00:02.500 --> 00:00:0", encoding="utf-8")
    _refused(path)


def test_vtt_with_an_unreadable_cue_is_refused_not_imported_in_part(tmp_path):
    path = tmp_path / "kaputt.vtt"
    path.write_text("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v I>Hallo.\n\n"
                    "2\n00:00:xx.500 --> 00:00:04.000\n<v B>Guten Tag.\n\n"
                    "3\n00:00:04.500 --> 00:00:06.000\n<v I>Los geht's.\n", encoding="utf-8")
    _refused(path)


def test_vtt_without_cue_text(tmp_path):
    path = tmp_path / "stumm.vtt"
    path.write_text("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n\n", encoding="utf-8")
    assert "no cues" in _refused(path)


def test_garbage_srt(tmp_path):
    path = tmp_path / "muell.srt"
    path.write_text("1\nkeine Zeitangabe\nText\n", encoding="utf-8")
    _refused(path)


def test_binary_data_in_a_text_format(tmp_path):
    path = tmp_path / "daten.txt"
    path.write_bytes(bytes(range(256)) * 8)
    _refused(path)


@pytest.mark.parametrize("name", ["bild.png", "tabelle.xlsx", "ohne_endung"])
def test_unsupported_file_types(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"I: Hallo.\nB: Hallo.\n")
    message = _refused(path)
    assert "unsupported file type" in message
    assert ".docx" in message  # says what is supported


def test_a_missing_file(tmp_path):
    path = tmp_path / "fehlt.txt"
    assert _refused(path).endswith("fehlt.txt: no such file or folder")
