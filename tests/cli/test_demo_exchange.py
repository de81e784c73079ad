"""``qualcode demo`` brings the survey into the demo project and writes demo.qdpx."""

from __future__ import annotations

import json
import zipfile

from exchange_helpers import cli
from lxml import etree


def test_the_demo_holds_the_survey_and_exports_a_qdpx(tmp_path):
    result = cli("demo", "--out", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "and 16 survey respondents (open answers coded by question)" in result.stderr
    project = tmp_path / "demo.qualcode"
    docs = json.loads(cli("documents", str(project), "--group", "Arbeitshilfe 2020",
                          "--format", "json").stdout)
    assert len(docs) == 16 and docs[0]["name"] == "B01"
    assert docs[0]["variables"]["3.1 FB6"] is True
    codes = [c["path"] for c in json.loads(cli("codes", "list", str(project), "--format",
                                               "json").stdout)]
    assert "Arbeitshilfe 2020/1.3 Anpassung Jahresplanung" in codes
    archive = zipfile.ZipFile(tmp_path / "demo.qdpx")
    root = etree.fromstring(archive.read("project.qde"))
    sources = root.findall("{urn:QDA-XML:project:1.0}Sources/{urn:QDA-XML:project:1.0}TextSource")
    assert len(sources) == 8 + 16
