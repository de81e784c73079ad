"""Bytes -> text with the encoding detected and reported."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from qualcode.domain.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32 LE (BOM)"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32 BE (BOM)"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 LE (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 BE (BOM)"),
)


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode a text file; returns ``(text, encoding_label)``.

    A byte-order mark decides directly (UTF-8, UTF-16, UTF-32); valid UTF-8 is UTF-8;
    anything else is detected with charset-normalizer (e.g. Windows-1252, UTF-16 without
    BOM). Raises :class:`InputError` naming ``source`` for binary or undecodable data.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), label
            except UnicodeDecodeError as error:
                raise InputError(f"{source}: invalid {label} text ({error.reason})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # NUL bytes are valid UTF-8, but text has none: UTF-16 without BOM or binary data,
        # which the detection below tells apart.
        if "\x00" not in text:
            return text, "UTF-8"
    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{source}: cannot detect the text encoding (binary file?)")
    text = str(best)
    if "\x00" in text:
        raise InputError(f"{source}: binary data, not a text file")
    # Several legacy code pages decode German text identically; report the one a German
    # Windows machine writes when it is among them.
    equivalent = set(best.could_be_from_charset)
    for preferred in ("cp1252", "iso8859_15", "latin_1"):
        if preferred in equivalent:
            return text, _label(preferred)
    # On short texts charset-normalizer may prefer a code page (mac_iceland, cp852 ...) that
    # garbles German; take Windows-1252 when it reads the bytes as more German letters and
    # typographic marks than the detected code page does.
    if not best.encoding.startswith("utf"):
        try:
            western = data.decode("cp1252")
        except UnicodeDecodeError:
            western = None
        if western is not None and _german_score(western) > _german_score(text):
            return western, _label("cp1252")
    return text, _label(best.encoding)


_GERMAN = set("äöüÄÖÜß„“”‚‘’–—…€§")


def _german_score(text: str) -> int:
    """How many characters of ``text`` are umlauts, ß or German typographic marks."""
    return sum(1 for char in text if char in _GERMAN)


def _label(encoding: str) -> str:
    names = {"cp1252": "Windows-1252", "utf_8": "UTF-8", "utf_16": "UTF-16",
             "utf_16_le": "UTF-16 LE", "utf_16_be": "UTF-16 BE", "latin_1": "ISO-8859-1",
             "iso8859_15": "ISO-8859-15", "cp1250": "Windows-1250", "mac_roman": "Mac Roman",
             "cp850": "CP850", "utf_32": "UTF-32"}
    return names.get(encoding, encoding)
