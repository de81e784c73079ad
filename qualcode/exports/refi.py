"""REFI-QDA export: the project as a ``.qdpx`` archive and the code system as a ``.qdc`` file.

The mapping (REFI-QDA 1.5, 2019; schemas ``Project-mrt2019.xsd`` and ``Codebook-mrt2019.xsd``):

* coders -> ``<User>``; codes -> ``<Code>`` (colour; definition, anchor example and coding
  rules as one ``<Description>``, see :func:`qualcode.domain.refi.compose_description`);
* document variables -> ``<Variable>`` and ``<VariableValue>`` (typed);
* documents -> ``<TextSource plainTextPath="internal://GUID.txt">`` with the stored text as
  ``sources/GUID.txt`` (UTF-8, LF, NFC): positions are code points of that text (section 10.2),
  so qualcode's offsets are written as they are, end exclusive;
* each coded segment -> one ``<PlainTextSelection>`` (its comment as ``<Description>``) with one
  ``<Coding>`` (the segment's GUID, its coder as ``creatingUser``);
* memos -> ``<Note>`` with a ``<NoteRef>`` from the project, document, code or selection; an
  in-text memo's ``<NoteRef>`` sits in a ``<PlainTextSelection>`` of its anchor without a
  ``<Coding>`` (as MAXQDA writes its in-document memos);
* document groups -> ``<Set>`` of ``<MemberSource>``.

Every GUID is a row's stable ``guid`` or derived from one (:func:`qualcode.domain.refi.derived_guid`),
and nothing depends on the clock, so exporting an unchanged project twice gives identical files.
Segment weights and anchor-example flags have no place in the standard and are reported as not
exported.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from lxml import etree

from qualcode import __version__
from qualcode.domain.errors import QualcodeError
from qualcode.domain.refi import (
    CODEBOOK_NAMESPACE,
    PROJECT_NAMESPACE,
    compose_description,
    derived_guid,
)
from qualcode.exports.files import write_atomically
from qualcode.importers.refi_rules import problems
from qualcode.store.coders import list_coders
from qualcode.store.codes import load_codes
from qualcode.store.documents import document_text, list_documents
from qualcode.store.exchange import group_definitions, last_change, variable_definitions
from qualcode.store.memos import list_memos
from qualcode.store.project import Project
from qualcode.store.segments import query_segments

ORIGIN = f"qualcode {__version__}"
_TYPES = {"text": "Text", "integer": "Integer", "float": "Float", "date": "Date",
          "boolean": "Boolean"}
_VALUE_ELEMENTS = {"text": "TextValue", "integer": "IntegerValue", "float": "FloatValue",
                   "date": "DateValue", "boolean": "BooleanValue"}
# Characters XML 1.0 cannot carry (section 2.2); stored text has none, memos might.
_NOT_XML = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]")
_LABEL_LENGTH = 60


class ExportError(QualcodeError):
    """The export would not follow the REFI-QDA schema (a bug; the message names the problem)."""


@dataclass
class ExportReport:
    """What an export wrote and what the standard cannot carry."""

    users: int = 0
    codes: int = 0
    variables: int = 0
    sources: int = 0
    codings: int = 0
    notes: int = 0
    sets: int = 0
    not_exported: list[str] = field(default_factory=list)


def _clean(value: str) -> str:
    return _NOT_XML.sub("", value)


def _time(value: str | None) -> str | None:
    """ISO 8601 as xsd:dateTime, UTC written ``Z``; ``None`` for values it cannot read."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    text = parsed.isoformat(timespec="seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _label(text: str) -> str:
    squashed = " ".join(text.split())
    return squashed if len(squashed) <= _LABEL_LENGTH else squashed[:_LABEL_LENGTH - 1] + "…"


def _decimal(value: float) -> str:
    return format(Decimal(repr(float(value))), "f")


def _value_text(type_: str, value: object) -> str:
    if type_ == "boolean":
        return "true" if value else "false"
    if type_ == "float":
        return _decimal(value)  # type: ignore[arg-type]
    return _clean(str(value))


class _Builder:
    def __init__(self, namespace: str) -> None:
        self.ns = namespace

    def element(self, parent, tag: str, **attributes) -> etree._Element:
        attrs = {k: _clean(str(v)) for k, v in attributes.items() if v is not None}
        if parent is None:
            return etree.Element(f"{{{self.ns}}}{tag}", attrs, nsmap={None: self.ns})
        return etree.SubElement(parent, f"{{{self.ns}}}{tag}", attrs)

    def text_element(self, parent, tag: str, text: str) -> etree._Element:
        node = self.element(parent, tag)
        node.text = _clean(text)
        return node


def _add_codes(builder: _Builder, parent, project: Project,
               note_refs: dict[int, list[str]] | None = None) -> int:
    """``<Codes>`` with the code tree under ``parent``; returns the number of codes."""
    tree, codes = load_codes(project)
    codes_node = builder.element(parent, "Codes")

    def add(node, code_id: int) -> None:
        code = codes[code_id]
        element = builder.element(node, "Code", guid=code.guid, name=code.name,
                                  isCodable="true", color=code.color)
        description = compose_description(code.definition, code.anchor_example,
                                          code.coding_rules)
        if description:
            builder.text_element(element, "Description", description)
        for note in (note_refs or {}).get(code_id, []):
            builder.element(element, "NoteRef", targetGUID=note)
        for kid in tree.children.get(code_id, []):
            add(element, kid)

    for top in tree.children[None]:
        add(codes_node, top)
    return len(codes)


def build_project(project: Project, name: str | None = None
                  ) -> tuple[etree._Element, dict[str, str], ExportReport]:
    """The ``project.qde`` tree, the source texts by member name (``sources/GUID.txt``) and a
    report. Raises nothing for an empty project (the result is a valid, empty project)."""
    b = _Builder(PROJECT_NAMESPACE)
    report = ExportReport()
    coders = list_coders(project)
    coder_guid = {c.name: c.guid for c in coders}
    documents = list_documents(project)
    segments = query_segments(project)
    memos = list_memos(project)
    _, codes = load_codes(project)

    refs: dict[tuple[str, int | None], list[str]] = {}
    # In-text memos become a PlainTextSelection without codings that refers to the note
    # (REFI-QDA 1.5, 2.2.11: a selection holds Coding* then NoteRef*).
    text_memos: dict[int, list] = {}
    for memo in memos:
        if memo.kind == "text":
            text_memos.setdefault(memo.document_id, []).append(memo)
        target = {"document": memo.document_id, "code": memo.code_id,
                  "segment": memo.segment_id}.get(memo.kind)
        refs.setdefault((memo.kind, target), []).append(memo.guid)

    created = project.setting("created")
    root = b.element(None, "Project", name=name or project.path.stem, origin=ORIGIN,
                     creationDateTime=_time(created), modifiedDateTime=_time(last_change(project)))

    if coders:
        users = b.element(root, "Users")
        for coder in coders:
            b.element(users, "User", guid=coder.guid, name=coder.name)
        report.users = len(coders)

    if codes:
        codebook = b.element(root, "CodeBook")
        code_notes = {code_id: guids for (kind, code_id), guids in refs.items()
                      if kind == "code" and code_id is not None}
        report.codes = _add_codes(b, codebook, project, code_notes)

    variables = variable_definitions(project)
    if variables:
        node = b.element(root, "Variables")
        for variable in variables:
            b.element(node, "Variable", guid=variable.guid, name=variable.name,
                      typeOfVariable=_TYPES[variable.type])
        report.variables = len(variables)
    variable_by_name = {v.name: v for v in variables}

    by_document: dict[int, list] = {}
    for segment in segments:
        by_document.setdefault(segment.document_id, []).append(segment)
    texts: dict[str, str] = {}
    weighted = anchors = 0
    if documents:
        sources = b.element(root, "Sources")
        for document in documents:
            member = f"sources/{document.guid}.txt"
            texts[member] = document_text(project, document.id)
            source = b.element(sources, "TextSource", guid=document.guid, name=document.name,
                               plainTextPath=f"internal://{document.guid}.txt",
                               creationDateTime=_time(document.imported_at))
            for segment in by_document.get(document.id, []):
                user = coder_guid.get(segment.coder)
                selection = b.element(
                    source, "PlainTextSelection",
                    guid=derived_guid("selection", segment.guid), name=_label(segment.text),
                    startPosition=segment.start, endPosition=segment.end,
                    creatingUser=user, creationDateTime=_time(segment.created),
                    modifyingUser=user, modifiedDateTime=_time(segment.modified))
                if segment.comment:
                    b.text_element(selection, "Description", segment.comment)
                coding = b.element(selection, "Coding", guid=segment.guid, creatingUser=user,
                                   creationDateTime=_time(segment.created))
                b.element(coding, "CodeRef", targetGUID=codes[segment.code_id].guid)
                for note in refs.get(("segment", segment.id), []):
                    b.element(selection, "NoteRef", targetGUID=note)
                weighted += segment.weight != 0
                anchors += segment.anchor
                report.codings += 1
            for memo in sorted(text_memos.get(document.id, []), key=lambda m: (m.start, m.id)):
                user = coder_guid.get(memo.author) if memo.author else None
                selection = b.element(
                    source, "PlainTextSelection", guid=derived_guid("memo-selection", memo.guid),
                    name=_label(texts[member][memo.start:memo.end]) or None,
                    startPosition=memo.start, endPosition=memo.end,
                    creatingUser=user, creationDateTime=_time(memo.created),
                    modifyingUser=user, modifiedDateTime=_time(memo.modified))
                b.element(selection, "NoteRef", targetGUID=memo.guid)
            for note in refs.get(("document", document.id), []):
                b.element(source, "NoteRef", targetGUID=note)
            for name_, value in document.variables.items():
                variable = variable_by_name[name_]
                value_node = b.element(source, "VariableValue")
                b.element(value_node, "VariableRef", targetGUID=variable.guid)
                b.text_element(value_node, _VALUE_ELEMENTS[variable.type],
                               _value_text(variable.type, value))
        report.sources = len(documents)

    if memos:
        notes = b.element(root, "Notes")
        for memo in memos:
            user = coder_guid.get(memo.author) if memo.author else None
            note = b.element(notes, "Note", guid=memo.guid, name=memo.title or None,
                             creatingUser=user, creationDateTime=_time(memo.created),
                             modifyingUser=user, modifiedDateTime=_time(memo.modified))
            b.text_element(note, "PlainTextContent", memo.text)
        report.notes = len(memos)

    groups = group_definitions(project)
    if groups:
        sets = b.element(root, "Sets")
        guid_of = {d.id: d.guid for d in documents}
        for group in groups:
            node = b.element(sets, "Set", guid=group.guid, name=group.name)
            for document_id in group.document_ids:
                b.element(node, "MemberSource", targetGUID=guid_of[document_id])
        report.sets = len(groups)

    for note in refs.get(("project", None), []):
        b.element(root, "NoteRef", targetGUID=note)
    if weighted:
        report.not_exported.append(
            f"weights of {weighted} coded segment(s) (REFI-QDA has no coding weight)")
    if anchors:
        report.not_exported.append(
            f"anchor-example flags of {anchors} coded segment(s) (not in REFI-QDA)")
    _check(root, "project")
    return root, texts, report


def build_codebook(project: Project) -> tuple[etree._Element, int]:
    """The ``.qdc`` tree of the code system and the number of codes in it."""
    b = _Builder(CODEBOOK_NAMESPACE)
    root = b.element(None, "CodeBook", origin=ORIGIN)
    count = _add_codes(b, root, project)
    _check(root, "codebook")
    return root, count


def _check(root: etree._Element, kind: str) -> None:
    found = next(problems(root, kind), None)
    if found is not None:
        raise ExportError(f"the {kind} export breaks a REFI-QDA rule ({found}); please "
                          "report this as a bug")


def serialize(root: etree._Element) -> bytes:
    """UTF-8 XML with declaration, indented."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          standalone=True)


def qdpx_bytes(project: Project, name: str | None = None) -> tuple[bytes, ExportReport]:
    """The ``.qdpx`` archive: ``project.qde`` and ``sources/GUID.txt`` (UTF-8), in a ZIP whose
    entries carry the project's last change as their time, so the bytes depend only on the
    project's content."""
    root, texts, report = build_project(project, name)
    stamp = _zip_time(last_change(project))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in [("project.qde", serialize(root)),
                             *((m, t.encode("utf-8")) for m, t in texts.items())]:
            info = zipfile.ZipInfo(member, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue(), report


def _zip_time(value: str | None) -> tuple[int, int, int, int, int, int]:
    try:
        moment = datetime.fromisoformat(value or "")
    except ValueError:
        return (1980, 1, 1, 0, 0, 0)
    return (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute,
            moment.second)


def export_qdpx(project: Project, path: Path, name: str | None = None) -> ExportReport:
    """Write the project to ``path`` as a REFI-QDA project archive (atomically)."""
    data, report = qdpx_bytes(project, name)
    write_atomically(path, data)
    return report


def export_qdc(project: Project, path: Path) -> int:
    """Write the code system to ``path`` as a REFI-QDA codebook; returns the number of codes."""
    root, count = build_codebook(project)
    write_atomically(path, serialize(root))
    return count
