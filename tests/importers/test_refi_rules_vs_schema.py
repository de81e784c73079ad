"""The REFI-QDA rules qualcode checks agree with the standard's schemas (read from ../shared):
valid files pass both, and each broken file breaks both."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree
from support import shared_path

from qualcode.importers.refi_xml import schema_problems

PROJECT = ('<Project xmlns="urn:QDA-XML:project:1.0" name="Test">'
           '<Users><User guid="11111111-2222-4333-8444-555555555555" name="lena"/></Users>'
           '<CodeBook><Codes><Code guid="21111111-2222-4333-8444-555555555555" name="ABH" '
           'isCodable="true" color="#2874A6"/></Codes></CodeBook>'
           '<Sources><TextSource guid="31111111-2222-4333-8444-555555555555" name="T">'
           '<PlainTextContent>Ein Text.</PlainTextContent>'
           '<PlainTextSelection guid="41111111-2222-4333-8444-555555555555" startPosition="0" '
           'endPosition="3"><Coding guid="51111111-2222-4333-8444-555555555555">'
           '<CodeRef targetGUID="21111111-2222-4333-8444-555555555555"/></Coding>'
           '</PlainTextSelection></TextSource></Sources>{extra}</Project>')

BROKEN = {
    "empty sets (Taguette)": ("<Sets/>", "must hold at least one <Set>"),
    "code without isCodable": (None, "lacks the attribute 'isCodable'"),
    "a GUID that is none": (None, "is not a GUID"),
    "a colour name": (None, "is not #RRGGBB"),
}


def _variant(name: str) -> str:
    if name == "empty sets (Taguette)":
        return PROJECT.format(extra="<Sets/>")
    xml = PROJECT.format(extra="")
    if name == "code without isCodable":
        return xml.replace(' isCodable="true"', "")
    if name == "a GUID that is none":
        return xml.replace("11111111-2222-4333-8444-555555555555", "4A42B1C0", 1)
    return xml.replace("#2874A6", "blau")


def _schema():
    return etree.XMLSchema(etree.parse(str(shared_path("refi-qda", "Project-mrt2019.xsd"))))


def test_a_valid_project_passes_the_schema_and_the_rules():
    xml = PROJECT.format(extra="").encode()
    assert _schema().validate(etree.fromstring(xml))
    assert schema_problems(xml, "project") == (0, [])


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_broken_project_breaks_the_schema_and_a_rule(name):
    xml = _variant(name).encode()
    assert not _schema().validate(etree.fromstring(xml))
    count, first = schema_problems(xml, "project")
    assert count >= 1 and BROKEN[name][1] in first[0]


@pytest.mark.parametrize("sample", ["qc-1.3.2_coded-text.qdpx",
                                    "atlasti-8.4-mac_spec-example_Project-qde-capitalised.qdpx",
                                    "nvivo-15.0-mac_codebook-docx-sources.qdpx"])
def test_real_exports_get_the_same_verdict(sample):
    with zipfile.ZipFile(shared_path("refi-qda", "samples", sample)) as archive:
        member = next(n for n in archive.namelist() if n.lower().endswith(".qde"))
        data = archive.read(member)
    valid = _schema().validate(etree.fromstring(data))
    count, _ = schema_problems(data, "project")
    assert (count == 0) == valid
