"""Hostile REFI-QDA archives are refused with a one-line error and the project unchanged."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from exchange_helpers import build_project, cli, dump_tables, make_archive, project_xml

from qualcode.domain.errors import InputError
from qualcode.importers.qdpx import read_qdpx
from qualcode.importers.qdpx_archive import Limits

GUID = "acd630d1-1dde-4661-ac92-79d8bf18ff86"
SOURCE = (f'<TextSource guid="{GUID}" name="Text" plainTextPath="internal://{GUID}.txt">'
          '</TextSource>')

XXE = ('<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>'
       '<Project xmlns="urn:QDA-XML:project:1.0" name="&geheim;"/>')
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                    for i in range(1, 10))
          + ']><Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"/>')
EXTERNAL_DTD = ('<?xml version="1.0"?>\n<!DOCTYPE Project SYSTEM "http://example.org/x.dtd">'
                '<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>')


def hostile(kind: str) -> bytes:
    if kind == "zip slip member":
        return make_archive({"project.qde": project_xml(SOURCE),
                             f"sources/../../{GUID}.txt": "Text"})
    if kind == "absolute member":
        return make_archive({"project.qde": project_xml(SOURCE), "/etc/cron.d/x": "Text"})
    if kind == "zip slip source path":
        source = SOURCE.replace(f"internal://{GUID}.txt", "internal://../../etc/passwd")
        return make_archive({"project.qde": project_xml(source)})
    if kind == "zip bomb":
        # 8 MB of zeros compress about 1000:1 (the cap on ratios applies above 1 MB).
        return make_archive({"project.qde": project_xml(SOURCE),
                             f"sources/{GUID}.txt": b"\0" * (8 * 2**20)})
    if kind == "project bomb":
        return make_archive({"project.qde": project_xml(extra=" " * (8 * 2**20))})
    if kind == "xxe":
        return make_archive({"project.qde": XXE})
    if kind == "billion laughs":
        return make_archive({"project.qde": LAUGHS})
    if kind == "external dtd":
        return make_archive({"project.qde": EXTERNAL_DTD})
    if kind == "not a zip":
        return b"PK\x03\x04 kaputt" + b"\0" * 100
    if kind == "malformed xml":
        return make_archive({"project.qde": "<Project xmlns='urn:QDA-XML:project:1.0'>"})
    if kind == "wrong root":
        return make_archive({"project.qde": "<CodeBook/>"})
    raise ValueError(kind)


@pytest.mark.parametrize(("kind", "message"), [
    ("zip slip member", "points outside the archive (path traversal)"),
    ("absolute member", "points outside the archive (path traversal)"),
    ("zip slip source path", "a source path points outside the archive"),
    ("zip bomb", "a zip bomb"),
    ("project bomb", "a zip bomb"),
    ("xxe", "declares a DTD or entities (here: a DTD)"),
    ("billion laughs", "declares a DTD or entities (here: a DTD)"),
    ("external dtd", "declares a DTD or entities (here: a DTD)"),
    ("not a zip", "not a ZIP file"),
    ("malformed xml", "not well-formed XML"),
    ("wrong root", "the root element is <CodeBook>"),
])
def test_a_hostile_archive_is_refused_and_the_project_unchanged(tmp_path, kind, message):
    project = build_project(tmp_path / "study.qualcode")
    archive = tmp_path / "boese.qdpx"
    archive.write_bytes(hostile(kind))
    before = dump_tables(project)
    result = cli("import-qdpx", str(project), str(archive))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {archive}") and message in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Forbidden" not in result.stderr and "Error)" not in result.stderr  # words only
    assert result.stdout == ""
    assert dump_tables(project) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["boese.qdpx", "study.qualcode"]


def test_nothing_is_written_to_disk_while_reading(tmp_path, monkeypatch):
    archive = tmp_path / "gut.qdpx"
    archive.write_bytes(make_archive({"project.qde": project_xml(SOURCE),
                                      f"sources/{GUID}.txt": "Ein Text."}))
    monkeypatch.chdir(tmp_path)

    def refuse(*args, **kwargs):
        raise AssertionError("the archive must not be extracted")

    monkeypatch.setattr(zipfile.ZipFile, "extract", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "extractall", refuse)
    read = read_qdpx(archive)
    assert [p.text for p in read.sources] == ["Ein Text."]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gut.qdpx"]


def test_size_caps_hold_even_when_the_header_is_honest(tmp_path):
    archive = tmp_path / "gross.qdpx"
    archive.write_bytes(make_archive({"project.qde": project_xml(SOURCE),
                                      f"sources/{GUID}.txt": "x" * 5000},
                                     compression=zipfile.ZIP_STORED))
    with pytest.raises(InputError, match="more than the limit of 4,000"):
        read_qdpx(archive, Limits(source_bytes=4000))
    with pytest.raises(InputError, match="archive entries, more than 1"):
        read_qdpx(archive, Limits(members=1))
    with pytest.raises(InputError, match="more than the limit of 100 bytes"):
        read_qdpx(archive, Limits(archive_bytes=100))


def test_a_header_that_understates_the_size_does_not_get_past_the_cap(tmp_path):
    data = bytearray(make_archive({"project.qde": project_xml(SOURCE),
                                   f"sources/{GUID}.txt": "y" * 9000},
                                  compression=zipfile.ZIP_STORED))
    # The central directory entry (signature, then the name at byte 46) claims 10 bytes.
    entry = data.rfind(f"sources/{GUID}.txt".encode()) - 46
    assert data[entry:entry + 4] == b"PK\x01\x02"
    data[entry + 24:entry + 28] = (10).to_bytes(4, "little")
    archive = tmp_path / "luege.qdpx"
    archive.write_bytes(bytes(data))
    with pytest.raises(InputError, match="damaged archive member"):
        read_qdpx(archive, Limits(source_bytes=4000))


def test_an_unreadable_path_is_a_clear_error(tmp_path):
    project = build_project(tmp_path / "study.qualcode")
    result = cli("import-qdpx", str(project), str(tmp_path / "fehlt.qdpx"))
    assert result.exit_code == 1
    assert result.stderr == f"error: {Path(tmp_path / 'fehlt.qdpx')}: no such file or folder\n"
