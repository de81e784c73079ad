"""Survey data as documents: typing answer columns and laying out a respondent's open answers.

As MAXQDA's survey import: each respondent (row) becomes a document holding the open answers,
each answer coded with its question; closed answers become typed document variables. Checkbox
columns as questionnaire tools and Excel sheets hold them (``x``, ``1``, ``ja`` for a tick,
empty for none) become boolean variables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from qualcode.domain.text import normalize_text
from qualcode.domain.variables import VARIABLE_TYPES, Value, convert, infer_type, widen

#: Cell contents read as "ticked / yes" and "not ticked / no" (compared case-insensitively).
TRUE_WORDS = frozenset({"x", "✓", "✔", "☑", "☒", "ja", "j", "yes", "y", "true", "wahr", "1",
                        "trifft zu"})
FALSE_WORDS = frozenset({"nein", "n", "no", "false", "falsch", "0", "☐", "trifft nicht zu"})

Cell = str | int | float | bool | date | datetime | None


def is_blank(cell: Cell) -> bool:
    """True for an empty cell (``None`` or only whitespace)."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cell_text(cell: Cell) -> str:
    """A cell as text: ``3.0 -> "3"``, dates as ISO 8601, booleans ``true``/``false``."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else \
            cell.isoformat(sep=" ", timespec="minutes")
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


@dataclass(frozen=True)
class ColumnType:
    """How a column's cells become variable values: ``type`` is a variable type;
    ``blank_is_false``: an empty cell means an unticked checkbox (``False``), else no value."""

    type: str
    blank_is_false: bool = False


def infer_column(cells: Iterable[Cell]) -> ColumnType:
    """The variable type of a column of answers.

    Boolean when every non-empty cell is a yes/no word or tick (:data:`TRUE_WORDS`,
    :data:`FALSE_WORDS`); when no cell says "no", empty cells mean "not ticked". Otherwise the
    narrowest of integer, float, date, text that holds every non-empty cell
    (:func:`qualcode.domain.variables.infer_type`, widened). A column without values is text.
    """
    values = [c for c in cells if not is_blank(c)]
    if not values:
        return ColumnType("text")
    words = {cell_text(c).casefold() for c in values}
    if all(isinstance(c, bool) for c in values) or words <= TRUE_WORDS | FALSE_WORDS:
        return ColumnType("boolean", blank_is_false=not (words & FALSE_WORDS)
                          and not any(c is False for c in values))
    type_: str | None = None
    for cell in values:
        if isinstance(cell, bool):
            this = "text"
        elif isinstance(cell, (datetime, date)):
            this = "date" if cell_text(cell).count(":") == 0 else "text"
        elif isinstance(cell, int):
            this = "integer"
        elif isinstance(cell, float):
            this = "integer" if cell.is_integer() else "float"
        else:
            this = infer_type(cell_text(cell))
        type_ = this if type_ is None else widen(type_, this)
    return ColumnType(type_ or "text")


def column_value(cell: Cell, column: ColumnType) -> Value | None:
    """The variable value of ``cell`` in a column of ``column`` type; ``None`` for no value.

    Raises ``ValueError`` when the cell does not fit the type (e.g. ``"viele"`` as integer).
    """
    if is_blank(cell):
        return False if column.blank_is_false else None
    if column.type == "boolean":
        if isinstance(cell, bool):
            return cell
        word = cell_text(cell).casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(f"{cell_text(cell)!r} is not a yes/no answer")
    if column.type not in VARIABLE_TYPES:
        raise ValueError(f"unknown variable type {column.type!r}")
    if column.type == "text" or isinstance(cell, (bool, str, date)):
        return convert(cell_text(cell), column.type)
    if column.type == "integer" and isinstance(cell, float) and cell.is_integer():
        return int(cell)
    return convert(cell, column.type)


@dataclass(frozen=True)
class AnswerSpan:
    """Where one open answer sits in a respondent's document: ``[start, end)`` code points."""

    question: str
    start: int
    end: int


def respondent_text(id_label: str, id_value: str, answers: Sequence[tuple[str, str]]
                    ) -> tuple[str, list[AnswerSpan]]:
    """The document text of one respondent and the spans of its answers.

    Layout: a first line ``<id_label>: <id_value>``, then for every non-empty answer a blank
    line, the question on its own line and the answer (normalised text, surrounding white
    space removed). The text is normalised (:func:`qualcode.domain.text.normalize_text`) and
    ends with a line break; each span covers exactly its answer.
    """
    parts = [f"{normalize_text(id_label).strip()}: {normalize_text(id_value).strip()}\n"]
    position = len(parts[0])
    spans: list[AnswerSpan] = []
    for question, answer in answers:
        body = normalize_text(answer).strip()
        if not body:
            continue
        heading = " ".join(normalize_text(question).split())
        block = f"\n{heading}\n"
        parts.append(block)
        position += len(block)
        spans.append(AnswerSpan(question, position, position + len(body)))
        parts.append(body + "\n")
        position += len(body) + 1
    return "".join(parts), spans
