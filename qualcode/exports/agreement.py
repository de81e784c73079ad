"""The agreement report as JSON, CSV, Markdown and XLSX.

JSON and CSV keys are a scripting contract (English, fixed); Markdown and XLSX are worded
for a methods section (:mod:`qualcode.exports.agreement_wording`, German or English).
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

from qualcode.analysis.agreement.result import AgreementResult, Row
from qualcode.exports.agreement_wording import (
    STATISTIC_NAMES,
    TITLES,
    WORDS,
    methods_paragraph,
    number,
    references,
    results_sentence,
)
from qualcode.exports.files import write_atomically
from qualcode.exports.formula_escape import csv_row
from qualcode.exports.markdown_text import inline, table
from qualcode.exports.workbooks import append_row, workbook_bytes

FORMATS = ("json", "csv", "md", "xlsx")
SETTINGS = ("unit", "threshold", "overlap", "k", "level_of_measurement")


def _value(value: float) -> float | None:
    return None if value is None or math.isnan(value) else value


def row_record(row: Row, count_of: str) -> dict:
    """One row of ``codes`` (or ``overall``) in the JSON shape."""
    record: dict = {"code": row.code, count_of: dict(row.counts),
                    "agreements": row.agreements, "disagreements": row.disagreements,
                    "agreement": _value(row.agreement)}
    record.update({name: _value(value) for name, value in row.statistics.items()})
    return record


def agreement_record(result: AgreementResult) -> dict:
    """The whole result as one JSON object: ``level``, ``coders``, the settings (``unit``,
    ``threshold``, ``overlap``, ``k``, ``level_of_measurement``; ``null`` where they do not
    apply, plus ``units``/``continuum`` where they do), ``documents``, ``codes`` and
    ``overall``. Undefined statistics are ``null``."""
    record: dict = {"level": result.level, "coders": list(result.coders)}
    record.update({key: result.settings.get(key) for key in SETTINGS})
    record.update({k: v for k, v in result.settings.items() if k not in SETTINGS})
    record.update({
        "documents": result.documents, "documents_skipped": result.skipped_documents,
        "codes_unused": result.unused_codes, "statistics": result.statistics,
        "notes": result.notes,
        "codes": [row_record(r, result.count_of) for r in result.codes],
        "overall": row_record(result.overall, result.count_of),
    })
    return record


def to_json(result: AgreementResult) -> str:
    return json.dumps(agreement_record(result), ensure_ascii=False, indent=2) + "\n"


def table_rows(result: AgreementResult) -> tuple[list[str], list[list[object]]]:
    """Header and rows (codes, then overall) with raw values: fixed English keys
    ``scope``, ``code``, ``<segments|units>[CODER]``, ``agreements``, ``disagreements``,
    ``agreement`` (a fraction), then the statistics."""
    header = ["scope", "code", *(f"{result.count_of}[{c}]" for c in result.coders),
              "agreements", "disagreements", "agreement", *result.statistics]
    rows = []
    for scope, row in [("code", r) for r in result.codes] + [("overall", result.overall)]:
        rows.append([scope, row.code or "", *(row.counts[c] for c in result.coders),
                     row.agreements, row.disagreements, _value(row.agreement),
                     *(_value(row.statistics[s]) if s in row.statistics else None
                       for s in result.statistics)])
    return header, rows


def to_csv(result: AgreementResult) -> str:
    """The rows of :func:`table_rows` as CSV; text that a spreadsheet would run as a
    formula starts with ``'`` (:mod:`qualcode.exports.formula_escape`)."""
    buffer = io.StringIO()
    header, rows = table_rows(result)
    writer = csv.writer(buffer)
    writer.writerow(csv_row(header))
    writer.writerows([csv_row("" if v is None else v for v in row) for row in rows])
    return buffer.getvalue()


def _display_header(result: AgreementResult, language: str) -> list[str]:
    words = WORDS[language]
    return [words["code"], *(f"{words[result.count_of]} {c}" for c in result.coders),
            words["agreements"], words["disagreements"], words["agreement"],
            *(STATISTIC_NAMES[language][s] for s in result.statistics)]


def _display_cells(result: AgreementResult, row: Row, language: str) -> list[str]:
    words = WORDS[language]
    share = row.agreement
    return [row.code or f"**{words['overall']}**", *(str(row.counts[c]) for c in result.coders),
            str(row.agreements), str(row.disagreements),
            number(share * 100 if share == share else None, language, 1),
            *(number(row.statistics.get(s), language) if s in row.statistics else ""
              for s in result.statistics)]


def _notes(result: AgreementResult, language: str) -> list[str]:
    words = WORDS[language]
    notes = list(result.notes)
    if result.skipped_documents:
        notes.append(f"{words['skipped']}: {', '.join(result.skipped_documents)}")
    if result.unused_codes:
        notes.append(f"{words['unused']}: {', '.join(result.unused_codes)}")
    return notes


def to_markdown(result: AgreementResult, language: str = "de") -> str:
    """The report: method paragraph, results sentence, table per code and overall, notes,
    compared documents and references."""
    words = WORDS[language]
    header = _display_header(result, language)
    lines = [f"# {TITLES[language]}", "", f"## {words['method']}", "",
             methods_paragraph(result, language), "", f"## {words['results']}", "",
             results_sentence(result, language), "",
             *table(header, [_display_cells(result, row, language)
                             for row in [*result.codes, result.overall]]), ""]
    notes = _notes(result, language)
    if notes:
        lines += [f"### {words['notes']}", ""] + [f"- {inline(n)}" for n in notes] + [""]
    lines += [f"{words['documents']} (n = {len(result.documents)}): "
              f"{inline(', '.join(result.documents))}", "", f"## {words['references']}", ""]
    lines += [f"- {ref}" for ref in references(result)]
    return "\n".join(lines) + "\n"


def to_xlsx(result: AgreementResult, language: str = "de") -> bytes:
    """A workbook: the report sheet (method, results, table with numbers as numbers) and a
    settings sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    words = WORDS[language]
    book = Workbook()
    sheet = book.active
    sheet.title = TITLES[language][:31]
    append_row(sheet, [TITLES[language]])
    sheet["A1"].font = Font(bold=True, size=14)
    for text in (methods_paragraph(result, language), results_sentence(result, language)):
        append_row(sheet, [text])
        sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append([])
    header = [h.replace("**", "") for h in _display_header(result, language)]
    append_row(sheet, header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    _, rows = table_rows(result)
    for values in rows:
        append_row(sheet, [values[1] or words["overall"], *values[2:]])
        # columns: code, one count per coder, agreements, disagreements, agreement, stats
        agreement_column = len(result.coders) + 4
        sheet.cell(sheet.max_row, agreement_column).number_format = "0.0%"
        for column in range(agreement_column + 1, len(values)):
            sheet.cell(sheet.max_row, column).number_format = "0.000"
        if values[0] == "overall":
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    for note in _notes(result, language):
        append_row(sheet, [note])
    sheet.column_dimensions["A"].width = 60
    settings = book.create_sheet(words["settings"][:31])
    record = agreement_record(result)
    for key in ("level", "coders", *SETTINGS, "units", "continuum", "documents",
                "documents_skipped", "codes_unused", "notes"):
        if key in record:
            value = record[key]
            append_row(settings, [key, ", ".join(map(str, value)) if isinstance(value, list)
                                  else value])
    settings.column_dimensions["A"].width = 24
    settings.column_dimensions["B"].width = 80
    return workbook_bytes(book)


def render(result: AgreementResult, fmt: str, language: str = "de") -> bytes:
    """The report in ``fmt`` (json, csv, md, xlsx) as bytes."""
    if fmt == "json":
        return to_json(result).encode("utf-8")
    if fmt == "csv":
        return to_csv(result).encode("utf-8")
    if fmt == "md":
        return to_markdown(result, language).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(result, language)
    raise ValueError(f"unknown format {fmt!r}")


def write(result: AgreementResult, path: Path, fmt: str, language: str = "de") -> None:
    """Write the report to ``path`` atomically."""
    write_atomically(path, render(result, fmt, language))
