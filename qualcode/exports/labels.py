"""Words used in reports (Markdown, DOCX, XLSX), in German (default) and English.

CSV and JSON headers are fixed English keys: they are a scripting contract, not prose.
"""

from __future__ import annotations

from qualcode.analysis.frequencies import NO_VALUE

LABELS = {
    "de": {
        "code": "Code",
        "segments": "Codierte Segmente",
        "documents": "Dokumente",
        "percent": "Dokumente (%)",
        "total": "Gesamt",
        "frequencies": "Code-Häufigkeiten",
        "quotes": "Zitate nach Themen",
        "definition": "Definition",
        "coding_rules": "Kodierregel",
        "line": "Z.",
        "coder": "Codierer*in",
        "all_coders": "alle Codierer*innen",
        "coders": "Codierer*innen",
        "rollup": "Subcodes in Obercodes eingerechnet",
        "documents_n": "Dokumente insgesamt",
        "created": "Erstellt",
        "memo": "Memo",
        "no_value": "(kein Wert)",
    },
    "en": {
        "code": "Code",
        "segments": "Coded segments",
        "documents": "Documents",
        "percent": "Documents (%)",
        "total": "Total",
        "frequencies": "Code frequencies",
        "quotes": "Quotes by theme",
        "definition": "Definition",
        "coding_rules": "Coding rule",
        "line": "l.",
        "coder": "Coder",
        "all_coders": "all coders",
        "coders": "Coders",
        "rollup": "subcodes rolled into their parents",
        "documents_n": "documents in all",
        "created": "Created",
        "memo": "Memo",
        "no_value": "(no value)",
    },
}

LANGUAGES = tuple(LABELS)


def column_label(value: str, language: str) -> str:
    """A column's value as a report prints it: the "no value" column in the report's
    language (CSV keeps the fixed key ``(no value)``), any other value as it is."""
    return LABELS[language]["no_value"] if value == NO_VALUE else value


def labels(language: str) -> dict[str, str]:
    """The label set for ``language`` (``de`` or ``en``); raises ``KeyError`` otherwise."""
    return LABELS[language]


def format_percent(value: float | None, language: str) -> str:
    """``12.5`` -> ``"12,5"`` in German, ``"12.5"`` in English; ``None`` -> ``"–"``."""
    if value is None:
        return "–"
    text = f"{value:.1f}"
    return text.replace(".", ",") if language == "de" else text


def coder_note(coder: str | None, coders: tuple[str, ...], language: str) -> str:
    """Whose segments a table counts, for its title or note: ``Codierer*in: anna`` for the
    chosen (or only) coder, ``Codierer*innen: anna, ben`` when several are counted together,
    ``Codierer*in: alle Codierer*innen`` when nobody has coded anything yet."""
    words = LABELS[language]
    if coder is not None or len(coders) == 1:
        return f"{words['coder']}: {coder or coders[0]}"
    if coders:
        return f"{words['coders']}: {', '.join(coders)}"
    return f"{words['coder']}: {words['all_coders']}"
