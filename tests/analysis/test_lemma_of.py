"""German lemmas: the lookup table of spacy-lookups-data plus compounds and regular plurals."""

from __future__ import annotations

import pytest

from qualcode.analysis.nlp import german_pipeline, lemma_of


@pytest.mark.parametrize("word, lemma", [
    # In the lookup table.
    ("Behörden", "Behörde"), ("Gesprächen", "Gespräch"), ("Kommunen", "Kommune"),
    ("geholfen", "helfen"), ("telefonierten", "telefonieren"), ("Trägern", "Träger"),
    # Base forms stay.
    ("Behörde", "Behörde"), ("Ausländerbehörde", "Ausländerbehörde"),
    # Compounds inflect on their last element.
    ("Ausländerbehörden", "Ausländerbehörde"), ("Bündniskerngruppen", "Bündniskerngruppe"),
    ("Förderbausteinen", "Förderbaustein"), ("Sprachkursen", "Sprachkurs"),
    ("Jugendämter", "Jugendamt"), ("Corona-Maßnahmen", "Corona-Maßnahme"),
    ("WhatsApp-Gruppen", "WhatsApp-Gruppe"),
    # Regular plurals of derivational suffixes.
    ("Kooperationsvereinbarungen", "Kooperationsvereinbarung"),
    ("Ermessensduldungen", "Ermessensduldung"),
    ("Teilhabemanagerinnen", "Teilhabemanagerin"),
    # Unknown words stay as they are.
    ("ABH", "ABH"), ("FB1", "FB1"),
])
def test_lemma(word, lemma):
    assert lemma_of(word) == lemma


def test_lower_case_query_words():
    assert lemma_of("ausländerbehörden").casefold() == "ausländerbehörde"
    assert lemma_of("behörden") == "Behörde"


def test_pipeline_has_the_lookup_lemmatizer():
    nlp = german_pipeline()
    assert nlp.lang == "de"
    assert nlp.pipe_names == ["sentencizer", "lemmatizer"]
    assert nlp.get_pipe("lemmatizer").mode == "lookup"
    assert [t.lemma_ for t in nlp("Die Behörden haben geholfen")] == ["der", "Behörde",
                                                                     "haben", "helfen"]
    assert german_pipeline() is nlp  # loaded once
