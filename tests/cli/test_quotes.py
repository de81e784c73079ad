"""``qualcode quotes``: representative quotes, anchors first, spread over documents."""

from __future__ import annotations

import json

from analysis_project import ABH, DIGITAL, run


def _quotes(*args):
    return json.loads(run("quotes", *args, "--format", "json").stdout)


def test_one_quote_per_document_in_segments_shape(coded_project):
    quotes = _quotes(coded_project, "--code", ABH, "--top", "5")
    # Five distinct passages (15 repeats 10) in three documents: at most three quotes.
    assert sorted(q["document"] for q in quotes) == ["A-01", "A-02", "B-01"]
    assert [q["rank"] for q in quotes] == [1, 2, 3]
    assert set(quotes[0]) >= {"id", "document", "code", "coder", "start", "end", "text",
                              "line_start", "line_end", "time", "anchor"}
    scores = [q["score"] for q in quotes]
    assert scores == sorted(scores, reverse=True)


def test_deterministic(coded_project):
    first = _quotes(coded_project, "--code", ABH)
    assert all(_quotes(coded_project, "--code", ABH) == first for _ in range(2))


def test_more_per_document_when_asked_but_never_overlapping(coded_project):
    quotes = _quotes(coded_project, "--code", ABH, "--per-document", "2")
    # 1 lies inside 13, so only one of them; A-02: 5 and 6; B-01: 10.
    assert sorted(q["id"] for q in quotes if q["document"] == "A-02") == [5, 6]
    assert len([q for q in quotes if q["document"] == "A-01"]) == 1
    assert len(quotes) == 4


def test_typicality_ranks_the_odd_one_last(coded_project):
    # Four passages name the Ausländerbehörde; 6 speaks of "Behörden" and nothing else
    # the others share, so with diversity 0 and no per-document limit it comes last.
    quotes = _quotes(coded_project, "--code", ABH, "--per-document", "0", "--diversity", "0")
    assert quotes[-1]["id"] == 6
    assert [q["typicality"] for q in quotes] == sorted((q["typicality"] for q in quotes),
                                                       reverse=True)


def test_anchor_comes_first(coded_project):
    run("anchor", coded_project, "6")
    quotes = _quotes(coded_project, "--code", ABH)
    assert quotes[0]["id"] == 6 and quotes[0]["anchor"] is True
    # A-02 has its quote (the anchor), so the others come from A-01 and B-01.
    assert sorted(q["document"] for q in quotes[1:]) == ["A-01", "B-01"]


def test_length_bounds(coded_project):
    # Only 13 has 10 words or more (15); the others have 7 or 8.
    quotes = _quotes(coded_project, "--code", ABH, "--min-words", "10")
    assert [q["id"] for q in quotes] == [13]
    result = run("quotes", coded_project, "--code", ABH, "--min-words", "10")
    assert ("1 quote(s) for ABH-Kooperation from 5 segment(s) (coders: anna, ben); 4 outside "
            "the length bounds") in result.stderr


def test_subcodes_and_coder(coded_project):
    # Digitale Beratung with subcodes: 3 (=14), 4 (3 words: too short), 8, 9, 12.
    assert sorted(q["id"] for q in _quotes(coded_project, "--code", DIGITAL, "--per-document",
                                           "0")) == [3, 8, 9, 12]
    assert [q["id"] for q in _quotes(coded_project, "--code", DIGITAL, "--no-subcodes")] == [14]
    assert [q["coder"] for q in _quotes(coded_project, "--code", ABH, "--coder", "ben")] == \
        ["ben", "ben"]


def test_markdown_with_definition_and_memo(coded_project):
    run("memo", "add", coded_project, "Oft Thema in Kreisen.", "--code", ABH)
    text = run("quotes", coded_project, "--code", ABH, "--format", "md", "--attribution", "none"
               ).stdout
    assert "*Definition:* Zusammenarbeit mit der Ausländerbehörde (ABH)." in text
    assert "*Memo:* Oft Thema in Kreisen." in text
    assert text.count("> — Z. 7, #00:00:") == 3
    assert not any(name in text for name in ("A-01", "A-02", "B-01", "kreisfreie Stadt"))


def test_unknown_code(coded_project):
    result = run("quotes", coded_project, "--code", "Nichts", ok=False)
    assert result.output.startswith("error: no code 'Nichts'")
