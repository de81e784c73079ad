"""``qualcode export quotes --representative``, memos in quote collections, frequency charts
and ``qualcode export report``."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn
from analysis_project import ABH, run


def test_representative_quotes_per_code(coded_project):
    text = run("export", "quotes", coded_project, "--representative", "1", "--attribution",
               "name").stdout
    # One quote per code that has segments of its own (ABH, Corona, Abstimmungsprozesse,
    # Digitale Beratung, Telefon, Video).
    assert text.count("> — ") == 6
    full = run("export", "quotes", coded_project, "--attribution", "name").stdout
    # 15 segments, but ben's 13 overlaps anna's 1 and his 15 repeats her 10 (same code):
    # each such passage is quoted once, naming both coders.
    assert full.count("> — ") == 13
    assert full.count(", codiert von anna, ben") == 2


def test_anchor_is_marked_and_first(coded_project):
    run("anchor", coded_project, "6")
    text = run("export", "quotes", coded_project, "--code", ABH, "--representative", "2").stdout
    quotes = [line for line in text.splitlines() if line.startswith("> „")]
    assert quotes[0] == "> „Mit den Behörden haben wir eine Kooperationsvereinbarung geschlossen.“"
    assert "> — A-02, Z. 7, #00:00:08-0#, Ankerbeispiel" in text


def test_code_and_document_memos(coded_project, tmp_path):
    run("memo", "add", coded_project, "Oft Thema in Kreisen.", "--code", ABH)
    run("memo", "add", coded_project, "Gespräch mit Unterbrechungen.", "--document", "A-01",
        "--title", "Notiz")
    text = run("export", "quotes", coded_project, "--document-memos", "--attribution", "group").stdout
    assert "*Memo:* Oft Thema in Kreisen." in text
    assert text.rstrip().endswith("## Memos zu Dokumenten\n\n"
                                  "**THM-Interviews, Notiz:** Gespräch mit Unterbrechungen.")
    assert "Oft Thema" not in run("export", "quotes", coded_project, "--no-memos").stdout
    anonymous = run("export", "quotes", coded_project, "--document-memos", "--attribution",
                    "none").stdout
    assert "**Notiz:** Gespräch mit Unterbrechungen." in anonymous
    assert "A-01" not in anonymous
    target = tmp_path / "zitate.docx"
    run("export", "quotes", coded_project, "--document-memos", "--format", "docx", "-o", target)
    paragraphs = [p.text for p in docx.Document(target).paragraphs]
    assert "Memo: Oft Thema in Kreisen." in paragraphs
    assert "Memos zu Dokumenten" in paragraphs


def test_frequency_bar_chart(coded_project, tmp_path):
    target = tmp_path / "haeufigkeiten.png"
    run("export", "frequencies", coded_project, "--format", "png", "-o", target)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = run("export", "frequencies", coded_project, "--rollup", "--format", "svg").stdout
    # Bars in the code colours (the first top-level codes take the palette's colours).
    assert "#4e79a7" in svg.lower()
    result = run("export", "frequencies", coded_project, "--format", "png", ok=False)
    assert "needs -o FILE" in result.output


def test_report_docx_embeds_charts(coded_project, tmp_path):
    target = tmp_path / "auswertung.docx"
    result = run("export", "report", coded_project, "--by", "Kommune", "-o", target)
    assert f"wrote {target}" in result.stderr
    document = docx.Document(target)
    # Frequencies, crosstab matrix, co-occurrence: three charts.
    assert len(document.inline_shapes) == 3
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:4] == ["Code-Häufigkeiten", "Kreuztabelle: Kommune", "Code-Relationen",
                            "Die 3 typischsten Zitate je Code"]
    first_table = document.tables[0]
    assert first_table.rows[0].cells[1].text == "Gesamt (n = 4): Nennungen"
    assert first_table.rows[1].cells[0].text == ABH
    assert [c.text for c in first_table.rows[1].cells[1:]] == ["6", "3", "75,0"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "A-01" not in text  # default attribution: none


def test_report_markdown_with_chart_files(coded_project, tmp_path):
    target = tmp_path / "auswertung.md"
    run("export", "report", coded_project, "--format", "md", "--charts", "svg", "-o", target)
    text = target.read_text(encoding="utf-8")
    assert "![Codierte Segmente je Code](auswertung-frequencies.svg)" in text
    assert (tmp_path / "auswertung-frequencies.svg").is_file()
    assert (tmp_path / "auswertung-cooccurrence.svg").is_file()
    assert "## Die 3 typischsten Zitate je Code" in text
    assert "### 1 ABH-Kooperation" in text


def test_report_docx_is_a4_in_the_report_language(coded_project, tmp_path):
    target = tmp_path / "report.docx"
    run("export", "report", coded_project, "--lang", "en", "-o", target)
    document = docx.Document(target)
    assert document.core_properties.language == "en-GB"
    for section in document.sections:
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    header = document.tables[0].rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None
