"""Pure rules of qualcode's REFI-QDA exchange: GUIDs and code descriptions.

REFI-QDA 1.5 (2019), the Rotterdam Exchange Format Initiative's standard for exchanging
codebooks (``.qdc``) and projects (``.qdpx``) between QDA programs; schemas
``Codebook-mrt2019.xsd`` and ``Project-mrt2019.xsd`` (namespaces below).
"""

from __future__ import annotations

import re
import uuid

PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"
CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0"

#: GUIDType of both schemas: a UUID, optionally in braces.
GUID = re.compile(
    r"(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
    r"|(?:\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})"
)

# Fixed namespace for GUIDs qualcode derives (RFC 4122 name-based UUIDs, version 5), so the
# same project exported twice gives the same GUIDs for elements that have no row of their own.
_QUALCODE_NAMESPACE = uuid.UUID("6f1c3a52-8d0e-4f7b-9a51-2c3d4e5f6a7b")


def is_guid(value: str | None) -> bool:
    """True when ``value`` is a GUID as the REFI-QDA schemas define it."""
    return bool(value) and GUID.fullmatch(value.strip()) is not None  # type: ignore[union-attr]


def derived_guid(kind: str, *parts: str) -> str:
    """A stable GUID for ``kind`` (e.g. ``"selection"``) and ``parts`` (e.g. a segment's GUID):
    a version-5 UUID (RFC 4122, section 4.3) in upper case. Same input, same GUID."""
    name = "\u001f".join((kind, *parts))
    return str(uuid.uuid5(_QUALCODE_NAMESPACE, name)).upper()


# -- code descriptions -------------------------------------------------------------------
# REFI-QDA gives a code one free-text <Description>; qualcode has three fields. They travel
# as one text with labelled paragraphs, readable in any program and split again on import.

ANCHOR_LABELS = ("Ankerbeispiel", "Anchor example")
RULES_LABELS = ("Kodierregeln", "Kodierregel", "Codierregeln", "Codierregel", "Coding rules",
                "Coding rule")
_SECTION = re.compile(
    r"(?:^|\n\n)(?P<label>" + "|".join(re.escape(x) for x in ANCHOR_LABELS + RULES_LABELS)
    + r"):[ \n]"
)


def compose_description(definition: str, anchor_example: str = "", coding_rules: str = "") -> str:
    """One description text: the definition, then ``Ankerbeispiel: ...`` and
    ``Kodierregeln: ...`` paragraphs for the fields that are set."""
    parts = [definition.strip()] if definition.strip() else []
    if anchor_example.strip():
        parts.append(f"{ANCHOR_LABELS[0]}: {anchor_example.strip()}")
    if coding_rules.strip():
        parts.append(f"{RULES_LABELS[0]}: {coding_rules.strip()}")
    return "\n\n".join(parts)


def split_description(text: str) -> tuple[str, str, str]:
    """``(definition, anchor_example, coding_rules)`` from a description; inverse of
    :func:`compose_description` for stripped fields. A description without labelled
    paragraphs (as other programs write) is all definition. German and English labels are
    recognised at the start of the text or of a paragraph."""
    text = (text or "").replace("\r\n", "\n").strip()
    matches = list(_SECTION.finditer(text))
    if not matches:
        return text, "", ""
    definition = text[:matches[0].start()].strip()
    fields = {"anchor": [], "rules": []}
    for index, match in enumerate(matches):
        stop = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = text[match.end():stop].strip()
        key = "anchor" if match.group("label") in ANCHOR_LABELS else "rules"
        fields[key].append(body)
    return definition, "\n\n".join(fields["anchor"]), "\n\n".join(fields["rules"])
