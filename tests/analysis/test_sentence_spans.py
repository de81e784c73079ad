"""Sentence splitting of transcript text (spans in code points)."""

from __future__ import annotations

from qualcode.analysis.sentences import sentence_spans


def _sentences(text):
    return [text[s:e] for s, e in sentence_spans(text)]


def test_turn_with_laughter_and_time_mark():
    text = ("B: Mit der Ausländerbehörde telefonieren wir jede Woche. Die Ausländerbehörden "
            "im Kreis sind aber unterschiedlich offen. (lacht) Seit Corona ist vieles "
            "langsamer geworden. #00:00:40-0#")
    assert _sentences(text) == [
        "B: Mit der Ausländerbehörde telefonieren wir jede Woche.",
        "Die Ausländerbehörden im Kreis sind aber unterschiedlich offen.",
        "(lacht) Seit Corona ist vieles langsamer geworden.",  # the time mark is not speech
    ]


def test_notation_after_the_last_sentence_belongs_to_it():
    assert _sentences("B: Dann hat alles zugemacht. (lacht) #00:00:59-8#") == [
        "B: Dann hat alles zugemacht. (lacht)"]


def test_pauses_omissions_and_abbreviations_do_not_end_a_sentence():
    text = "B: Wir sind vier, (.) zwei bei der Stadt (unv.) und [...] z.B. im Jan. dabei. Gut."
    assert _sentences(text) == [
        "B: Wir sind vier, (.) zwei bei der Stadt (unv.) und [...] z.B. im Jan. dabei.",
        "Gut."]


def test_never_across_lines_and_never_whitespace_at_the_ends():
    text = "I: Und dann\n\nB:  Ja.  Genau so  \n"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["I: Und dann", "B:  Ja.", "Genau so"]
    assert spans[0] == (0, 11)


def test_empty_text():
    assert sentence_spans("") == []
    assert sentence_spans("\n\n  \n") == []
