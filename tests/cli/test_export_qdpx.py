"""``qualcode export qdpx``: the project as a REFI-QDA project archive."""

from __future__ import annotations

import io
import zipfile

import pytest
from support import shared_path
from exchange_helpers import build_project, cli
from lxml import etree

from qualcode.store.project import Project

NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture
def exported(tmp_path):
    project = build_project(tmp_path / "study.qualcode")
    target = tmp_path / "study.qdpx"
    result = cli("export", "qdpx", str(project), "-o", str(target))
    assert result.exit_code == 0, result.output
    archive = zipfile.ZipFile(target)
    root = etree.fromstring(archive.read("project.qde"))
    return project, target, archive, root, result


def test_the_export_follows_the_project_schema(exported):
    schema = etree.XMLSchema(etree.parse(str(shared_path("refi-qda", "Project-mrt2019.xsd"))))
    _, _, _, root, _ = exported
    assert schema.validate(root), schema.error_log


def test_archive_layout_and_counts(exported):
    _, _, archive, root, result = exported
    names = sorted(archive.namelist())
    assert names[0] == "project.qde" and len(names) == 3
    assert all(n.startswith("sources/") and n.endswith(".txt") for n in names[1:])
    count = lambda path: len(root.xpath(path, namespaces=NS))
    assert count("q:Users/q:User") == 2
    assert count(".//q:Code") == 7                  # 3 top-level codes, 4 below them
    assert count("q:Sources/q:TextSource") == 2
    assert count(".//q:PlainTextSelection") == 6 and count(".//q:Coding") == 6
    assert count("q:Notes/q:Note") == 5
    assert count("q:Variables/q:Variable") == 6      # Datum, Kommune, Modus from the headers
    assert count("q:Sets/q:Set") == 2
    assert ("2 documents, 7 codes, 6 codings, 2 coders (jonas, lena), 5 memos, 6 variables, "
            "2 document groups") \
        in result.stderr
    assert "weights of 1 coded segment(s)" in result.stderr


def test_positions_are_code_points_of_the_utf8_source(exported):
    _, _, archive, root, _ = exported
    selected = []
    for source in root.xpath("q:Sources/q:TextSource", namespaces=NS):
        member = source.get("plainTextPath").replace("internal://", "sources/")
        assert member == f"sources/{source.get('guid')}.txt"
        text = archive.read(member).decode("utf-8")
        assert "\r" not in text and not text.startswith("\ufeff")
        for selection in source.xpath("q:PlainTextSelection", namespaces=NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            selected.append(text[start:end])
    # The Messenger passage comes after an emoji: in UTF-16 units it would be one off.
    assert "die Jugendlichen schreiben über den Messenger" in selected
    assert "Wir telefonieren fast nur noch \U0001F4DE" in selected
    assert "alles lief per Rundmail" in selected


def test_guids_are_the_rows_guids_and_stable(exported, tmp_path):
    project, target, _, root, _ = exported
    with Project.open(project) as proj:
        rows = {table: {r[0] for r in proj.db.execute(f"SELECT guid FROM {table}")}
                for table in ("documents", "codes", "coders", "segments", "memos",
                              "document_groups", "variables")}
    attribute = lambda path: {e.get("guid") for e in root.xpath(path, namespaces=NS)}
    assert attribute("q:Sources/q:TextSource") == rows["documents"]
    assert attribute(".//q:Code") == rows["codes"]
    assert attribute("q:Users/q:User") == rows["coders"]
    assert attribute(".//q:Coding") == rows["segments"]
    assert attribute("q:Notes/q:Note") == rows["memos"]
    assert attribute("q:Sets/q:Set") == rows["document_groups"]
    assert attribute("q:Variables/q:Variable") == rows["variables"]
    again = tmp_path / "again.qdpx"
    assert cli("export", "qdpx", str(project), "-o", str(again)).exit_code == 0
    assert again.read_bytes() == target.read_bytes()


def test_codes_carry_colour_and_the_three_text_fields(exported):
    _, _, _, root, _ = exported
    (telefon,) = root.xpath(".//q:Code[@name='Telefon/E-Mail']", namespaces=NS)
    assert telefon.get("color") == "#8E44AD" and telefon.get("isCodable") == "true"
    assert telefon.getparent().get("name") == "Digitale Beratung"
    assert telefon.findtext("q:Description", namespaces=NS) == (
        "Beratung am Telefon oder per E-Mail.\n\nAnkerbeispiel: Wir telefonieren fast nur "
        "noch.\n\nKodierregeln: Nur Aussagen über die Beratung selbst.")


def test_codings_coders_comments_memos_variables_and_sets(exported):
    _, _, _, root, _ = exported
    users = {u.get("name"): u.get("guid") for u in root.xpath("q:Users/q:User", namespaces=NS)}
    (abh,) = root.xpath(".//q:PlainTextSelection[q:Description='Wartezeit']", namespaces=NS)
    assert abh.get("name") == "Die ABH hat lange gar nicht geantwortet."
    coding = abh.find("q:Coding", NS)
    assert coding.get("creatingUser") == users["jonas"]
    (code,) = root.xpath(".//q:Code[@name='ABH-Kooperation']", namespaces=NS)
    assert coding.find("q:CodeRef", NS).get("targetGUID") == code.get("guid")
    notes = {n.findtext("q:PlainTextContent", namespaces=NS): n
             for n in root.xpath("q:Notes/q:Note", namespaces=NS)}
    refs = lambda element: {r.get("targetGUID") for r in element.findall("q:NoteRef", NS)}
    assert notes["Abgrenzung zu Messenger klären."].get("guid") in refs(code)
    assert notes["Projektmemo zur Auswertung 2020."].get("guid") in refs(root)
    assert notes["Offene Frage: Wie zählen wir Rundmails?"].get("creatingUser") == users["lena"]
    (rg,) = root.xpath("q:Sources/q:TextSource[@name='RG-B']", namespaces=NS)
    assert notes["Gespräch war kurz."].get("guid") in refs(rg)
    (anchor,) = root.xpath(".//q:PlainTextSelection[q:Description='Telefon statt Büro']",
                           namespaces=NS)
    assert notes["Gutes Ankerbeispiel."].get("guid") in refs(anchor)
    variables = {v.get("guid"): (v.get("name"), v.get("typeOfVariable"))
                 for v in root.xpath("q:Variables/q:Variable", namespaces=NS)}
    assert sorted(variables.values()) == [
        ("Anteil", "Float"), ("Befragte", "Integer"), ("Datum", "Date"),
        ("Erstgespräch", "Boolean"), ("Kommune", "Text"), ("Modus", "Text")]
    values = {}
    for value in root.xpath("q:Sources/q:TextSource[@name='THM-A']/q:VariableValue",
                            namespaces=NS):
        name, _ = variables[value.find("q:VariableRef", NS).get("targetGUID")]
        values[name] = value[1].text
    assert values == {"Datum": "2020-05-12", "Kommune": "Kreis", "Modus": "Telefon",
                      "Befragte": "2", "Erstgespräch": "true"}
    (rg_share,) = root.xpath("q:Sources/q:TextSource[@name='RG-B']/q:VariableValue/q:FloatValue",
                             namespaces=NS)
    assert rg_share.text == "0.25"
    sets = {s.get("name"): [m.get("targetGUID") for m in s] for s in
            root.xpath("q:Sets/q:Set", namespaces=NS)}
    assert sets["Reflexionsgespräche"] == [rg.get("guid")]


def test_an_empty_project_exports_a_valid_archive(tmp_path):
    assert cli("init", str(tmp_path / "leer.qualcode")).exit_code == 0
    target = tmp_path / "leer.qdpx"
    result = cli("export", "qdpx", str(tmp_path / "leer.qualcode"), "-o", str(target))
    assert result.exit_code == 0
    root = etree.fromstring(zipfile.ZipFile(target).read("project.qde"))
    assert root.get("name") == "leer" and len(root) == 0


def test_a_missing_project_is_a_one_line_error(tmp_path):
    result = cli("export", "qdpx", str(tmp_path / "fehlt.qualcode"), "-o",
                 str(tmp_path / "x.qdpx"))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert not (tmp_path / "x.qdpx").exists()


def test_the_archive_is_a_zip_with_deflated_members(exported):
    _, target, _, _, _ = exported
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as archive:
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_DEFLATED}
        assert archive.testzip() is None
