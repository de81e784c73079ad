"""Transcript structure: header variables, speaker turns, time marks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.domain.text import normalize_text
from qualcode.domain.transcript import parse_transcript

INTERVIEW = (
    "Datum: 2021-02-11\n"
    "Modus: Video\n"
    "Kommune: Kreis\n"
    "Interviewerin: I\n"
    "\n"
    "I: Wie hat sich Ihr Alltag im Büro verändert? #00:00:09-5#\n"
    "\n"
    "B: Ganz ehrlich, kaum wiederzuerkennen. //Mhm.// Die Sprechstunde fällt weg (lacht).\n"
    "Wir rufen jetzt alle zurück. #00:00:41-2#\n"
    "\n"
    "I: Und die Zusammenarbeit mit dem Jobcenter? #00:00:47-0#\n"
    "\n"
    "B: Läuft per Mail, meistens zäh. #00:01:03-8#\n"
)


def _turn_texts(text):
    structure = parse_transcript(text)
    return [(t.speaker, text[t.body_start:t.body_end]) for t in structure.turns]


def test_header_block_becomes_variables_not_turns():
    structure = parse_transcript(INTERVIEW)
    assert structure.variables == {
        "Datum": "2021-02-11", "Modus": "Video", "Kommune": "Kreis", "Interviewerin": "I"}
    assert [t.speaker for t in structure.turns] == ["I", "B", "I", "B"]


def test_turn_bodies_exclude_label_and_trailing_time_mark():
    assert _turn_texts(INTERVIEW) == [
        ("I", "Wie hat sich Ihr Alltag im Büro verändert?"),
        ("B", ("Ganz ehrlich, kaum wiederzuerkennen. //Mhm.// Die Sprechstunde fällt weg "
               "(lacht).\nWir rufen jetzt alle zurück.")),
        ("I", "Und die Zusammenarbeit mit dem Jobcenter?"),
        ("B", "Läuft per Mail, meistens zäh."),
    ]


def test_turn_spans_and_lines_include_continuation_lines():
    structure = parse_transcript(INTERVIEW)
    second = structure.turns[1]
    assert INTERVIEW[second.start:second.end].startswith("B: Ganz ehrlich")
    assert INTERVIEW[second.start:second.end].endswith("zurück. #00:00:41-2#")
    assert (second.line_start, second.line_end) == (8, 9)
    assert (structure.turns[0].line_start, structure.turns[0].line_end) == (6, 6)


def test_f4_marks_give_end_times_and_the_previous_mark_the_start():
    turns = parse_transcript(INTERVIEW).turns
    assert [t.time_mark_ms for t in turns] == [9_500, 41_200, 47_000, 63_800]
    assert [t.end_ms for t in turns] == [9_500, 41_200, 47_000, 63_800]
    assert [t.start_ms for t in turns] == [0, 9_500, 41_200, 47_000]


def test_noscribe_bracket_marks_are_turn_starts():
    text = ("S01: [00:00:12] Guten Morgen zusammen.\n\n"
            "S00: [00:00:20] Morgen.\n\n"
            "S01: [00:00:25] Gut.")
    structure = parse_transcript(text)
    assert [(t.speaker, t.start_ms) for t in structure.turns] == [
        ("S01", 12_000), ("S00", 20_000), ("S01", 25_000)]
    # Each turn ends where the next begins; the last end is unknown.
    assert [t.end_ms for t in structure.turns] == [20_000, 25_000, None]
    assert _turn_texts(text)[0] == ("S01", "Guten Morgen zusammen.")


def test_text_without_marks_has_no_times():
    turns = parse_transcript("I: Hallo?\nB: Hallo.\nI: Gut.").turns
    assert all(t.start_ms is None and t.end_ms is None and t.time_mark_ms is None for t in turns)


def test_a_label_used_once_that_is_not_conventional_is_text():
    text = ("I: Frage eins.\nB: Antwort eins.\nNachtrag: das Telefon klingelte.\n"
            "I: Frage zwei.\nB: Gut.")
    structure = parse_transcript(text)
    assert [t.speaker for t in structure.turns] == ["I", "B", "I", "B"]
    # The line belongs to the preceding turn.
    assert structure.turns[1].line_end == 3


def test_a_conventional_label_used_once_after_the_speakers_is_a_turn():
    text = "I: Wer ist noch da?\nB1: Ich.\nI: Und Sie?\nB2: Ich auch, kurz.\nI: Danke."
    assert [t.speaker for t in parse_transcript(text).turns] == ["I", "B1", "I", "B2", "I"]


def test_sentences_with_a_colon_are_not_speakers():
    text = (
        "I: Was war wichtig?\n"
        "B: Also, wie gesagt: die Fahrtkosten.\n"
        "Also, wie gesagt: die Fahrtkosten.\n"
        "Das haben wir dann mit sechs Leuten besprochen: kein Ergebnis.\n"
        "Das haben wir dann mit sechs Leuten besprochen: kein Ergebnis.\n"
        "I: Verstehe."
    )
    assert [t.speaker for t in parse_transcript(text).turns] == ["I", "B", "I"]


def test_names_with_spaces_are_speakers():
    text = "Frau Z: Guten Tag.\nHerr Y: Tag.\nFrau Z: Fangen wir an.\nHerr Y: Gern."
    assert [t.speaker for t in parse_transcript(text).turns] == [
        "Frau Z", "Herr Y", "Frau Z", "Herr Y"]


def test_an_unconventional_name_used_once_is_not_a_speaker():
    text = "I: Guten Tag.\nB: Tag.\nHerr Y: kommt später dazu.\nI: Fangen wir an."
    assert [t.speaker for t in parse_transcript(text).turns] == ["I", "B", "I"]


def test_text_without_speakers_has_no_turns_but_header_variables():
    structure = parse_transcript("Ort: Dortmund\nDauer: 45\n\nEin Protokoll, kein Dialog.")
    assert structure.turns == ()
    assert structure.variables == {"Ort": "Dortmund", "Dauer": "45"}


def test_empty_text():
    structure = parse_transcript("")
    assert structure.turns == () and structure.variables == {}


def test_a_turn_with_only_a_label_and_trailing_spaces_stays_inside_its_paragraph():
    text = "I: Erste Frage.\nB: Antwort.\nI:  \n\nB: Noch etwas."
    turns = parse_transcript(text).turns
    assert [t.speaker for t in turns] == ["I", "B", "I", "B"]
    empty = turns[2]
    assert empty.start <= empty.body_start <= empty.body_end <= empty.end
    assert text[empty.body_start:empty.body_end] == ""


def test_a_turn_holding_only_a_time_mark_has_an_empty_body():
    text = "I: Frage. #00:00:03-0#\nB: #00:00:05-0#\nI: Weiter. #00:00:09-0#\nB: Ja. #00:00:10-0#"
    turns = parse_transcript(text).turns
    assert turns[1].body_start == turns[1].body_end
    assert turns[1].time_mark_ms == 5_000


def _check_structure(text):
    structure = parse_transcript(text)
    previous_end = 0
    for turn in structure.turns:
        assert previous_end <= turn.start
        assert 0 <= turn.start <= turn.body_start <= turn.body_end <= turn.end <= len(text)
        assert 1 <= turn.line_start <= turn.line_end <= text.count("\n") + 1
        assert text.count("\n", 0, turn.start) + 1 == turn.line_start
        previous_end = turn.end
    for key, value in structure.variables.items():
        assert key and value


_fragments = st.sampled_from([
    "I:", "B:", "B1:", "S01:", "Frau Z:", "Datum:", " ", "  ", "\n", "\n\n", "Ja", "gut.",
    "#00:00:12-3#", "[00:00:12]", "#00:01:00#", "//Mhm.//", "(lacht)", ":", "a: b", "ä",
])


_lines = st.lists(_fragments, max_size=4).map("".join)


@settings(max_examples=300, database=None)
@given(st.lists(_fragments, max_size=30).map("".join))
def test_parse_never_raises_and_turns_are_ordered_disjoint_and_inside_the_text(text):
    _check_structure(text)


@settings(max_examples=300, database=None)
@given(st.lists(_lines, max_size=12).map("\n".join))
def test_turn_invariants_hold_for_line_oriented_transcripts(text):
    _check_structure(text)


@settings(database=None)
@given(st.text())
def test_parse_never_raises_on_arbitrary_normalised_text(raw):
    _check_structure(normalize_text(raw))


def test_a_paragraph_ending_with_a_time_mark_is_a_turn_even_when_its_speaker_speaks_once():
    text = ("Datum: 2021-03-02\n\nAnna: Wie lange arbeiten Sie schon hier? #00:00:04-0#\n\n"
            "Bert: Seit drei Jahren. #00:00:09-0#\n\nAnna: Und davor? #00:00:11-5#\n\n"
            "Kollegin: Da war sie in Köln. #00:00:14-0#\n")
    structure = parse_transcript(text)
    assert structure.variables == {"Datum": "2021-03-02"}
    assert [t.speaker for t in structure.turns] == ["Anna", "Bert", "Anna", "Kollegin"]


def test_known_speakers_are_turns_without_time_marks():
    text = "Anna: Wie lange schon?\n\nBert: Seit drei Jahren.\n"
    assert parse_transcript(text).turns == ()  # could be a header block
    structure = parse_transcript(text, frozenset({"Anna", "Bert"}))
    assert [t.speaker for t in structure.turns] == ["Anna", "Bert"]
