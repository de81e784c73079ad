"""REFI-QDA XML -> plain data (no project access).

Reads what qualcode can hold from a ``project.qde`` or ``.qdc`` tree (parsed by
:func:`qualcode.importers.refi_xml.parse_xml`): users, the code tree, variables, text sources
with their selections and codings, notes, sets and cases. Elements qualcode cannot hold
(pictures, audio, video, PDF page areas, links, graphs) are counted so the import can say what
it left out. Lenient: a missing optional attribute is a default, a malformed GUID is replaced
(and reported), an unknown element is ignored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from qualcode.domain.errors import InputError
from qualcode.domain.refi import derived_guid, is_guid
from qualcode.importers.refi_xml import child, children, local, text_of
from qualcode.store.codes import normalize_color

#: REFI-QDA variable types -> qualcode variable types (DateTime is kept as text).
VARIABLE_TYPES = {"Text": "text", "Boolean": "boolean", "Integer": "integer", "Float": "float",
                  "Date": "date", "DateTime": "text"}
_VALUE_ELEMENTS = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue",
                   "DateTimeValue")


def refi_color(color: str | None) -> str | None:
    """A REFI-QDA RGBType (``#RRGGBB`` or ``#RGB``) as qualcode's ``#RRGGBB``; ``None`` when
    absent or unreadable (the code then gets a palette colour)."""
    if not color:
        return None
    value = color.strip()
    if len(value) == 4 and value.startswith("#"):
        value = "#" + "".join(c * 2 for c in value[1:])
    try:
        return normalize_color(value)
    except InputError:
        return None


def guid_key(guid: str | None) -> str:
    """GUIDs compare without braces and case: ``{ab-..}`` and ``AB-..`` are the same."""
    return (guid or "").strip().strip("{}").upper()


@dataclass
class RefiCode:
    guid: str
    name: str
    color: str | None
    description: str
    note_refs: list[str] = field(default_factory=list)
    children: list[RefiCode] = field(default_factory=list)


@dataclass
class RefiCoding:
    guid: str
    code: str
    user: str | None
    created: str | None
    note_refs: list[str] = field(default_factory=list)


@dataclass
class RefiSelection:
    guid: str
    name: str
    start: int
    end: int
    description: str
    user: str | None
    created: str | None
    modified: str | None
    codings: list[RefiCoding] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)


@dataclass
class RefiValue:
    variable: str
    element: str
    value: str


@dataclass
class RefiTextSource:
    """A text qualcode can import: a ``<TextSource>`` or the text representation of a PDF."""

    guid: str
    name: str
    kind: str
    plain_text_path: str | None
    inline_text: str | None
    created: str | None
    user: str | None
    selections: list[RefiSelection] = field(default_factory=list)
    codings: list[RefiCoding] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    values: list[RefiValue] = field(default_factory=list)


@dataclass
class RefiNote:
    guid: str
    name: str
    text: str | None
    plain_text_path: str | None
    user: str | None
    created: str | None
    modified: str | None
    selections: int = 0


@dataclass
class RefiSet:
    guid: str
    name: str
    sources: list[str]
    codes: int
    notes: int


@dataclass
class RefiCase:
    guid: str
    name: str
    sources: list[str]
    values: list[RefiValue]


@dataclass
class RefiProject:
    """Everything read from a ``project.qde`` (or a ``.qdc``: codes only)."""

    name: str
    origin: str
    users: dict[str, str] = field(default_factory=dict)          # guid -> name
    user_guids: dict[str, str] = field(default_factory=dict)     # key -> guid as written
    codes: list[RefiCode] = field(default_factory=list)
    variables: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # key -> guid, name, type
    sources: list[RefiTextSource] = field(default_factory=list)
    notes: list[RefiNote] = field(default_factory=list)
    sets: list[RefiSet] = field(default_factory=list)
    cases: list[RefiCase] = field(default_factory=list)
    project_note_refs: list[str] = field(default_factory=list)
    left_out: Counter = field(default_factory=Counter)           # what -> how many
    fixes: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self) -> None:
        self.fixes: list[str] = []
        self._missing = 0

    def guid(self, element: Element, attribute: str = "guid", what: str = "") -> str:
        value = (element.get(attribute) or "").strip()
        if is_guid(value):
            return value
        self._missing += 1
        replacement = derived_guid("foreign", local(element.tag), value, str(self._missing))
        self.fixes.append(f"{what or local(element.tag)} {value!r}: not a GUID; "
                          f"given {replacement}")
        return replacement

    def ref(self, element: Element | None, attribute: str = "targetGUID") -> str | None:
        if element is None:
            return None
        value = (element.get(attribute) or "").strip()
        return value or None

    def codes(self, parent: Element) -> list[RefiCode]:
        out = []
        for node in children(parent, "Code"):
            out.append(RefiCode(
                guid=self.guid(node, what=f"code {node.get('name', '')!r}"),
                name=(node.get("name") or "").strip(),
                color=node.get("color"),
                description=text_of(node, "Description"),
                note_refs=[r for r in (self.ref(n) for n in children(node, "NoteRef")) if r],
                children=self.codes(node),
            ))
        return out

    def coding(self, node: Element) -> RefiCoding | None:
        code = self.ref(child(node, "CodeRef"))
        if code is None:
            return None
        return RefiCoding(self.guid(node, what="coding"), code, node.get("creatingUser"),
                          node.get("creationDateTime"),
                          [r for r in (self.ref(n) for n in children(node, "NoteRef")) if r])

    def selection(self, node: Element) -> RefiSelection | None:
        try:
            start, end = int(node.get("startPosition", "")), int(node.get("endPosition", ""))
        except ValueError:
            self.fixes.append(f"selection {node.get('guid')!r}: positions are not numbers; "
                              "left out")
            return None
        codings = [c for c in (self.coding(n) for n in children(node, "Coding")) if c]
        return RefiSelection(
            guid=self.guid(node, what="selection"), name=node.get("name") or "",
            start=start, end=end, description=text_of(node, "Description"),
            user=node.get("creatingUser"), created=node.get("creationDateTime"),
            modified=node.get("modifiedDateTime"), codings=codings,
            note_refs=[r for r in (self.ref(n) for n in children(node, "NoteRef")) if r])

    def values(self, node: Element) -> list[RefiValue]:
        out = []
        for value_node in children(node, "VariableValue"):
            variable = self.ref(child(value_node, "VariableRef"))
            for name in _VALUE_ELEMENTS:
                found = child(value_node, name)
                if found is not None and variable:
                    out.append(RefiValue(variable, name, "".join(found.itertext())))
                    break
        return out

    def text_source(self, node: Element, kind: str, guid: str | None = None,
                    name: str | None = None) -> RefiTextSource:
        inline = child(node, "PlainTextContent")
        path = node.get("plainTextPath")
        return RefiTextSource(
            guid=guid or self.guid(node, what="source"),
            name=(name if name is not None else node.get("name") or "").strip(),
            kind=kind, plain_text_path=path.strip() if path else None,
            inline_text="".join(inline.itertext()) if inline is not None else None,
            created=node.get("creationDateTime"), user=node.get("creatingUser"),
            selections=[s for s in (self.selection(n)
                                    for n in children(node, "PlainTextSelection")) if s],
            codings=[c for c in (self.coding(n) for n in children(node, "Coding")) if c],
            note_refs=[r for r in (self.ref(n) for n in children(node, "NoteRef")) if r],
            values=self.values(node))


def read_project(root: Element) -> RefiProject:
    """Plain data from a ``<Project>`` root element (namespace ignored)."""
    reader = _Reader()
    project = RefiProject(name=root.get("name") or "", origin=root.get("origin") or "")
    users = child(root, "Users")
    for node in children(users, "User") if users is not None else []:
        guid = reader.guid(node, what="user")
        project.users[guid_key(guid)] = (node.get("name") or node.get("id") or "").strip()
        project.user_guids[guid_key(guid)] = guid
    codebook = child(root, "CodeBook")
    codes = child(codebook, "Codes") if codebook is not None else None
    if codes is not None:
        project.codes = reader.codes(codes)
    variables = child(root, "Variables")
    for node in children(variables, "Variable") if variables is not None else []:
        guid = reader.guid(node, what="variable")
        refi_type = node.get("typeOfVariable") or "Text"
        project.variables[guid_key(guid)] = (guid, (node.get("name") or "").strip(),
                                             VARIABLE_TYPES.get(refi_type, "text"))
    cases = child(root, "Cases")
    for node in children(cases, "Case") if cases is not None else []:
        project.cases.append(RefiCase(
            reader.guid(node, what="case"), node.get("name") or "",
            [r for r in (reader.ref(n) for n in children(node, "SourceRef")) if r],
            reader.values(node)))
    sources = child(root, "Sources")
    for node in list(sources) if sources is not None else []:
        kind = local(node.tag)
        if kind == "TextSource":
            project.sources.append(reader.text_source(node, "text"))
        elif kind == "PDFSource":
            representation = child(node, "Representation")
            pdf_selections = len(children(node, "PDFSelection"))
            if pdf_selections:
                project.left_out["PDF page-area selection(s)"] += pdf_selections
            if representation is not None:
                project.sources.append(reader.text_source(
                    representation, "PDF text", guid=reader.guid(node, what="PDF source"),
                    name=node.get("name") or representation.get("name") or ""))
                project.sources[-1].values = reader.values(node)
                project.sources[-1].note_refs += [
                    r for r in (reader.ref(n) for n in children(node, "NoteRef")) if r]
            else:
                project.left_out["PDF source(s) without a text representation"] += 1
        elif kind in ("PictureSource", "AudioSource", "VideoSource"):
            label = {"PictureSource": "picture source(s)", "AudioSource": "audio source(s)",
                     "VideoSource": "video source(s)"}[kind]
            project.left_out[label] += 1
            transcripts = len(children(node, "Transcript"))
            if transcripts:
                project.left_out["media transcript(s) (time-synchronised)"] += transcripts
    notes = child(root, "Notes")
    for node in children(notes, "Note") if notes is not None else []:
        inline = child(node, "PlainTextContent")
        text = "".join(inline.itertext()) if inline is not None else None
        description = text_of(node, "Description")
        if description and text is not None:
            text = f"{description}\n\n{text}" if text.strip() else description
        elif description:
            text = description if not node.get("plainTextPath") else None
        project.notes.append(RefiNote(
            reader.guid(node, what="note"), (node.get("name") or "").strip(), text,
            node.get("plainTextPath"), node.get("creatingUser"), node.get("creationDateTime"),
            node.get("modifiedDateTime"), len(children(node, "PlainTextSelection"))))
    sets = child(root, "Sets")
    for node in children(sets, "Set") if sets is not None else []:
        project.sets.append(RefiSet(
            reader.guid(node, what="set"), (node.get("name") or "").strip(),
            [r for r in (reader.ref(n) for n in children(node, "MemberSource")) if r],
            len(children(node, "MemberCode")), len(children(node, "MemberNote"))))
    links = child(root, "Links")
    if links is not None and len(children(links, "Link")):
        project.left_out["link(s)"] += len(children(links, "Link"))
    graphs = child(root, "Graphs")
    if graphs is not None and len(children(graphs, "Graph")):
        project.left_out["graph(s)"] += len(children(graphs, "Graph"))
    project.project_note_refs = [r for r in (reader.ref(n) for n in children(root, "NoteRef"))
                                 if r]
    project.fixes = reader.fixes
    return project


def read_codebook(root: Element) -> tuple[list[RefiCode], list[str]]:
    """``(codes, fixes)`` from a ``<CodeBook>`` root (a ``.qdc``) or a ``<Project>`` root."""
    reader = _Reader()
    if local(root.tag) == "Project":
        codebook = child(root, "CodeBook")
        codes = child(codebook, "Codes") if codebook is not None else None
    else:
        codes = child(root, "Codes")
    return (reader.codes(codes) if codes is not None else []), reader.fixes
