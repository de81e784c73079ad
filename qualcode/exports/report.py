"""An analysis report in one file (DOCX, or Markdown with chart files beside it): code
frequencies with a bar chart, a crosstab by a document variable with the matrix heatmap,
the co-occurrence heatmap, and representative quotes per code.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from qualcode.analysis.cooccurrence import code_cooccurrence
from qualcode.analysis.frequencies import code_frequencies
from qualcode.analysis.matrix import code_matrix
from qualcode.domain.errors import InputError
from qualcode.exports import frequencies as frequency_export
from qualcode.exports.analysis_labels import words
from qualcode.exports.docx_layout import format_table
from qualcode.exports.files import write_together
from qualcode.exports.grids import (
    Grid,
    cooccurrence_grid,
    crosstab_grid,
    format_value,
    markdown_table,
    matrix_grid,
    to_chart,
)
from qualcode.exports.markdown_text import inline
from qualcode.exports.output_paths import check_output
from qualcode.exports.quotes import (
    Section,
    add_quote_sections,
    collect_quotes,
    new_docx,
)
from qualcode.exports.quotes import (
    to_markdown as quotes_markdown,
)
from qualcode.store.project import Project

REPORT_FORMATS = ("md", "docx")


@dataclass
class Figure:
    """A chart of the report: a file-name part (``frequencies``), caption, PNG and SVG."""

    name: str
    caption: str
    png: bytes
    svg: bytes | None = None


@dataclass
class ReportPart:
    """A heading, a note, a table (grid) and a figure; any may be absent."""

    heading: str
    note: str
    grid: Grid | None
    figure: Figure | None


@dataclass
class Report:
    """Everything the report shows, ready to render."""

    title: str
    parts: list[ReportPart]
    quotes: list[Section]
    quotes_heading: str


def build_report(
    project: Project,
    *,
    by: str | None = None,
    within: str | int = "turn",
    representative: int = 3,
    rollup: bool = True,
    coder: str | None = None,
    attribution: str = "none",
    language: str = "de",
    title: str | None = None,
    svg: bool = False,
    sets: list[str] | None = None,
) -> Report:
    """Compute every part. ``by``: a document variable or ``group`` for the crosstab and
    the matrix heatmap (left out when ``None``). ``within``: the co-occurrence relation.
    ``representative``: quotes per code. ``svg``: also render charts as SVG (Markdown).
    ``sets``: only documents of these document sets, in every part."""
    w = words(language)

    def figure(name: str, caption: str, render) -> Figure:
        return Figure(name, caption, render("png"), render("svg") if svg else None)

    parts: list[ReportPart] = []
    frequencies = code_frequencies(project, rollup=rollup, coder=coder, sets=sets)
    parts.append(ReportPart(
        w["frequencies"], "",
        crosstab_grid(frequencies, "both", percent=True, language=language),
        figure("frequencies", w["chart_frequencies"],
               lambda fmt: frequency_export.to_chart(frequencies, fmt, language))))
    if by is not None:
        table = code_frequencies(project, rollup=rollup, coder=coder, by=by, sets=sets)
        grid = crosstab_grid(table, "both", percent=True, total=True, language=language)
        matrix = code_matrix(project, by=by, unit="documents", rollup=rollup, coder=coder,
                             sets=sets)
        heat = matrix_grid(matrix, language)
        parts.append(ReportPart(f"{w['crosstab']}: {by}", grid.note, grid,
                                figure(f"matrix-{_slug(by)}", f"{heat.title}: {heat.note}",
                                       lambda fmt: to_chart(heat, fmt))))
    cooccurrence = code_cooccurrence(project, within=within, coder=coder, sets=sets)
    cgrid = cooccurrence_grid(cooccurrence, language)
    parts.append(ReportPart(w["cooccurrence"], cgrid.note, None,
                            figure("cooccurrence", f"{cgrid.title}: {cgrid.note}",
                                   lambda fmt: to_chart(cgrid, fmt))))
    quotes = collect_quotes(project, None, coder, attribution, representative=representative,
                            sets=sets)
    return Report(title or w["report"], parts, quotes,
                  w["quotes_top"].format(n=representative))


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text).strip("-").lower() or "x"


def write_markdown(report: Report, path: Path, language: str = "de",
                   chart_format: str = "png", *, follow_symlinks: bool = False) -> list[Path]:
    """Write ``path`` and its charts beside it (``<stem>-<chart>.png|svg``) as one set
    (:func:`~qualcode.exports.files.write_together`: all files or none); returns every file
    written, the report first. Raises :class:`~qualcode.domain.errors.InputError` for a
    device or stream such as ``/dev/stdout`` (the charts need a folder)."""
    target = check_output(path, follow_symlinks=follow_symlinks)
    if not target.is_file:
        raise InputError(f"{path}: a Markdown report has chart files beside it; give a file "
                         f"name (or use --format docx)")
    path = target.path
    charts: list[tuple[Path, bytes]] = []
    lines = [f"# {inline(report.title)}", ""]
    for part in report.parts:
        lines += [f"## {inline(part.heading)}", ""]
        if part.note:
            lines += [f"_{inline(part.note)}_", ""]
        if part.figure is not None:
            data = part.figure.svg if chart_format == "svg" else part.figure.png
            assert data is not None, "build_report(svg=True) for SVG charts"
            image = path.with_name(f"{path.stem}-{part.figure.name}.{chart_format}")
            charts.append((image, data))
            lines += [f"![{inline(part.figure.caption)}]({image.name})", ""]
        if part.grid is not None:
            lines += [*markdown_table(part.grid, language), ""]
    quotes = quotes_markdown(report.quotes, language, report.quotes_heading)
    # The quote collection's own headings move one level down, under the report title.
    lines += ["#" + line if line.startswith("#") else line for line in quotes.splitlines()]
    text = ("\n".join(lines).rstrip() + "\n").encode("utf-8")
    return write_together([(path, text), *charts], follow_symlinks=follow_symlinks)


def to_docx(report: Report, language: str = "de") -> bytes:
    """The report as a Word document with the charts embedded (PNG)."""
    from docx.shared import Cm, Pt

    document = new_docx(report.title, language)
    for part in report.parts:
        document.add_heading(part.heading, level=1)
        if part.note:
            document.add_paragraph().add_run(part.note).italic = True
        if part.figure is not None:
            document.add_picture(io.BytesIO(part.figure.png), width=Cm(16))
            caption = document.add_paragraph(part.figure.caption)
            caption.runs[0].font.size = Pt(8)
        if part.grid is not None:
            _add_table(document, part.grid, language)
    document.add_heading(report.quotes_heading, level=1)
    add_quote_sections(document, report.quotes, language, level_offset=1)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_table(document, grid: Grid, language: str) -> None:
    from docx.shared import Pt

    w = words(language)
    table = document.add_table(rows=1, cols=len(grid.column_labels) + 1)
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].text = w["code"]
    for cell, label in zip(header[1:], grid.column_labels):
        cell.text = label
    for row, values in zip(grid.rows, grid.values):
        cells = table.add_row().cells
        cells[0].text = ("  " * row.depth) + row.name
        if row.depth == 0:
            cells[0].paragraphs[0].runs[0].bold = True
        for cell, value in zip(cells[1:], values):
            cell.text = format_value(value, language)
    for line in table.rows:
        for cell in line.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)
    format_table(table)


def write(report: Report, path: Path, fmt: str, language: str = "de",
          chart_format: str = "png", *, follow_symlinks: bool = False) -> list[Path]:
    """Write the report (``md`` with chart files, or ``docx``); returns the files written.
    Raises :class:`~qualcode.exports.output_paths.OutputRefused` or
    :class:`~qualcode.domain.errors.InputError` with nothing written."""
    if fmt == "md":
        return write_markdown(report, path, language, chart_format,
                              follow_symlinks=follow_symlinks)
    if fmt == "docx":
        return write_together([(path, to_docx(report, language))],
                              follow_symlinks=follow_symlinks)
    raise ValueError(f"unknown report format {fmt!r}")
