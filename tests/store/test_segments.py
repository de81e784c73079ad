"""Coded segments: coding, locating text, retrieval with lines and time marks, autocoding."""

from __future__ import annotations

import pytest

from qualcode.domain.errors import ConflictError, InputError, NotFoundError
from qualcode.domain.models import NewDocument
from qualcode.domain.text import normalize_text
from qualcode.domain.transcript import parse_transcript
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import add_code, get_code
from qualcode.store.documents import add_document
from qualcode.store.project import Project
from qualcode.store.segments import (
    SegmentFilter,
    add_segment,
    autocode_speaker,
    code_ids_for,
    count_segments,
    get_segment,
    locate,
    query_segments,
    remove_segment,
    update_segment,
)

F4 = (
    "Datum: 2021-05-03\n"                                         # line 1
    "\n"                                                          # line 2
    "I: Wie erreichen Sie die Leute gerade? #00:00:05-0#\n"       # line 3
    "\n"                                                          # line 4
    "B: Meistens per Telefon. Manchmal per Video.\n"              # line 5
    "Und wenn gar nichts geht, per Brief. #00:00:21-5#\n"         # line 6
    "\n"                                                          # line 7
    "I: Klappt das mit dem Telefon? #00:00:24-0#\n"               # line 8
    "\n"                                                          # line 9
    "B: Meistens, ja. #00:00:27-3#\n"                             # line 10
)
NOSCRIBE = "S00: [00:00:03] Hallo zusammen.\n\nS01: [00:00:07] Hallo, schön dass es klappt.\n"
PLAIN = "Ein Protokoll ohne Zeitmarken.\nZweite Zeile mit Telefon."


def _new(name, text):
    text = normalize_text(text)
    return NewDocument(name, text, f"{name}.txt", "txt", "UTF-8", parse_transcript(text))


@pytest.fixture
def project(project_path):
    project = Project.create(project_path)
    yield project
    project.close()


@pytest.fixture
def setup(project):
    docs = {
        "F4": add_document(project, _new("F4", F4), group="Interviews"),
        "NS": add_document(project, _new("NS", NOSCRIBE), group="Interviews"),
        "PL": add_document(project, _new("PL", PLAIN), group="Protokolle"),
    }
    add_code(project, "Kontaktwege/Telefon")
    add_code(project, "Kontaktwege/Brief")
    add_code(project, "Begrüßung")
    coders = {"kim": ensure_coder(project, "kim"), "lena": ensure_coder(project, "lena")}
    return project, docs, coders


def _span(text, needle):
    start = text.index(needle)
    return start, start + len(needle)


def test_add_segment_and_read_it_back(setup):
    project, docs, coders = setup
    code = get_code(project, "Kontaktwege/Telefon")
    start, end = _span(F4, "Meistens per Telefon.")
    segment_id = add_segment(project, docs["F4"], code, coders["kim"], start, end,
                             comment="Hauptweg", weight=80)
    segment = get_segment(project, segment_id)
    assert segment.text == "Meistens per Telefon."
    assert (segment.document, segment.code, segment.coder) == ("F4", "Kontaktwege/Telefon", "kim")
    assert (segment.start, segment.end) == (start, end)
    assert (segment.comment, segment.weight, segment.anchor) == ("Hauptweg", 80, False)
    assert segment.group == "Interviews"
    assert segment.guid and segment.created and segment.modified


def test_segment_line_numbers_are_1_based_and_count_blank_lines(setup):
    project, docs, coders = setup
    code = get_code(project, "Kontaktwege/Brief")
    one = add_segment(project, docs["F4"], code, coders["kim"], *_span(F4, "per Brief"))
    start, _ = _span(F4, "Manchmal per Video.")
    _, end = _span(F4, "per Brief.")
    two = add_segment(project, docs["F4"], code, coders["kim"], start, end)
    assert (get_segment(project, one).line_start, get_segment(project, one).line_end) == (6, 6)
    assert (get_segment(project, two).line_start, get_segment(project, two).line_end) == (5, 6)


def test_time_is_the_start_of_the_segments_turn(setup):
    project, docs, coders = setup
    code = get_code(project, "Kontaktwege/Telefon")
    kim = coders["kim"]
    # Second turn: started at the first turn's end mark.
    in_b = add_segment(project, docs["F4"], code, kim, *_span(F4, "per Brief"))
    in_first = add_segment(project, docs["F4"], code, kim, *_span(F4, "Wie erreichen"))
    in_header = add_segment(project, docs["F4"], code, kim, *_span(F4, "2021-05-03"))
    last = add_segment(project, docs["F4"], code, kim, *_span(F4, "Meistens, ja."))
    assert get_segment(project, in_b).time_ms == 5_000
    assert get_segment(project, in_first).time_ms == 0
    assert get_segment(project, in_header).time_ms is None
    assert get_segment(project, last).time_ms == 24_000

    noscribe = add_segment(project, docs["NS"], code, kim, *_span(NOSCRIBE, "schön dass"))
    assert get_segment(project, noscribe).time_ms == 7_000
    plain = add_segment(project, docs["PL"], code, kim, *_span(PLAIN, "Telefon"))
    assert get_segment(project, plain).time_ms is None


def test_invalid_spans_and_weights_are_refused(setup):
    project, docs, coders = setup
    code = get_code(project, "Begrüßung")
    n = docs["PL"].characters
    for start, end in ((0, 0), (5, 3), (-1, 2), (0, n + 1)):
        with pytest.raises(InputError):
            add_segment(project, docs["PL"], code, coders["kim"], start, end)
    with pytest.raises(InputError):
        add_segment(project, docs["PL"], code, coders["kim"], 0, 3, weight=101)
    assert query_segments(project) == []
    # The whole text is a valid span.
    add_segment(project, docs["PL"], code, coders["kim"], 0, n)


def test_the_same_coding_twice_is_a_conflict_but_another_coder_may_code_it(setup):
    project, docs, coders = setup
    code = get_code(project, "Begrüßung")
    add_segment(project, docs["NS"], code, coders["kim"], 0, 10)
    with pytest.raises(ConflictError) as error:
        add_segment(project, docs["NS"], code, coders["kim"], 0, 10)
    assert "kim" in str(error.value)
    add_segment(project, docs["NS"], code, coders["lena"], 0, 10)
    add_segment(project, docs["NS"], get_code(project, "Kontaktwege"), coders["kim"], 0, 10)
    assert len(query_segments(project)) == 3


def test_locate_finds_the_one_occurrence(setup):
    project, docs, _ = setup
    assert locate(project, docs["F4"], "per Brief") == _span(F4, "per Brief")


def test_locate_matches_decomposed_input_against_stored_nfc_text(setup):
    project, docs, _ = setup
    assert locate(project, docs["NS"], "scho\u0308n dass") == _span(NOSCRIBE, "schön dass")


def test_locate_reports_a_missing_text(setup):
    project, docs, _ = setup
    with pytest.raises(NotFoundError) as error:
        locate(project, docs["F4"], "per Fax")
    assert "F4" in str(error.value) and "per Fax" in str(error.value)
    with pytest.raises(InputError):
        locate(project, docs["F4"], "   ")


def test_locate_lists_every_occurrence_with_line_and_offset(setup):
    project, docs, _ = setup
    with pytest.raises(ConflictError) as error:
        locate(project, docs["F4"], "Meistens")
    message = str(error.value)
    first, second = F4.index("Meistens"), F4.index("Meistens, ja")
    assert "2 times" in message
    assert f"line 5 (offset {first})" in message
    assert f"line 10 (offset {second})" in message
    assert "\n" not in message


def test_query_filters(setup):
    project, docs, coders = setup
    phone = get_code(project, "Kontaktwege/Telefon")
    letter = get_code(project, "Kontaktwege/Brief")
    hello = get_code(project, "Begrüßung")
    a = add_segment(project, docs["F4"], phone, coders["kim"], *_span(F4, "per Telefon"))
    b = add_segment(project, docs["F4"], letter, coders["lena"], *_span(F4, "per Brief"))
    c = add_segment(project, docs["NS"], hello, coders["kim"], *_span(NOSCRIBE, "Hallo zusammen"))
    d = add_segment(project, docs["PL"], phone, coders["lena"], *_span(PLAIN, "Telefon"))

    def ids(**kwargs):
        return [s.id for s in query_segments(project, SegmentFilter(**kwargs))]

    assert ids() == [a, b, c, d]  # document order, then position
    assert ids(coder="kim") == [a, c]
    assert ids(group="Protokolle") == [d]
    assert ids(document_ids=(docs["F4"].id,)) == [a, b]
    assert ids(code_ids=code_ids_for(project, ["Kontaktwege"])) == [a, b, d]
    assert ids(code_ids=code_ids_for(project, ["Kontaktwege"], subcodes=False)) == []
    assert ids(code_ids=code_ids_for(project, ["Kontaktwege/Telefon"]), coder="lena") == [d]
    assert ids(segment_ids=(b, c)) == [b, c]
    assert ids(coder="niemand") == []


def test_order_and_weight_and_comment_filters_are_applied_in_sql(setup):
    project, docs, coders = setup
    phone = get_code(project, "Kontaktwege/Telefon")
    letter = get_code(project, "Kontaktwege/Brief")
    hello = get_code(project, "Begrüßung")
    a = add_segment(project, docs["F4"], letter, coders["kim"], *_span(F4, "per Telefon"),
                    weight=20)
    b = add_segment(project, docs["F4"], phone, coders["kim"], *_span(F4, "per Brief"),
                    comment="wichtig", weight=90)
    c = add_segment(project, docs["NS"], hello, coders["kim"], *_span(NOSCRIBE, "Hallo"),
                    comment="  ")
    d = add_segment(project, docs["PL"], phone, coders["kim"], *_span(PLAIN, "Telefon"))

    def ids(**kwargs):
        return [s.id for s in query_segments(project, SegmentFilter(**kwargs))]

    # code-system order: Kontaktwege/Telefon, Kontaktwege/Brief, Begrüßung; then documents
    assert ids(order="code") == [b, d, a, c]
    assert ids(order="weight") == [b, a, c, d]  # heaviest first, ties in document order
    assert ids(order="weight", limit=2, offset=1) == [a, c]
    assert ids(min_weight=20) == [a, b]
    assert ids(commented=True) == [b]  # a blank comment is no comment
    assert count_segments(project, SegmentFilter(min_weight=50, commented=True)) == 1
    with pytest.raises(InputError, match="unknown order"):
        ids(order="alphabet")


def test_segments_in_one_document_come_in_text_order(setup):
    project, docs, coders = setup
    code = get_code(project, "Kontaktwege/Telefon")
    late = add_segment(project, docs["F4"], code, coders["kim"], *_span(F4, "Meistens, ja."))
    early = add_segment(project, docs["F4"], code, coders["kim"], *_span(F4, "Wie erreichen"))
    assert [s.id for s in query_segments(project)] == [early, late]


def test_update_and_remove_a_segment(setup):
    project, docs, coders = setup
    code = get_code(project, "Kontaktwege/Telefon")
    segment_id = add_segment(project, docs["F4"], code, coders["kim"], *_span(F4, "per Telefon"))
    start, end = _span(F4, "Meistens per Telefon.")
    updated = update_segment(project, segment_id, start=start, end=end, anchor=True,
                             comment="Ankerbeispiel", code_id=get_code(project, "Kontaktwege").id)
    assert updated.text == "Meistens per Telefon."
    assert updated.anchor is True and updated.code == "Kontaktwege"
    with pytest.raises(InputError):
        update_segment(project, segment_id, end=docs["F4"].characters + 1)
    removed = remove_segment(project, segment_id)
    assert removed.text == "Meistens per Telefon."
    with pytest.raises(NotFoundError):
        get_segment(project, segment_id)


def test_autocode_codes_every_turn_body_of_a_speaker(setup):
    project, docs, coders = setup
    code = get_code(project, "Kontaktwege")
    created, skipped = autocode_speaker(project, code, coders["kim"], "B", [docs["F4"], docs["NS"]])
    assert (created, skipped) == (2, 0)
    texts = [s.text for s in query_segments(project)]
    assert texts == [
        "Meistens per Telefon. Manchmal per Video.\nUnd wenn gar nichts geht, per Brief.",
        "Meistens, ja.",
    ]
    # Running it again codes nothing twice.
    assert autocode_speaker(project, code, coders["kim"], "B", [docs["F4"]]) == (0, 2)
    assert len(query_segments(project)) == 2


def test_autocode_noscribe_speaker_excludes_the_start_mark(setup):
    project, docs, coders = setup
    created, _ = autocode_speaker(project, get_code(project, "Begrüßung"), coders["lena"], "S01",
                                  [docs["NS"]])
    assert created == 1
    [segment] = query_segments(project)
    assert segment.text == "Hallo, schön dass es klappt."
    assert segment.time_ms == 7_000


def test_autocode_of_an_unknown_speaker_codes_nothing(setup):
    project, docs, coders = setup
    code = get_code(project, "Begrüßung")
    assert autocode_speaker(project, code, coders["kim"], "X", list(docs.values())) == (0, 0)
    assert query_segments(project) == []
