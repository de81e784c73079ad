"""Import a REFI-QDA project archive (``.qdpx``) into a project, all or nothing.

Reading (:func:`qualcode.importers.qdpx_read.read_qdpx`) happens before any write: the
archive is opened in memory
(:mod:`qualcode.importers.qdpx_archive`), the XML parsed with defusedxml, checked against the
schema (a violation is a warning), and every text source decoded, normalised and its positions
converted to code points of the stored text (:mod:`qualcode.domain.positions`). Writing
(:func:`apply_refi`) is one transaction; a problem there rolls everything back.

Matching with what the project already has: a coder, code, variable, document, coded segment
or memo with the same GUID is the same thing (not duplicated); otherwise a coder by name, a
code by its path, a variable by name, a document by the SHA-256 of its text. So importing a
project back after a colleague coded it elsewhere adds the new codings to the documents.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from qualcode.domain.errors import InputError, QualcodeError
from qualcode.domain.models import NewDocument
from qualcode.domain.refi import derived_guid, is_guid, split_description
from qualcode.domain.text import sha256_text
from qualcode.domain.transcript import TranscriptStructure, parse_transcript
from qualcode.domain.variables import article, convert
from qualcode.importers.qdpx_archive import DEFAULT_LIMITS, Limits
from qualcode.importers.qdpx_read import QdpxImport, ReadQdpx, document_name, read_qdpx
from qualcode.importers.refi_read import RefiCode, guid_key, refi_color
from qualcode.store.coders import default_coder_name, ensure_coder, find_coder
from qualcode.store.documents import (
    add_document,
    ensure_group,
    find_by_sha256,
    get_document,
    set_variable,
)
from qualcode.store.exchange import (
    CodeIndex,
    NewSegment,
    create_variable,
    guid_index,
    insert_memo,
    insert_segments,
    set_document_group,
    variable_definitions,
)
from qualcode.store.project import Project

__all__ = ["QdpxImport", "ReadQdpx", "apply_refi", "import_qdpx", "read_qdpx"]


def _iso(value: str | None) -> str | None:
    """An ISO 8601 time as qualcode stores it (seconds), or ``None`` when unreadable."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip()).isoformat(
            timespec="seconds")
    except ValueError:
        return None


class _Apply:
    """State of one import while it writes (inside the import's transaction)."""

    def __init__(self, project: Project, read: ReadQdpx, fallback_coder: str | None) -> None:
        self.project = project
        self.read = read
        self.refi = read.project
        self.report = read.report
        self.fallback = fallback_coder
        self.coders: dict[str, int] = {}
        self.codes: dict[str, int] = {}
        self.variables: dict[str, tuple[str, str]] = {}
        self.documents: dict[str, int] = {}
        self.segments_of: dict[str, list[str]] = {}   # selection/coding key -> segment guids
        self.unattributed = 0

    # -- coders --------------------------------------------------------------------------
    def coder(self, guid: str | None) -> int:
        key = guid_key(guid)
        if key in self.coders:
            return self.coders[key]
        if not key:
            self.coders[key] = ensure_coder(self.project,
                                            self.fallback or default_coder_name()).id
            return self.coders[key]
        by_guid = guid_index(self.project, "coders")
        if key in by_guid:
            self.coders[key] = by_guid[key]
            self.report.matched["coders"] += 1
            return by_guid[key]
        name = self.refi.users.get(key) or f"user-{key[:8].lower()}"
        existing = find_coder(self.project, name)
        if existing is not None:
            self.report.matched["coders"] += 1
            self.coders[key] = existing.id
        else:
            stored = self.refi.user_guids.get(key) or (guid if is_guid(guid) else None)
            self.coders[key] = ensure_coder(self.project, name, guid=stored).id
            self.report.came_in["coders"] += 1
        return self.coders[key]

    # -- codes ---------------------------------------------------------------------------
    def add_codes(self, codes: list[RefiCode], parent: int | None,
                  index: CodeIndex | None = None) -> None:
        index = index or CodeIndex(self.project)
        seen: Counter = Counter()
        for code in codes:
            key = guid_key(code.guid)
            if key in self.codes:
                self.report.notes.append(f"code {code.name!r}: GUID {code.guid} used twice in "
                                         "the file; the second use is a new code")
                code.guid = derived_guid("duplicate", code.guid, str(len(self.codes)))
                key = guid_key(code.guid)
            name = (" ".join(code.name.split()) if any(c in code.name for c in "\r\n\t")
                    else code.name.strip()) or "(ohne Namen)"
            seen[name] += 1
            if seen[name] > 1:
                name = f"{name} ({seen[name]})"
                self.report.notes.append(f"two codes named {code.name!r} under the same parent;"
                                         f" the second is called {name!r}")
            code_id = index.by_guid(code.guid)
            if code_id is None:
                code_id = index.child(parent, name)
            if code_id is not None:
                self.report.matched["codes"] += 1
            else:
                definition, anchor, rules = split_description(code.description)
                code_id = index.add(parent, name, color=refi_color(code.color),
                                    definition=definition, anchor_example=anchor,
                                    coding_rules=rules, guid=code.guid)
                self.report.came_in["codes"] += 1
            self.codes[key] = code_id
            self.add_codes(code.children, code_id, index)

    # -- variables -----------------------------------------------------------------------
    def add_variables(self) -> None:
        by_guid = guid_index(self.project, "variables")
        existing = {v.name: v for v in variable_definitions(self.project)}
        by_id = {v.id: v for v in existing.values()}
        for key, (guid, name, type_) in self.refi.variables.items():
            if key in by_guid:
                self.variables[key] = (by_id[by_guid[key]].name, by_id[by_guid[key]].type)
                self.report.matched["variables"] += 1
            elif not name:
                self.report.skipped.append(f"variable {guid}: no name")
            elif name in existing:
                self.variables[key] = (name, existing[name].type)
                self.report.matched["variables"] += 1
            else:
                create_variable(self.project, name, type_, guid)
                self.variables[key] = (name, type_)
                self.report.came_in["variables"] += 1

    def set_values(self, document_id: int, values, where: str, only_new: bool = False) -> int:
        """Set the document's variables from REFI-QDA values; a value the document already
        has is left alone (with ``only_new`` also a different one). Returns values set."""
        done = 0
        current = get_document(self.project, document_id).variables
        for value in values:
            variable = self.variables.get(guid_key(value.variable))
            if variable is None:
                self.report.skipped.append(f"{where}: value of an undeclared variable "
                                           f"{value.variable}")
                continue
            name, type_ = variable
            if only_new and name in current:
                continue
            raw = value.value.strip()
            if value.element == "BooleanValue":
                raw = {"1": "true", "0": "false"}.get(raw, raw)
            try:
                typed = convert(raw, type_) if raw or type_ == "text" else None
            except ValueError:
                # A variable's type holds for every document: a value that does not fit is
                # left out and named, never a reason to retype the variable.
                self.report.skipped.append(f"{where}: value {raw!r} of variable {name!r} is "
                                           f"not {article(type_)}; left out")
                continue
            if typed is None or current.get(name) == typed:
                continue
            set_variable(self.project, document_id, name, typed, type_)
            done += 1
        return done

    # -- documents -----------------------------------------------------------------------
    def add_documents(self) -> None:
        by_guid = guid_index(self.project, "documents")
        for prepared in self.read.sources:
            source = prepared.source
            key = guid_key(source.guid)
            name = document_name(source)
            sha = sha256_text(prepared.text)
            if key in by_guid:
                existing = get_document(self.project, by_guid[key])
                if existing.sha256 != sha:
                    self.report.skipped.append(
                        f"source {name!r}: its GUID belongs to document {existing.name!r}, whose "
                        "text differs; skipped with its codings")
                    continue
                self.documents[key] = existing.id
                self.report.matched["documents"] += 1
            elif (same := find_by_sha256(self.project, sha)) is not None:
                existing_id = self.project.db.execute(
                    "SELECT id FROM documents WHERE name = ?", [same]).fetchone()[0]
                self.report.notes.append(f"source {name!r}: same text as document {same!r}; "
                                         "its codings are added to it")
                self.documents[key] = existing_id
                self.report.matched["documents"] += 1
            else:
                structure = parse_transcript(prepared.text)
                new = NewDocument(name=name, text=prepared.text,
                                  source_name=source.name or source.plain_text_path or name,
                                  source_format="qdpx", encoding=prepared.encoding,
                                  structure=TranscriptStructure(structure.turns, {}))
                document = add_document(self.project, new, guid=source.guid)
                self.documents[key] = document.id
                self.report.came_in["documents"] += 1
            self.set_values(self.documents[key], source.values, f"source {name!r}")
        for case in self.refi.cases:
            applied = 0
            for ref in case.sources:
                if guid_key(ref) in self.documents:
                    applied += self.set_values(self.documents[guid_key(ref)], case.values,
                                               f"case {case.name!r}", only_new=True)
            if applied:
                self.report.came_in["case variable values"] += applied
        if self.refi.cases:
            self.report.left_out["case(s) (their variables go to their sources)"] += len(
                self.refi.cases)

    def add_groups(self) -> None:
        placed: set[int] = set()
        further = 0
        for refi_set in self.refi.sets:
            if refi_set.codes or refi_set.notes:
                self.report.left_out["code and note set(s)"] += 1
            members = [self.documents[guid_key(g)] for g in refi_set.sources
                       if guid_key(g) in self.documents]
            if refi_set.sources and not members:
                self.report.left_out["set(s) whose sources were not imported"] += 1
            if not members or not refi_set.name:
                continue
            group_id = None
            already = False
            for document_id in members:
                current = get_document(self.project, document_id).group
                if document_id in placed or current is not None:
                    further += current != refi_set.name
                    already = already or current == refi_set.name
                    continue
                if group_id is None:
                    group_id = self._group(refi_set.name, refi_set.guid)
                set_document_group(self.project, document_id, group_id)
                placed.add(document_id)
            if already and group_id is None:
                self.report.matched["document groups"] += 1
        if further:
            self.report.left_out["further set membership(s) (one document group per document)"] \
                += further

    def _group(self, name: str, guid: str) -> int:
        row = self.project.db.execute("SELECT id FROM document_groups WHERE name = ?",
                                      [name]).fetchone()
        if row is not None:
            self.report.matched["document groups"] += 1
            return row[0]
        known = guid_index(self.project, "document_groups")
        self.report.came_in["document groups"] += 1
        return ensure_group(self.project, name,
                            guid=None if guid_key(guid) in known or not is_guid(guid) else guid)

    # -- codings -------------------------------------------------------------------------
    def add_codings(self) -> None:
        taken = guid_index(self.project, "segments")
        used: set[str] = set()
        rows: list[NewSegment] = []
        for prepared in self.read.sources:
            source = prepared.source
            document_id = self.documents.get(guid_key(source.guid))
            if document_id is None:
                continue
            name = document_name(source)
            whole = [_Whole(len(prepared.text), source.codings)] if source.codings else []
            for selection in [*source.selections, *whole]:
                try:
                    start, end = (
                        (0, len(prepared.text)) if isinstance(selection, _Whole)
                        else prepared.positions.span(selection.start, selection.end))
                except ValueError:
                    if selection.codings:
                        self.report.skipped.append(
                            f"source {name!r}: selection [{selection.start}, {selection.end}) "
                            f"lies outside the text; {len(selection.codings)} coding(s) skipped")
                    continue
                if start >= end:
                    # A selection without codings may anchor an in-text memo (add_memos).
                    if selection.codings:
                        self.report.skipped.append(
                            f"source {name!r}: empty selection [{selection.start}, "
                            f"{selection.end}); {len(selection.codings)} coding(s) skipped")
                    continue
                for coding in selection.codings:
                    code_id = self.codes.get(guid_key(coding.code))
                    if code_id is None:
                        self.report.skipped.append(
                            f"source {name!r}: a coding refers to an unknown code {coding.code}")
                        continue
                    guid = coding.guid
                    if guid_key(guid) in taken:
                        self.report.matched["codings"] += 1
                        self._remember(selection, coding, guid)
                        continue
                    if guid_key(guid) in used:
                        guid = derived_guid("duplicate", guid, str(len(used)))
                    used.add(guid_key(guid))
                    user = coding.user or getattr(selection, "user", None) or source.user
                    self.unattributed += not user
                    created = _iso(coding.created) or _iso(getattr(selection, "created", None))
                    modified = _iso(getattr(selection, "modified", None)) or created
                    rows.append(NewSegment(
                        guid=guid, document_id=document_id, code_id=code_id,
                        coder_id=self.coder(user), start=start, end=end,
                        comment=getattr(selection, "description", "").strip(),
                        created=created, modified=modified))
                    self._remember(selection, coding, guid)
        if self.unattributed:
            self.report.notes.append(
                f"{self.unattributed} coding(s) name no user; recorded as coded by "
                f"{self.fallback or default_coder_name()}")
        inserted, duplicates = insert_segments(self.project, rows)
        self.report.came_in["codings"] += inserted
        if duplicates:
            self.report.matched["codings (same code, coder and span already coded)"] += duplicates

    def _remember(self, selection, coding, guid: str) -> None:
        key = guid_key(getattr(selection, "guid", ""))
        if key:
            self.segments_of.setdefault(key, []).append(guid)
        self.segments_of.setdefault(guid_key(coding.guid), []).append(guid)

    # -- memos ---------------------------------------------------------------------------
    def add_memos(self) -> None:
        targets: dict[str, list[tuple[str, int | None]]] = {}

        def refer(notes: list[str], kind: str, target: int | None) -> None:
            for note in notes:
                targets.setdefault(guid_key(note), []).append((kind, target))

        refer(self.refi.project_note_refs, "project", None)
        self._code_refs(self.refi.codes, refer)
        segment_ids = guid_index(self.project, "segments")
        for prepared in self.read.sources:
            source = prepared.source
            document_id = self.documents.get(guid_key(source.guid))
            if document_id is None:
                continue
            refer(source.note_refs, "document", document_id)
            for selection in source.selections:
                if not selection.codings and selection.note_refs:
                    # A note on a passage nobody coded: an in-text memo at that passage.
                    try:
                        span = prepared.positions.span(selection.start, selection.end)
                    except ValueError:
                        continue
                    refer(selection.note_refs, "text", (document_id, *span))
                    continue
                for holder in (selection, *selection.codings):
                    guids = self.segments_of.get(guid_key(holder.guid), [])
                    if guids:
                        refer(holder.note_refs, "segment", segment_ids.get(guid_key(guids[0])))
        taken = guid_index(self.project, "memos")
        for note in self.refi.notes:
            key = guid_key(note.guid)
            if key in taken:
                self.report.matched["memos"] += 1
                continue
            text = self.read.note_texts.get(key)
            if text is None:
                continue
            if note.selections:
                self.report.left_out["coding(s) inside notes"] += note.selections
            found = [t for t in targets.get(key, []) if t[1] is not None or t[0] == "project"]
            kind, target = found[0] if found else ("free", None)
            if len(found) > 1:
                self.report.notes.append(f"note {note.name!r} is attached to {len(found)} "
                                         "things; qualcode attaches it to the first")
            author = self.coder(note.user) if note.user else None
            span = None
            if kind == "text":
                target, span = target[0], target[1:]
            insert_memo(self.project, guid=note.guid, kind=kind, text=text.strip("\n"),
                        title=note.name, target_id=target, author_id=author,
                        created=_iso(note.created), modified=_iso(note.modified), span=span)
            self.report.came_in["memos"] += 1

    def _code_refs(self, codes: list[RefiCode], refer) -> None:
        for code in codes:
            refer(code.note_refs, "code", self.codes.get(guid_key(code.guid)))
            self._code_refs(code.children, refer)


@dataclass
class _Whole:
    """Codings of a whole source, treated as a selection of all its text."""

    length: int
    codings: list
    start: int = 0
    guid: str = ""

    @property
    def end(self) -> int:
        return self.length


def apply_refi(project: Project, read: ReadQdpx, *, fallback_coder: str | None = None,
               strict: bool = False, actor: str | None = None) -> QdpxImport:
    """Store what ``read`` holds in ``project`` in one transaction; returns the report.

    Raises :class:`InputError` (nothing stored) when the data cannot be stored, or with
    ``strict`` when anything had to be skipped."""
    state = _Apply(project, read, fallback_coder)
    try:
        with project.transaction(f"import {read.path.name}", actor):
            for key in read.project.users:
                state.coder(read.project.user_guids[key])
            state.add_codes(read.project.codes, None)
            state.add_variables()
            state.add_documents()
            state.add_groups()
            state.add_codings()
            state.add_memos()
            if strict and read.report.skipped:
                skipped = read.report.skipped
                more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
                raise InputError(f"--strict: {skipped[0]}{more}")
    except QualcodeError as error:
        raise InputError(f"{read.path}: nothing imported: {error}") from None
    return read.report


def import_qdpx(project: Project, path: Path, *, fallback_coder: str | None = None,
                strict: bool = False, limits: Limits = DEFAULT_LIMITS,
                encoding: str | None = None, actor: str | None = None) -> QdpxImport:
    """Read ``path`` completely, then store it in one transaction (see module docs).

    ``strict``: refuse the whole file (nothing stored) when anything would be skipped.
    ``encoding``: how text sources are decoded (``None``: detect). Raises
    :class:`InputError` with a one-line message; the project is then unchanged.
    """
    read = read_qdpx(path, limits, encoding)
    return apply_refi(project, read, fallback_coder=fallback_coder, strict=strict, actor=actor)
