"""Codebooks from REFI-QDA files: a ``.qdc`` codebook, or the code book of a ``.qdpx`` project.

Each ``<Code>`` becomes a :class:`~qualcode.importers.codebook.CodeSpec` (name, colour, GUID;
its ``<Description>`` split into definition, anchor example and coding rules by
:func:`qualcode.domain.refi.split_description`), so the YAML and REFI-QDA codebooks merge into
the code system the same way.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from qualcode.domain.errors import InputError
from qualcode.domain.refi import CODEBOOK_NAMESPACE, split_description
from qualcode.importers.codebook import CodeSpec
from qualcode.importers.input_file import read_regular
from qualcode.importers.qdpx_archive import DEFAULT_LIMITS, open_qdpx
from qualcode.importers.refi_read import RefiCode, read_codebook, refi_color
from qualcode.importers.refi_xml import local, namespace, parse_xml, schema_problems


def _specs(codes: list[RefiCode], parents: list[str], notes: list[str]) -> list[CodeSpec]:
    seen: Counter = Counter()
    out = []
    for code in codes:
        name = code.name.strip() or "(ohne Namen)"
        seen[name] += 1
        if seen[name] > 1:
            notes.append(f"two codes named {name!r} under the same parent; the second is called "
                         f"'{name} ({seen[name]})'")
            name = f"{name} ({seen[name]})"
        definition, anchor, rules = split_description(code.description)
        spec = CodeSpec(names=[*parents, name], color=refi_color(code.color), definition=definition,
                        anchor_example=anchor, coding_rules=rules, guid=code.guid)
        spec.children = _specs(code.children, spec.names, notes)
        out.append(spec)
    return out


def read_qdc(path: Path) -> tuple[str | None, list[CodeSpec], list[str]]:
    """``(title, top-level codes, notes)`` from a ``.qdc`` file or a ``.qdpx`` archive.

    Raises :class:`InputError` naming the file when it is unreadable (not a regular file,
    over the size cap), unsafe (DTD, entities, path traversal, zip bomb, nesting beyond
    :data:`qualcode.importers.refi_xml.MAX_DEPTH`) or holds no codes; a schema violation is
    only a note.
    """
    notes: list[str] = []
    if path.suffix.lower() == ".qdpx":
        archive = open_qdpx(path)
        try:
            data, kind = archive.project_xml, "project"
        finally:
            archive.close()
    else:
        data = read_regular(path, DEFAULT_LIMITS.project_bytes)
        kind = "codebook"
    root = parse_xml(data, str(path))
    if local(root.tag) not in ("CodeBook", "Project"):
        raise InputError(f"{path}: not a REFI-QDA codebook (the root element is "
                         f"<{local(root.tag)}>)")
    if kind == "codebook" and namespace(root.tag) == CODEBOOK_NAMESPACE:
        count, first = schema_problems(data, "codebook")
        if count:
            notes.append(f"warning: the file does not follow the REFI-QDA codebook schema "
                         f"({count} problem(s); first: {first[0]}); importing what is readable")
    codes, fixes = read_codebook(root)
    notes += fixes
    if not codes:
        raise InputError(f"{path}: the codebook holds no codes")
    title = root.get("name") if local(root.tag) == "Project" else None
    return title, _specs(codes, [], notes), notes
