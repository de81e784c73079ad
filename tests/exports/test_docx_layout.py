"""Every DOCX qualcode writes (report, quote collection): A4 pages with 2.5 cm margins, the
report language, and tables with right-aligned numbers, a repeated header row, rows kept whole
and a label column wider than the number columns."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from qualcode.exports import quotes, report
from qualcode.exports.docx_layout import is_number
from qualcode.exports.grids import Grid, GridRow


def _report(language: str) -> bytes:
    grid = Grid(
        title="Code-Häufigkeiten", note="",
        rows=[GridRow("ABH", "Abstimmungsprozesse mit Behörden", 0, "#4e79a7"),
              GridRow("ABH::Corona", "Corona", 1, "#f28e2b")],
        column_keys=["segments", "documents", "documents_percent"],
        column_labels=["Nennungen", "Dokumente", "Dokumente %"],
        values=[[6, 3, 75.0], [2, 1, None]], percent=True)
    made = report.Report("Auswertung", [report.ReportPart("Code-Häufigkeiten", "", grid, None)],
                         [], "Zitate")
    return report.to_docx(made, language)


WRITERS = {"report": _report, "quotes": lambda language: quotes.to_docx([], language)}


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize(("language", "tag"), [("de", "de-DE"), ("en", "en-GB")])
def test_a4_pages_with_margins_and_the_report_language(writer, language, tag):
    document = docx.Document(io.BytesIO(WRITERS[writer](language)))
    assert document.sections
    for section in document.sections:
        # Word stores twips (1/1440 inch), so compare in hundredths of a centimetre.
        assert (round(section.page_width.cm, 2), round(section.page_height.cm, 2)) == (21.0, 29.7)
        margins = (section.left_margin, section.right_margin, section.top_margin,
                   section.bottom_margin)
        assert [round(margin.cm, 2) for margin in margins] == [2.5] * 4
    lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == tag
    assert document.core_properties.language == tag


def test_report_table_is_laid_out_like_a_typeset_one():
    table = docx.Document(io.BytesIO(_report("de"))).tables[0]
    header, *body = table.rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in body)
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    number = body[0].cells[2]
    assert number.text == "3"
    assert number.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert body[0].cells[3].text == "75,0"
    assert body[0].cells[3].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert body[0].cells[0].paragraphs[0].alignment is None  # the label stays left
    assert not table.autofit
    assert body[0].cells[0].width > body[0].cells[1].width
    assert table.columns[0].width > table.columns[1].width
    # The columns fill the text width (21 cm less two margins), no more.
    assert abs(sum(c.width for c in table.columns) - Cm(16)) < Cm(0.01)


@pytest.mark.parametrize("text", ["6", "75,0", "1.234", "12 %", "–", "-3"])
def test_numbers_as_the_exports_print_them(text):
    assert is_number(text)


@pytest.mark.parametrize("text", ["Corona", "Gesamt (n = 4)", "", "A-01"])
def test_labels_are_no_numbers(text):
    assert not is_number(text)
