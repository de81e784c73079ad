"""The list of disagreements as JSON, CSV, Markdown and XLSX, for team meetings.

Each disagreement has its key (``"12:47"``: coder A's and coder B's segment ids), the
document, the code, both coders' segments with line numbers and text, and the recorded
resolution. The Markdown version leaves room to note the team's decision.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from qualcode.domain.disagreements import Disagreement
from qualcode.domain.models import Segment
from qualcode.exports.files import write_atomically
from qualcode.exports.formula_escape import csv_row
from qualcode.exports.markdown_text import inline
from qualcode.exports.workbooks import append_row, workbook_bytes

FORMATS = ("json", "csv", "md", "xlsx")

COLUMNS = ["id", "document", "code", "kind", "overlap", "coder_a", "lines_a", "text_a",
           "coder_b", "lines_b", "text_b", "resolution"]

_WORDS = {
    "de": {"title": "Nichtübereinstimmungen", "none": "– nicht codiert –", "line": "Z.",
           "decision": "Entscheidung", "both": "beide", "neither": "keine",
           "resolved": "entschieden", "kinds": {"boundaries": "Abgrenzung",
           "only_a": "nur {a}", "only_b": "nur {b}"}, "overlap": "Überschneidung",
           "count": "{n} Nichtübereinstimmungen zwischen {a} und {b}"},
    "en": {"title": "Disagreements", "none": "– not coded –", "line": "l.",
           "decision": "Decision", "both": "both", "neither": "neither",
           "resolved": "resolved", "kinds": {"boundaries": "boundaries",
           "only_a": "only {a}", "only_b": "only {b}"}, "overlap": "overlap",
           "count": "{n} disagreements between {a} and {b}"},
}


def lines_of(segment: Segment | None) -> str:
    """``"12"`` or ``"12-14"``; empty for a missing side."""
    if segment is None:
        return ""
    if segment.line_start == segment.line_end:
        return str(segment.line_start)
    return f"{segment.line_start}-{segment.line_end}"


def _segment(segment: Segment | None) -> dict | None:
    if segment is None:
        return None
    return {"id": segment.id, "start": segment.start, "end": segment.end,
            "line_start": segment.line_start, "line_end": segment.line_end,
            "text": segment.text, "comment": segment.comment}


def disagreement_record(item: Disagreement) -> dict:
    """One disagreement in the JSON shape: ``id``, ``document``, ``code``, ``kind``
    (boundaries, only_a, only_b), ``overlap`` (a fraction), ``coder_a``, ``coder_b``, ``a``
    and ``b`` (segment objects with ``id``, ``start``, ``end``, ``line_start``,
    ``line_end``, ``text``, ``comment``, or ``null``) and ``resolution`` (a, b, both, neither
    or ``null``)."""
    return {"id": item.key, "document": item.document, "code": item.code, "kind": item.kind,
            "overlap": round(item.overlap, 4), "coder_a": item.coder_a, "coder_b": item.coder_b,
            "a": _segment(item.segment_a), "b": _segment(item.segment_b),
            "resolution": item.resolution}


def flat_rows(items: list[Disagreement]) -> list[dict]:
    """One flat dict per disagreement with the keys of :data:`COLUMNS`."""
    return [{"id": d.key, "document": d.document, "code": d.code, "kind": d.kind,
             "overlap": round(d.overlap, 4), "coder_a": d.coder_a,
             "lines_a": lines_of(d.segment_a), "text_a": d.segment_a.text if d.segment_a else "",
             "coder_b": d.coder_b, "lines_b": lines_of(d.segment_b),
             "text_b": d.segment_b.text if d.segment_b else "",
             "resolution": d.resolution or ""} for d in items]


def to_json(items: list[Disagreement]) -> str:
    return json.dumps([disagreement_record(d) for d in items], ensure_ascii=False,
                      indent=2) + "\n"


def to_csv(items: list[Disagreement]) -> str:
    """:func:`flat_rows` as CSV with the :data:`COLUMNS` header; text that a spreadsheet
    would run as a formula starts with ``'`` (:mod:`qualcode.exports.formula_escape`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(csv_row(row[c] for c in COLUMNS) for row in flat_rows(items))
    return buffer.getvalue()


def _kind(item: Disagreement, language: str) -> str:
    return _WORDS[language]["kinds"][item.kind].format(a=item.coder_a, b=item.coder_b)


def _quote(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in text.split("\n")]


def to_markdown(items: list[Disagreement], coders: tuple[str, str], language: str = "de"
                ) -> str:
    """A handout: per document, each disagreement with both coders' passages and a line for
    the team's decision."""
    words = _WORDS[language]
    a, b = coders
    out = [f"# {words['title']}", "",
           f"_{inline(words['count'].format(n=len(items), a=a, b=b))}_", ""]
    document = None
    for item in items:
        if item.document != document:
            document = item.document
            out += [f"## {inline(document)}", ""]
        heading = f"### {item.key} · {inline(item.code)} · {inline(_kind(item, language))}"
        if item.kind == "boundaries":
            heading += f" ({words['overlap']} {round(item.overlap * 100)} %)"
        out += [heading, ""]
        for coder, segment in ((a, item.segment_a), (b, item.segment_b)):
            if segment is None:
                out += [f"**{inline(coder)}**: {words['none']}", ""]
            else:
                out += [f"**{inline(coder)}** ({words['line']} {lines_of(segment)}):", "",
                        *_quote(segment.text), ""]
        boxes = " ".join(f"☐ {inline(choice)}"
                         for choice in (a, b, words["both"], words["neither"]))
        decided = f" ({words['resolved']}: {item.resolution})" if item.resolution else ""
        out += [f"{words['decision']}: {boxes}{decided}", ""]
    return "\n".join(out)


def to_xlsx(items: list[Disagreement], language: str = "de") -> bytes:
    """One row per disagreement, with an empty decision column for the meeting."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    words = _WORDS[language]
    book = Workbook()
    sheet = book.active
    sheet.title = words["title"][:31]
    append_row(sheet, [*COLUMNS, "decision"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in flat_rows(items):
        append_row(sheet, [*(row[c] for c in COLUMNS), ""])
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDEFGHIJKLM", (10, 14, 30, 12, 9, 10, 8, 60, 10, 8, 60, 11, 14)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    return workbook_bytes(book)


def render(items: list[Disagreement], fmt: str, coders: tuple[str, str],
           language: str = "de") -> bytes:
    """The list in ``fmt`` (json, csv, md, xlsx) as bytes."""
    if fmt == "json":
        return to_json(items).encode("utf-8")
    if fmt == "csv":
        return to_csv(items).encode("utf-8")
    if fmt == "md":
        return to_markdown(items, coders, language).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(items, language)
    raise ValueError(f"unknown format {fmt!r}")


def write(items: list[Disagreement], path: Path, fmt: str, coders: tuple[str, str],
          language: str = "de") -> None:
    """Write the list to ``path`` atomically."""
    write_atomically(path, render(items, fmt, coders, language))
