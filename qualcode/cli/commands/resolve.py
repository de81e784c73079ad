"""``qualcode resolve PROJECT ID... --take A|B|both|neither``: build the consensus version."""

from __future__ import annotations

from pathlib import Path

import click

from qualcode.analysis.agreement.disagreements import adopt_agreed
from qualcode.analysis.agreement.options import OVERLAPS
from qualcode.cli.common import opened, project_argument
from qualcode.cli.output import message
from qualcode.domain.disagreements import Disagreement, parse_disagreement_key
from qualcode.domain.errors import InputError
from qualcode.store.consensus import DEFAULT_CONSENSUS, resolve_disagreement
from qualcode.store.project import Project, default_actor
from qualcode.store.segments import get_segment


def _disagreement(project: Project, key: str) -> Disagreement:
    """The disagreement named by ``key`` (``A:B`` segment ids), checked for consistency."""
    first, second = parse_disagreement_key(key)
    a = get_segment(project, first) if first is not None else None
    b = get_segment(project, second) if second is not None else None
    known = a or b
    assert known is not None
    if a is not None and b is not None:
        if (a.document_id, a.code_id) != (b.document_id, b.code_id):
            raise InputError(f"{key}: segments {a.id} and {b.id} differ in document or code")
        if a.coder == b.coder:
            raise InputError(f"{key}: both segments are {a.coder}'s")
    return Disagreement(known.document_id, known.document, known.code_id, known.code,
                        a.coder if a else "", b.coder if b else "", a, b, 0.0)


# IDs such as "-:47" (no segment of the first coder) start with a dash: Click must not read
# them as options.
@click.command(context_settings={"ignore_unknown_options": True})
@project_argument
@click.argument("ids", nargs=-1, metavar="[ID]...")
@click.option("--take", metavar="A|B|both|neither",
              help="Which version goes into the consensus coder: the first coder's (a or the "
                   "coder's name), the second's, both, or neither.")
@click.option("--consensus", default=DEFAULT_CONSENSUS, show_default=True, metavar="NAME",
              help="The consensus coder.")
@click.option("--agreed", is_flag=True,
              help="Instead of IDs: copy every segment the coders agree on (the first "
                   "coder's version) into the consensus coder; needs --coders.")
@click.option("--coders", metavar="A,B", help="With --agreed: the two coders.")
@click.option("--threshold", type=click.FloatRange(0, 100, min_open=True), default=90.0,
              show_default=True, help="With --agreed: minimum overlap in percent.")
@click.option("--overlap", type=click.Choice(OVERLAPS), default="union", show_default=True)
@click.option("--code", "codes", multiple=True, metavar="CODEPATH",
              help="With --agreed: only this code and its subcodes (repeatable).")
@click.option("--document", "documents", multiple=True, metavar="DOCUMENT",
              help="With --agreed: only this document (repeatable).")
def resolve(project: Path, ids: tuple[str, ...], take: str | None, consensus: str,
            agreed: bool, coders: str | None, threshold: float, overlap: str,
            codes: tuple[str, ...], documents: tuple[str, ...]) -> None:
    """Resolve disagreements (IDs from `qualcode disagreements`, e.g. 12:47) into the
    consensus coder: each is one change that `qualcode undo` takes back.
    """
    with opened(project) as proj:
        if agreed:
            if ids or take or not coders:
                raise click.UsageError("--agreed takes --coders A,B and no IDs or --take")
            names = [c.strip() for c in coders.split(",") if c.strip()]
            if len(names) != 2:
                raise click.UsageError("--coders takes exactly two names: A,B")
            added = adopt_agreed(proj, names, consensus, threshold=threshold, overlap=overlap,
                                 codes=codes, documents=documents, actor=default_actor())
            message(f"{consensus}: {added} agreed segment(s) adopted")
            return
        if not ids or not take:
            raise click.UsageError("give one or more IDs and --take A|B|both|neither")
        for key in ids:
            item = _disagreement(proj, key)
            choice = {"a": "a", "b": "b", "both": "both", "neither": "neither", "none": "neither",
                      item.coder_a: "a", item.coder_b: "b"}.get(take)
            if choice is None:
                raise InputError(f"--take {take!r}: expected a, b, both, neither or a coder of "
                                 f"{key} ({item.coder_a or '-'}, {item.coder_b or '-'})")
            # Recorded as the person resolving, whose `qualcode undo` takes it back.
            resolution = resolve_disagreement(proj, item, choice, consensus,
                                              actor=default_actor())
            message(f"{key}: {choice} → {consensus} ({len(resolution.created)} segment(s) "
                    f"added)")
