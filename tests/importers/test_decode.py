"""Bytes to text: encodings detected and reported."""

from __future__ import annotations

import codecs
import zipfile
from io import BytesIO

import pytest

from qualcode.domain.errors import InputError
from qualcode.importers.decode import Decoded, decode_bytes
from qualcode.importers.reader import read_document

GERMAN = (
    "Datum: 2021-03-02\n"
    "\n"
    "I: Wie lief die Beratung, als die Büros geschlossen waren?\n"
    "B: „Holprig“ – ehrlich gesagt. Viele hatten kein Guthaben auf dem Handy, größere "
    "Dateien ließen sich nicht öffnen. Über Messenger ging es später besser, weil die "
    "Jugendlichen das ohnehin täglich nutzen.\n"
)


def test_utf8_without_bom():
    assert decode_bytes(GERMAN.encode("utf-8"), "a.txt") == Decoded(GERMAN, "UTF-8")


def test_utf8_with_bom_drops_the_bom():
    text, label, _ = decode_bytes(codecs.BOM_UTF8 + GERMAN.encode("utf-8"), "a.txt")
    assert text == GERMAN
    assert label == "UTF-8 (BOM)"


@pytest.mark.parametrize("codec,bom,label", [
    ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16 LE (BOM)"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16 BE (BOM)"),
    ("utf-32-le", codecs.BOM_UTF32_LE, "UTF-32 LE (BOM)"),
])
def test_utf16_and_utf32_with_bom(codec, bom, label):
    text, found, _ = decode_bytes(bom + GERMAN.encode(codec), "a.txt")
    assert text == GERMAN
    assert found == label


@pytest.mark.parametrize("codec,label", [("utf-16-le", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE")])
def test_utf16_without_bom_is_detected(codec, label):
    text, found, _ = decode_bytes(GERMAN.encode(codec), "a.txt")
    assert text == GERMAN
    assert found == label


def test_utf16_without_bom_and_without_umlauts_is_text_not_binary():
    english = "I: Thanks for joining us today.\nB: Happy to, it has been a busy week.\n"
    text, found, _ = decode_bytes(english.encode("utf-16-le"), "e.txt")
    assert text == english
    assert found.startswith("UTF-16")


def test_windows_1252_german_text_with_typographic_quotes_and_dash():
    data = GERMAN.encode("cp1252")
    assert "„".encode("cp1252") == b"\x84"  # a byte that is not ISO-8859-1 text
    text, found, _ = decode_bytes(data, "a.txt")
    assert text == GERMAN
    assert found == "Windows-1252"


def test_read_document_reports_the_encoding(tmp_path):
    path = tmp_path / "Beratung.txt"
    path.write_bytes(GERMAN.encode("cp1252"))
    document = read_document(path)
    assert document.encoding == "Windows-1252"
    assert "„Holprig“ – ehrlich" in document.text
    assert document.structure.variables == {"Datum": "2021-03-02"}


@pytest.mark.parametrize("data", [
    b"\x00" * 300,
    b"Kopf\x00\x00\x01\x02Daten\x00" * 20,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x08\x06" + bytes(range(256)),
])
def test_binary_data_is_refused_naming_the_file(data):
    with pytest.raises(InputError) as error:
        decode_bytes(data, "bild.txt")
    assert str(error.value).startswith("bild.txt: ")
    assert "\n" not in str(error.value)


def test_a_zip_file_renamed_to_txt_is_refused():
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>" * 100)
    with pytest.raises(InputError) as error:
        decode_bytes(buffer.getvalue(), "Bericht.txt")
    assert "Bericht.txt" in str(error.value)


def test_a_broken_utf16_file_with_bom_is_refused():
    with pytest.raises(InputError) as error:
        decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8", "kaputt.txt")  # lone surrogate
    assert "kaputt.txt" in str(error.value)
