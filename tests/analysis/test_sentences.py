"""Sentence spans of stored text (spaCy's rule-based sentencizer, German)."""

from __future__ import annotations

from agreement_project import INTERVIEW_A

from qualcode.analysis.sentences import sentence_spans


def texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in sentence_spans(text)]


def test_sentences_of_a_transcript():
    assert texts(INTERVIEW_A) == [
        "Datum: 2021-03-01",
        "I: Wie hat sich die Beratung im Frühjahr verändert?",
        "B: Wir haben fast alles ans Telefon verlegt.",
        "Persönliche Termine gab es kaum noch.",
        "Die Jugendlichen haben das erstaunlich gut mitgemacht.",
        "I: Und die Zusammenarbeit mit dem Amt?",
        "B: Die lief schleppend.",
        "Anträge blieben wochenlang liegen.",
        "Erst im Sommer wurde es besser.",
    ]


def test_never_across_a_line_and_time_marks_left_out():
    text = "B: Das war //mhm// so (lacht)\nI: Und dann? #00:01:02-3#\n"
    assert texts(text) == ["B: Das war //mhm// so (lacht)", "I: Und dann?"]


def test_abbreviations_do_not_end_a_sentence():
    assert texts("Wir nutzen z. B. Messenger. Das klappt.") == [
        "Wir nutzen z. B. Messenger.", "Das klappt."]


def test_offsets_are_code_points_of_the_text():
    text = "  Größe über Maß. Straße!\n\nÄrger?"
    spans = sentence_spans(text)
    assert [(s.start, s.end) for s in spans] == [(2, 17), (18, 25), (27, 33)]
    assert sentence_spans("") == [] and sentence_spans("\n \n") == []
