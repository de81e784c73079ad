"""Page and table layout shared by every DOCX qualcode writes (python-docx documents):
A4 pages with 2.5 cm margins, the document language, and tables that read like typeset ones
(numbers right-aligned, the header repeated on each page, rows kept whole, a wide label
column).
"""

from __future__ import annotations

import re

#: A4 in centimetres (ISO 216) and the margin on every side.
PAGE_WIDTH_CM = 21.0
PAGE_HEIGHT_CM = 29.7
MARGIN_CM = 2.5
#: The text width between the margins.
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM

#: ``--lang`` to the BCP 47 tag Word's spelling and hyphenation use.
LANGUAGE_TAGS = {"de": "de-DE", "en": "en-GB"}

#: A cell holding a number as the exports print it: ``12``, ``75,0``, ``3.5``, ``–``
#: (undefined), optionally with a percent sign.
_NUMBER = re.compile(r"^\s*(?:[-−+]?\d[\d.,\u202f\u00a0]*\s?%?|–)\s*$")


def apply_page_layout(document, language: str = "de") -> None:
    """Give every section of a python-docx ``document`` A4 portrait pages with
    :data:`MARGIN_CM` margins, and mark the text as ``language`` (``de`` or ``en``; see
    :data:`LANGUAGE_TAGS`) in the Normal style and the core properties. Raises ``KeyError``
    for another language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    tag = LANGUAGE_TAGS[language]
    for section in document.sections:
        section.page_width = Cm(PAGE_WIDTH_CM)
        section.page_height = Cm(PAGE_HEIGHT_CM)
        section.left_margin = section.right_margin = Cm(MARGIN_CM)
        section.top_margin = section.bottom_margin = Cm(MARGIN_CM)
    # Every other style is based on Normal, so one w:lang covers headings and quotes too.
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    document.core_properties.language = tag


def is_number(text: str) -> bool:
    """Whether a table cell's text is a number as the exports print it (``6``, ``75,0``,
    ``12 %``, ``–`` for undefined)."""
    return bool(_NUMBER.match(text))


def format_table(table, label_width_cm: float | None = None) -> None:
    """Lay out a python-docx ``table`` whose first row is its header and first column its
    labels: the header row repeats on every page, no row splits across pages, cells holding
    numbers (:func:`is_number`) are right-aligned, and the label column gets
    ``label_width_cm`` (default: what is left of :data:`TEXT_WIDTH_CM` after number columns
    of at most 2.5 cm, but at least a quarter of it, so that a crosstab with many values
    keeps room for its numbers) with the rest shared by the other columns."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    rows = table.rows
    for index, row in enumerate(rows):
        trpr = row._tr.get_or_add_trPr()
        flags = ["w:cantSplit"] + (["w:tblHeader"] if index == 0 else [])
        for flag in flags:
            if trpr.find(qn(flag)) is None:
                trpr.append(OxmlElement(flag))
        for cell in row.cells[1:]:
            if index > 0 and is_number(cell.text):
                for paragraph in cell.paragraphs:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    columns = len(table.columns)
    if columns < 2:
        return
    others = columns - 1
    if label_width_cm is None:
        label_width_cm = max(TEXT_WIDTH_CM / 4, TEXT_WIDTH_CM - others * 2.5)
    number_width_cm = (TEXT_WIDTH_CM - label_width_cm) / others
    table.autofit = False
    widths = [Cm(label_width_cm)] + [Cm(number_width_cm)] * others
    # Word reads the cells' widths, LibreOffice the grid's: set both.
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
