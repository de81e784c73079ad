"""Reading a REFI-QDA project archive (``.qdpx``) before anything is stored.

:func:`read_qdpx` opens the archive in memory (:mod:`qualcode.importers.qdpx_archive`),
parses ``project.qde`` with defusedxml, checks it against the schema (a violation is a
warning), and decodes, normalises and prepares every text source: the exporter's way of
counting positions is detected (:func:`qualcode.domain.positions.detect_base`) and a map to
code points of the stored text built. Nothing here touches a project.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from qualcode.domain.errors import InputError
from qualcode.domain.positions import (
    CODE_POINTS,
    UTF16_UNITS,
    OffsetMap,
    Selection,
    base_map,
    detect_base,
    normalize_with_map,
)
from qualcode.domain.refi import PROJECT_NAMESPACE
from qualcode.importers.decode import decode_bytes, replacement_note
from qualcode.importers.qdpx_archive import DEFAULT_LIMITS, Limits, QdpxArchive, open_qdpx
from qualcode.importers.refi_read import RefiProject, RefiTextSource, guid_key, read_project
from qualcode.importers.refi_xml import local, namespace, parse_xml, schema_problems
from qualcode.importers.zip_safety import shown_name

_TEXT_SUFFIXES = (".txt", ".docx", ".doc", ".rtf", ".odt", ".pdf", ".html", ".htm", ".vtt",
                  ".srt")


@dataclass
class PreparedSource:
    """A text source read and normalised, ready to store."""

    source: RefiTextSource
    text: str
    encoding: str | None
    positions: OffsetMap
    base: str


@dataclass
class QdpxImport:
    """What an import brought in (``came_in``), reused (``matched``), skipped and noted."""

    path: Path
    origin: str
    came_in: Counter = field(default_factory=Counter)
    matched: Counter = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)
    left_out: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)


@dataclass
class ReadQdpx:
    """A project archive read and checked, not yet stored."""

    path: Path
    project: RefiProject
    sources: list[PreparedSource]
    note_texts: dict[str, str]
    report: QdpxImport


def document_name(source: RefiTextSource) -> str:
    name = source.name.strip()
    if not name and source.plain_text_path:
        name = PurePosixPath(source.plain_text_path.split("://")[-1]).name
    for suffix in _TEXT_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    name = " ".join(name.split())
    return name or f"Dokument-{guid_key(source.guid)[:8]}"


def _read_text(archive: QdpxArchive, path: str | None, what: str, report: QdpxImport,
               encoding: str | None = None) -> tuple[str, str | None] | None:
    """``(raw text, encoding label)`` of an internal file, or ``None`` (reported as skipped);
    doubts about its encoding become notes."""
    if not path:
        report.skipped.append(f"{what}: no text (neither plainTextPath nor PlainTextContent)")
        return None
    scheme = path.split("://", 1)[0].lower() if "://" in path else ""
    if scheme in ("relative", "absolute"):
        report.skipped.append(f"{what}: its text is an external file ({path}); qualcode reads "
                              "only sources inside the .qdpx")
        return None
    if scheme not in ("", "internal"):
        report.skipped.append(f"{what}: unknown path {path!r}")
        return None
    info = archive.find(path)
    if info is None:
        report.skipped.append(f"{what}: its text {path} is not in the archive")
        return None
    if not scheme:
        report.notes.append(f"{what}: path {path!r} has no 'internal://' prefix; read from "
                            f"{shown_name(info.filename)}")
    data = archive.read(info)  # size caps and zip-bomb checks raise: they refuse the file
    try:
        decoded = decode_bytes(data, shown_name(info.filename), encoding)
    except InputError as error:
        report.skipped.append(f"{what}: {error}")
        return None
    report.notes += [f"{what}: {note}" for note in decoded.notes]
    lost = replacement_note(decoded.text)
    if lost:
        report.notes.append(f"{what}: {lost}")
    return decoded.text, decoded.encoding


def _prefer_base(origin: str) -> str:
    lowered = origin.lower()
    if "nvivo" in lowered and "mac" not in lowered:
        return UTF16_UNITS
    return CODE_POINTS


def read_qdpx(path: Path, limits: Limits = DEFAULT_LIMITS, encoding: str | None = None
              ) -> ReadQdpx:
    """Open, parse and check ``path`` and prepare its text sources; writes nothing.

    ``encoding``: how text sources are decoded (``None``: detect; see
    :func:`qualcode.importers.decode.decode_bytes`).

    Raises :class:`InputError` with a one-line message for anything unsafe or unreadable
    (not a ZIP, path traversal, zip bomb, DTD/entities, malformed XML, no project.qde).
    """
    archive = open_qdpx(path, limits)
    try:
        root = parse_xml(archive.project_xml, f"{path}: {shown_name(archive.project_member)}")
        if local(root.tag) != "Project":
            raise InputError(f"{path}: not a REFI-QDA project (the root element is "
                             f"<{local(root.tag)}>, not <Project>)")
        refi = read_project(root)
        report = QdpxImport(path, refi.origin or "unknown program")
        report.notes += archive.notes
        if namespace(root.tag) != PROJECT_NAMESPACE:
            report.notes.append(f"namespace {namespace(root.tag)!r} is not {PROJECT_NAMESPACE}; "
                                "read by element names")
        else:
            count, first = schema_problems(archive.project_xml, "project")
            if count:
                report.notes.append(
                    f"warning: {archive.project_member} does not follow the REFI-QDA schema "
                    f"({count} problem(s); first: {first[0]}); importing what is readable")
        report.notes += refi.fixes
        report.left_out.update(refi.left_out)
        prepared = [p for p in (_prepare(archive, s, refi, report, encoding)
                                for s in refi.sources) if p]
        note_texts: dict[str, str] = {}
        for note in refi.notes:
            if note.text is not None:
                note_texts[guid_key(note.guid)] = note.text
            else:
                read = _read_text(archive, note.plain_text_path, f"note {note.name!r}", report,
                                  encoding)
                if read is not None:
                    note_texts[guid_key(note.guid)] = read[0]
    finally:
        archive.close()
    return ReadQdpx(path, refi, prepared, note_texts, report)


def _prepare(archive: QdpxArchive, source: RefiTextSource, refi: RefiProject,
             report: QdpxImport, encoding: str | None) -> PreparedSource | None:
    codings = len(source.codings) + sum(len(s.codings) for s in source.selections)
    what = f"source {document_name(source)!r}"
    if source.inline_text is not None:
        raw, label = source.inline_text, None
    else:
        before = len(report.skipped)
        read = _read_text(archive, source.plain_text_path, what, report, encoding)
        if read is None:
            if codings and len(report.skipped) > before:
                report.skipped[-1] += f"; skipped with its {codings} coding(s)"
            return None
        raw, label = read
    text, _ = normalize_with_map(raw)
    if not text.strip():
        report.skipped.append(f"{what}: no text (empty plain-text file)"
                              + (f"; skipped with its {codings} coding(s)" if codings else ""))
        return None
    selections = [Selection(s.start, s.end, s.name) for s in source.selections]
    base = detect_base(raw, selections, _prefer_base(refi.origin))
    if base != CODE_POINTS:
        report.notes.append(f"{what}: positions were counted in {base} (as NVivo for Windows "
                            "does); converted to code points of the stored text")
    elif len(text) != len(raw) and selections:
        report.notes.append(f"{what}: text normalised (line ends, BOM, control characters, "
                            "NFC); positions converted")
    return PreparedSource(source, text, label, base_map(raw, base), base)
