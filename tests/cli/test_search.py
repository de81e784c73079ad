"""``qualcode search``: words, phrases, lemmas, OR / AND / NEAR, keyword in context."""

from __future__ import annotations

import json

from analysis_project import TEXTS, run


def _hits(*args):
    return json.loads(run("search", *args, "--format", "json").stdout)


def _where(hits):
    return [(h["document"], h["line"], h["text"]) for h in hits]


def test_word_json_shape(coded_project):
    hits = _hits(coded_project, "Ausländerbehörde")
    assert _where(hits) == [("A-01", 5, "Ausländerbehörde"), ("A-01", 7, "Ausländerbehörde"),
                            ("A-02", 7, "Ausländerbehörde")]
    first = hits[0]
    text = TEXTS["A-01"]
    assert text[first["start"]:first["end"]] == "Ausländerbehörde"
    assert first["start"] == text.index("Ausländerbehörde")
    assert first["context"] == ("I: Wie läuft die Zusammenarbeit mit der Ausländerbehörde? "
                                "#00:00:10-0#")
    assert set(first) >= {"document", "start", "end", "line", "text", "context"}


def test_whole_words_case_insensitive(coded_project):
    assert len(_hits(coded_project, "ausländerbehörde")) == 3
    assert _hits(coded_project, "Ausländer") == []  # part of a word is no hit


def test_lemma_finds_inflected_forms(coded_project):
    hits = _hits(coded_project, "Ausländerbehörde", "--lemma")
    assert _where(hits) == [("A-01", 5, "Ausländerbehörde"), ("A-01", 7, "Ausländerbehörde"),
                            ("A-01", 7, "Ausländerbehörden"), ("A-02", 7, "Ausländerbehörde"),
                            ("B-01", 7, "Ausländerbehörden")]
    # The plural as query finds the singular too.
    assert len(_hits(coded_project, "Ausländerbehörden", "--lemma")) == 5
    assert _where(_hits(coded_project, "Kooperationsvereinbarung", "--lemma")) == [
        ("A-02", 7, "Kooperationsvereinbarung"), ("B-01", 5, "Kooperationsvereinbarungen"),
        ("B-01", 7, "Kooperationsvereinbarungen")]
    # Behörde is another lemma than Ausländerbehörde.
    assert _where(_hits(coded_project, "Behörde", "--lemma")) == [("A-02", 5, "Behörden"),
                                                            ("A-02", 7, "Behörden")]


def test_lemma_of_verbs(coded_project):
    # "beraten" (B-01 line 11) and "beraten" (I: A-01 line 9, A-02 line 9).
    assert [h["line"] for h in _hits(coded_project, "berät", "--lemma")] == [9, 9, 11]


def test_wildcard(coded_project):
    assert len(_hits(coded_project, "Ausländer*")) == 5


def test_phrase(coded_project):
    assert _where(_hits(coded_project, '"per Video"')) == [
        ("A-01", 11, "per Video"), ("A-02", 11, "per Video"), ("A-02", 11, "per Video")]


def test_header_lines_only_with_include_headers(coded_project):
    # Telefon: A-01 and B-01 line 11; the headers of A-01 and B-02 ("Modus: Telefon") only
    # with --include-headers.
    assert _where(_hits(coded_project, "Telefon OR WhatsApp")) == [
        ("A-01", 11, "Telefon"), ("A-02", 11, "WhatsApp"), ("B-01", 11, "Telefon")]
    assert _where(_hits(coded_project, "Telefon OR WhatsApp", "--include-headers")) == [
        ("A-01", 2, "Telefon"), ("A-01", 11, "Telefon"), ("A-02", 11, "WhatsApp"),
        ("B-01", 11, "Telefon"), ("B-02", 2, "Telefon")]


def test_and_within_a_turn_or_a_sentence(coded_project):
    assert _where(_hits(coded_project, "Corona AND Ausländerbehörde")) == [
        ("A-01", 7, "Ausländerbehörde"), ("A-01", 7, "Corona"),
        ("A-02", 7, "Ausländerbehörde"), ("A-02", 7, "Corona")]
    assert len(_hits(coded_project, "Corona Ausländerbehörde", "--lemma")) == 7  # AND implied
    assert _hits(coded_project, "Corona AND Ausländerbehörde", "--within", "sentence") == []


def test_near(coded_project):
    assert _where(_hits(coded_project, "Beratung NEAR/3 Video")) == [
        ("A-02", 11, "Beratung per Video")]
    # 6 words lie between Beratung and Video in A-01; in A-02 the first Video is 4 away.
    assert _where(_hits(coded_project, "Beratung NEAR/6 Video")) == [
        ("A-01", 11, "Beratung läuft jetzt per Telefon und per Video"),
        ("A-02", 11, "Video, manchmal per WhatsApp. Die Beratung"),
        ("A-02", 11, "Beratung per Video")]


def test_document_and_speaker_filters(coded_project):
    assert _where(_hits(coded_project, "Ausländerbehörde", "--document", "A-02")) == [
        ("A-02", 7, "Ausländerbehörde")]
    assert [h["line"] for h in _hits(coded_project, "Ausländerbehörde", "--speaker", "B")] == [7, 7]


def test_speaker_labels_and_time_marks_are_not_words(coded_project):
    assert _hits(coded_project, "B") == []
    assert _hits(coded_project, "00") == []


def test_table_is_keyword_in_context(coded_project):
    result = run("search", coded_project, "Ausländerbehörde", "--document", "A-02")
    assert result.stdout == ("A-02:7\tB: Die [Ausländerbehörde] schreibt die jungen Leute "
                             "selbst an. M…\n")
    assert "1 hit(s) in 1 of 1 document(s)" in result.stderr


def test_csv(coded_project):
    lines = run("search", coded_project, "WhatsApp", "--format", "csv").stdout.splitlines()
    assert lines[0] == "document,line,start,end,speaker,text,context"
    assert lines[1].startswith("A-02,11,")


def test_malformed_query_is_a_one_line_error(coded_project):
    for query in ("", "Corona AND", "(Corona", "OR Video"):
        result = run("search", coded_project, query, ok=False)
        assert result.output.startswith("error: "), query
        assert result.output.count("\n") == 1


def test_words_inside_hyphenated_words(tmp_path):
    source = tmp_path / "Interview.txt"
    source.write_text("Datum: 2021-03-12\nThema: Corona-Krise\n\n"
                      "I: Wie war die Corona-Krise? #00:00:10-0#\n\n"
                      "B: Per E-Mails und im Videokonferenz-Tool. #00:00:40-0#\n\n"
                      "I: Und Corona? #00:00:45-0#\n", encoding="utf-8")
    project = tmp_path / "p.qualcode"
    run("init", project)
    run("import", project, source)
    hits = _hits(project, "Corona")
    assert [(h["line"], h["text"]) for h in hits] == [(4, "Corona"), (8, "Corona")]
    text = source.read_text(encoding="utf-8")
    assert text[hits[0]["start"]:hits[0]["end"]] == "Corona"  # the part, not Corona-Krise
    assert [h["text"] for h in _hits(project, "E-Mail", "--lemma")] == ["E-Mails"]
    assert [h["text"] for h in _hits(project, "Videokonferenz")] == ["Videokonferenz"]
    assert [h["text"] for h in _hits(project, "Corona-Krise")] == ["Corona-Krise"]
    assert [h["line"] for h in _hits(project, "Krise", "--include-headers")] == [2, 4]
    table = run("search", project, "Krise")
    assert table.stdout == "Interview:4\tI: Wie war die Corona-[Krise]? #00:00:10-0#\n"
