"""Library errors in words (issue 10: reader errors without Python class names or parser
jargon such as ``(<string>, line 2)``)."""

from __future__ import annotations

import io
import xml.sax
import zipfile
import zlib

import pytest
from lxml import etree

from qualcode.importers.error_words import one_line, xml_error_words, zip_error_words


def raised(action) -> BaseException:
    with pytest.raises(Exception) as caught:
        action()
    return caught.value


def test_lxml_and_expat_reasons_name_line_and_column_once():
    lxml_error = raised(lambda: etree.fromstring(b"<document>\n  <p a=1/></document>"))
    words = xml_error_words(lxml_error)
    assert "<string>" not in words
    assert words.endswith("line 2, column 8"), words

    # The same place in both parsers: expat's 0-based column is counted from 1 too.
    expat_error = raised(lambda: xml.sax.parseString(b"<office>\n  <p a=1/></office>",
                                                     xml.sax.ContentHandler()))
    assert xml_error_words(expat_error) == "not well-formed (invalid token), line 2, column 8"


def test_zip_damage_is_named_in_words():
    assert zip_error_words(raised(lambda: zlib.decompress(b"\x78\x9c garbage"))) == (
        "compressed data is damaged")
    assert zip_error_words(ValueError("negative seek value -41")) == (
        "an entry's recorded position or size is wrong")
    assert zip_error_words(OSError(22, "Invalid argument")) == (
        "an entry's recorded position or size is wrong")
    assert zip_error_words(EOFError()) == "the archive is truncated"
    not_zip = raised(lambda: zipfile.ZipFile(io.BytesIO(b"PK\x03\x04 kaputt")))
    assert zip_error_words(not_zip) == "File is not a zip file"


def test_long_library_texts_are_shortened_to_one_line():
    text = one_line(ValueError("Zeile\n" + "x" * 500))
    assert "\n" not in text and len(text) == 160 and text.endswith("…")
    assert one_line(ValueError("")) == "damaged content"
