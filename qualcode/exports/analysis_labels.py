"""Report words for the analyses (matrix, co-occurrence, crosstab, search, quotes, report),
German (default) and English. The general words are in :mod:`qualcode.exports.labels`."""

from __future__ import annotations

from qualcode.exports.labels import labels as base_labels

_LABELS = {
    "de": {
        "matrix": "Code-Matrix",
        "cooccurrence": "Code-Relationen",
        "crosstab": "Kreuztabelle",
        "chart_frequencies": "Codierte Segmente je Code",
        "chart_documents": "Dokumente je Code",
        "by_document": "Dokumente",
        "by_group": "Dokumentgruppen",
        "count": "Anzahl",
        "presence": "vorhanden (1/0)",
        "row-percent": "Zeilenprozente",
        "column-percent": "Spaltenprozente",
        "unit_segments": "codierte Segmente",
        "unit_documents": "Dokumente (je Dokument einmal gezählt)",
        "unit_pairs": "Segmentpaare",
        "within_overlap": "überlappende Segmente",
        "within_turn": "im selben Sprecherbeitrag",
        "within_distance": "im Abstand von höchstens {n} Zeichen",
        "mentions": "Nennungen",
        "documents_with": "Dokumente",
        "percent_of_n": "% von n",
        "representative": "Repräsentative Zitate",
        "anchor": "Ankerbeispiel",
        "memos": "Memos",
        "document_memos": "Memos zu Dokumenten",
        "report": "Auswertung",
        "total": "Gesamt",
        "values": "Werte",
        "quotes_top": "Die {n} typischsten Zitate je Code",
        "no_data": "keine Daten",
    },
    "en": {
        "matrix": "Code matrix",
        "cooccurrence": "Code relations",
        "crosstab": "Crosstab",
        "chart_frequencies": "Coded segments per code",
        "chart_documents": "Documents per code",
        "by_document": "Documents",
        "by_group": "Document groups",
        "count": "count",
        "presence": "presence (1/0)",
        "row-percent": "row percentages",
        "column-percent": "column percentages",
        "unit_segments": "coded segments",
        "unit_documents": "documents (each counted once)",
        "unit_pairs": "pairs of segments",
        "within_overlap": "overlapping segments",
        "within_turn": "in the same speaker turn",
        "within_distance": "at most {n} characters apart",
        "mentions": "Mentions",
        "documents_with": "Documents",
        "percent_of_n": "% of n",
        "representative": "Representative quotes",
        "anchor": "Anchor example",
        "memos": "Memos",
        "document_memos": "Document memos",
        "report": "Analysis",
        "total": "Total",
        "values": "Values",
        "quotes_top": "The {n} most typical quotes per code",
        "no_data": "no data",
    },
}


def words(language: str) -> dict[str, str]:
    """The general labels of :mod:`qualcode.exports.labels` plus the analysis labels."""
    return {**base_labels(language), **_LABELS[language]}
