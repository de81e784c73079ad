"""Codebook import from YAML files (``codebooks/*.yaml``) and REFI-QDA files (``.qdc``,
``.qdpx``; read by :mod:`qualcode.importers.qdc`).

Format::

    name: "Codebook title"            # optional
    description: "..."                # optional
    codes:
      - name: Corona als Prozessbremse
        color: "#C0392B"              # optional, #RRGGBB
        definition: "..."             # optional
        anchor_example: "..."         # optional
        coding_rules: "..."           # optional
        guid: "..."                   # optional, kept for exchange (REFI-QDA)
        children: [ ...same shape... ]
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.domain.codepath import join_codepath
from qualcode.domain.errors import InputError
from qualcode.importers.codebook_yaml import load_codebook_yaml
from qualcode.store.codes import normalize_color
from qualcode.store.exchange import CodeIndex
from qualcode.store.project import Project

_FIELDS = ("name", "color", "definition", "anchor_example", "coding_rules", "guid", "children",
           "description")


@dataclass
class CodeSpec:
    """One code read from a codebook file."""

    names: list[str]
    color: str | None
    definition: str
    anchor_example: str
    coding_rules: str
    guid: str | None
    children: list[CodeSpec] = field(default_factory=list)


@dataclass
class CodebookImport:
    """Counts of a codebook import."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _text(value: object, where: str, key: str, source: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        # Plain scalars load as text (codebook_yaml); only an explicit tag (!!int, !!binary)
        # or a list/mapping gets here.
        raise InputError(f"{source}: {where}: {key} must be text, not "
                         f"{_kind_of(value)}")
    return value.strip()


def _kind_of(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    # Words, not Python class names: the reader of the message wrote YAML, not Python.
    kinds = ((bool, "yes/no"), (int, "a whole number"), (float, "a number"),
             (bytes, "binary data"), (datetime.date, "a date"))
    word = next((word for kind, word in kinds if isinstance(value, kind)), "a tagged value")
    return f"{word} (an explicit YAML tag such as !!int?)"


def _parse_code(raw: object, parents: list[str], where: str, source: str) -> CodeSpec:
    if not isinstance(raw, dict):
        raise InputError(f"{source}: {where}: expected a mapping with 'name'")
    not_text = [key for key in raw if not isinstance(key, str)]
    if not_text:  # e.g. "!!binary name:" (a field name with an explicit YAML tag)
        raise InputError(f"{source}: {where}: a field name must be text, not "
                         f"{_kind_of(not_text[0])}")
    unknown = set(raw) - set(_FIELDS)
    if unknown:
        raise InputError(f"{source}: {where}: unknown field(s) {', '.join(sorted(unknown))}")
    name = _text(raw.get("name"), where, "name", source)
    if not name:
        raise InputError(f"{source}: {where}: missing name")
    color = raw.get("color")
    if color is not None:
        try:
            color = normalize_color(str(color))
        except InputError as error:
            raise InputError(f"{source}: {where} ({name}): {error}") from None
    children_raw = raw.get("children") or []
    if not isinstance(children_raw, list):
        raise InputError(f"{source}: {where} ({name}): children must be a list")
    names = [*parents, name]
    spec = CodeSpec(
        names=names,
        color=color,
        definition=_text(raw.get("definition", raw.get("description")), where, "definition",
                         source),
        anchor_example=_text(raw.get("anchor_example"), where, "anchor_example", source),
        coding_rules=_text(raw.get("coding_rules"), where, "coding_rules", source),
        guid=_text(raw.get("guid"), where, "guid", source) or None,
    )
    seen: set[str] = set()
    for index, child in enumerate(children_raw):
        parsed = _parse_code(child, names, f"{where} > children[{index}]", source)
        if parsed.names[-1] in seen:
            raise InputError(f"{source}: {where}: two subcodes named {parsed.names[-1]!r}")
        seen.add(parsed.names[-1])
        spec.children.append(parsed)
    return spec


def read_codebook(path: Path) -> tuple[str | None, list[CodeSpec]]:
    """Parse and validate a YAML codebook; returns its title and top-level codes.

    Read with :func:`qualcode.importers.codebook_yaml.load_codebook_yaml` (names and texts
    stay text; no aliases; no repeated keys; capped size and depth). Raises
    :class:`InputError` naming the file and the offending entry or line.
    """
    raw = load_codebook_yaml(path)
    title = None
    if isinstance(raw, dict):
        codes = raw.get("codes")
        title = _text(raw.get("name"), "top level", "name", str(path)) or None
    else:
        codes = raw
    if not isinstance(codes, list) or not codes:
        raise InputError(f"{path}: expected a list 'codes:' with at least one code")
    specs = []
    seen: set[str] = set()
    for index, item in enumerate(codes):
        spec = _parse_code(item, [], f"codes[{index}]", str(path))
        if spec.names[0] in seen:
            raise InputError(f"{path}: two top-level codes named {spec.names[0]!r}")
        seen.add(spec.names[0])
        specs.append(spec)
    return title, specs


def import_codebook(project: Project, path: Path, actor: str | None = None) -> CodebookImport:
    """Merge the codebook at ``path`` into the project's code system (one transaction).

    ``path`` is YAML (``.yaml``/``.yml``), a REFI-QDA codebook (``.qdc``) or the code book of a
    REFI-QDA project (``.qdpx``). Codes are matched by GUID, else by path; a new code is
    created (with the file's GUID when given), an existing one gets the file's colour,
    definition, anchor example and coding rules where the file has them. Subcodes of a code
    matched by GUID go under it wherever it is now. Codes not in the file are kept.
    """
    notes: list[str] = []
    if path.suffix.lower() in (".qdc", ".qdpx"):
        from qualcode.importers.qdc import read_qdc

        title, specs, notes = read_qdc(path)
    else:
        title, specs = read_codebook(path)
    result = CodebookImport(notes=notes)
    with project.transaction(f"import codebook {path.name}", actor):
        if title and not project.setting("codebook_title"):
            project.db.execute(
                "INSERT INTO settings (key, value) VALUES ('codebook_title', ?)", [title])
        _merge_specs(CodeIndex(project), specs, None, result)
    return result


def _merge_specs(index: CodeIndex, specs: list[CodeSpec], parent: int | None,
                 result: CodebookImport) -> None:
    for spec in specs:
        existing = index.by_guid(spec.guid) if spec.guid else None
        if existing is not None and index.rows[existing].name != spec.names[-1]:
            result.notes.append(
                f"code {join_codepath(spec.names)!r} has the GUID of {index.path_of(existing)!r}: "
                "taken as the same code (renamed or moved since); its name was kept")
        if existing is None:
            existing = index.child(parent, spec.names[-1])
        if existing is None:
            existing = index.add(parent, spec.names[-1], color=spec.color,
                                 definition=spec.definition, anchor_example=spec.anchor_example,
                                 coding_rules=spec.coding_rules, guid=spec.guid)
            result.created.append(index.path_of(existing))
        else:
            current = index.rows[existing]
            changes = {
                key: value for key, value in (
                    ("color", spec.color), ("definition", spec.definition),
                    ("anchor_example", spec.anchor_example), ("coding_rules", spec.coding_rules),
                ) if value and getattr(current, key) != value
            }
            index.update(existing, **changes)
            (result.updated if changes else result.unchanged).append(index.path_of(existing))
        _merge_specs(index, spec.children, existing, result)
