"""``qualcode import-qdpx``: REFI-QDA projects from other programs, and back again."""

from __future__ import annotations

import json
import sqlite3
import zipfile

import pytest
from exchange_helpers import build_project, cli, dump_tables, make_archive, project_xml
from lxml import etree

from qualcode.domain.positions import utf16_length

CODE = ('<Code guid="0bd904ef-7dff-47d6-a94e-f47e9134a596" name="Wohnen" isCodable="true" '
        'color="#3366CC"/>')
USER = '<User guid="fd9946eb-9d77-46dd-a570-c1e6a9e6d1ac" name="Ayşe"/>'
SOURCE_GUID = "acd630d1-1dde-4661-ac92-79d8bf18ff86"


def snapshot(path) -> dict[str, list[tuple]]:
    """What must survive a round trip, keyed by GUIDs (ids and import times may differ)."""
    db = sqlite3.connect(path)
    queries = {
        "documents": """SELECT d.guid, d.name, d.text, d.sha256, g.guid, g.name
                        FROM documents d LEFT JOIN document_groups g ON g.id = d.group_id""",
        "codes": """SELECT c.guid, c.name, c.color, c.definition, c.anchor_example,
                           c.coding_rules, p.guid FROM codes c LEFT JOIN codes p
                    ON p.id = c.parent_id""",
        "codings": """SELECT s.guid, d.guid, c.guid, k.guid, k.name, s.start, s."end",
                             s.comment, s.created, s.modified
                      FROM segments s JOIN documents d ON d.id = s.document_id
                      JOIN codes c ON c.id = s.code_id JOIN coders k ON k.id = s.coder_id""",
        "variables": """SELECT d.guid, v.guid, v.name, v.type, dv.value
                        FROM document_variables dv JOIN documents d ON d.id = dv.document_id
                        JOIN variables v ON v.id = dv.variable_id""",
        "memos": """SELECT m.guid, m.kind, m.title, m.text, m.created, k.guid, d.guid, c.guid,
                           s.guid FROM memos m LEFT JOIN coders k ON k.id = m.author_id
                    LEFT JOIN documents d ON d.id = m.document_id
                    LEFT JOIN codes c ON c.id = m.code_id
                    LEFT JOIN segments s ON s.id = m.segment_id""",
        "turns": """SELECT d.guid, t.start, t."end", t.speaker, t.start_ms, t.end_ms
                    FROM turns t JOIN documents d ON d.id = t.document_id""",
    }
    try:
        return {key: sorted(db.execute(sql).fetchall(), key=repr) for key, sql in queries.items()}
    finally:
        db.close()


def import_file(tmp_path, members: dict, *args: str):
    archive = tmp_path / "fremd.qdpx"
    archive.write_bytes(make_archive(members))
    project = tmp_path / "ziel.qualcode"
    if not project.exists():
        cli("init", str(project))
    return project, cli("import-qdpx", str(project), str(archive), *args)


def segments(project) -> list[dict]:
    return json.loads(cli("segments", str(project), "--format", "json").stdout)


# -- round trip ---------------------------------------------------------------------------

def test_qualcode_to_qdpx_to_qualcode_keeps_everything_with_its_guids(tmp_path):
    source = build_project(tmp_path / "quelle.qualcode")
    archive = tmp_path / "austausch.qdpx"
    assert cli("export", "qdpx", str(source), "-o", str(archive)).exit_code == 0
    target = tmp_path / "ziel.qualcode"
    cli("init", str(target))
    result = cli("import-qdpx", str(target), str(archive))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"{archive} (qualcode 0.1.0): imported 2 document(s), 7 code(s), 2 coder(s), "
        "6 coding(s), 5 memo(s), 6 variable(s), 2 document group(s)")
    before, after = snapshot(source), snapshot(target)
    for key in before:
        assert after[key] == before[key], key
    assert len(after["codings"]) == 6 and len(after["memos"]) == 5


def test_import_then_export_keeps_every_guid(tmp_path):
    source = build_project(tmp_path / "quelle.qualcode")
    first, second = tmp_path / "1.qdpx", tmp_path / "2.qdpx"
    cli("export", "qdpx", str(source), "-o", str(first))
    target = tmp_path / "ziel.qualcode"
    cli("init", str(target))
    cli("import-qdpx", str(target), str(first))
    cli("export", "qdpx", str(target), "-o", str(second))

    def guids(path):
        root = etree.fromstring(zipfile.ZipFile(path).read("project.qde"))
        return sorted(e.get("guid") for e in root.iter() if e.get("guid"))

    assert guids(second) == guids(first)
    assert len(guids(first)) == 2 + 7 + 6 + 2 + 6 + 6 + 5 + 2   # users, codes, variables,
    #                                       sources, selections, codings, notes, sets


def test_importing_the_same_file_again_adds_nothing(tmp_path):
    source = build_project(tmp_path / "quelle.qualcode")
    archive = tmp_path / "austausch.qdpx"
    cli("export", "qdpx", str(source), "-o", str(archive))
    before, events = snapshot(source), dump_tables(source)["events"]
    result = cli("import-qdpx", str(source), str(archive))
    assert result.exit_code == 0
    assert "imported nothing" in result.stderr
    assert dump_tables(source)["events"] == events          # not a single row changed
    assert "already in the project (matched by GUID, name or text): 2 document(s), 7 code(s), " \
           "2 coder(s), 6 coding(s), 5 memo(s), 6 variable(s), 2 document group(s)" \
           in result.stderr
    assert snapshot(source) == before


def test_codings_added_elsewhere_come_back_into_the_same_documents(tmp_path):
    source = build_project(tmp_path / "quelle.qualcode")
    archive = tmp_path / "austausch.qdpx"
    cli("export", "qdpx", str(source), "-o", str(archive))
    colleague = tmp_path / "kollegin.qualcode"
    cli("init", str(colleague))
    cli("import-qdpx", str(colleague), str(archive))
    cli("code", str(colleague), "RG-B", "ABH-Kooperation", "--match", "Träger für den Baustein",
        "--coder", "mira")
    cli("export", "qdpx", str(colleague), "-o", str(tmp_path / "zurueck.qdpx"))
    result = cli("import-qdpx", str(source), str(tmp_path / "zurueck.qdpx"))
    assert "imported 1 coder(s), 1 coding(s)" in result.stderr
    found = [s for s in segments(source) if s["coder"] == "mira"]
    assert [(s["document"], s["code"], s["text"]) for s in found] == [
        ("RG-B", "ABH-Kooperation", "Träger für den Baustein")]


# -- deviations of real exporters -----------------------------------------------------------

def test_capitalised_members_bom_crlf_and_paths_without_internal(tmp_path):
    text = "\ufeffErste Zeile über Wohnen.\r\nZweite Zeile: Miete.\r\n"
    start = text.index("Miete") - 1          # positions count the BOM out, CRLF as two
    selection = (f'<PlainTextSelection guid="a16d789e-00ce-4b18-b4e5-c1540c7fec5f" '
                 f'name="Miete" startPosition="{start}" endPosition="{start + 5}">'
                 '<Coding guid="3e8f98d8-7cd3-466a-98d0-02ce028fd49a" '
                 'creatingUser="fd9946eb-9d77-46dd-a570-c1e6a9e6d1ac">'
                 '<CodeRef targetGUID="0bd904ef-7dff-47d6-a94e-f47e9134a596"/></Coding>'
                 '</PlainTextSelection>')
    xml = project_xml(f'<TextSource guid="{SOURCE_GUID}" name="Wohnen.txt" '
                      f'plainTextPath="Wohnen.txt">{selection}</TextSource>',
                      codes=CODE, users=USER)
    project, result = import_file(tmp_path, {"Studie.qde": xml,
                                             "Sources/Wohnen.txt": text.encode("utf-8")})
    assert result.exit_code == 0, result.stderr
    assert "imported 1 document(s), 1 code(s), 1 coder(s), 1 coding(s)" in result.stderr
    assert "named 'Studie.qde'" in result.stderr
    assert "has no 'internal://' prefix" in result.stderr
    (segment,) = segments(project)
    assert (segment["document"], segment["text"], segment["coder"]) == ("Wohnen", "Miete", "Ayşe")
    stored = cli("text", str(project), "Wohnen").stdout
    assert stored == "Erste Zeile über Wohnen.\nZweite Zeile: Miete.\n"


def test_nvivo_for_windows_utf16_positions_are_detected_and_converted(tmp_path):
    raw = "Einleitung \U0001F3E0 zum Thema.\r\nDie Miete ist zu hoch, sagt sie.\r\n"
    target = "Die Miete ist zu hoch"
    start = utf16_length(raw[:raw.index(target)])
    selection = (f'<PlainTextSelection guid="a16d789e-00ce-4b18-b4e5-c1540c7fec5f" '
                 f'name="{target}" startPosition="{start}" endPosition="{start + len(target)}">'
                 '<Coding guid="3e8f98d8-7cd3-466a-98d0-02ce028fd49a">'
                 '<CodeRef targetGUID="0bd904ef-7dff-47d6-a94e-f47e9134a596"/></Coding>'
                 '</PlainTextSelection>')
    xml = project_xml(f'<TextSource guid="{SOURCE_GUID}" name="Interview 7" '
                      f'plainTextPath="internal://{SOURCE_GUID}.txt">{selection}</TextSource>',
                      codes=CODE, origin="NVivo 14.23.2 (Windows)")
    project, result = import_file(tmp_path, {
        "project.qde": xml, f"Sources/{SOURCE_GUID}.txt": "\ufeff".encode() + raw.encode()},
        "--coder", "importiert")
    assert result.exit_code == 0, result.stderr
    assert "UTF-16 code units with CRLF counted as two characters" in result.stderr
    assert "1 coding(s) name no user; recorded as coded by importiert" in result.stderr
    (segment,) = segments(project)
    assert segment["text"] == target and segment["coder"] == "importiert"


def test_a_schema_invalid_but_readable_file_is_imported_with_a_warning(tmp_path):
    # Taguette writes an empty <Sets/>; the schema wants at least one <Set>.
    xml = project_xml(f'<TextSource guid="{SOURCE_GUID}" name="Notiz">'
                      '<PlainTextContent>Ein kurzer Text.</PlainTextContent></TextSource>',
                      codes=CODE, extra="<Sets/>")
    project, result = import_file(tmp_path, {"project.qde": xml})
    assert result.exit_code == 0
    assert "warning: project.qde does not follow the REFI-QDA schema (1 problem(s)" \
        in result.stderr
    assert "imported 1 document(s), 1 code(s)" in result.stderr
    assert cli("text", str(project), "Notiz").stdout == "Ein kurzer Text."


def test_a_missing_source_is_named_and_the_rest_comes_in(tmp_path):
    selection = ('<PlainTextSelection guid="a16d789e-00ce-4b18-b4e5-c1540c7fec5f" '
                 'startPosition="0" endPosition="4"><Coding guid="3e8f98d8-7cd3-466a-98d0-'
                 '02ce028fd49a"><CodeRef targetGUID="0bd904ef-7dff-47d6-a94e-f47e9134a596"/>'
                 '</Coding></PlainTextSelection>')
    xml = project_xml(f'<TextSource guid="{SOURCE_GUID}" name="Fehlt.docx" '
                      f'plainTextPath="internal://{SOURCE_GUID}.txt">{selection}</TextSource>',
                      codes=CODE)
    project, result = import_file(tmp_path, {"project.qde": xml})
    assert result.exit_code == 0
    assert (f"skipped: source 'Fehlt': its text internal://{SOURCE_GUID}.txt is not in the "
            "archive; skipped with its 1 coding(s)") in result.stderr
    assert "imported 1 code(s)" in result.stderr
    before = dump_tables(project)
    strict = cli("import-qdpx", str(project), str(tmp_path / "fremd.qdpx"), "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.startswith("error: ") and "--strict: source 'Fehlt'" in strict.stderr
    assert dump_tables(project) == before


def test_pictures_media_links_and_code_sets_are_reported_as_not_imported(tmp_path):
    xml = project_xml(
        '<PictureSource guid="361bcdb8-7d11-4343-a4cd-4130693eff76" name="Foto" '
        'path="internal://361bcdb8-7d11-4343-a4cd-4130693eff76.png"/>'
        '<AudioSource guid="2ed3777f-f0b6-448d-b9c5-6a1c4ae5f9d3" name="Ton" '
        'path="relative:///Ton.mp3"/>', codes=CODE,
        extra='<Sets><Set guid="d342cd5e-52d1-4894-a342-7d42ed947797" name="Auswahl">'
              '<MemberCode targetGUID="0bd904ef-7dff-47d6-a94e-f47e9134a596"/></Set></Sets>')
    _, result = import_file(tmp_path, {"project.qde": xml})
    assert result.exit_code == 0
    assert ("not imported (qualcode holds text and its codings): 1 picture source(s), "
            "1 audio source(s), 1 code and note set(s)") in result.stderr


def test_variables_cases_sets_and_notes_of_a_foreign_project(tmp_path):
    other = "e65f5ee2-9a55-47f1-bb0b-4921d8ce15c4"
    variables = ('<Variables><Variable guid="b0d88436-fb9d-49e8-93be-12293ee8d808" name="Alter" '
                 'typeOfVariable="Integer"/><Variable guid="1a625969-059e-4909-ac7e-e4bbcf7f728d" '
                 'name="Befragt am" typeOfVariable="Date"/></Variables>')
    value = ('<VariableValue><VariableRef targetGUID="b0d88436-fb9d-49e8-93be-12293ee8d808"/>'
             '<IntegerValue>{}</IntegerValue></VariableValue>')
    sources = (
        f'<TextSource guid="{SOURCE_GUID}" name="Anna.txt"><PlainTextContent>Anna erzählt.'
        f'</PlainTextContent><NoteRef targetGUID="ff125a13-c63c-45af-8038-f403b34fd82f"/>'
        f'{value.format(24)}</TextSource>'
        f'<TextSource guid="{other}" name="Ben.txt"><PlainTextContent>Ben erzählt.'
        '</PlainTextContent></TextSource>')
    extra = (
        f'<Notes><Note guid="ff125a13-c63c-45af-8038-f403b34fd82f" name="Eindruck" '
        f'creatingUser="fd9946eb-9d77-46dd-a570-c1e6a9e6d1ac"><PlainTextContent>Sehr offen.'
        f'</PlainTextContent></Note></Notes><Sets><Set guid="d6753209-b998-4e21-8a9f-'
        f'1a4be2394c8a" name="Gruppe 1"><MemberSource targetGUID="{SOURCE_GUID}"/>'
        f'<MemberSource targetGUID="{other}"/></Set><Set guid="a370ff47-8b82-48c9-820a-'
        f'e36124ae8488" name="Gruppe 2"><MemberSource targetGUID="{other}"/></Set></Sets>')
    xml = project_xml(sources, codes=CODE, users=USER).replace(
        "</CodeBook>", "</CodeBook>" + variables + (
            '<Cases><Case guid="025ad1b1-91a9-4c66-8d24-574d47a1e1a2" name="Ben">'
            '<VariableValue><VariableRef targetGUID="1a625969-059e-4909-ac7e-e4bbcf7f728d"/>'
            f'<DateValue>2020-05-04</DateValue></VariableValue><SourceRef targetGUID="{other}"/>'
            '</Case></Cases>')).replace("</Project>", extra + "</Project>")
    project, result = import_file(tmp_path, {"project.qde": xml})
    assert result.exit_code == 0, result.stderr
    docs = {d["name"]: d for d in json.loads(cli("documents", str(project), "--format",
                                                 "json").stdout)}
    assert docs["Anna"]["variables"] == {"Alter": 24}
    assert docs["Ben"]["variables"] == {"Befragt am": "2020-05-04"}
    assert docs["Anna"]["group"] == docs["Ben"]["group"] == "Gruppe 1"
    assert "1 further set membership(s) (one document group per document)" in result.stderr
    memos = json.loads(cli("memo", "list", str(project), "--format", "json").stdout)
    assert [(m["kind"], m["title"], m["text"], m["author"]) for m in memos] == [
        ("document", "Eindruck", "Sehr offen.", "Ayşe")]


@pytest.mark.parametrize("members", [
    {"project.qde": project_xml(), "other.qde": project_xml()},
    {"a.qde": project_xml(), "b.qde": project_xml()},
    {"readme.txt": "kein Projekt"},
])
def test_archives_without_one_project_file_are_refused(tmp_path, members):
    _, result = import_file(tmp_path, members)
    if "project.qde" in members:
        assert result.exit_code == 0          # project.qde wins over other .qde files
        return
    assert result.exit_code == 1
    assert "not a REFI-QDA project archive" in result.stderr


def test_a_variable_value_that_does_not_fit_its_type_is_left_out_and_named(tmp_path):
    variables = ('<Variables><Variable guid="b0d88436-fb9d-49e8-93be-12293ee8d808" name="Alter" '
                 'typeOfVariable="Integer"/></Variables>')
    source = (f'<TextSource guid="{SOURCE_GUID}" name="Anna.txt"><PlainTextContent>Anna '
              'erzählt.</PlainTextContent><VariableValue><VariableRef targetGUID="b0d88436-'
              'fb9d-49e8-93be-12293ee8d808"/><IntegerValue>Mitte zwanzig</IntegerValue>'
              '</VariableValue></TextSource>')
    xml = project_xml(source, codes=CODE).replace("</CodeBook>", "</CodeBook>" + variables)
    project, result = import_file(tmp_path, {"project.qde": xml})
    assert result.exit_code == 0, result.stderr
    assert ("  skipped: source 'Anna': value 'Mitte zwanzig' of variable 'Alter' is not an "
            "integer; left out") in result.stderr.splitlines()[1:]
    types = {r["variable"]: r["type"] for r in json.loads(
        cli("variable", "list", str(project), "--format", "json").stdout)}
    assert types["Alter"] == "integer"  # not retyped to text


def test_a_source_in_mixed_encodings_is_named_and_repaired_on_request(tmp_path):
    text = "Anna erzählt: „Es war ein langer Winter.“ Über Weihnachten blieb sie allein.\n"
    data = text.encode("utf-8").replace("„".encode("utf-8"), b"\x84")
    xml = project_xml(f'<TextSource guid="{SOURCE_GUID}" name="Anna.txt" '
                      f'plainTextPath="internal://{SOURCE_GUID}.txt"/>')
    project, result = import_file(tmp_path, {"project.qde": xml,
                                             f"sources/{SOURCE_GUID}.txt": data})
    assert result.exit_code == 0, result.stderr
    assert (f"  skipped: source 'Anna': sources/{SOURCE_GUID}.txt: mostly UTF-8, but 1 byte(s) "
            "are not (first in line 1") in result.stderr
    repaired = cli("import-qdpx", str(project), str(tmp_path / "fremd.qdpx"),
                   "--encoding", "utf-8-repair")
    assert repaired.exit_code == 0, repaired.stderr
    assert ("  note: source 'Anna': 1 byte(s) that are not UTF-8 read as Windows-1252 "
            "(--encoding utf-8-repair; first in line 1: ") in repaired.stderr
    assert cli("text", str(project), "Anna").stdout == text
