"""Bytes to text: encodings detected and reported."""

from __future__ import annotations

import codecs
import zipfile
from io import BytesIO

import pytest

from qualcode.domain.errors import InputError
from qualcode.importers.decode import (
    REPAIR,
    Decoded,
    check_encoding,
    decode_bytes,
    replacement_note,
)
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


# -- mixed and doubtful encodings ------------------------------------------------------------

def _mixed() -> bytes:
    """UTF-8 text with two Windows-1252 quotes pasted into line 4."""
    return GERMAN.encode("utf-8").replace(
        "„Holprig“".encode("utf-8"), "„Holprig“".encode("cp1252"))


def test_mostly_utf8_with_stray_bytes_is_refused_with_count_line_and_fix():
    with pytest.raises(InputError) as error:
        decode_bytes(_mixed(), "gemischt.txt")
    assert str(error.value) == (
        "gemischt.txt: mostly UTF-8, but 2 byte(s) are not (first in line 4, read as "
        "Windows-1252: 'B: „Holprig“ – ehrlich gesagt. Viele h…'); to import it so, give "
        "--encoding utf-8-repair")


def test_utf8_repair_reads_the_stray_bytes_as_windows_1252_and_says_so():
    text, label, notes = decode_bytes(_mixed(), "gemischt.txt", REPAIR)
    assert text == GERMAN
    assert label == "UTF-8 (repaired)"
    assert notes == ("2 byte(s) that are not UTF-8 read as Windows-1252 (--encoding "
                     "utf-8-repair; first in line 4: 'B: „Holprig“ – ehrlich gesagt. Viele "
                     "h…')",)


def test_utf8_repair_names_bytes_undefined_in_windows_1252():
    data = "Grüße \x81 aus Köln\n".encode("utf-8").replace(b"\xc2\x81", b"\x81")
    text, _, (note,) = decode_bytes(data, "x.txt", REPAIR)
    assert text == "Grüße \ufffd aus Köln\n"
    assert note.endswith("1 of them are undefined there and became '\ufffd'")


def test_utf8_repair_leaves_clean_utf8_alone():
    assert decode_bytes(GERMAN.encode("utf-8"), "a.txt", REPAIR) == Decoded(GERMAN, "UTF-8")


def test_the_excerpt_shows_the_stray_byte_in_a_long_paragraph():
    paragraph = "B: " + "Wir haben viel telefoniert und geschrieben. " * 8 + "Das war „zäh“."
    data = f"I: Wie lief es?\n\n{paragraph}\n".encode("utf-8").replace(
        "„".encode("utf-8"), b"\x84")
    with pytest.raises(InputError) as error:
        decode_bytes(data, "lang.txt")
    assert str(error.value) == ("lang.txt: mostly UTF-8, but 1 byte(s) are not (first in line 3, "
                                "read as Windows-1252: '…und geschrieben. Das war „zäh“.'); to "
                                "import it so, give --encoding utf-8-repair")


def test_a_legacy_file_is_not_taken_for_mixed_utf8():
    # "Fuß“" in Windows-1252 is DF 93, which happens to be valid UTF-8 (an N'Ko letter).
    text = "I: Zu Fuß“ oder mit dem Bus? Über die Brücke ging es schneller.\n" * 3
    assert decode_bytes(text.encode("cp1252"), "a.txt").text == text


def test_a_given_encoding_is_used_and_reported():
    text, label, notes = decode_bytes("Grüße aus Köln\n".encode("latin-1"), "a.txt",
                                      check_encoding("latin-1"))
    assert (text, label, notes) == ("Grüße aus Köln\n", "ISO-8859-1 (given)", ())


def test_bytes_invalid_in_the_given_encoding_are_an_error_naming_byte_and_line():
    with pytest.raises(InputError) as error:
        decode_bytes(b"Zeile eins\nZeile \x81 zwei\n", "a.txt", "cp1252")
    assert str(error.value) == ("a.txt: not valid Windows-1252 text (byte 0x81 in line 2); "
                                "try another --encoding")


@pytest.mark.parametrize("name", ["klingonisch", "rot13", "base64"])
def test_unknown_or_non_text_encodings_are_refused(name):
    with pytest.raises(InputError, match=f"--encoding '{name}': "):
        check_encoding(name)


def test_encoding_names_are_normalised():
    assert check_encoding("UTF8-Repair") == REPAIR
    assert check_encoding("Windows-1252") == "cp1252"
    assert check_encoding("mac-roman") == "mac-roman"


def test_a_short_windows_1252_text_is_not_taken_for_utf16():
    text, label, notes = decode_bytes("Grüße\n".encode("cp1252"), "a.txt")
    assert (text, label) == ("Grüße\n", "Windows-1252")
    assert notes == ("encoding guessed as Windows-1252 from little text: check umlauts and "
                     "quotes, or name the encoding with --encoding NAME",)


def test_a_long_windows_1252_text_gets_no_note():
    assert decode_bytes(GERMAN.encode("cp1252"), "a.txt").notes == ()


def test_an_unusual_code_page_gets_a_note():
    text, label, notes = decode_bytes("Grüße aus Köln\n".encode("mac_roman"), "alt.txt")
    assert (text, label) == ("Grüße aus Köln\n", "Mac Roman")
    assert notes == ("encoding detected as Mac Roman, unusual for German text: check umlauts "
                     "and quotes, or name the encoding with --encoding NAME",)


def test_replacement_characters_already_in_the_text_are_noted():
    assert replacement_note("I: Gut.\nB: Gr\ufffd\ufffde.\n") == (
        "the text contains 2 replacement character(s) '\ufffd' (first in line 2): characters "
        "lost before or while this file was written; check the source")
    assert replacement_note("I: Gut.\n") is None


def test_read_document_passes_the_notes_on(tmp_path):
    path = tmp_path / "gemischt.txt"
    path.write_bytes(_mixed() + "B: Gr\ufffd\ufffde.\n".encode("utf-8"))
    document = read_document(path, encoding=REPAIR)
    assert document.encoding == "UTF-8 (repaired)"
    assert [note.split(" (")[0] for note in document.notes] == [
        "2 byte(s) that are not UTF-8 read as Windows-1252",
        "the text contains 2 replacement character(s) '\ufffd'"]
