"""``qualcode agreement PROJECT --coders A,B[,C...]``: intercoder agreement per code."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.analysis.agreement.options import LEVELS, OVERLAPS, UNITS
from qualcode.analysis.agreement.result import AgreementResult
from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import message, terminal_text, write_stdout
from qualcode.cli.output_file import output_option
from qualcode.exports import agreement as report
from qualcode.exports.agreement_wording import STATISTIC_NAMES, number
from qualcode.exports.files import write_atomically
from qualcode.exports.labels import LANGUAGES

FORMATS = ("table", "json", "csv", "xlsx", "md")


def coders_option(help_text: str):
    """``--coders A,B``: comma-separated coder names."""
    return click.option("--coders", required=True, metavar="A,B[,C...]", help=help_text,
                        callback=lambda _c, _p, value: [v.strip() for v in value.split(",")])


def _table(result: AgreementResult) -> str:
    from tabulate import tabulate

    header, rows = report.table_rows(result)
    names = STATISTIC_NAMES["en"]
    shown = ["code", *(terminal_text(f"{result.count_of} {c}") for c in result.coders), "agree",
             "disagree", "agreement", *(names[s] for s in result.statistics)]
    body = []
    for values in rows:
        code = terminal_text(values[1] or "OVERALL")
        share = values[4 + len(result.coders)]
        body.append([code, *values[2:2 + len(result.coders) + 2],
                     "–" if share is None else f"{share * 100:.1f} %",
                     *(number(v, "en") if v is not None else "–"
                       for v in values[5 + len(result.coders):])])
    return tabulate(body, headers=shown, tablefmt="simple", disable_numparse=True) + "\n"


def _summary(result: AgreementResult) -> str:
    s = result.settings
    parts = [f"{result.level} level", " vs ".join(result.coders),
             f"{len(result.documents)} document(s)", f"{len(result.codes)} code(s)"]
    if result.level == "segment":
        parts.append(f"threshold {s['threshold']:g} % ({s['overlap']}); "
                     f"Brennan & Prediger k = {s['k']}")
    if result.level == "unit":
        parts.append(f"{s['units']} {s['unit']} units")
    return "; ".join(parts)


@click.command()
@project_argument
@coders_option("Coders to compare, comma-separated (two, or three and more for the "
               "document, frequency, unit and unitized levels).")
@click.option("--level", type=click.Choice(LEVELS), default="segment", show_default=True,
              help="What is compared (see README: Intercoder agreement).")
@click.option("--unit", type=click.Choice(UNITS), default="sentence", show_default=True,
              help="Units of the unit level.")
@click.option("--threshold", type=click.FloatRange(0, 100, min_open=True), default=90.0,
              show_default=True, help="Segment level: minimum overlap in percent.")
@click.option("--overlap", type=click.Choice(OVERLAPS), default="union", show_default=True,
              help="Segment level: overlap = shared characters ÷ characters of either "
                   "segment (union) or of the shorter one.")
@click.option("--code", "codes", multiple=True, metavar="CODEPATH",
              help="Only this code and its subcodes, each compared on its own (repeatable).")
@click.option("--document", "documents", multiple=True, metavar="DOCUMENT",
              help="Only this document (repeatable; default: every document all coders coded).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@output_option("Write to this file (needed for xlsx).")
@click.option("--lang", "language", type=click.Choice(LANGUAGES), default="de",
              show_default=True, help="Language of the md and xlsx report.")
def agreement(project: Path, coders: list[str], level: str, unit: str, threshold: float,
              overlap: str, codes: tuple[str, ...], documents: tuple[str, ...], fmt: str,
              output: Path | None, language: str) -> None:
    """Intercoder agreement per code and overall, with the statistics of the level.

    Levels: document (code present per document), frequency (segments per document), segment
    (MAXQDA: overlapping segments, Brennan & Prediger's kappa), unit (sentences, turns or
    characters: Cohen's and Brennan & Prediger's kappa, Krippendorff's alpha; Fleiss' kappa
    for three or more coders), unitized (Krippendorff's uα, |uα, cuα).
    """
    from qualcode.analysis.agreement.compute import compute_agreement

    with opened(project) as proj:
        result = compute_agreement(proj, coders, level=level, unit=unit, threshold=threshold,
                                   overlap=overlap, codes=codes, documents=documents)
    message(_summary(result))
    for note in result.notes:
        message(f"note: {note}")
    if result.level == "segment":
        message("note: Brennan & Prediger's kappa is overall only (one code alone has k = 1, "
                "and 1 - 1/k = 0); kappa per code: --level unit or --level document")
    if result.skipped_documents:
        message(f"note: not compared (not coded by every coder): "
                f"{', '.join(result.skipped_documents)}")
    if fmt == "table":
        data = _table(result).encode("utf-8")
    else:
        data = report.render(result, fmt, language)
    if output is not None:
        write_atomically(output, data)
        message(f"wrote {output}")
    elif fmt == "xlsx":
        raise click.UsageError("--format xlsx needs -o FILE")
    else:
        write_stdout(data.decode("utf-8"))
