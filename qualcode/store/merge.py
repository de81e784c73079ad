"""Merging coders' copies of a project into one project (the team workflow).

Each coder codes in a copy of the project file; ``merge`` brings the copies' codings, new
codes, memos and new documents into the target:

* documents are matched by the SHA-256 of their text, never by name; a document only in a
  source is added (with its turns, variables and group);
* codes are matched by GUID, then by CODEPATH; a new code is added under its matched parent;
* coders stay apart: a source coder is matched by GUID and added when new;
* coded segments and memos are matched by GUID, so merging the same file twice adds nothing.

A conflict is reported, never resolved silently: one GUID with two CODEPATHs (a code renamed
or moved in one copy), a coder GUID with two names or one name with two GUIDs (two people
sharing a name), a segment or memo whose GUID the target holds with other content. Any
conflict aborts the whole merge; the merge is one transaction, so the target stays exactly
as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.domain.errors import ConflictError, InputError
from qualcode.domain.models import NewDocument
from qualcode.domain.transcript import ParsedTurn, TranscriptStructure
from qualcode.store.codes import load_codes
from qualcode.store.documents import add_document, find_by_sha256, set_variable
from qualcode.store.merge_source import SourceProject, read_source
from qualcode.store.project import Project


@dataclass
class SourceReport:
    """What one source brought in (counts) and what a reader should know (``notes``)."""

    path: Path
    documents_matched: int = 0
    documents_added: list[str] = field(default_factory=list)
    codes_matched: int = 0
    codes_matched_by_path: list[str] = field(default_factory=list)
    codes_added: list[str] = field(default_factory=list)
    coders_added: list[str] = field(default_factory=list)
    segments_added: int = 0
    segments_present: int = 0
    memos_added: int = 0
    memos_present: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class MergeReport:
    """The per-source reports and every conflict found (``path: message``)."""

    sources: list[SourceReport] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    dry_run: bool = False


class MergeConflictError(ConflictError):
    """The merge found conflicts and changed nothing; ``report.conflicts`` lists them."""

    def __init__(self, report: MergeReport) -> None:
        count = len(report.conflicts)
        super().__init__(f"merge aborted: {count} conflict{'s' if count != 1 else ''}; "
                         "the target was not changed")
        self.report = report


class _Rollback(Exception):
    pass


class _Merger:
    """Applies one source to the target inside the open transaction."""

    def __init__(self, project: Project, source: SourceProject, report: SourceReport,
                 conflicts: list[str]) -> None:
        self.db = project.db
        self.project = project
        self.source = source
        self.report = report
        self.conflicts = conflicts
        self.documents: dict[int, int] = {}
        self.codes: dict[int, int] = {}
        self.coders: dict[int, int] = {}
        self.segments: dict[int, int] = {}

    def conflict(self, message: str) -> None:
        self.conflicts.append(f"{self.source.path}: {message}")

    def one(self, sql: str, params: list) -> tuple | None:
        return self.db.execute(sql, params).fetchone()

    # -- documents ---------------------------------------------------------------------
    def merge_documents(self) -> None:
        for doc in self.source.documents:
            existing = find_by_sha256(self.project, doc["sha256"])
            if existing is not None:
                self.documents[doc["id"]] = self.one(
                    "SELECT id FROM documents WHERE sha256 = ?", [doc["sha256"]])[0]
                self.report.documents_matched += 1
                if existing != doc["name"]:
                    self.report.notes.append(f"document {doc['name']!r} is {existing!r} in the "
                                             "target (same text)")
                continue
            turns = tuple(ParsedTurn(**t) for t in self.source.turns.get(doc["id"], []))
            new = NewDocument(doc["name"], doc["text"], doc["source_name"] or doc["name"],
                              doc["source_format"] or "", doc["encoding"],
                              TranscriptStructure(turns))
            added = add_document(self.project, new, doc["group"])
            for variable in self.source.variables.get(doc["id"], []):
                set_variable(self.project, added.id, variable["name"], variable["value"],
                             variable["type"])
            self.documents[doc["id"]] = added.id
            self.report.documents_added.append(added.name)
            if added.name != doc["name"]:
                self.report.notes.append(
                    f"document {doc['name']!r} has a text the target does not hold; added as "
                    f"{added.name!r} because the target's {doc['name']!r} has another text")

    # -- codes -------------------------------------------------------------------------
    def merge_codes(self) -> None:
        for code in self.source.codes:
            tree, codes = load_codes(self.project)
            by_guid = {c.guid: c for c in codes.values()}
            if code["guid"] in by_guid:
                target = by_guid[code["guid"]]
                if target.path != code["path"]:
                    self.conflict(f"code {code['guid']} is {target.path!r} in the target but "
                                  f"{code['path']!r} here (renamed or moved in one copy)")
                self.codes[code["id"]] = target.id
                self.report.codes_matched += 1
                continue
            found = tree.find(code["path"])
            if found is not None:
                self.codes[code["id"]] = found
                self.report.codes_matched += 1
                self.report.codes_matched_by_path.append(code["path"])
                continue
            parent = self.codes.get(code["parent_id"]) if code["parent_id"] else None
            position = self.one("SELECT coalesce(max(position), 0) + 1 FROM codes "
                                "WHERE parent_id IS ?", [parent])[0]
            cursor = self.db.execute(
                """INSERT INTO codes (guid, parent_id, name, color, definition, anchor_example,
                       coding_rules, position, created, modified)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [code["guid"], parent, code["name"], code["color"], code["definition"],
                 code["anchor_example"], code["coding_rules"], position, code["created"],
                 code["modified"]])
            self.codes[code["id"]] = cursor.lastrowid
            self.report.codes_added.append(code["path"])

    # -- coders ------------------------------------------------------------------------
    def merge_coders(self) -> None:
        for coder in self.source.coders:
            by_guid = self.one("SELECT id, name FROM coders WHERE guid = ?", [coder["guid"]])
            if by_guid is not None:
                if by_guid[1] != coder["name"]:
                    self.conflict(f"coder {coder['guid']} is {by_guid[1]!r} in the target but "
                                  f"{coder['name']!r} here (renamed in one copy)")
                self.coders[coder["id"]] = by_guid[0]
                continue
            by_name = self.one("SELECT id FROM coders WHERE name = ?", [coder["name"]])
            if by_name is not None:
                self.conflict(f"coder {coder['name']!r} is a different coder than the target's "
                              f"{coder['name']!r} (other GUID): two people share the name, or "
                              f"one person coded in two separately made projects; rename one "
                              f"first (qualcode coders rename)")
                self.coders[coder["id"]] = by_name[0]
                continue
            cursor = self.db.execute("INSERT INTO coders (guid, name, created) VALUES (?, ?, ?)",
                                     [coder["guid"], coder["name"], coder["created"]])
            self.coders[coder["id"]] = cursor.lastrowid
            self.report.coders_added.append(coder["name"])

    # -- segments and memos ------------------------------------------------------------
    def merge_segments(self) -> None:
        for s in self.source.segments:
            mapped = [self.documents[s["document_id"]], self.codes[s["code_id"]],
                      self.coders[s["coder_id"]], s["start"], s["end"]]
            existing = self.one("""SELECT id, document_id, code_id, coder_id, start, "end"
                                   FROM segments WHERE guid = ?""", [s["guid"]])
            if existing is not None:
                self.segments[s["id"]] = existing[0]
                if list(existing[1:]) != mapped:
                    self.conflict(f"coded segment {s['guid']} differs from the target's "
                                  f"(code, coder or span [{existing[4]}, {existing[5]}) vs "
                                  f"[{s['start']}, {s['end']}))")
                else:
                    self.report.segments_present += 1
                continue
            cursor = self.db.execute(
                """INSERT OR IGNORE INTO segments (guid, document_id, code_id, coder_id, start,
                       "end", comment, weight, anchor, created, modified)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [s["guid"], *mapped, s["comment"], s["weight"], s["anchor"], s["created"],
                 s["modified"]])
            if cursor.rowcount:
                self.segments[s["id"]] = cursor.lastrowid
                self.report.segments_added += 1
            else:  # the same coder already coded the same span with the same code
                self.segments[s["id"]] = self.one(
                    """SELECT id FROM segments WHERE document_id = ? AND code_id = ?
                       AND coder_id = ? AND start = ? AND "end" = ?""", mapped)[0]
                self.report.segments_present += 1

    def merge_memos(self) -> None:
        targets = {"document": self.documents, "code": self.codes, "segment": self.segments}
        for memo in self.source.memos:
            ids = {kind: (targets[kind][memo[f"{kind}_id"]] if memo[f"{kind}_id"] else None)
                   for kind in targets}
            # Document texts are identical across copies (matched by SHA-256), so an
            # in-text memo's anchor needs no mapping.
            anchor = [memo["start"], memo["end"]]
            author = self.coders.get(memo["author_id"]) if memo["author_id"] else None
            existing = self.one("""SELECT kind, document_id, code_id, segment_id, title, text,
                                   start, "end" FROM memos WHERE guid = ?""", [memo["guid"]])
            content = [memo["kind"], ids["document"], ids["code"], ids["segment"],
                       memo["title"], memo["text"], *anchor]
            if existing is not None:
                if list(existing) != content:
                    self.conflict(f"memo {memo['guid']} ({memo['title'] or memo['kind']}) was "
                                  "changed in one copy")
                else:
                    self.report.memos_present += 1
                continue
            self.db.execute(
                """INSERT INTO memos (guid, kind, document_id, code_id, segment_id, title, text,
                       author_id, created, modified, start, "end")
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [memo["guid"], *content[:4], memo["title"], memo["text"], author,
                 memo["created"], memo["modified"], *anchor])
            self.report.memos_added += 1

    def run(self) -> None:
        self.merge_documents()
        self.merge_codes()
        self.merge_coders()
        self.merge_segments()
        self.merge_memos()


def merge_projects(project: Project, sources: list[Path], *, dry_run: bool = False,
                   actor: str | None = None) -> MergeReport:
    """Merge ``sources`` (project files) into ``project`` in one transaction.

    Returns the report. With ``dry_run`` everything is checked and counted, then rolled
    back. Raises :class:`MergeConflictError` (nothing changed) when any conflict is found,
    :class:`InputError` when a source is the target itself, and :class:`ProjectError` for a
    source that is not a readable qualcode project.
    """
    for path in sources:
        if path.exists() and os.path.samefile(path, project.path):
            raise InputError(f"{path}: cannot merge a project into itself")
    read = [read_source(Path(p)) for p in sources]
    report = MergeReport(dry_run=dry_run)
    try:
        with project.transaction(f"merge {', '.join(p.name for p in sources)}", actor):
            for source in read:
                source_report = SourceReport(source.path)
                report.sources.append(source_report)
                _Merger(project, source, source_report, report.conflicts).run()
            if report.conflicts or dry_run:
                raise _Rollback
    except _Rollback:
        if report.conflicts:
            raise MergeConflictError(report) from None
    return report
