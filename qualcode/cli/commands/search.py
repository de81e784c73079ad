"""``qualcode search PROJECT QUERY``: lexical search with keyword-in-context results."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.analysis.search import DEFAULT_WIDTH, WITHIN, SearchHit
from qualcode.analysis.search import search as run_search
from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import emit, format_option, message, terminal_text, write_stdout
from qualcode.store.documents import resolve_document


def hit_record(hit: SearchHit) -> dict:
    """The JSON shape of a search hit (the CLI contract of ``search --format json``)."""
    return {"document": hit.document, "start": hit.start, "end": hit.end, "line": hit.line,
            "text": hit.text, "context": hit.context, "left": hit.left, "right": hit.right,
            "speaker": hit.speaker}


def lemma_option():
    return click.option("--lemma", is_flag=True,
                        help="Match every inflected form: Ausländerbehörde also finds "
                             "Ausländerbehörden.")


def speaker_option():
    return click.option("--speaker", "speakers", multiple=True, metavar="LABEL",
                        help="Only hits in turns of this speaker, e.g. B (repeatable).")


def within_option():
    return click.option("--within", type=click.Choice(WITHIN), default="turn",
                        show_default=True,
                        help="Where AND needs all its parts and NEAR its pair.")


def include_headers_option():
    return click.option("--include-headers", is_flag=True,
                        help="Also find words on header lines (Datum: ..., the document "
                             "variables before the first turn).")


def document_option():
    return click.option("--document", "documents", multiple=True, metavar="DOCUMENT",
                        help="Only these documents (repeatable; default: all).")


@click.command()
@project_argument
@click.argument("query")
@lemma_option()
@document_option()
@within_option()
@speaker_option()
@include_headers_option()
@click.option("--width", type=click.IntRange(5, 500), default=DEFAULT_WIDTH, show_default=True,
              help="Characters of context on each side.")
@format_option()
def search(project: Path, query: str, lemma: bool, documents: tuple[str, ...], within: str,
           speakers: tuple[str, ...], include_headers: bool, width: int, fmt: str) -> None:
    """Find words, "phrases" and lemmas; combine with OR, AND, NEAR or NEAR/n (words apart).

    Case does not matter; * stands for any letters (Ausländer*); terms side by side mean
    AND. A word also finds the parts of hyphenated words (Corona: Corona-Krise); header
    lines are left out unless --include-headers. Results are keyword-in-context lines with document and line number.
    JSON: a list of {"document", "start", "end", "line", "text", "context", ...}.
    """
    with opened(project) as proj:
        ids = [resolve_document(proj, d).id for d in documents] or None
        result = run_search(proj, query, lemma=lemma, document_ids=ids, within=within,
                            width=width, speakers=list(speakers) or None,
                            include_headers=include_headers)
    rows = [hit_record(h) for h in result.hits]
    if fmt == "table":
        if rows:
            left = max(len(r["left"]) for r in rows)
            for row in rows:
                hit = " ".join(row["text"].split())
                write_stdout(terminal_text(f"{row['document']}:{row['line']}") + "\t"
                             + terminal_text(f"{row['left']:>{left}}[{hit}]{row['right']}")
                             + "\n")
    else:
        emit(rows, fmt, ["document", "line", "start", "end", "speaker", "text", "context"])
    matched = ", ".join(f"{word} → {key}" for word, key in result.matched_as.items()
                        if lemma and word != key)
    message(f"{len(rows)} hit(s) in {len({r['document'] for r in rows})} of "
            f"{result.documents} document(s)" + (f" (lemmas: {matched})" if matched else ""))
