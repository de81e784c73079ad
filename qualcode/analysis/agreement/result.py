"""Results of an agreement analysis: one row per code and an overall row."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Statistic names, in report order (the keys of :attr:`Row.statistics` and of the JSON).
STATISTICS = ("cohen_kappa", "brennan_prediger_kappa", "krippendorff_alpha", "fleiss_kappa",
              "unitized_alpha", "unitized_alpha_binary", "unitized_alpha_cu")


@dataclass(frozen=True)
class Row:
    """Agreement for one code (``code`` is its CODEPATH) or overall (``code`` is ``None``).

    ``counts`` maps each coder to their number of ``count_of`` items (``segments`` or
    ``units``) with the code. ``agreement`` = agreements ÷ (agreements + disagreements), a
    fraction (``nan`` when both are 0). ``statistics`` holds the statistics that apply at the
    level, by the names in :data:`STATISTICS` (``nan`` when undefined).
    """

    code: str | None
    counts: dict[str, int]
    agreements: int
    disagreements: int
    statistics: dict[str, float] = field(default_factory=dict)

    @property
    def agreement(self) -> float:
        total = self.agreements + self.disagreements
        return self.agreements / total if total else float("nan")


@dataclass(frozen=True)
class AgreementResult:
    """Per-code rows and the overall row of one level, with the settings used.

    ``count_of``: ``"segments"`` (segment, frequency levels) or ``"units"``.
    ``settings``: ``unit``, ``threshold`` (percent), ``overlap``, ``k`` (codes compared),
    ``level_of_measurement`` ... as they apply; ``documents``: the compared documents' names.
    ``notes``: anything a reader of the numbers should know (one sentence each).
    """

    level: str
    coders: tuple[str, ...]
    count_of: str
    settings: dict[str, object]
    documents: list[str]
    codes: list[Row]
    overall: Row
    skipped_documents: list[str] = field(default_factory=list)
    unused_codes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def statistics(self) -> list[str]:
        """Statistic names present in this result, in :data:`STATISTICS` order."""
        present = set(self.overall.statistics)
        for row in self.codes:
            present |= set(row.statistics)
        return [name for name in STATISTICS if name in present]
