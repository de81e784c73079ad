"""Tables of the agreement review: agreement per code, and the list of disagreements."""

from __future__ import annotations

import math

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from qualcode.analysis.agreement.result import AgreementResult, Row
from qualcode.domain.disagreements import Disagreement
from qualcode.exports.agreement_wording import STATISTIC_NAMES, number

OVERALL = "__overall__"

#: Column headers of the statistics (the border subtitle names them in full).
SHORT_NAMES = {"cohen_kappa": "Cohen κ", "brennan_prediger_kappa": "B&P κ",
               "krippendorff_alpha": "Kripp. α", "fleiss_kappa": "Fleiss κ",
               "unitized_alpha": "uα", "unitized_alpha_binary": "|uα",
               "unitized_alpha_cu": "cuα"}

#: The code column is never narrower than this (cells), however little room is left.
MIN_CODE_WIDTH = 12


def percent(share: float) -> str:
    """A fraction as a percentage with one decimal; ``–`` when undefined."""
    return "–" if share is None or math.isnan(share) else f"{share * 100:.1f}"


def statistics_caption(result: AgreementResult) -> str:
    """Which statistics the table shows, with k where Brennan & Prediger's kappa is one."""
    names = [STATISTIC_NAMES["en"][s] for s in result.statistics]
    if "brennan_prediger_kappa" in result.statistics and result.settings.get("k"):
        names = [f"{n}, k = {result.settings['k']}" if "Brennan" in n else n for n in names]
    per_code = any(row.statistics for row in result.codes)
    return " · ".join(names) + ("" if per_code or not names else " (overall)")


def statistics_legend(result: AgreementResult) -> str:
    """Why a statistic column has no number for a code: the footnote under the table, ``""``
    when every cell has one.

    At the segment level Brennan & Prediger's κ = (P_obs − 1/k) ÷ (1 − 1/k) is computed over
    all k codes (MAXQDA's rule); for one code alone k = 1 and 1 − 1/k = 0, so there is no
    per-code κ. |uα and cuα are defined over all codes (Krippendorff 2019, ch. 12.6). ``–``
    marks a statistic that is undefined for the row: when both coders gave every unit the same
    value (e.g. both coded the code in every document) chance agreement is 1 and κ and α
    divide by 0; uα and cuα also when one coder's segments of different codes overlap."""
    parts = []
    overall_only = [s for s in result.statistics
                    if s in result.overall.statistics
                    and not any(s in row.statistics for row in result.codes)]
    if result.codes and overall_only:
        names = ", ".join(SHORT_NAMES[s] for s in overall_only)
        if result.level == "segment":
            parts.append(f"{names} is overall only: one code alone has k = 1, and 1 − 1/k = 0")
        else:
            parts.append(f"{names}: over all codes, overall only")
    rows = [*result.codes, result.overall]
    if any(_undefined(value) for row in rows for value in row.statistics.values()):
        parts.append("–: undefined (overlapping codes, or no variation to compare)"
                     if result.level == "unitized" else
                     "–: undefined, the coders gave every unit the same value (chance "
                     "agreement 1)")
    return "; ".join(parts)


def _undefined(value: float | None) -> bool:
    return value is None or math.isnan(value)


def short_code(path: str, room: int | None) -> str:
    """``path`` as it fits into ``room`` terminal cells: whole when it fits (or ``room`` is
    ``None``, not known yet), else shortened from the left with ``…`` (the end of a CODEPATH,
    the subcode, says most)."""
    if room is None or cell_len(path) <= room:
        return path
    room = max(room, MIN_CODE_WIDTH)
    kept = ""
    for char in reversed(path):
        if cell_len(kept) + cell_len(char) > room - 1:
            break
        kept = char + kept
    return "…" + kept


def _width(cell: object) -> int:
    """Terminal cells a table cell (``str`` or rich ``Text``) takes."""
    return cell.cell_len if isinstance(cell, Text) else cell_len(str(cell))


class ReviewTable(DataTable):
    """A table of the review that may be hidden (``display: none``) while its cursor moves.

    DataTable scrolls its cursor into view on every move; while hidden that is computed for a
    height of 0 and leaves the table scrolled past the cursor (row 1 above the top). When the
    table is shown again, the cursor is scrolled into view for the real height.

    Code paths are shortened only when they do not fit: the code column gets the width the
    other columns leave free, and the table is filled again when its width changes."""

    _width_drawn = 0

    def on_show(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.cursor_row, animate=False)

    def code_room(self, others: list[int]) -> int | None:
        """Cells left for the code column beside columns of widths ``others``; ``None``
        while the table has no width yet (hidden or not laid out)."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return None
        padding = 2 * self.cell_padding
        return width - sum(w + padding for w in others) - padding

    def clear_rows(self) -> None:
        """Remove every row and let each column shrink to its title again: DataTable's
        ``clear()`` keeps the widest cell ever shown, so after a long code path at a wider
        size the code column would stay wide and push the others off screen."""
        self.clear()
        for column in self.columns.values():
            if column.auto_width:
                column.content_width = column.label.cell_len

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width > 0 and width != self._width_drawn:
            self.refill()

    def refill(self) -> None:
        """Fill the table again from what it shows (for a new width)."""


class AgreementTable(ReviewTable):
    """Per code: items per coder, agreements, disagreements, agreement %, the statistics of
    the level, and how many of the code's disagreements are resolved; then the overall row.

    Row keys are CODEPATHs and :data:`OVERALL`; cells are strings as shown."""

    DEFAULT_CSS = """
    AgreementTable { border: round $primary-background; height: auto; }
    AgreementTable:focus { border: round $accent; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.border_title = "Agreement per code"

    _shown: tuple[AgreementResult, list[Disagreement]] | None = None

    def refill(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, result: AgreementResult, items: list[Disagreement]) -> None:
        """Fill the table from ``result``; ``items`` give the resolved counts per code."""
        self._shown = result, items
        self._width_drawn = self.scrollable_content_region.width
        row_before = self.cursor_row
        self.clear(columns=True)
        a, b = result.coders
        columns = [("Code", "code"), (a[:10], "a"), (b[:10], "b"), ("agree", "agreements"),
                   ("disagree", "disagreements"), ("%", "agreement"),
                   *((SHORT_NAMES[name], name) for name in result.statistics),
                   ("resolved", "resolved")]
        progress: dict[str | None, list[int]] = {}
        for item in items:
            for code in (item.code, None):
                counts = progress.setdefault(code, [0, 0])
                counts[0] += item.resolution is not None
                counts[1] += 1
        rows = [(self._cells(result, row, progress.get(row.code, [0, 0])),
                 row.code if row.code is not None else OVERALL)
                for row in [*result.codes, result.overall]]
        room = self.code_room([max([_width(label), *(_width(cells[i]) for cells, _ in rows)])
                               for i, (label, _) in enumerate(columns) if i])
        for cells, key in rows:
            if key != OVERALL:
                cells[0] = short_code(cells[0], room)
        # Widths fixed here, not measured by DataTable when idle: a frame drawn before that
        # (a recomputation after an undo) would be cached with the headers' widths ("Coro",
        # "3" for 33.3) and kept while the table's size stays the same.
        for index, (label, key) in enumerate(columns):
            width = max([_width(label), *(_width(cells[index]) for cells, _ in rows)])
            self.add_column(label, width=width, key=key)
        for cells, key in rows:
            self.add_row(*cells, key=key)
        self.border_title = f"Agreement per code ({result.count_of} per coder)"
        self.border_subtitle = statistics_caption(result)
        if self.row_count:
            self.move_cursor(row=min(max(row_before, 0), self.row_count - 1), animate=False)

    @staticmethod
    def _cells(result: AgreementResult, row: Row, resolved: list[int]) -> list:
        a, b = result.coders
        cells = [row.code if row.code is not None else "Overall",
                 str(row.counts[a]), str(row.counts[b]), str(row.agreements),
                 str(row.disagreements), percent(row.agreement),
                 *(number(row.statistics[s], "en") if s in row.statistics else ""
                   for s in result.statistics),
                 f"{resolved[0]}/{resolved[1]}" if resolved[1] else "–"]
        if row.code is None:
            return [Text(str(cell), style="bold") for cell in cells]
        return cells


def kind_label(item: Disagreement) -> str:
    """``boundaries 52 %``, ``only anna`` or ``only ben``."""
    if item.kind == "boundaries":
        return f"boundaries {round(item.overlap * 100)} %"
    return f"only {item.coder_a if item.kind == 'only_a' else item.coder_b}"


def resolution_label(item: Disagreement) -> str:
    """The recorded choice in words: a coder's name, ``both``, ``neither`` or ``open``."""
    return {None: "open", "a": item.coder_a, "b": item.coder_b, "both": "both",
            "neither": "neither"}[item.resolution]


def lines_label(item: Disagreement, side: str) -> str:
    segment = item.segment_a if side == "a" else item.segment_b
    if segment is None:
        return "–"
    if segment.line_start == segment.line_end:
        return str(segment.line_start)
    return f"{segment.line_start}–{segment.line_end}"


class DisagreementList(ReviewTable):
    """One row per disagreement (row key: its key ``A:B``); ↓ ↑ show one, Enter picks it."""

    DEFAULT_CSS = """
    DisagreementList { border: round $primary-background; height: auto; }
    DisagreementList:focus { border: round $accent; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.border_title = "Disagreements"
        self._items: list[Disagreement] = []
        self._room: int | None = None

    def refill(self) -> None:
        room = self._code_room(self._items)
        if room != self._room:
            self._fill(self._items, self.cursor_row)

    def _code_room(self, items: list[Disagreement]) -> int | None:
        others = [[str(len(items)), "#"], [i.document for i in items] + ["Document"],
                  [kind_label(i) for i in items] + ["Kind"],
                  [lines_label(i, "a") for i in items] + ["Z. A"],
                  [lines_label(i, "b") for i in items] + ["Z. B"],
                  # the widest the resolution can become, so a resolution keeps the room
                  [i.coder_a for i in items] + [i.coder_b for i in items]
                  + ["Resolved", "neither"]]
        return self.code_room([max(cell_len(text) for text in column) for column in others])

    def on_mount(self) -> None:
        self.add_column("#", key="number")
        self.add_column("Document", key="document")
        self.add_column("Code", key="code")
        self.add_column("Kind", key="kind")
        self.add_column("Z. A", key="lines_a")
        self.add_column("Z. B", key="lines_b")
        self.add_column("Resolved", key="resolution")

    def show(self, items: list[Disagreement], current: int) -> None:
        """List ``items`` with the cursor on row ``current``. The same disagreements as shown
        (after a resolution or an undo) only update their cells, so the cursor stays."""
        keys = [item.key for item in items]
        self._items = list(items)
        if keys == [row.value for row in self.rows] and self._code_room(items) == self._room:
            for item in items:
                self.update_resolution(item)
            self.mark(items, current)
            return
        self._fill(items, current)

    def _fill(self, items: list[Disagreement], current: int) -> None:
        self._width_drawn = self.scrollable_content_region.width
        self._room = room = self._code_room(items)
        self.clear_rows()
        for number_, item in enumerate(items, 1):
            self.add_row(str(number_), item.document, short_code(item.code, room),
                         kind_label(item), lines_label(item, "a"), lines_label(item, "b"),
                         resolution_label(item), key=item.key)
        self.mark(items, current)

    def mark(self, items: list[Disagreement], current: int) -> None:
        """Put the cursor on ``current`` and update the progress in the title."""
        resolved = sum(item.resolution is not None for item in items)
        self.border_title = f"Disagreements ({resolved} of {len(items)} resolved)"
        if 0 <= current < self.row_count and self.cursor_row != current:
            self.move_cursor(row=current, animate=False)

    def update_resolution(self, item: Disagreement) -> None:
        """Redraw the resolution cell of ``item``."""
        self.update_cell(item.key, "resolution", resolution_label(item))
