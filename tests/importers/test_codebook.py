"""Codebook import from YAML, and export/import round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from support import ROOT

from qualcode.domain.codepath import split_codepath
from qualcode.domain.errors import InputError
from qualcode.exports.codebook import export_codebook
from qualcode.importers.codebook import import_codebook, read_codebook
from qualcode.store.codes import add_code, get_code, list_codes, rename_code
from qualcode.store.project import Project

SHIPPED = ROOT / "codebooks" / "gemeinsam-klappts.yaml"


@pytest.fixture
def project(project_path):
    project = Project.create(project_path)
    yield project
    project.close()


def _snapshot(project):
    codes = [(c.guid, c.path, c.color, c.definition, c.anchor_example, c.coding_rules)
             for c in list_codes(project)]
    events = project.db.execute("SELECT count(*) FROM events").fetchone()[0]
    return codes, events, project.setting("codebook_title")


def _write(tmp_path: Path, text: str, name: str = "codebuch.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _walk(codes, parents=()):
    for code in codes:
        names = (*parents, code["name"])
        yield names, code
        yield from _walk(code.get("children") or [], names)


def test_the_shipped_codebook(project):
    raw = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    expected = list(_walk(raw["codes"]))
    result = import_codebook(project, SHIPPED)
    codes = list_codes(project)
    assert len(codes) == len(expected) == 25
    assert len(result.created) == 25 and not result.updated and not result.unchanged
    assert all(code.definition for code in codes)
    assert [split_codepath(c.path) for c in codes] == [list(names) for names, _ in expected]
    # A slash in a YAML name is part of the name.
    phone = get_code(project, "Digitale Beratung/Telefon\\/E-Mail")
    assert phone.name == "Telefon/E-Mail"
    first = get_code(project, raw["codes"][0]["name"])
    assert first.color == raw["codes"][0]["color"].upper()
    assert project.setting("codebook_title") == raw["name"]


def test_reimport_is_idempotent(project):
    import_codebook(project, SHIPPED)
    before = _snapshot(project)
    result = import_codebook(project, SHIPPED)
    assert result.created == [] and result.updated == []
    assert len(result.unchanged) == 25
    assert _snapshot(project) == before


def test_import_updates_existing_codes_and_keeps_others(project, tmp_path):
    add_code(project, "Wohnen/Miete", definition="alt")
    add_code(project, "Eigener Code")
    path = _write(tmp_path, """
codes:
  - name: Wohnen
    color: "#336699"
    children:
      - name: Miete
        definition: Aussagen zu Mietkosten
      - name: Nachbarschaft
""")
    result = import_codebook(project, path)
    assert result.created == ["Wohnen/Nachbarschaft"]
    assert sorted(result.updated) == ["Wohnen", "Wohnen/Miete"]
    assert get_code(project, "Wohnen/Miete").definition == "Aussagen zu Mietkosten"
    assert get_code(project, "Wohnen").color == "#336699"
    assert get_code(project, "Eigener Code")  # not in the file: kept


def test_export_then_import_into_a_new_project_gives_the_same_tree_and_guids(
        project, tmp_path):
    import_codebook(project, SHIPPED)
    add_code(project, "Zusätzlich/Mit\\/Schrägstrich", definition="Zeile eins\nZeile zwei")
    exported = tmp_path / "export.yaml"
    export_codebook(project, exported)
    with Project.create(tmp_path / "neu.qualcode") as other:
        import_codebook(other, exported)
        assert _snapshot(other)[0] == _snapshot(project)[0]
        assert other.setting("codebook_title") == project.setting("codebook_title")
        assert get_code(other, "Zusätzlich/Mit\\/Schrägstrich").definition == (
            "Zeile eins\nZeile zwei")


def _refused(project, path: Path, *fragments: str) -> str:
    before = _snapshot(project)
    with pytest.raises(InputError) as error:
        import_codebook(project, path)
    message = str(error.value)
    assert str(path) in message
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message
    assert _snapshot(project) == before
    return message


def test_invalid_yaml(project, tmp_path):
    add_code(project, "Vorhanden")
    path = _write(tmp_path, "codes:\n  - name: Eins\n  - name: [Zwei\n")
    _refused(project, path, "invalid YAML", "line")


def test_a_code_without_a_name(project, tmp_path):
    path = _write(tmp_path, """
codes:
  - name: Wohnen
  - name: Arbeit
    children:
      - definition: ohne Namen
""")
    _refused(project, path, "codes[1] > children[0]", "missing name")


def test_a_bad_colour(project, tmp_path):
    path = _write(tmp_path, """
codes:
  - name: Wohnen
  - name: Arbeit
    color: dunkelblau
""")
    _refused(project, path, "codes[1]", "Arbeit", "dunkelblau")


def test_duplicate_top_level_names(project, tmp_path):
    path = _write(tmp_path, "codes:\n  - name: Arbeit\n  - name: Wohnen\n  - name: Arbeit\n")
    _refused(project, path, "Arbeit")


def test_duplicate_subcode_names(project, tmp_path):
    path = _write(tmp_path, """
codes:
  - name: Arbeit
    children:
      - name: Praktikum
      - name: Praktikum
""")
    _refused(project, path, "codes[0]", "Praktikum")


@pytest.mark.parametrize("text", ["", "codes: []\n", "- 1\n- 2\n", "codes:\n  - Wohnen\n",
                                  "codes:\n  - name: Wohnen\n    farbe: rot\n",
                                  "codes:\n  - name: Wohnen\n    children: Miete\n"])
def test_other_malformed_codebooks(project, tmp_path, text):
    _refused(project, _write(tmp_path, text))


def test_a_file_that_is_not_utf8(project, tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("codes:\n  - name: Förderung\n".encode("latin-1"))
    _refused(project, path, "UTF-8")


def test_a_guid_match_is_the_same_code_even_under_another_name(project, tmp_path):
    # The file's "Neu zwei" carries the GUID of the project's "Vorhanden": codes are matched by
    # GUID first (as REFI-QDA exchange needs), so it updates that code instead of adding one.
    taken = add_code(project, "Vorhanden").guid
    path = _write(tmp_path, f"""
codes:
  - name: Neu eins
  - name: Neu zwei
    guid: "{taken}"
    definition: Jetzt mit Definition
""")
    result = import_codebook(project, path)
    assert result.created == ["Neu eins"] and result.updated == ["Vorhanden"]
    assert any("Neu zwei" in note and "Vorhanden" in note for note in result.notes)
    assert get_code(project, "Vorhanden").definition == "Jetzt mit Definition"


def test_reimport_after_a_rename_keeps_one_code_per_guid(project, tmp_path):
    import_codebook(project, SHIPPED)
    exported = tmp_path / "export.yaml"
    export_codebook(project, exported)
    before = len(list_codes(project))
    rename_code(project, "Partizipation", "Beteiligung")
    result = import_codebook(project, exported)
    assert len(list_codes(project)) == before
    assert result.created == []
    assert any("Partizipation" in note and "Beteiligung" in note for note in result.notes)


def test_read_codebook_returns_title_and_tree(tmp_path):
    path = _write(tmp_path, """
name: Testbuch
codes:
  - name: Arbeit
    description: Alles zur Arbeit
    children:
      - name: Praktikum
        guid: 11111111-2222-4333-8444-555555555555
""")
    title, specs = read_codebook(path)
    assert title == "Testbuch"
    assert specs[0].names == ["Arbeit"] and specs[0].definition == "Alles zur Arbeit"
    assert specs[0].children[0].names == ["Arbeit", "Praktikum"]
    assert specs[0].children[0].guid == "11111111-2222-4333-8444-555555555555"
