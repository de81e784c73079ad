"""``qualcode quotes PROJECT --code CODEPATH``: the most representative quotes of a code."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.analysis.coder_scope import coder_scope
from qualcode.analysis.representative import (
    DEFAULT_DIVERSITY,
    DEFAULT_MAX_WORDS,
    DEFAULT_MIN_WORDS,
    DEFAULT_TOP,
    representative_quotes,
)
from qualcode.cli.coder_notice import coders_suffix, warn_if_mixed
from qualcode.cli.commands.segments import segment_record
from qualcode.cli.common import coder_filter_option, opened, project_argument, set_option
from qualcode.cli.output import emit, message, write_stdout
from qualcode.exports import quotes as quote_export
from qualcode.exports.labels import LANGUAGES
from qualcode.store.segments import code_ids_for


@click.command()
@project_argument
@click.option("--code", "codepath", required=True, metavar="CODEPATH", help="The code.")
@click.option("--top", type=click.IntRange(1, None), default=DEFAULT_TOP, show_default=True,
              help="How many quotes.")
@coder_filter_option()
@set_option()
@click.option("--no-subcodes", is_flag=True, help="Leave out the subcodes' segments.")
@click.option("--per-document", type=click.IntRange(0, None), default=1, show_default=True,
              help="At most this many quotes from one document (0: no limit).")
@click.option("--min-words", type=click.IntRange(0, None), default=DEFAULT_MIN_WORDS,
              show_default=True, help="Shortest quote, in words.")
@click.option("--max-words", type=click.IntRange(1, None), default=DEFAULT_MAX_WORDS,
              show_default=True, help="Longest quote, in words.")
@click.option("--diversity", type=click.FloatRange(0, 1), default=DEFAULT_DIVERSITY,
              show_default=True,
              help="0: only the most typical; higher: more different from each other "
                   "(1 - lambda of maximal marginal relevance).")
@click.option("--attribution", default="name", show_default=True,
              metavar="name|group|VARIABLE|none", help="For --format md.")
@click.option("--format", "fmt", type=click.Choice(("table", "json", "md")), default="table",
              show_default=True)
@click.option("--lang", "language", type=click.Choice(LANGUAGES), default="de",
              show_default=True)
def quotes(project: Path, codepath: str, top: int, coder: str | None, sets: tuple[str, ...],
           no_subcodes: bool,
           per_document: int, min_words: int, max_words: int, diversity: float,
           attribution: str, fmt: str, language: str) -> None:
    """Representative quotes of a code, best first: anchor examples (qualcode anchor), then
    the most typical segments (TF-IDF over lemmas, similarity to the code's centroid) spread
    over documents (maximal marginal relevance, one per document unless --per-document).

    JSON: a list of segments in the `segments --format json` shape, best first, each with
    "rank", "typicality", "score" and "words" added.
    """
    with opened(project) as proj:
        ranking = representative_quotes(
            proj, codepath, top=top, coder=coder, subcodes=not no_subcodes,
            per_document=per_document, min_words=min_words, max_words=max_words,
            diversity=diversity, sets=list(sets) or None)
        scope = coder_scope(proj, coder, code_ids=code_ids_for(proj, [codepath],
                                                               subcodes=not no_subcodes))
        if fmt == "md":
            section = quote_export.ranked_section(proj, ranking, attribution, coder=coder)
    warn_if_mixed(scope, "ranked")
    rows = []
    for quote in ranking.quotes:
        record = segment_record(quote.segment)
        record.update(rank=quote.rank, typicality=round(quote.typicality, 4),
                      score=round(quote.score, 4), words=quote.words)
        rows.append(record)
    message(f"{len(rows)} quote(s) for {ranking.code.path} from {ranking.candidates} "
            f"segment(s){coders_suffix(scope)}"
            + (f"; {ranking.out_of_bounds} outside the length bounds"
                             if ranking.out_of_bounds else ""))
    if fmt == "json":
        emit(rows, "json", [])
    elif fmt == "table":
        for row in rows:
            row["lines"] = (f"{row['line_start']}" if row["line_start"] == row["line_end"]
                            else f"{row['line_start']}-{row['line_end']}")
        emit(rows, "table", ["rank", "id", "document", "lines", "anchor", "typicality",
                             "score", "words", "text"], widths={"text": 60})
    else:
        write_stdout(quote_export.to_markdown([section], language, ranking.code.path))
