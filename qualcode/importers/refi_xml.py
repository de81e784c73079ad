"""Reading REFI-QDA XML safely: defusedxml for parsing, the standard's rules for warnings.

Untrusted XML is parsed with :mod:`defusedxml` with DTDs, entity declarations and external
references forbidden (no XXE, no "billion laughs"). The structural checks
(:mod:`qualcode.importers.refi_rules`) read the same bytes with lxml, entity resolution, DTD
loading and network access off, and only after defusedxml accepted them. Element names are
matched by local name, so files with another (older) namespace are read.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_tree
from defusedxml import DefusedXmlException

from qualcode.domain.errors import InputError
from qualcode.importers.refi_rules import problems

#: Deepest element nesting read (a code system nests one level per subcode; REFI-QDA's other
#: elements need fewer than ten). Deeper files are refused before any recursive reading.
MAX_DEPTH = 100


def depth_beyond(root: Element, limit: int) -> bool:
    """True when elements below ``root`` nest more than ``limit`` levels (root = level 1);
    walked without recursion."""
    stack = [(root, 1)]
    while stack:
        element, level = stack.pop()
        if level > limit:
            return True
        stack.extend((child, level + 1) for child in element)
    return False


def parse_xml(data: bytes, source: str) -> Element:
    """Parse untrusted XML; raises :class:`InputError` naming ``source`` for a DTD, entity
    declarations, external references, malformed XML or elements nested deeper than
    :data:`MAX_DEPTH` levels."""
    try:
        root = safe_tree.fromstring(data, forbid_dtd=True, forbid_entities=True,
                                    forbid_external=True)
    except DefusedXmlException as error:
        from defusedxml import DTDForbidden, EntitiesForbidden

        found = ("a DTD" if isinstance(error, DTDForbidden) else "an entity declaration"
                 if isinstance(error, EntitiesForbidden) else "an external reference")
        raise InputError(
            f"{source}: refused: the XML declares a DTD or entities (here: {found}); "
            "REFI-QDA files have none, and such declarations can read local files or "
            "exhaust memory"
        ) from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise InputError(f"{source}: not well-formed XML (line {line}, column {column})") from None
    except (LookupError, ValueError):
        # expat: an XML declaration naming an encoding Python does not know (LookupError)
        # or a multi-byte one it cannot parse with (ValueError)
        raise InputError(f"{source}: the XML declaration names an encoding that cannot be "
                         "read; REFI-QDA files are UTF-8") from None
    if depth_beyond(root, MAX_DEPTH):
        raise InputError(f"{source}: refused: elements nested more than {MAX_DEPTH} levels deep "
                         "(the limit; a code system that deep is a damaged or hostile file)")
    return root


def local(tag: str) -> str:
    """``"{urn:...}Code" -> "Code"``."""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str | None:
    """The namespace URI of a tag, or ``None``."""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else None


def children(element: Element, name: str) -> list[Element]:
    """Direct children with local name ``name``."""
    return [child for child in element if local(child.tag) == name]


def child(element: Element, name: str) -> Element | None:
    """The first direct child with local name ``name``."""
    for item in element:
        if local(item.tag) == name:
            return item
    return None


def text_of(element: Element | None, name: str) -> str:
    """Text of the first child ``name`` (``""`` when absent)."""
    if element is None:
        return ""
    found = child(element, name)
    return "".join(found.itertext()) if found is not None else ""


def schema_problems(data: bytes, kind: str, limit: int = 3) -> tuple[int, list[str]]:
    """``(count, first)``: how many rules of the REFI-QDA standard ``data`` (already accepted
    by :func:`parse_xml`) breaks, and the first ``limit`` of them as ``line N: message``.
    ``kind``: ``project`` or ``codebook`` (see :mod:`qualcode.importers.refi_rules`)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True,
                             huge_tree=True)
    try:
        document = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        return 1, [str(error)]
    found = list(problems(document, kind))
    return len(found), found[:limit]
