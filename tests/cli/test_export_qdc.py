"""``qualcode export qdc``: the code system as a REFI-QDA codebook."""

from __future__ import annotations

from support import shared_path
from exchange_helpers import build_project, cli
from lxml import etree

NS = {"c": "urn:QDA-XML:codebook:1.0"}


def test_the_codebook_follows_the_schema_and_holds_the_tree(tmp_path):
    project = build_project(tmp_path / "study.qualcode")
    target = tmp_path / "codes.qdc"
    result = cli("export", "qdc", str(project), "-o", str(target))
    assert result.exit_code == 0
    assert result.stderr == f"wrote 7 codes to {target}\n"
    root = etree.parse(str(target)).getroot()
    schema = etree.XMLSchema(etree.parse(str(shared_path("refi-qda", "Codebook-mrt2019.xsd"))))
    assert schema.validate(root), schema.error_log
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    top = [c.get("name") for c in root.xpath("c:Codes/c:Code", namespaces=NS)]
    assert top == ["Digitale Beratung", "ABH-Kooperation", "Corona als Prozessbremse"]
    (gremien,) = root.xpath(".//c:Code[@name='Gremien']", namespaces=NS)
    assert [a.get("name") for a in gremien.iterancestors(f"{{{NS['c']}}}Code")] == [
        "Abstimmungsprozesse", "Corona als Prozessbremse"]
    (abh,) = root.xpath(".//c:Code[@name='ABH-Kooperation']", namespaces=NS)
    assert abh.get("color") == "#2E86C1"
    assert abh.findtext("c:Description", namespaces=NS) == \
        "Zusammenarbeit mit der Ausländerbehörde."


def test_exporting_twice_gives_the_same_file(tmp_path):
    project = build_project(tmp_path / "study.qualcode")
    first, second = tmp_path / "1.qdc", tmp_path / "2.qdc"
    cli("export", "qdc", str(project), "-o", str(first))
    cli("export", "qdc", str(project), "-o", str(second))
    assert first.read_bytes() == second.read_bytes()
