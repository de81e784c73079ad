"""Words and sentences of the agreement report, worded for a methods section (de, en).

Every sentence says which statistic, which unit, which threshold and how many documents, so
that the report can go into a methods section as it is.
"""

from __future__ import annotations

from qualcode.analysis.agreement.result import AgreementResult

TITLES = {"de": "Intercoder-Übereinstimmung", "en": "Intercoder agreement"}

WORDS = {
    "de": {
        "method": "Vorgehen", "results": "Ergebnisse", "references": "Literatur",
        "notes": "Hinweise", "code": "Code", "overall": "Gesamt", "agreements":
        "Übereinstimmungen", "disagreements": "Nichtübereinstimmungen", "agreement":
        "Übereinstimmung (%)", "segments": "Segmente", "units": "Einheiten", "settings":
        "Einstellungen", "value": "Wert", "and": "und", "documents": "Dokumente",
        "skipped": "Nicht verglichen (nicht von allen Codierer*innen codiert)",
        "unused": "Ausgewählt, aber von niemandem vergeben", "undefined": "nicht definiert",
        "level": "Ebene", "coders": "Codierer*innen",
    },
    "en": {
        "method": "Method", "results": "Results", "references": "References", "notes": "Notes",
        "code": "Code", "overall": "Overall", "agreements": "Agreements", "disagreements":
        "Disagreements", "agreement": "Agreement (%)", "segments": "Segments", "units":
        "Units", "settings": "Settings", "value": "Value", "and": "and", "documents":
        "Documents", "skipped": "Not compared (not coded by every coder)",
        "unused": "Selected but applied by nobody", "undefined": "undefined",
        "level": "Level", "coders": "Coders",
    },
}

STATISTIC_NAMES = {
    "de": {"cohen_kappa": "Cohens κ", "brennan_prediger_kappa": "κ (Brennan & Prediger)",
           "krippendorff_alpha": "Krippendorffs α", "fleiss_kappa": "Fleiss' κ",
           "unitized_alpha": "uα", "unitized_alpha_binary": "|uα", "unitized_alpha_cu": "cuα"},
    "en": {"cohen_kappa": "Cohen's κ", "brennan_prediger_kappa": "κ (Brennan & Prediger)",
           "krippendorff_alpha": "Krippendorff's α", "fleiss_kappa": "Fleiss' κ",
           "unitized_alpha": "uα", "unitized_alpha_binary": "|uα", "unitized_alpha_cu": "cuα"},
}

REFERENCES = {
    "brennan_prediger_kappa": "Brennan, R. L., & Prediger, D. J. (1981). Coefficient kappa: "
    "Some uses, misuses, and alternatives. *Educational and Psychological Measurement, 41*(3), "
    "687–699.",
    "cohen_kappa": "Cohen, J. (1960). A coefficient of agreement for nominal scales. "
    "*Educational and Psychological Measurement, 20*(1), 37–46.",
    "fleiss_kappa": "Fleiss, J. L. (1971). Measuring nominal scale agreement among many "
    "raters. *Psychological Bulletin, 76*(5), 378–382.",
    "krippendorff_alpha": "Krippendorff, K. (2019). *Content analysis: An introduction to its "
    "methodology* (4th ed.). Sage.",
    "unitized_alpha": "Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016). On the "
    "reliability of unitizing textual continua: Further developments. *Quality & Quantity, "
    "50*(6), 2347–2364.",
}

_UNIT_NAMES = {
    "de": {"sentence": "Sätze", "turn": "Sprecherbeiträge", "character": "Zeichen",
           "document": "Dokumente"},
    "en": {"sentence": "sentences", "turn": "speaker turns", "character": "characters",
           "document": "documents"},
}


def number(value: float | None, language: str, digits: int = 3) -> str:
    """A statistic with ``digits`` decimals, decimal comma in German; ``–`` when undefined."""
    if value is None or value != value:
        return "–"
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if language == "de" else text


def _join(names: list[str], language: str) -> str:
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {WORDS[language]['and']} " + names[-1]


def _overview(result: AgreementResult, language: str) -> str:
    n_docs, n_codes = len(result.documents), len(result.codes)
    coders = _join(list(result.coders), language)
    if language == "de":
        return (f"Verglichen wurden die Codierungen von {coders} in {n_docs} "
                f"Dokument{'en' if n_docs != 1 else ''} für {n_codes} "
                f"Code{'s' if n_codes != 1 else ''}.")
    return (f"We compared the codings of {coders} in {n_docs} document"
            f"{'s' if n_docs != 1 else ''} for {n_codes} code{'s' if n_codes != 1 else ''}.")


def _level_text(result: AgreementResult, language: str) -> str:
    s, many = result.settings, len(result.coders) > 2
    de = language == "de"
    if result.level == "document":
        return ("Auf Dokumentebene zählt für jeden Code und jedes Dokument, ob der Code "
                "vergeben wurde; eine Übereinstimmung liegt vor, wenn alle Codierer*innen ihn "
                "vergeben oder alle ihn nicht vergeben haben." if de else
                "At the document level, each code counts as present or absent in each "
                "document; the coders agree when all of them applied it or none did.")
    if result.level == "frequency":
        return ("Auf Häufigkeitsebene zählt für jeden Code und jedes Dokument die Anzahl der "
                "codierten Segmente; eine Übereinstimmung liegt bei gleicher Anzahl vor. "
                "Krippendorffs α wird auf Intervallskalenniveau berechnet (Krippendorff 2019)."
                if de else
                "At the frequency level, the number of coded segments per code and document "
                "is compared; equal numbers agree. Krippendorff's α is computed at the "
                "interval level (Krippendorff 2019).")
    if result.level == "segment":
        threshold = number(float(s["threshold"]), language, 0 if float(s["threshold"]).is_integer()
                           else 1)
        shorter = s["overlap"] == "shorter"
        if de:
            whole = "die Zeichen des kürzeren Segments" if shorter else \
                "die von mindestens einem der beiden Segmente abgedeckten Zeichen"
            return (f"Auf Segmentebene (Verfahren wie in MAXQDA) gilt ein Segment als "
                    f"übereinstimmend, wenn die andere Person im selben Dokument ein Segment "
                    f"mit demselben Code vergeben hat, das sich mit ihm zu mindestens "
                    f"{threshold} % überschneidet (gemeinsame Zeichen geteilt durch {whole}). "
                    f"Geprüft wurden alle Segmente beider Personen, ein übereinstimmendes Paar "
                    f"zählt daher zweimal; Übereinstimmung = Übereinstimmungen ÷ "
                    f"(Übereinstimmungen + Nichtübereinstimmungen). Zufallskorrigiert wird κ "
                    f"nach Brennan und Prediger (1981) berichtet, κ = (P_obs − 1/k) ÷ (1 − 1/k), "
                    f"mit k = {s['k']} (Zahl der verglichenen Codes).")
        whole = "the characters of the shorter segment" if shorter else \
            "the characters covered by either segment"
        return (f"At the segment level (as in MAXQDA), a segment agrees when the other coder "
                f"applied the same code to a segment of the same document that overlaps it by "
                f"at least {threshold} % (characters shared divided by {whole}). Every segment "
                f"of both coders was checked, so a matched pair counts twice; agreement = "
                f"agreements ÷ (agreements + disagreements). Corrected for chance, we report "
                f"Brennan and Prediger's (1981) κ = (P_obs − 1/k) ÷ (1 − 1/k) with k = {s['k']} "
                f"(the number of codes compared).")
    if result.level == "unit":
        unit = _UNIT_NAMES[language][str(s["unit"])]
        how = ({"sentence": " (Satzgrenzen regelbasiert mit dem Sentencizer von spaCy; ein "
                            "Satz endet spätestens am Zeilenende; Kopfzeilen mit "
                            "Dokumentvariablen wie „Datum: …“ zählen nicht als Einheiten)",
                "turn": " (ein Sprecherbeitrag reicht vom Sprecherkürzel bis vor das nächste)",
                "character": ""} if de else
               {"sentence": " (rule-based sentence boundaries, spaCy's sentencizer; a sentence "
                            "ends at the latest at the end of its line; header lines holding "
                            "document variables such as “Datum: …” are not units)",
                "turn": " (a turn runs from its speaker label to the next one)",
                "character": ""})[str(s["unit"])]
        if de:
            stats = ("Fleiss' κ (Fleiss 1971) und Krippendorffs α (nominal; Krippendorff 2019)"
                     if many else "Cohens κ (Cohen 1960), κ nach Brennan und Prediger (1981) "
                     "mit k = 2 (codiert/nicht codiert) und Krippendorffs α (nominal; "
                     "Krippendorff 2019)")
            return (f"Einheiten der Analyse sind {unit}{how}: {s['units']} Einheiten. Eine "
                    f"Einheit gilt als mit einem Code codiert, wenn ein Segment der Person mit "
                    f"diesem Code sie um mindestens ein Zeichen überlappt. Je Code und gepoolt "
                    f"über alle Codes werden die prozentuale Übereinstimmung sowie {stats} "
                    f"berichtet.")
        stats = ("Fleiss' κ (Fleiss 1971) and Krippendorff's α (nominal; Krippendorff 2019)"
                 if many else "Cohen's κ (Cohen 1960), Brennan and Prediger's (1981) κ with "
                 "k = 2 (coded/not coded) and Krippendorff's α (nominal; Krippendorff 2019)")
        return (f"The units of analysis are {unit}{how}: {s['units']} units. A unit counts as "
                f"coded with a code when one of the coder's segments with that code overlaps "
                f"it by at least one character. Per code and pooled over all codes we report "
                f"percent agreement, {stats}.")
    if de:
        return (f"Krippendorffs α für die Unitisierung (Krippendorff et al. 2016; Krippendorff "
                f"2019, Kap. 12.6) wurde über das Zeichen-Kontinuum der Dokumente berechnet "
                f"({s['continuum']} Zeichen): je Code uα (Code gegen nicht codierten Text), "
                f"über alle Codes |uα (relevanter gegen nicht relevanten Text), uα "
                f"(Abgrenzung und Code zugleich) und cuα (nur die Codes: verglichen wird Text, "
                f"den {'je zwei' if many else 'beide'} Personen codiert haben, "
                f"{'über alle Paare von Personen' if many else 'wo sich ihre Segmente überschneiden'}"
                f"). Übereinstimmungen und Nichtübereinstimmungen zählen Zeichen: jedes Zeichen "
                f"wird für jedes Paar von Personen verglichen.")
    return (f"Krippendorff's alpha for unitizing (Krippendorff et al. 2016; Krippendorff 2019, "
            f"ch. 12.6) was computed over the character continuum of the documents "
            f"({s['continuum']} characters): per code uα (the code against uncoded text), over "
            f"all codes |uα (relevant against irrelevant text), uα (boundaries and codes "
            f"together) and cuα (the codes only: it compares the text that "
            f"{'two coders' if many else 'both coders'} coded, where their segments "
            f"intersect{', over every pair of coders' if many else ''}). Agreements and "
            f"disagreements count characters, each compared for every pair of coders.")


def methods_paragraph(result: AgreementResult, language: str) -> str:
    """The report's method paragraph."""
    return _overview(result, language) + " " + _level_text(result, language)


def results_sentence(result: AgreementResult, language: str) -> str:
    """Overall agreement and statistics in one sentence."""
    overall = result.overall
    names = STATISTIC_NAMES[language]
    total = overall.agreements + overall.disagreements
    share = number(overall.agreement * 100 if total else None, language, 1)
    parts = [f"{names[k]} = {number(v, language)}" for k, v in overall.statistics.items()]
    if language == "de":
        head = (f"Insgesamt beträgt die Übereinstimmung {share} % ({overall.agreements} von "
                f"{total})")
    else:
        head = f"Overall agreement is {share} % ({overall.agreements} of {total})"
    return head + ("; " + "; ".join(parts) if parts else "") + "."


def references(result: AgreementResult) -> list[str]:
    """References for the statistics in the report, alphabetical."""
    keys = {k if not k.startswith("unitized_alpha") else "unitized_alpha"
            for k in result.statistics}
    if result.level == "frequency" or result.level == "unitized":
        keys.add("krippendorff_alpha")
    return sorted(REFERENCES[k] for k in keys)
