"""``qualcode codebook import|export PROJECT FILE.yaml``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from cli.conftest import CODE_PATHS, CODEBOOK, assert_one_line_error, dump, ok, run


def codes(project: Path) -> list[dict]:
    return json.loads(ok("codes", "list", project, "--format", "json").stdout)


def test_import_creates_the_code_system(empty_project: Path, transcripts: dict[str, Path]):
    result = ok("codebook", "import", empty_project, transcripts["codebook"])
    assert result.stdout == ""
    assert result.stderr == f"{transcripts['codebook']}: 6 codes created, 0 updated, 0 unchanged\n"
    listed = codes(empty_project)
    assert [c["path"] for c in listed] == CODE_PATHS
    by_path = {c["path"]: c for c in listed}
    assert by_path["Corona"]["color"] == "#C0392B"
    assert by_path["Corona/Telefon\\/E-Mail"]["definition"] == "Kontakt über Telefon oder E-Mail."
    assert by_path["Behörden/Wartezeiten"]["definition"] == (
        "Lange Bearbeitungs- oder Wartezeiten.")


def test_import_again_changes_nothing_and_a_changed_file_updates(
        plain_project: Path, tmp_path: Path):
    source = tmp_path / "codebook.yaml"
    source.write_text(CODEBOOK, encoding="utf-8")
    before = dump(plain_project)
    result = ok("codebook", "import", plain_project, source)
    assert result.stderr.endswith(": 0 codes created, 0 updated, 6 unchanged\n")

    changed = CODEBOOK.replace("Zusammenarbeit mit Ämtern.", "Kontakte zu Ämtern und Behörden.")
    changed += "  - name: Neu\n    definition: Ein neuer Code.\n"
    source.write_text(changed, encoding="utf-8")
    result = ok("codebook", "import", plain_project, source)
    assert result.stderr.endswith(": 1 codes created, 1 updated, 5 unchanged\n")
    by_path = {c["path"]: c for c in codes(plain_project)}
    assert by_path["Behörden"]["definition"] == "Kontakte zu Ämtern und Behörden."
    assert by_path["Neu"]["definition"] == "Ein neuer Code."
    assert dump(plain_project) != before


def test_export_writes_yaml_that_imports_into_another_project(
        project: Path, tmp_path: Path, empty_project: Path):
    target = tmp_path / "export" / "codebook.yaml"
    target.parent.mkdir()
    result = ok("codebook", "export", project, target)
    assert result.stdout == ""
    assert result.stderr == f"wrote 6 codes to {target}\n"
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["name"] == "Testcodebuch"
    assert [c["name"] for c in data["codes"]] == ["Corona", "Behörden", "Netzwerk"]
    corona = data["codes"][0]
    assert [c["name"] for c in corona["children"]] == ["Sprechstunden", "Telefon/E-Mail"]
    assert corona["definition"] == "Veränderungen der Arbeit durch die Pandemie."
    assert corona["color"] == "#C0392B"

    ok("codebook", "import", empty_project, target)
    original = {c["path"]: (c["guid"], c["definition"]) for c in codes(project)}
    copied = {c["path"]: (c["guid"], c["definition"]) for c in codes(empty_project)}
    assert copied == original  # same paths, definitions and stable GUIDs


BAD_CODEBOOKS = {
    "yaml syntax": ("codes:\n  - name: Corona\n    definition: [nicht geschlossen\n",
                    "invalid YAML"),
    "unknown field": ("codes:\n  - name: Corona\n    farbe: rot\n", "unknown field(s) farbe"),
    "bad colour": ('codes:\n  - name: Corona\n    color: "#12345"\n', "invalid colour"),
    "no codes": ("name: Leer\n", "expected a list 'codes:'"),
    "missing name": ("codes:\n  - definition: ohne Namen\n", "missing name"),
    "twin subcodes": ("codes:\n  - name: A\n    children:\n      - name: B\n      - name: B\n",
                      "two subcodes named 'B'"),
    # The first code is fine, the second is not: nothing of the file is kept.
    "second code bad": ("codes:\n  - name: Ganz neu\n  - name: X\n    children: kein Liste\n",
                        "children must be a list"),
    # Issue 10: nothing silent, nothing unbounded, no RecursionError.
    "repeated key": ("codes:\n  - name: Corona\n    definition: erste\n    definition: zweite\n",
                     "line 4: key 'definition' given twice in one entry (first in line 3); "
                     "only one value can hold"),
    "alias bomb": ('a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
                   + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9)
                             + "]\n" for i in range(8))
                   + "codes: [*i]\n",
                   "line 1: an anchor (&a); write each code out (anchors and aliases are not "
                   "allowed in a codebook)"),
    "its own child": ("codes:\n  - &c\n    name: Schleife\n    children: [*c]\n",
                      "line 2: an anchor (&c)"),
    "250 levels": ("codes: " + "[" * 250 + "]" * 250 + "\n",
                   "line 1: nested more than 100 levels deep (the limit for a codebook)"),
    "deep code tree": ("codes:\n" + "".join(
        "    " * level + "  - name: Ebene\n" + "    " * level + "    children:\n"
        for level in range(60)) + "    " * 60 + "  - name: Ende\n",
        "nested more than 100 levels deep (the limit for a codebook)"),
    # The file and the line, not only the name (the project is never reached).
    "terminal escape in a name": ('codes:\n  - name: Gut\n  - name: "Esc\\e[31mX"\n',
                                  "line 3: code name 'Esc\\x1b[31mX' contains a control "
                                  "character (U+001B)"),
    # found by the importer fuzzing: PyYAML's int() on a tagged value came through
    "impossible number tag": ("codes:\n  - name: Gut\n  - name: !!int den\n",
                              "line 3: 'den' cannot be read as the explicit YAML tag !!int"),
    # found by the second importer fuzzing run: a field name with an explicit tag
    "empty number tag": ("codes:\n  - name: !!int\n",
                         "line 2: '' cannot be read as the explicit YAML tag !!int"),
    "impossible yes/no tag": ("codes:\n  - name: !!bool vielleicht\n",
                              "line 2: 'vielleicht' cannot be read as the explicit YAML tag "
                              "!!bool"),
    "impossible date tag": ("codes:\n  - name: !!timestamp foo\n",
                            "line 2: 'foo' cannot be read as the explicit YAML tag !!timestamp"),
    "set tag on a list": ("codes:\n  - name: !!set [1]\n",
                          "invalid YAML (a value that cannot have its explicit YAML tag, such "
                          "as !!set on a list)"),
    "binary field name": ("codes:\n  - !!binary bmFtZQ==: Digitale Beratung\n",
                          "codes[0]: a field name must be text, not binary data (an explicit "
                          "YAML tag"),
    "binary tag": ("codes:\n  - name: !!binary SGFsbG8=\n",
                   "codes[0]: name must be text, not binary data (an explicit YAML tag"),
    # In words, never a Python class name ("int", "bytes").
    "number tag": ("codes:\n  - name: Corona\n    definition: !!int 2020\n",
                   "codes[0]: definition must be text, not a whole number (an explicit YAML tag"),
}


@pytest.mark.parametrize("case", BAD_CODEBOOKS)
def test_a_bad_codebook_changes_nothing(project: Path, tmp_path: Path, case: str):
    content, reason = BAD_CODEBOOKS[case]
    source = tmp_path / "schlecht.yaml"
    source.write_text(content, encoding="utf-8")
    before = dump(project)
    assert_one_line_error(run("codebook", "import", project, source), str(source), reason)
    assert dump(project) == before


def test_names_and_texts_stay_text(empty_project: Path, tmp_path: Path):
    source = tmp_path / "woerter.yaml"
    source.write_text("name: 2021\ncodes:\n  - name: yes\n    definition: no\n"
                      "  - name: 1.10\n    anchor_example: 2020-05-01\n"
                      "  - name: ~\n", encoding="utf-8")
    assert_one_line_error(run("codebook", "import", empty_project, source),
                          "codes[2]: missing name")
    source.write_text("name: 2021\ncodes:\n  - name: yes\n    definition: no\n"
                      "  - name: 1.10\n    anchor_example: 2020-05-01\n", encoding="utf-8")
    ok("codebook", "import", empty_project, source)
    listed = {c["path"]: c for c in codes(empty_project)}
    assert listed["yes"]["definition"] == "no"
    assert listed["1.10"]["anchor_example"] == "2020-05-01"


def test_a_missing_or_binary_codebook_file_changes_nothing(project: Path, tmp_path: Path):
    before = dump(project)
    assert_one_line_error(run("codebook", "import", project, tmp_path / "fehlt.yaml"),
                          "fehlt.yaml: no such file or folder")
    binary = tmp_path / "binaer.yaml"
    binary.write_bytes(b"\xff\xfe\x00codes")
    assert_one_line_error(run("codebook", "import", project, binary), "not UTF-8")
    assert dump(project) == before


def test_export_into_a_missing_folder_is_an_error(project: Path, tmp_path: Path):
    target = tmp_path / "fehlt" / "codebook.yaml"
    assert_one_line_error(run("codebook", "export", project, target), str(target),
                          "does not exist")
    assert not target.parent.exists()
