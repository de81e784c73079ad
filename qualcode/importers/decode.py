"""Bytes -> text with the encoding detected, reported, and doubts stated.

Rules (a careful researcher's, since stored text never changes after import):

* a byte-order mark decides (UTF-8, UTF-16, UTF-32); valid UTF-8 is UTF-8;
* **mostly UTF-8 with a few bytes that are not** (a Windows-1252 quote pasted into a UTF-8
  file) is refused with the count and the first line, unless the import asks for
  :data:`REPAIR` (``--encoding utf-8-repair``): UTF-8 with each stray byte read as
  Windows-1252, stated in a note. Decoding such a file whole in a legacy code page would
  garble every umlaut, silently;
* anything else is detected with charset-normalizer; a guess from little evidence (a short
  text, no language recognised) or an unusual code page gets a note;
* ``--encoding NAME`` forces a codec; bytes that are not valid in it are an error.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import NamedTuple

from charset_normalizer import from_bytes

from qualcode.domain.errors import InputError

#: The ``--encoding`` value that reads UTF-8 with stray non-UTF-8 bytes as Windows-1252.
REPAIR = "utf-8-repair"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32 LE (BOM)"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32 BE (BOM)"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 LE (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 BE (BOM)"),
)
#: Code pages of German (and western European) text: a detection among these is trusted.
_WESTERN = {"cp1252", "iso8859_15", "latin_1", "utf_8", "utf_16", "utf_16_le", "utf_16_be",
            "utf_32", "utf_32_le", "utf_32_be", "ascii"}


class Decoded(NamedTuple):
    """Text decoded from bytes: ``encoding`` is a label such as ``"UTF-8"`` or
    ``"Windows-1252"``; ``notes`` state doubts and repairs (one line each)."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def check_encoding(name: str) -> str:
    """``name`` as a Python codec name, or :data:`REPAIR`.

    Raises :class:`InputError` for an unknown codec or one that does not decode bytes to
    text (``base64``, ``rot13``).
    """
    cleaned = name.strip()
    if cleaned.lower().replace("_", "-") in (REPAIR, "utf8-repair"):
        return REPAIR
    try:
        info = codecs.lookup(cleaned)
    except LookupError:
        raise InputError(f"--encoding {name!r}: unknown encoding (e.g. utf-8, cp1252, "
                         f"latin-1, utf-16, mac-roman, or {REPAIR})") from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(f"--encoding {name!r}: not a text encoding")
    return info.name


def _line_of(data: bytes, offset: int) -> int:
    """1-based line number of byte ``offset`` (LF counted as the line break)."""
    return data.count(b"\n", 0, offset) + 1


def _as_cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in Windows-1252
        return "\ufffd"


@dataclass(frozen=True)
class _Damage:
    """How far ``data`` is from UTF-8: valid multi-byte characters of western text, invalid
    bytes, the byte offset of the first invalid byte and its character index in the decoded
    text (-1 when none)."""

    plausible: int
    invalid: int
    first: int
    first_char: int = -1


_STRAY = re.compile("[\udc80-\udcff]")
# Letters and punctuation of European text; a legacy code page's byte pairs that happen to be
# valid UTF-8 decode to other scripts (N'Ko, Armenian ...) and do not count.
_PLAUSIBLE = re.compile("[\u00a0-\u024f\u1e00-\u1eff\u2000-\u20cf]")


def _utf8_damage(data: bytes) -> _Damage:
    escaped = data.decode("utf-8", errors="surrogateescape")
    stray = _STRAY.search(escaped)
    if stray is None:
        return _Damage(len(_PLAUSIBLE.findall(escaped)), 0, -1)
    first = len(escaped[:stray.start()].encode("utf-8", errors="surrogateescape"))
    return _Damage(len(_PLAUSIBLE.findall(escaped)), len(_STRAY.findall(escaped)), first,
                   stray.start())


def _repair(data: bytes) -> tuple[str, int, int]:
    """UTF-8 with every invalid byte read as Windows-1252: ``(text, repaired, undefined)``."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    counts = [0, 0]

    def western(match: re.Match) -> str:
        replacement = _as_cp1252(ord(match.group()) - 0xDC00)
        counts[0] += 1
        counts[1] += replacement == "\ufffd"
        return replacement

    text = _STRAY.sub(western, escaped)
    return text, counts[0], counts[1]


def _excerpt(text: str, position: int, before: int = 25, after: int = 35) -> str:
    """The words of ``text`` around character ``position`` within its line, quoted."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    end = len(text) if end < 0 else end
    left, right = max(start, position - before), min(end, position + after)
    content = ("…" if left > start else "") + text[left:right] + ("…" if right < end else "")
    return repr(" ".join(content.split()))


def replacement_note(text: str) -> str | None:
    """A note when ``text`` holds U+FFFD REPLACEMENT CHARACTERs (characters lost before the
    file was written, or bytes no code page could read), else ``None``."""
    count = text.count("\ufffd")
    if not count:
        return None
    line = text.count("\n", 0, text.index("\ufffd")) + 1
    return (f"the text contains {count} replacement character(s) '\ufffd' (first in line "
            f"{line}): characters lost before or while this file was written; check the "
            "source")


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> Decoded:
    """Decode a text file (see the module's rules).

    ``encoding``: ``None`` (detect), :data:`REPAIR`, or a codec name (as returned by
    :func:`check_encoding`). Raises :class:`InputError` naming ``source`` for binary or
    undecodable data, bytes invalid in a forced encoding, and mostly-UTF-8 data with stray
    bytes when ``encoding`` is not :data:`REPAIR`.
    """
    if encoding is not None and encoding != REPAIR:
        return _forced(data, source, encoding)
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), label)
            except UnicodeDecodeError as error:
                raise InputError(f"{source}: invalid {label} text ({error.reason} at byte "
                                 f"{error.start:,})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # NUL bytes are valid UTF-8, but text has none: UTF-16 without BOM or binary data,
        # which the detection below tells apart.
        if "\x00" not in text:
            return Decoded(text, "UTF-8")
    if b"\x00" not in data:
        damage = _utf8_damage(data)
        if encoding == REPAIR and damage.invalid:
            return _repaired(data, damage)
        if damage.plausible and damage.invalid:
            text, _, _ = _repair(data)
            line = _line_of(data, damage.first)
            raise InputError(
                f"{source}: mostly UTF-8, but {damage.invalid} byte(s) are not (first in line "
                f"{line}, read as Windows-1252: {_excerpt(text, damage.first_char)}); to "
                f"import it so, give --encoding {REPAIR}")
    return _detected(data, source)


def _repaired(data: bytes, damage: _Damage) -> Decoded:
    text, repaired, undefined = _repair(data)
    line = _line_of(data, damage.first)
    note = (f"{repaired} byte(s) that are not UTF-8 read as Windows-1252 (--encoding {REPAIR}; "
            f"first in line {line}: {_excerpt(text, damage.first_char)})")
    if undefined:
        note += f"; {undefined} of them are undefined there and became '\ufffd'"
    return Decoded(text, "UTF-8 (repaired)", (note,))


def _forced(data: bytes, source: str, encoding: str) -> Decoded:
    codec = codecs.lookup(encoding).name
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise InputError(f"{source}: not valid {encoding_label(encoding)} text (byte "
                         f"0x{data[error.start]:02X} in line {_line_of(data, error.start)}); "
                         "try another --encoding") from None
    except LookupError as error:
        raise InputError(f"{source}: --encoding {encoding}: {error}") from None
    if "\x00" in text:
        raise InputError(f"{source}: binary data or not {encoding_label(encoding)} text (NUL "
                         "characters)")
    return Decoded(text, f"{encoding_label(encoding)} (given)")


def _detected(data: bytes, source: str) -> Decoded:
    results = list(from_bytes(data))
    if b"\x00" not in data:
        # Text in UTF-16/32 without a BOM always has NUL bytes (for the ASCII it contains);
        # without them charset-normalizer's UTF-16 guesses on short files are garbage.
        results = [r for r in results if not r.encoding.startswith(("utf_16", "utf_32"))]
    if not results:
        raise InputError(f"{source}: cannot detect the text encoding (binary file?)")
    best = results[0]
    text = str(best)
    if "\x00" in text:
        raise InputError(f"{source}: binary data, not a text file")
    encoding = best.encoding
    # Several legacy code pages decode German text identically; report the one a German
    # Windows machine writes when it is among them.
    equivalent = set(best.could_be_from_charset)
    for preferred in ("cp1252", "iso8859_15", "latin_1"):
        if preferred in equivalent:
            encoding = preferred
            break
    else:
        # On short texts charset-normalizer may prefer a code page (mac_iceland, cp852 ...)
        # that garbles German; take Windows-1252 (or Mac Roman, DOS CP850) when it reads the
        # bytes as more German letters and typographic marks than the detected code page.
        if not encoding.startswith("utf"):
            score = _german_score(text)
            for legacy in ("cp1252", "mac_roman", "cp850"):
                try:
                    candidate = data.decode(legacy)
                except UnicodeDecodeError:
                    continue
                if _german_score(candidate) > score:
                    text, encoding, score = candidate, legacy, _german_score(candidate)
    notes: list[str] = []
    if encoding not in _WESTERN:
        notes.append(f"encoding detected as {encoding_label(encoding)}, unusual for German "
                     "text: check umlauts and quotes, or name the encoding with --encoding NAME")
    elif best.coherence < 0.1 and not encoding.startswith("utf"):
        notes.append(f"encoding guessed as {encoding_label(encoding)} from little text: check "
                     "umlauts and quotes, or name the encoding with --encoding NAME")
    return Decoded(text, encoding_label(encoding), tuple(notes))


_GERMAN = set("äöüÄÖÜß„“”‚‘’–—…€§")


def _german_score(text: str) -> int:
    """How many characters of ``text`` are umlauts, ß or German typographic marks."""
    return sum(1 for char in text if char in _GERMAN)


def encoding_label(encoding: str) -> str:
    """A reader's name for a Python codec name (``cp1252`` -> ``Windows-1252``)."""
    try:
        encoding = codecs.lookup(encoding).name
    except LookupError:
        pass
    key = encoding.replace("-", "_")
    names = {"cp1252": "Windows-1252", "utf_8": "UTF-8", "utf_16": "UTF-16",
             "utf_16_le": "UTF-16 LE", "utf_16_be": "UTF-16 BE", "latin_1": "ISO-8859-1",
             "iso8859_1": "ISO-8859-1", "iso8859_15": "ISO-8859-15", "cp1250": "Windows-1250",
             "mac_roman": "Mac Roman", "cp850": "CP850", "utf_32": "UTF-32",
             "utf_32_le": "UTF-32 LE", "utf_32_be": "UTF-32 BE", "ascii": "ASCII"}
    if key in names:
        return names[key]
    if key.startswith("cp125"):
        return f"Windows-{key[2:]}"
    return encoding
