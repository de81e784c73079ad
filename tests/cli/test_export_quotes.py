"""``qualcode export quotes PROJECT [--code C]... [--attribution ...] [--coder NAME]
[--format md|docx] [-o FILE]``, read back.

lena's six quotes in code-system and document order (lines and turn starts: see conftest):
Corona/Sprechstunden: s1 THM-01 Z. 8; Corona/Telefon/E-Mail: s2 THM-01 Z. 7–9, s6 RG-01 Z. 11;
Behörden/Wartezeiten: s3 THM-01 Z. 13, s4 THM-02 Z. 11; Netzwerk: s5 RG-01 Z. 7.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from cli.conftest import DOCUMENT_NAMES, VARIABLE_VALUES, assert_one_line_error, dump, ok, run

MULTILINE_QUOTE = ("Wir haben fast alles auf das Telefon verlegt.\n"
                   "Die offenen Sprechstunden fielen ersatzlos weg.\n"
                   "Manche Familien hatten kein Guthaben mehr.")

DEFINITIONS = {
    "Corona": "Veränderungen der Arbeit durch die Pandemie.",
    "Sprechstunden": "Wegfall oder Umbau von Sprechstunden.",
    "Telefon/E-Mail": "Kontakt über Telefon oder E-Mail.",
    "Behörden": "Zusammenarbeit mit Ämtern.",
    "Wartezeiten": "Lange Bearbeitungs- oder Wartezeiten.",
    "Netzwerk": "Abstimmung mit Partnern vor Ort.",
}

# heading, [(quote, document, Kommune, group, lines, time)]
LENA = [
    ("1 Corona", []),
    ("1.1 Sprechstunden", [("Die offenen Sprechstunden fielen ersatzlos weg.", "THM-01",
                            "Kreis Nord", "THM-Interviews", "Z. 8", "#00:00:10-0#")]),
    ("1.2 Telefon/E-Mail", [
        (MULTILINE_QUOTE, "THM-01", "Kreis Nord", "THM-Interviews", "Z. 7–9", "#00:00:10-0#"),
        ("über Nachrichten auf dem Handy", "RG-01", "Kreis Nord", "Reflexionsgespräche",
         "Z. 11", "#00:00:36-0#")]),
    ("2 Behörden", []),
    ("2.1 Wartezeiten", [
        ("wochenlang niemand erreichbar", "THM-01", "Kreis Nord", "THM-Interviews", "Z. 13",
         "#00:01:30-0#"),
        ("Anträge monatelang liegen lassen", "THM-02", "Stadt Süd", "THM-Interviews", "Z. 11",
         "#00:00:45-0#")]),
    ("3 Netzwerk", [("Die Abstimmung im Netzwerk hat viel Zeit gekostet.", "RG-01",
                     "Kreis Nord", "Reflexionsgespräche", "Z. 7", "#00:00:05-0#")]),
]


def expected(attribution: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """LENA with the source line each attribution gives."""
    out = []
    for heading, quotes in LENA:
        rendered = []
        for text, document, kommune, group, lines, time in quotes:
            parts = {"name": [document], "group": [group], "Kommune": [kommune],
                     "group,Kommune": [group, kommune], "none": []}[attribution]
            rendered.append((text, ", ".join([*parts, lines, time])))
        out.append((heading, rendered))
    return out


def parse_markdown(text: str) -> tuple[str, list[dict]]:
    """Title and sections: heading (level, text), definition, quotes [(text, source)].

    The line under the title names whose segments are quoted (``_Codiert von lena_``)."""
    blocks = text.strip("\n").split("\n\n")
    assert blocks[0].startswith("# ")
    assert blocks[1].startswith("_Codiert von ") or blocks[1].startswith("_Coded by "), blocks[1]
    title, sections = blocks[0][2:], []
    for block in blocks[2:]:
        if block.startswith("#"):
            level, heading = block.split(" ", 1)
            sections.append({"level": len(level), "heading": heading, "definition": None,
                             "quotes": []})
        elif block.startswith("*"):
            sections[-1]["definition"] = block
        else:
            lines = block.split("\n")
            assert all(line.startswith(">") for line in lines), block
            assert lines[-2] == ">" and lines[-1].startswith("> — ")
            body = "\n".join(line[2:] for line in lines[:-2])
            assert body.startswith("„") and body.endswith("“")
            sections[-1]["quotes"].append((body[1:-1], lines[-1][len("> — "):]))
    return title, sections


def markdown(project: Path, *args: str) -> str:
    return ok("export", "quotes", project, "--coder", "lena", *args).stdout


@pytest.mark.parametrize("attribution", ["name", "group", "Kommune", "group,Kommune", "none"])
def test_markdown_chapters_sections_definitions_and_quotes(project: Path, attribution: str):
    title, sections = parse_markdown(markdown(project, "--attribution", attribution))
    assert title == "Zitate nach Themen"
    assert [(s["heading"], s["quotes"]) for s in sections] == expected(attribution)
    # A chapter (##) per top-level code, a section (###) per subcode.
    assert [s["level"] for s in sections] == [2, 3, 3, 2, 3, 2]
    for section in sections:
        name = section["heading"].split(" ", 1)[1]
        assert section["definition"] is not None and DEFINITIONS[name] in section["definition"]


def test_time_marks_are_left_out_of_the_quoted_words(project: Path):
    text = markdown(project)
    # Segment 2 ends with "#00:01:23-4#" in the transcript; the quote does not.
    assert "#00:01:23-4#" not in text
    assert "Guthaben mehr.“" in text


def test_default_attribution_is_the_document_name(project: Path):
    assert markdown(project) == markdown(project, "--attribution", "name")
    assert "> — THM-02, Z. 11, #00:00:45-0#" in markdown(project)


def test_all_coders_and_one_coder(project: Path):
    result = ok("export", "quotes", project)
    assert result.stderr == ("warning: segments of 2 coders are quoted together (jonas, lena); "
                             "give --coder to choose\n")
    assert "\n_Codiert von jonas, lena_\n" in result.stdout
    _, sections = parse_markdown(result.stdout)
    quotes = {s["heading"]: s["quotes"] for s in sections}
    # jonas adds s7 to Corona; his twin s8 of lena's s3 is quoted once, naming both.
    assert quotes["1 Corona"] == [("Die Gespräche am Bildschirm liefen besser als gedacht.",
                                   "THM-02, Z. 7, #00:00:08-0#, codiert von jonas")]
    assert quotes["2.1 Wartezeiten"] == [
        ("wochenlang niemand erreichbar", "THM-01, Z. 13, #00:01:30-0#, codiert von jonas, lena"),
        ("Anträge monatelang liegen lassen", "THM-02, Z. 11, #00:00:45-0#, codiert von lena")]

    _, sections = parse_markdown(ok("export", "quotes", project, "--coder", "jonas").stdout)
    # Codes without quotes anywhere below them are left out.
    assert [s["heading"] for s in sections] == ["1 Corona", "2 Behörden", "2.1 Wartezeiten"]


def test_code_filter_and_title(project: Path):
    text = ok("export", "quotes", project, "--coder", "lena", "--code", "Behörden",
              "--code", "Corona/Telefon\\/E-Mail", "--title", "Ausgewählte Zitate").stdout
    title, sections = parse_markdown(text)
    assert title == "Ausgewählte Zitate"
    assert [s["heading"] for s in sections] == ["1 Corona", "1.1 Telefon/E-Mail",
                                                "2 Behörden", "2.1 Wartezeiten"]


def test_english_labels(project: Path):
    text = markdown(project, "--lang", "en")
    assert text.startswith("# Quotes by theme\n")
    assert "*Definition:* Zusammenarbeit mit Ämtern." in text
    assert "> — THM-01, l. 7–9, #00:00:10-0#" in text


def test_none_names_no_document_and_no_variable_value(project: Path, tmp_path: Path):
    target = tmp_path / "zitate.md"
    ok("export", "quotes", project, "--attribution", "none", "-o", target)
    text = target.read_text(encoding="utf-8")
    assert "Die offenen Sprechstunden fielen ersatzlos weg." in text
    for secret in DOCUMENT_NAMES + VARIABLE_VALUES:
        assert secret not in text, secret


def test_boolean_variable_attribution_reads_true_or_false(project: Path):
    ok("variable", "set", project, "THM-02", "Erstkontakt", "false")
    text = markdown(project, "--attribution", "Erstkontakt", "--code", "Behörden")
    assert "> — false, Z. 11, #00:00:45-0#" in text


# -- DOCX -------------------------------------------------------------------------------------

def read_docx(path: Path) -> list[tuple[str, str]]:
    import docx

    return [(p.style.name, p.text) for p in docx.Document(path).paragraphs]


@pytest.mark.parametrize("attribution", ["name", "group,Kommune", "none"])
def test_docx_has_the_same_content(project: Path, tmp_path: Path, attribution: str):
    target = tmp_path / "zitate.docx"
    result = ok("export", "quotes", project, "--coder", "lena", "--attribution", attribution,
                "--format", "docx", "-o", target)
    assert result.stdout == ""
    assert result.stderr == f"wrote {target} (coder: lena)\n"
    paragraphs = read_docx(target)
    assert paragraphs[0] == ("Title", "Zitate nach Themen")
    assert paragraphs[1] == ("Normal", "Codiert von lena")
    headings = [(style, text) for style, text in paragraphs if style.startswith("Heading")]
    assert headings == [("Heading 1", "1 Corona"), ("Heading 2", "1.1 Sprechstunden"),
                        ("Heading 2", "1.2 Telefon/E-Mail"), ("Heading 1", "2 Behörden"),
                        ("Heading 2", "2.1 Wartezeiten"), ("Heading 1", "3 Netzwerk")]
    texts = [text for _, text in paragraphs]
    for name, definition in DEFINITIONS.items():
        assert f"Definition: {definition}" in texts, name
    quotes = []
    for index, (style, text) in enumerate(paragraphs):
        if style == "Quote":
            assert text.startswith("„") and text.endswith("“")
            source = paragraphs[index + 1][1]
            assert source.startswith("— ")
            quotes.append((text[1:-1], source[2:]))
    assert quotes == [quote for _, section in expected(attribution) for quote in section]


def test_docx_with_none_holds_no_name_and_no_variable_value_anywhere(project: Path,
                                                                     tmp_path: Path):
    import docx

    target = tmp_path / "zitate.docx"
    ok("export", "quotes", project, "--attribution", "none", "--format", "docx", "-o", target)
    with zipfile.ZipFile(target) as archive:
        parts = {name: archive.read(name).decode("utf-8", errors="replace")
                 for name in archive.namelist()}
    assert "Die offenen Sprechstunden fielen ersatzlos weg." in parts["word/document.xml"]
    for name, content in parts.items():
        for secret in DOCUMENT_NAMES + VARIABLE_VALUES:
            assert secret not in content, (name, secret)
    properties = docx.Document(target).core_properties
    assert properties.title == "Zitate nach Themen"
    assert properties.author == ""
    assert properties.last_modified_by == ""
    for value in (properties.subject, properties.keywords, properties.comments,
                  properties.category):
        for secret in DOCUMENT_NAMES + VARIABLE_VALUES:
            assert secret not in (value or "")


def test_docx_needs_an_output_file(project: Path):
    result = run("export", "quotes", project, "--format", "docx")
    assert result.exit_code == 2
    assert "--format docx needs -o FILE" in result.stderr


@pytest.mark.parametrize(("args", "fragment"), [
    (["--attribution", "Bundesland"], "--attribution 'Bundesland'"),
    (["--attribution", "none,group"], "cannot be combined"),
    (["--attribution", ","], "must not be empty"),
    (["--code", "Pandemie"], "no code 'Pandemie'"),
])
def test_bad_options_are_one_line_errors(project: Path, args: list[str], fragment: str):
    before = dump(project)
    assert_one_line_error(run("export", "quotes", project, *args), fragment)
    assert dump(project) == before


def test_noscribe_start_marks_are_left_out_of_the_quoted_words_too(empty_project: Path,
                                                                    tmp_path: Path):
    source = tmp_path / "NS-01.txt"
    transcript = ("S01: [00:00:02] Wie war das Frühjahr für Sie?\n\n"
                  "S02: [00:00:07] Anstrengend, aber lehrreich.\n\n"
                  "S01: [00:00:15] Das klingt gut.\n\n"
                  "S02: [00:00:18] Ja, wirklich.\n")
    source.write_text(transcript, encoding="utf-8")
    ok("import", empty_project, source)
    ok("codes", "add", empty_project, "Rückblick")
    # From the first question to the end of the second turn (lines 1-3).
    ok("code", empty_project, "NS-01", "Rückblick", "--start", transcript.index("Wie war"),
       "--end", transcript.index("lehrreich.") + len("lehrreich."), "--coder", "lena")
    _, sections = parse_markdown(ok("export", "quotes", empty_project).stdout)
    assert sections[0]["quotes"] == [
        ("Wie war das Frühjahr für Sie?\n\nS02: Anstrengend, aber lehrreich.",
         "NS-01, Z. 1–3, #00:00:02-0#")]
