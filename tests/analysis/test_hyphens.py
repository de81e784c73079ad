"""Hyphenated words: parts, lemmas, and lexical search finding words inside them; header
lines left out of searches unless asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.analysis.hyphens import part_lemma, split_parts, word_lemma
from qualcode.analysis.search import search
from qualcode.analysis.tokens import document_tokens, header_spans
from qualcode.importers.batch import import_paths
from qualcode.store.documents import document_turns
from qualcode.store.project import Project

INTERVIEW = """Datum: 2021-03-12
Thema: Corona-Krise

I: Wie war die Corona-Krise für Sie? Und die E-Mails? #00:00:10-0#

B: Wir haben ein Videokonferenz-Tool und viele Videokonferenzen-Tools. Die neue Corona-Krisen-Management-Gruppe. E-Mail geht. #00:00:40-0#

I: Und Corona? #00:00:45-0#
"""


@pytest.mark.parametrize("word, parts", [
    ("Corona-Krise", ["Corona", "Krise"]),
    ("Corona-Krisen-Management", ["Corona", "Krisen", "Management"]),
    ("E-Mail", ["E", "Mail"]),
    ("Covid-19", ["Covid", "19"]),
    ("Corona\u2011Krise", ["Corona", "Krise"]),  # non-breaking hyphen
    ("Corona", []), ("Ein-", []), ("-ja", []),
])
def test_split_parts(word, parts):
    assert [word[s:e] for s, e in split_parts(word)] == parts


@pytest.mark.parametrize("word, lemma", [
    ("Corona-Krisen", "Corona-Krise"), ("E-Mails", "E-Mail"), ("E-Mail", "E-Mail"),
    ("Videokonferenzen-Tools", "Videokonferenzen-Tool"), ("Corona-Maßnahmen", "Corona-Maßnahme"),
    ("Corona-Status", "Corona-Status"),  # -us is no plural -s
    ("Ausländerbehörden", "Ausländerbehörde"),  # words without a hyphen: lemma_of
])
def test_word_lemma_inflects_the_last_part(word, lemma):
    assert word_lemma(word) == lemma


def test_part_lemmas():
    assert part_lemma("Krisen") == "Krise"
    assert part_lemma("Videokonferenzen") == "Videokonferenz"
    assert part_lemma("Tools") == "Tool"


@pytest.fixture
def project(tmp_path: Path):
    source = tmp_path / "Interview.txt"
    source.write_text(INTERVIEW, encoding="utf-8")
    with Project.create(tmp_path / "p.qualcode") as created:
        assert not import_paths(created, [source]).failed
        yield created


def _hits(project, query, **options):
    return [(h.line, h.text) for h in search(project, query, **options).hits]


def test_a_word_finds_the_part_of_a_hyphenated_word(project):
    assert _hits(project, "Corona") == [(4, "Corona"), (6, "Corona"), (8, "Corona")]
    assert _hits(project, "Videokonferenz") == [(6, "Videokonferenz")]
    assert _hits(project, "Management") == [(6, "Management")]


def test_a_hit_inside_a_compound_covers_the_part(project):
    hit = search(project, "Krise").hits[0]
    assert INTERVIEW[hit.start:hit.end] == "Krise"
    assert INTERVIEW[hit.start - 7:hit.end] == "Corona-Krise"
    assert hit.left.endswith("die Corona-") and hit.right.startswith(" für Sie?")


def test_lemma_search_finds_inflected_parts_and_words(project):
    assert _hits(project, "Videokonferenz", lemma=True) == [(6, "Videokonferenz"),
                                                           (6, "Videokonferenzen")]
    assert _hits(project, "E-Mail", lemma=True) == [(4, "E-Mails"), (6, "E-Mail")]
    assert _hits(project, "Tool", lemma=True) == [(6, "Tool"), (6, "Tools")]
    # The whole hyphenated query also matches a run of parts of a longer word.
    assert _hits(project, "Corona-Krise", lemma=True) == [(4, "Corona-Krise"),
                                                         (6, "Corona-Krisen")]


def test_whole_hyphenated_query_matches_the_whole_word(project):
    assert _hits(project, "Corona-Krise") == [(4, "Corona-Krise")]
    assert _hits(project, "E-Mail") == [(6, "E-Mail")]  # without --lemma forms are exact
    assert _hits(project, "corona-krisen-management-gruppe") == [
        (6, "Corona-Krisen-Management-Gruppe")]


def test_a_word_matching_whole_is_one_hit(project):
    assert _hits(project, "Corona*") == [(4, "Corona-Krise"),
                                         (6, "Corona-Krisen-Management-Gruppe"), (8, "Corona")]


def test_phrases_and_near_reach_into_hyphenated_words(project):
    assert _hits(project, '"neue Corona"') == [(6, "neue Corona")]
    assert _hits(project, '"Krise für"') == [(4, "Krise für")]
    assert _hits(project, "Tool NEAR/2 Videokonferenzen") == [
        (6, "Tool und viele Videokonferenzen")]


def test_header_lines_are_left_out_unless_asked_for(project):
    assert _hits(project, "Krise") == [(4, "Krise")]
    assert _hits(project, "Krise", include_headers=True) == [(2, "Krise"), (4, "Krise")]
    assert _hits(project, "2021") == []
    # A header word is no partner for AND either.
    assert _hits(project, "Thema AND Corona", within="document") == []
    assert len(_hits(project, "Thema AND Corona", within="document",
                     include_headers=True)) == 5


def test_header_spans_without_turns_are_the_leading_block():
    text = "Datum: 2021\nOrt: Köln\n\nWir sprachen über Corona.\nFazit: gut\n"
    assert [text[s:e] for s, e in header_spans(text, [])] == ["Datum: 2021", "Ort: Köln"]


def test_header_spans_with_turns_are_before_the_first_turn(project):
    doc = document_tokens(project)[0]
    assert [doc.text[s:e] for s, e in doc.headers] == ["Datum: 2021-03-12",
                                                      "Thema: Corona-Krise"]
    assert doc.headers == header_spans(doc.text, document_turns(project, doc.document_id))


def test_words_are_counted_whole(project):
    doc = document_tokens(project)[0]
    words = [doc.text[s:e] for s, e in zip(doc.starts, doc.ends)]
    assert "Corona-Krise" in words and "Krise" not in words
    assert [(doc.text[s:e], lemma) for _, s, e, lemma in doc.parts[:2]] == [
        ("Corona", "Corona"), ("Krise", "Krise")]
