"""In-text memos in REFI-QDA: exported as a ``<PlainTextSelection>`` of the anchor without a
``<Coding>`` that refers to the memo's ``<Note>`` (valid against the project schema), and such
a selection imported back as an in-text memo at the same place."""

from __future__ import annotations

import json
import zipfile

from exchange_helpers import build_project, cli
from lxml import etree
from support import shared_path

from qualcode.store.documents import resolve_document
from qualcode.store.memos import add_memo, line_span
from qualcode.store.project import Project

NS = {"q": "urn:QDA-XML:project:1.0"}


def with_text_memos(path):
    build_project(path)
    with Project.open(path) as project:
        document = resolve_document(project, "RG-B").id
        line = add_memo(project, "text", "Wer ist die Kerngruppe?", target_id=document,
                        span=line_span(project, document, 1), title="Frage")
        point = add_memo(project, "text", "Hier fehlt etwas.", target_id=document,
                         span=(5, 5))
    return line, point


def test_in_text_memos_are_selections_with_a_note_and_come_back(tmp_path):
    source = tmp_path / "quelle.qualcode"
    line, point = with_text_memos(source)
    archive = tmp_path / "austausch.qdpx"
    result = cli("export", "qdpx", str(source), "-o", str(archive))
    assert result.exit_code == 0, result.stderr
    assert "7 memos" in result.stderr
    root = etree.fromstring(zipfile.ZipFile(archive).read("project.qde"))
    schema = etree.XMLSchema(etree.parse(str(shared_path("refi-qda", "Project-mrt2019.xsd"))))
    assert schema.validate(root), schema.error_log
    anchored = [s for s in root.xpath(".//q:PlainTextSelection", namespaces=NS)
                if not s.xpath("q:Coding", namespaces=NS)]
    assert [(int(s.get("startPosition")), int(s.get("endPosition")),
             s.xpath("q:NoteRef/@targetGUID", namespaces=NS)) for s in anchored] == [
        (0, line.end, [line.guid]), (5, 5, [point.guid])]  # in text order
    notes = {n.get("guid"): n for n in root.xpath("q:Notes/q:Note", namespaces=NS)}
    assert notes[line.guid].get("name") == "Frage"

    target = tmp_path / "ziel.qualcode"
    cli("init", str(target))
    result = cli("import-qdpx", str(target), str(archive))
    assert result.exit_code == 0, result.stderr
    assert "skipped" not in result.stderr and "empty selection" not in result.stderr
    memos = json.loads(cli("memo", "list", str(target), "--kind", "text",
                           "--format", "json").stdout)
    assert sorted((m["guid"], m["document"], m["start"], m["end"], m["text"]) for m in memos) \
        == sorted([(line.guid, "RG-B", line.start, line.end, "Wer ist die Kerngruppe?"),
                   (point.guid, "RG-B", 5, 5, "Hier fehlt etwas.")])
    # and out again: the same selections and notes (GUIDs stable)
    second = tmp_path / "wieder.qdpx"
    cli("export", "qdpx", str(target), "-o", str(second))

    def guids(path):
        tree = etree.fromstring(zipfile.ZipFile(path).read("project.qde"))
        return sorted(e.get("guid") for e in tree.iter() if e.get("guid"))

    assert guids(second) == guids(archive)
