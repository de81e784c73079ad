"""Every REFI-QDA export in ../shared/refi-qda/samples imports with the numbers its XML holds.

The expected numbers are counted here from the archive with lxml XPath, independently of the
importer: codes in the code book, text sources whose plain text is in the archive and not
blank, and the codings of their text selections.
"""

from __future__ import annotations

import sqlite3
import zipfile

import pytest
from support import SHARED, shared_path
from exchange_helpers import cli
from lxml import etree

SAMPLES = sorted((SHARED / "refi-qda" / "samples").glob("*.qdpx")) or [None]


def expected_numbers(path) -> dict[str, int]:
    archive = zipfile.ZipFile(path)
    members = {name.lower(): name for name in archive.namelist()}
    (qde,) = [n for n in archive.namelist() if n.lower().endswith(".qde")]
    root = etree.fromstring(archive.read(qde))
    local = "*[local-name()='{}']".format
    codes = len(root.xpath(f"//{local('CodeBook')}//{local('Code')}"))
    sources = codings = 0
    for source in root.xpath(f"/{local('Project')}/{local('Sources')}/{local('TextSource')}"):
        name = (source.get("plainTextPath") or "").replace("internal://", "")
        member = members.get(f"sources/{name}".lower())
        if member is None or not archive.read(member).decode("utf-8-sig").strip():
            continue
        sources += 1
        codings += len(source.xpath(f"{local('PlainTextSelection')}/{local('Coding')}"))
    return {"codes": codes, "documents": sources, "segments": codings}


def imported_numbers(project) -> dict[str, int]:
    db = sqlite3.connect(project)
    try:
        return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("codes", "documents", "segments")}
    finally:
        db.close()


@pytest.mark.shared
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name if p else "none")
def test_a_sample_imports_with_the_numbers_its_xml_holds(tmp_path, sample):
    if sample is None:
        shared_path("refi-qda", "samples")
        pytest.skip("no samples in ../shared/refi-qda/samples")
    project = tmp_path / "probe.qualcode"
    cli("init", str(project))
    result = cli("import-qdpx", str(project), str(sample))
    assert result.exit_code == 0, result.stderr
    assert imported_numbers(project) == expected_numbers(sample)


# The numbers of the three samples as PROVENANCE.md describes them.
KNOWN = {
    "atlasti-8.4-mac_spec-example_Project-qde-capitalised.qdpx": (14, 0, 0),
    "nvivo-15.0-mac_codebook-docx-sources.qdpx": (262, 0, 0),
    "qc-1.3.2_coded-text.qdpx": (262, 2, 205),
}


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(KNOWN))
def test_the_known_samples(tmp_path, name):
    sample = shared_path("refi-qda", "samples", name)
    project = tmp_path / "probe.qualcode"
    cli("init", str(project))
    result = cli("import-qdpx", str(project), str(sample))
    codes, documents, codings = KNOWN[name]
    assert imported_numbers(project) == {"codes": codes, "documents": documents,
                                         "segments": codings}
    if name.startswith("atlasti"):
        # Project.qde with an empty Sources/ folder: every text source is missing.
        assert "named 'Project.qde'" in result.stderr
        assert result.stderr.count("is not in the archive") == 8
        assert "skipped: source 'Mabel': its text internal://B2F54555-0D2D-43B2-B40C-" \
               "2A1C048F5F1C.txt is not in the archive; skipped with its 3 coding(s)" \
               in result.stderr
        assert "1 picture source(s)" in result.stderr and "2 video source(s)" in result.stderr
        assert "imported 14 code(s), 3 coder(s), 2 memo(s)" in result.stderr
    if name.startswith("nvivo"):
        assert result.stderr.count("no text (empty plain-text file)") == 2
    if name.startswith("qc"):
        assert "has no 'internal://' prefix" in result.stderr


@pytest.mark.shared
def test_qc_codings_select_the_same_text_as_in_the_file(tmp_path):
    sample = shared_path("refi-qda", "samples", "qc-1.3.2_coded-text.qdpx")
    archive = zipfile.ZipFile(sample)
    text = archive.read("sources/board_2017.txt").decode("utf-8")
    root = etree.fromstring(archive.read("project.qde"))
    expected = sorted(
        (text[int(s.get("startPosition")):int(s.get("endPosition"))], c.get("guid"))
        for s in root.iter("{urn:QDA-XML:project:1.0}PlainTextSelection")
        for c in s.iter("{urn:QDA-XML:project:1.0}Coding"))
    project = tmp_path / "probe.qualcode"
    cli("init", str(project))
    cli("import-qdpx", str(project), str(sample))
    db = sqlite3.connect(project)
    found = sorted(db.execute(
        "SELECT substr(d.text, s.start + 1, s.\"end\" - s.start), s.guid FROM segments s "
        "JOIN documents d ON d.id = s.document_id").fetchall())
    assert found == expected
