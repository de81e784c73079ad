"""Words for the errors the format libraries raise (zipfile, zlib, lxml, expat).

Their texts are written for programmers: ``Error -3 while decompressing data``, ``negative
seek value -41``, ``[Errno 22] Invalid argument``, ``attributes construct error, line 2,
column 7 (<string>, line 2)``, ``<unknown>:1:5: not well-formed``. A user importing a file
needs to know that it is damaged and, where known, where; these functions give that in one
line, never with a Python class name (issue 10).
"""

from __future__ import annotations

import re
import zipfile
import zlib

#: The longest library text kept in a message (a mutated file can make it kilobytes long).
LIMIT = 160


def one_line(error: BaseException | str, limit: int = LIMIT) -> str:
    """``error``'s text on one line, shortened to ``limit`` characters with ``…``."""
    text = " ".join(str(error).split()) or "damaged content"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def zip_error_words(error: BaseException) -> str:
    """What is wrong with a ZIP archive (or one of its entries) that raised ``error`` while
    it was opened or inflated: ``compressed data is damaged``, ``the archive is truncated``,
    ``an entry's recorded position or size is wrong``, or zipfile's own sentence (``Bad CRC-32
    for file 'content.xml'``, ``Bad magic number for file header``)."""
    if isinstance(error, zlib.error):
        return "compressed data is damaged"
    if isinstance(error, EOFError):
        return "the archive is truncated"
    if isinstance(error, (OSError, ValueError)):
        # "[Errno 22] Invalid argument", "negative seek value -41": a seek to an offset the
        # damaged directory gives.
        return "an entry's recorded position or size is wrong"
    return one_line(error)


_LXML_WHERE = re.compile(r",? *\(<string>, line \d+\)$")
_EXPAT_WHERE = re.compile(r"^<unknown>:(\d+):(\d+): *")


def xml_error_words(error: BaseException) -> str:
    """The parser's reason for damaged XML, with its line and column once: lxml's
    ``... line 2, column 8 (<string>, line 2)`` and expat's ``<unknown>:2:7: ...`` both become
    ``..., line 2, column 8`` (columns 1-based)."""
    text = " ".join(str(error).split())
    text = _LXML_WHERE.sub("", text)
    where = _EXPAT_WHERE.match(text)
    if where:
        # expat counts columns from 0, lxml (and editors) from 1.
        text = f"{text[where.end():]}, line {where.group(1)}, column {int(where.group(2)) + 1}"
    return one_line(text)
