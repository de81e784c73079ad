"""``qualcode codebook import PROJECT FILE.qdc``: REFI-QDA codebooks next to YAML."""

from __future__ import annotations

import json

import pytest
from support import shared_path
from exchange_helpers import build_project, cli, dump_tables, make_archive


def _codes(project) -> dict[str, dict]:
    result = cli("codes", "list", str(project), "--format", "json")
    return {c["path"]: c for c in json.loads(result.stdout)}


def test_a_qdc_export_imports_into_an_empty_project_unchanged(tmp_path):
    source = build_project(tmp_path / "study.qualcode")
    qdc = tmp_path / "codes.qdc"
    cli("export", "qdc", str(source), "-o", str(qdc))
    target = tmp_path / "neu.qualcode"
    cli("init", str(target))
    result = cli("codebook", "import", str(target), str(qdc))
    assert result.exit_code == 0
    assert result.stderr == f"{qdc}: 7 codes created, 0 updated, 0 unchanged\n"
    keys = ("guid", "color", "definition", "anchor_example", "coding_rules", "depth")
    before, after = _codes(source), _codes(target)
    assert list(after) == list(before)
    for path in before:
        assert {k: after[path][k] for k in keys} == {k: before[path][k] for k in keys}
    telefon = after["Digitale Beratung/Telefon\\/E-Mail"]
    assert telefon["anchor_example"] == "Wir telefonieren fast nur noch."
    assert telefon["coding_rules"] == "Nur Aussagen über die Beratung selbst."


def test_codes_match_by_guid_even_after_a_rename(tmp_path):
    project = build_project(tmp_path / "study.qualcode")
    qdc = tmp_path / "codes.qdc"
    cli("export", "qdc", str(project), "-o", str(qdc))
    cli("codes", "rename", str(project), "Corona als Prozessbremse", "Pandemie")
    result = cli("codebook", "import", str(project), str(qdc))
    assert result.stderr.startswith(f"{qdc}: 0 codes created, 0 updated, 7 unchanged\n")
    assert "'Corona als Prozessbremse' has the GUID of 'Pandemie'" in result.stderr
    assert "Pandemie/Abstimmungsprozesse/Gremien" in _codes(project)
    assert "Corona als Prozessbremse" not in _codes(project)


def test_foreign_codebook_with_short_colours_and_nested_codes(tmp_path):
    qdc = tmp_path / "fremd.qdc"
    qdc.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Anderes Programm">'
        '<Codes><Code guid="{5215cc69-b628-4e02-afb9-9beeaee55808}" name="Themen" '
        'isCodable="false" color="#0af"><Code guid="0bd904ef-7dff-47d6-a94e-f47e9134a596" '
        'name="Wohnen" isCodable="true"><Description>Wohnsituation</Description></Code>'
        '</Code></Codes><Sets><Set guid="d342cd5e-52d1-4894-a342-7d42ed947797" name="Auswahl">'
        '<MemberCode guid="0bd904ef-7dff-47d6-a94e-f47e9134a596"/></Set></Sets></CodeBook>',
        encoding="utf-8")
    project = tmp_path / "p.qualcode"
    cli("init", str(project))
    assert cli("codebook", "import", str(project), str(qdc)).exit_code == 0
    codes = _codes(project)
    assert codes["Themen"]["color"] == "#00AAFF"
    assert codes["Themen"]["guid"] == "{5215cc69-b628-4e02-afb9-9beeaee55808}"
    assert codes["Themen/Wohnen"]["definition"] == "Wohnsituation"


def test_a_codebook_from_a_shared_qdpx_sample(tmp_path):
    sample = shared_path("refi-qda", "samples", "nvivo-15.0-mac_codebook-docx-sources.qdpx")
    project = tmp_path / "p.qualcode"
    cli("init", str(project))
    result = cli("codebook", "import", str(project), str(sample))
    assert result.exit_code == 0
    assert "262 codes created" in result.stderr
    codes = _codes(project)
    assert max(c["depth"] for c in codes.values()) == 6          # nested seven levels deep
    assert "rq1_definition/framings/cs_as_programming/programming" in codes


@pytest.mark.parametrize(("content", "message"), [
    (('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0bd904ef-7dff-47d6-a94e-'
      'f47e9134a596" name="&e;" isCodable="true"/></Codes></CodeBook>'), "refused"),
    ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>', "not well-formed XML"),
    ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>', "holds no codes"),
    ('<Liste/>', "not a REFI-QDA codebook"),
])
def test_bad_codebooks_are_refused_and_change_nothing(tmp_path, content, message):
    project = build_project(tmp_path / "study.qualcode")
    qdc = tmp_path / "schlecht.qdc"
    qdc.write_text(content, encoding="utf-8")
    before = dump_tables(project)
    result = cli("codebook", "import", str(project), str(qdc))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert dump_tables(project) == before


def test_a_qdpx_with_path_traversal_is_refused_as_a_codebook(tmp_path):
    project = build_project(tmp_path / "study.qualcode")
    archive = tmp_path / "boese.qdpx"
    archive.write_bytes(make_archive({"project.qde": "<Project/>", "../../x.txt": "x"}))
    before = dump_tables(project)
    result = cli("codebook", "import", str(project), str(archive))
    assert result.exit_code == 1 and "path traversal" in result.stderr
    assert dump_tables(project) == before


@pytest.mark.parametrize("levels", [1000, 101])
def test_a_code_tree_nested_too_deeply_is_refused_without_recursion_error(tmp_path, levels):
    project = build_project(tmp_path / "study.qualcode")
    qdc = tmp_path / "tief.qdc"
    qdc.write_text('<?xml version="1.0" encoding="utf-8"?>\n'
                   '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                   + "".join(f'<Code guid="00000000-0000-4000-8000-{n:012d}" name="Ebene {n}" '
                             'isCodable="true">' for n in range(levels))
                   + "</Code>" * levels + "</Codes></CodeBook>", encoding="utf-8")
    before = dump_tables(project)
    result = cli("codebook", "import", str(project), str(qdc))
    assert result.exit_code == 1
    assert result.stderr == (f"error: {qdc}: refused: elements nested more than 100 levels deep "
                             "(the limit; a code system that deep is a damaged or hostile "
                             "file)\n")
    assert dump_tables(project) == before


@pytest.mark.parametrize("encoding", ["UTF-m", "latin-99"])
def test_an_xml_declaration_with_an_unreadable_encoding_is_one_line(tmp_path, encoding):
    # found by the importer fuzzing: expat's LookupError / ValueError came through
    project = build_project(tmp_path / "study.qualcode")
    qdc = tmp_path / "kodierung.qdc"
    qdc.write_bytes(f'<?xml version="1.0" encoding="{encoding}"?>\n'.encode()
                    + b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>')
    before = dump_tables(project)
    result = cli("codebook", "import", str(project), str(qdc))
    assert result.exit_code == 1
    assert result.stderr == (f"error: {qdc}: the XML declaration names an encoding that "
                             "cannot be read; REFI-QDA files are UTF-8\n")
    assert dump_tables(project) == before


def test_a_code_tree_within_the_limit_imports(tmp_path):
    project = build_project(tmp_path / "study.qualcode")
    qdc = tmp_path / "tief.qdc"
    levels = 95  # CodeBook and Codes take two more levels
    qdc.write_text('<?xml version="1.0" encoding="utf-8"?>\n'
                   '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                   + "".join(f'<Code guid="00000000-0000-4000-8000-{n:012d}" name="Ebene {n}" '
                             'isCodable="true">' for n in range(levels))
                   + "</Code>" * levels + "</Codes></CodeBook>", encoding="utf-8")
    result = cli("codebook", "import", str(project), str(qdc))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"{qdc}: {levels} codes created")
