"""``qualcode autocode-search PROJECT QUERY CODEPATH``: code every search hit, its sentence
or its speaker turn, after a preview, as one undoable transaction."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.analysis.autocoding import SCOPES, apply_autocode, plan_autocode
from qualcode.cli.commands.search import (
    document_option,
    include_headers_option,
    lemma_option,
    speaker_option,
    within_option,
)
from qualcode.cli.common import coder_option, opened, project_argument
from qualcode.cli.output import emit, format_option, message
from qualcode.store.codes import get_code
from qualcode.store.documents import resolve_document


@click.command("autocode-search")
@project_argument
@click.argument("query")
@click.argument("codepath")
@lemma_option()
@click.option("--scope", type=click.Choice(SCOPES), default="hit", show_default=True,
              help="Code the words found, their sentence, or the whole speaker turn.")
@coder_option()
@document_option()
@within_option()
@speaker_option()
@include_headers_option()
@click.option("--dry-run", is_flag=True, help="Preview: list what would be coded, write nothing.")
@format_option()
def autocode_search(project: Path, query: str, codepath: str, lemma: bool, scope: str,
                    coder: str | None, documents: tuple[str, ...], within: str,
                    speakers: tuple[str, ...], include_headers: bool, dry_run: bool, fmt: str
                    ) -> None:
    """Code the hits of QUERY (see `qualcode search`) with CODEPATH.

    Prints the segments (the preview) to stdout; with --dry-run nothing is written.
    Otherwise all segments are created in ONE transaction: `qualcode undo` removes them all.
    A span lying inside a segment this coder already coded with CODEPATH is skipped and
    counted. --speaker B codes only hits in B's turns (the I:/B: labels of the transcript).
    """
    with opened(project) as proj:
        target = get_code(proj, codepath)
        ids = [resolve_document(proj, d).id for d in documents] or None
        plan = plan_autocode(proj, query, target, coder, scope=scope, lemma=lemma,
                             document_ids=ids, within=within, speakers=list(speakers) or None,
                             include_headers=include_headers)
        result = None if dry_run else apply_autocode(proj, plan)
    rows = [{"document": s.document, "start": s.start, "end": s.end,
             "line_start": s.line_start, "line_end": s.line_end,
             "lines": (str(s.line_start) if s.line_start == s.line_end
                       else f"{s.line_start}-{s.line_end}"),
             "speaker": s.speaker, "hits": s.hits,
             "status": "already coded" if s.exists else "new",
             "text": s.text} for s in plan.segments]
    emit(rows if fmt != "json" else [{k: v for k, v in r.items() if k != "lines"}
                                     for r in rows],
         fmt, ["document", "lines", "speaker", "start", "end", "hits", "status", "text"],
         widths={"text": 70})
    new = len(plan.new_segments)
    where = f"; speaker {', '.join(plan.speakers)}" if plan.speakers else ""
    summary = (f"{len(plan.result.hits)} hit(s) -> {len(plan.segments)} segment(s) "
               f"({scope}{where}) with {target.path} as {plan.coder}")
    already = f"already coded with {target.path} by {plan.coder}"
    if result is None:
        message(f"dry run: {summary}; {new} would be new"
                + (f", {plan.skipped} skipped ({already})" if plan.skipped else "")
                + "; nothing written")
    else:
        message(f"coded {len(result.created)} new segment(s): {summary}"
                + (f"; skipped {result.skipped} {already}" if result.skipped else "")
                + (f" (undo with: qualcode undo {project})" if result.created else ""))
