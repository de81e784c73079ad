"""Structural rules of the REFI-QDA 1.5 project and codebook formats, checked without a schema
file.

The rules are the constraints of the standard's schemas (``Project-mrt2019.xsd``,
``Codebook-mrt2019.xsd``, REFI-QDA 1.5, 2019) that matter for exchange: required attributes,
containers that must hold at least one element, the GUID and colour patterns, boolean and
position values. qualcode does not ship the schema files; its tests validate exports against
them as well. Importers use these rules to *warn* about files that break the standard but can
still be read; exports use them as a self-check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Attributes each element must have.
REQUIRED = {
    "Project": ("name",),
    "User": ("guid",),
    "Code": ("guid", "name", "isCodable"),
    "Case": ("guid",),
    "Variable": ("guid", "name", "typeOfVariable"),
    "Set": ("guid", "name"),
    "TextSource": ("guid",),
    "PictureSource": ("guid",),
    "PDFSource": ("guid",),
    "AudioSource": ("guid",),
    "VideoSource": ("guid",),
    "Transcript": ("guid",),
    "PlainTextSelection": ("guid", "startPosition", "endPosition"),
    "Coding": ("guid",),
    "Note": ("guid",),
    "Link": ("guid",),
    "Graph": ("guid",),
    "CodeRef": ("targetGUID",),
    "NoteRef": ("targetGUID",),
    "SourceRef": ("targetGUID",),
    "SelectionRef": ("targetGUID",),
    "VariableRef": ("targetGUID",),
}

#: Containers that must hold at least one of these children.
NON_EMPTY = {
    "Users": ("User",),
    "Codes": ("Code",),
    "Cases": ("Case",),
    "Variables": ("Variable",),
    "Sets": ("Set",),
    "Sources": ("TextSource", "PictureSource", "PDFSource", "AudioSource", "VideoSource"),
    "Notes": ("Note",),
    "Links": ("Link",),
    "Graphs": ("Graph",),
    "Coding": ("CodeRef",),
    "VariableValue": ("VariableRef",),
}

_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
                   r"|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
                   r"-[0-9a-fA-F]{12}\}")
_GUID_ATTRIBUTES = ("guid", "targetGUID", "creatingUser", "modifyingUser")
_COLOR = re.compile(r"#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})")
_BOOLEAN = {"true", "false", "1", "0"}
_VARIABLE_TYPES = {"Text", "Boolean", "Integer", "Float", "Date", "DateTime"}
_ROOTS = {"project": ("Project", "urn:QDA-XML:project:1.0"),
          "codebook": ("CodeBook", "urn:QDA-XML:codebook:1.0")}


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _namespace(tag: str) -> str | None:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else None


def problems(root, kind: str) -> Iterator[str]:
    """Every rule ``root`` (an lxml or ElementTree element) breaks, as ``line N: message``
    (``element: message`` when the tree has no line numbers). ``kind``: ``project`` or
    ``codebook``."""
    name, uri = _ROOTS[kind]
    if _local(root.tag) != name or _namespace(root.tag) != uri:
        yield f"the root element is {root.tag!r}, not {{{uri}}}{name}"
    for element in root.iter():
        tag = _local(element.tag)
        if not tag:
            continue  # comments and processing instructions
        line = getattr(element, "sourceline", None)
        where = f"line {line}: <{tag}>" if line else f"<{tag}>"
        for attribute in REQUIRED.get(tag, ()):
            if element.get(attribute) is None:
                yield f"{where} lacks the attribute {attribute!r}"
        wanted = NON_EMPTY.get(tag)
        if wanted and not any(_local(child.tag) in wanted for child in element):
            yield f"{where} must hold at least one <{wanted[0]}>"
        for attribute in _GUID_ATTRIBUTES:
            value = element.get(attribute)
            if value is not None and not _GUID.fullmatch(value):
                yield f"{where}: {attribute}={value!r} is not a GUID"
        color = element.get("color")
        if color is not None and not _COLOR.fullmatch(color):
            yield f"{where}: color={color!r} is not #RRGGBB"
        codable = element.get("isCodable")
        if codable is not None and codable not in _BOOLEAN:
            yield f"{where}: isCodable={codable!r} is not true or false"
        variable_type = element.get("typeOfVariable")
        if variable_type is not None and variable_type not in _VARIABLE_TYPES:
            yield f"{where}: typeOfVariable={variable_type!r} is not a REFI-QDA type"
        for attribute in ("startPosition", "endPosition"):
            value = element.get(attribute)
            if value is not None and not value.isdigit():
                yield f"{where}: {attribute}={value!r} is not a position (0, 1, 2 ...)"
