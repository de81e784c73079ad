"""Work of the analysis screens that runs on the database thread (quick SQL counts) or in a
worker with its own connection: each function takes the open project and returns plain
data (no widgets).

``document_set`` limits the matrix and the crosstab to the documents of one document set
(``None``: every document), as the CLI's ``--set``."""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.analysis.cooccurrence import (
    CooccurrenceMatrix,
    SegmentPair,
    code_cooccurrence,
    cooccurring_segments,
)
from qualcode.analysis.frequencies import FrequencyTable, code_frequencies
from qualcode.analysis.matrix import CodeMatrix, code_matrix, matrix_cell_segments
from qualcode.domain.errors import InputError
from qualcode.domain.models import Segment
from qualcode.store.coders import find_coder
from qualcode.store.codes import load_codes
from qualcode.store.documents import variable_types
from qualcode.store.project import Project
from qualcode.store.segments import SegmentFilter, query_segments


@dataclass(frozen=True)
class Splits:
    """What columns can be split by: ``document``, ``group`` and the document variables
    (in variable order); ``default_variable``: the variable that groups the most documents
    (a value shared by several documents, at least two values; then fewest values, then
    variable order), else ``group``."""

    variables: list[str]
    default_variable: str


def check_coder(project: Project, coder: str | None) -> None:
    """Raise :class:`InputError` when the filtered coder has coded nothing yet."""
    if coder is not None and find_coder(project, coder) is None:
        raise InputError(f"{coder} has coded nothing yet (F9 shows everyone's codings)")


def splits(project: Project) -> Splits:
    names = list(variable_types(project))
    counts = {name: (documents, distinct) for name, documents, distinct in project.db.execute(
        """SELECT v.name, count(dv.document_id), count(DISTINCT dv.value) FROM variables v
           JOIN document_variables dv ON dv.variable_id = v.id GROUP BY v.id""")}
    groupings = [name for name in names
                 if name in counts and 1 < counts[name][1] < counts[name][0]]
    best = min(groupings, key=lambda n: (-counts[n][0], counts[n][1], names.index(n)),
               default="group")
    return Splits(names, best)


def _sets(document_set: str | None) -> list[str] | None:
    return [document_set] if document_set else None


def load_matrix(project: Project, by: str, values: str, unit: str, rollup: bool,
                coder: str | None, document_set: str | None = None
                ) -> tuple[CodeMatrix, Splits]:
    """The code matrix (see :func:`~qualcode.analysis.matrix.code_matrix`) and the splits;
    raises :class:`NotFoundError` for a document set that no longer exists."""
    check_coder(project, coder)
    return (code_matrix(project, by=by, values=values, unit=unit, rollup=rollup, coder=coder,
                        sets=_sets(document_set)),
            splits(project))


def load_relations(project: Project, within: str, unit: str, coder: str | None
                   ) -> CooccurrenceMatrix:
    check_coder(project, coder)
    return code_cooccurrence(project, within=within, unit=unit, coder=coder)


def load_crosstab(project: Project, by: str | None, rollup: bool, coder: str | None,
                  document_set: str | None = None) -> tuple[FrequencyTable, Splits]:
    """The crosstab's frequencies split ``by`` (``None``: the default variable) and the
    splits."""
    check_coder(project, coder)
    found = splits(project)
    return code_frequencies(project, rollup=rollup, coder=coder,
                            by=by or found.default_variable,
                            sets=_sets(document_set)), found


def cell_segments(project: Project, code_path: str, column: str | None, by: str,
                  rollup: bool, coder: str | None, document_set: str | None = None
                  ) -> list[Segment]:
    """The segments behind a matrix or crosstab cell; ``column=None``: every document (of
    ``document_set``; the crosstab's total column)."""
    if column is not None:
        return matrix_cell_segments(project, code_path, column, by=by, rollup=rollup,
                                    coder=coder, sets=_sets(document_set))
    tree, _ = load_codes(project)
    code_id = tree.resolve(code_path)
    ids = (code_id, *tree.descendants(code_id)) if rollup else (code_id,)
    return query_segments(project, SegmentFilter(
        code_ids=ids, coder=coder, sets=(document_set,) if document_set else None))


def pair_segments(project: Project, code_a: str, code_b: str, within: str,
                  coder: str | None) -> list[SegmentPair]:
    return cooccurring_segments(project, code_a, code_b, within=within, coder=coder)
