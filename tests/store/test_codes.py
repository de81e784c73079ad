"""The code system: add, edit, rename, move, merge, delete."""

from __future__ import annotations

import pytest

from qualcode.domain.errors import ConflictError, InputError, NotFoundError
from qualcode.domain.models import NewDocument
from qualcode.domain.ordering import Placement
from qualcode.domain.text import normalize_text
from qualcode.domain.transcript import parse_transcript
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import (
    PALETTE,
    add_code,
    delete_code,
    get_code,
    list_codes,
    merge_codes,
    move_code,
    normalize_color,
    order_codes,
    rename_code,
    shift_code,
    update_code,
)
from qualcode.store.documents import add_document
from qualcode.store.memos import add_memo, list_memos
from qualcode.store.project import Project
from qualcode.store.segments import add_segment, query_segments

TEXT = "I: Wie finden die jungen Leute zu Ihnen?\nB: Über Freunde, das Jobcenter, Aushänge."


@pytest.fixture
def project(project_path):
    project = Project.create(project_path)
    yield project
    project.close()


@pytest.fixture
def document(project):
    text = normalize_text(TEXT)
    return add_document(project, NewDocument(
        "Zugang", text, "Zugang.txt", "txt", "UTF-8", parse_transcript(text)))


@pytest.fixture
def coder(project):
    return ensure_coder(project, "kim")


def _paths(project):
    return [c.path for c in list_codes(project)]


def _segments(project):
    return [(s.code, s.start, s.end, s.coder) for s in query_segments(project)]


def test_add_code_creates_missing_parents(project):
    code = add_code(project, "Zugang/Jobcenter/Erstgespräch", definition="Erster Termin")
    assert code.path == "Zugang/Jobcenter/Erstgespräch"
    assert code.depth == 2
    assert code.definition == "Erster Termin"
    assert _paths(project) == ["Zugang", "Zugang/Jobcenter", "Zugang/Jobcenter/Erstgespräch"]
    # Fields given are for the last code only.
    assert get_code(project, "Zugang").definition == ""


def test_new_top_level_codes_take_palette_colours_and_subcodes_their_parents(project):
    first = add_code(project, "Zugang")
    second = add_code(project, "Wohnen")
    child = add_code(project, "Wohnen/Miete")
    assert first.color == PALETTE[0]
    assert second.color == PALETTE[1]
    assert child.color == second.color
    assert add_code(project, "Arbeit", color="#a1b2c3").color == "#A1B2C3"
    assert add_code(project, "Arbeit/Minijob", color="0f0f0f").color == "#0F0F0F"


def test_codes_keep_the_order_they_were_added_in(project):
    for path in ("Zugang", "Wohnen", "Arbeit", "Wohnen/Miete", "Wohnen/Ausstattung"):
        add_code(project, path)
    assert _paths(project) == ["Zugang", "Wohnen", "Wohnen/Miete", "Wohnen/Ausstattung", "Arbeit"]


def test_a_slash_inside_a_code_name(project):
    code = add_code(project, "Digitale Beratung/Telefon\\/E-Mail")
    assert code.name == "Telefon/E-Mail"
    assert get_code(project, "Digitale Beratung/Telefon\\/E-Mail").id == code.id
    with pytest.raises(NotFoundError):
        get_code(project, "Digitale Beratung/Telefon/E-Mail")


def test_an_existing_code_is_a_conflict_unless_exist_ok(project):
    original = add_code(project, "Zugang/Jobcenter")
    with pytest.raises(ConflictError):
        add_code(project, "Zugang/Jobcenter")
    assert add_code(project, "Zugang/Jobcenter", exist_ok=True).id == original.id
    assert len(list_codes(project)) == 2


def test_an_invalid_colour_is_refused_before_anything_is_written(project):
    with pytest.raises(InputError) as error:
        add_code(project, "Zugang/Neu", color="blau")
    assert "blau" in str(error.value)
    assert list_codes(project) == []
    with pytest.raises(InputError):
        normalize_color("#12345")


def test_unknown_codes_are_reported_with_close_matches(project):
    add_code(project, "Zugang/Jobcenter")
    with pytest.raises(NotFoundError) as error:
        get_code(project, "Zugang/Jobcentre")
    assert "Zugang/Jobcenter" in str(error.value)


def test_update_code_fields(project):
    add_code(project, "Zugang")
    code = update_code(project, "Zugang", definition="Wege in die Beratung",
                       anchor_example="Über Freunde.", coding_rules="Nur Erstkontakt.",
                       color="#00aa00")
    assert (code.definition, code.anchor_example, code.coding_rules, code.color) == (
        "Wege in die Beratung", "Über Freunde.", "Nur Erstkontakt.", "#00AA00")
    with pytest.raises(InputError):
        update_code(project, "Zugang", name="Anders")


def test_rename_keeps_subcodes_and_segments(project, document, coder):
    add_code(project, "Zugang/Jobcenter")
    child = get_code(project, "Zugang/Jobcenter")
    add_segment(project, document, child, coder, 0, 5)
    renamed = rename_code(project, "Zugang", "Erstkontakt")
    assert renamed.path == "Erstkontakt"
    assert _paths(project) == ["Erstkontakt", "Erstkontakt/Jobcenter"]
    assert _segments(project) == [("Erstkontakt/Jobcenter", 0, 5, "kim")]


def test_rename_to_a_sibling_name_is_refused(project):
    add_code(project, "Wohnen/Miete")
    add_code(project, "Wohnen/Kaution")
    add_code(project, "Miete")  # other level: no clash
    with pytest.raises(ConflictError):
        rename_code(project, "Wohnen/Kaution", "Miete")
    with pytest.raises(InputError):
        rename_code(project, "Wohnen/Kaution", "  ")
    assert rename_code(project, "Wohnen/Kaution", "Kaution und Miete").name == "Kaution und Miete"
    assert rename_code(project, "Miete", "Kaution").path == "Kaution"


def test_move_under_a_parent_and_back_to_the_top_level(project):
    add_code(project, "Wohnen/Miete")
    add_code(project, "Kaution")
    moved = move_code(project, "Kaution", "Wohnen")
    assert moved.path == "Wohnen/Kaution" and moved.depth == 1
    assert _paths(project) == ["Wohnen", "Wohnen/Miete", "Wohnen/Kaution"]
    back = move_code(project, "Wohnen/Miete", None)
    assert back.path == "Miete"
    assert _paths(project) == ["Wohnen", "Wohnen/Kaution", "Miete"]


def test_a_code_cannot_move_into_itself_or_its_subtree(project):
    add_code(project, "Wohnen/Miete/Nebenkosten")
    before = _paths(project)
    for target in ("Wohnen", "Wohnen/Miete", "Wohnen/Miete/Nebenkosten"):
        with pytest.raises(ConflictError):
            move_code(project, "Wohnen", target)
    assert _paths(project) == before


def test_a_move_onto_a_name_clash_is_refused(project):
    add_code(project, "Wohnen/Miete")
    add_code(project, "Miete")
    with pytest.raises(ConflictError):
        move_code(project, "Miete", "Wohnen")
    with pytest.raises(ConflictError):
        move_code(project, "Wohnen/Miete", None)
    assert _paths(project) == ["Wohnen", "Wohnen/Miete", "Miete"]


def test_merge_moves_segments_and_memos_and_deletes_the_source(project, document, coder):
    source = add_code(project, "Aushang")
    target = add_code(project, "Werbung")
    add_segment(project, document, source, coder, 0, 5)
    add_segment(project, document, source, coder, 10, 20)
    add_memo(project, "code", "Zettel am schwarzen Brett", target_id=source.id)
    assert merge_codes(project, "Aushang", "Werbung") == 2
    assert _paths(project) == ["Werbung"]
    assert _segments(project) == [("Werbung", 0, 5, "kim"), ("Werbung", 10, 20, "kim")]
    assert [m.code_id for m in list_memos(project, "code")] == [target.id]


def test_merge_drops_segments_the_target_already_has(project, document, coder):
    source = add_code(project, "Aushang")
    target = add_code(project, "Werbung")
    other = ensure_coder(project, "lena")
    add_segment(project, document, source, coder, 0, 5)      # duplicate of the target's
    add_segment(project, document, target, coder, 0, 5)
    add_segment(project, document, source, other, 0, 5)      # other coder: kept
    add_segment(project, document, source, coder, 0, 6)      # other span: kept
    assert merge_codes(project, "Aushang", "Werbung") == 2
    assert sorted(_segments(project)) == [
        ("Werbung", 0, 5, "kim"), ("Werbung", 0, 5, "lena"), ("Werbung", 0, 6, "kim")]


def test_merge_merges_clashing_subcodes_and_moves_the_others(project, document, coder):
    add_code(project, "Alt/Miete/Nebenkosten")
    add_code(project, "Alt/Kaution")
    add_code(project, "Neu/Miete")
    add_segment(project, document, get_code(project, "Alt/Miete"), coder, 0, 5)
    add_segment(project, document, get_code(project, "Alt/Miete/Nebenkosten"), coder, 5, 9)
    add_segment(project, document, get_code(project, "Neu/Miete"), coder, 0, 5)
    merge_codes(project, "Alt", "Neu")
    assert _paths(project) == ["Neu", "Neu/Miete", "Neu/Miete/Nebenkosten", "Neu/Kaution"]
    assert sorted(_segments(project)) == [
        ("Neu/Miete", 0, 5, "kim"), ("Neu/Miete/Nebenkosten", 5, 9, "kim")]


def test_merge_into_itself_or_its_own_subcode_is_refused(project):
    add_code(project, "Wohnen/Miete")
    with pytest.raises(ConflictError):
        merge_codes(project, "Wohnen", "Wohnen")
    with pytest.raises(ConflictError):
        merge_codes(project, "Wohnen", "Wohnen/Miete")
    assert _paths(project) == ["Wohnen", "Wohnen/Miete"]


def test_merge_a_subcode_into_its_parent(project, document, coder):
    add_code(project, "Wohnen/Miete")
    add_segment(project, document, get_code(project, "Wohnen/Miete"), coder, 3, 8)
    assert merge_codes(project, "Wohnen/Miete", "Wohnen") == 1
    assert _paths(project) == ["Wohnen"]
    assert _segments(project) == [("Wohnen", 3, 8, "kim")]


def test_delete_an_uncoded_code_with_its_subcodes(project):
    add_code(project, "Wohnen/Miete/Nebenkosten")
    add_code(project, "Arbeit")
    assert delete_code(project, "Wohnen") == 0
    assert _paths(project) == ["Arbeit"]


def test_delete_with_segments_needs_force_and_counts_them(project, document, coder):
    add_code(project, "Wohnen/Miete")
    add_code(project, "Arbeit")
    add_segment(project, document, get_code(project, "Wohnen"), coder, 0, 5)
    add_segment(project, document, get_code(project, "Wohnen/Miete"), coder, 5, 9)
    add_segment(project, document, get_code(project, "Wohnen/Miete"), coder, 12, 20)
    add_segment(project, document, get_code(project, "Arbeit"), coder, 0, 5)
    with pytest.raises(ConflictError) as error:
        delete_code(project, "Wohnen")
    assert "3 coded segment" in str(error.value) and "force" in str(error.value)
    assert len(_segments(project)) == 4 and len(_paths(project)) == 3

    assert delete_code(project, "Wohnen", force=True) == 3
    assert _paths(project) == ["Arbeit"]
    assert _segments(project) == [("Arbeit", 0, 5, "kim")]


def test_delete_removes_code_and_segment_memos(project, document, coder):
    code = add_code(project, "Wohnen")
    segment = add_segment(project, document, code, coder, 0, 5)
    add_memo(project, "code", "zur Kategorie", target_id=code.id)
    add_memo(project, "segment", "zur Stelle", target_id=segment)
    add_memo(project, "free", "bleibt")
    delete_code(project, "Wohnen", force=True)
    assert [m.text for m in list_memos(project)] == ["bleibt"]


@pytest.mark.parametrize("name", ["Rot\x1b[31m", "Zeile\nzwei", "Um\u202edreht", "Tab\tx"])
def test_new_code_names_with_control_characters_are_refused(project, name):
    add_code(project, "Corona")
    with pytest.raises(InputError, match="control character"):
        add_code(project, f"Neu/{name}")
    with pytest.raises(InputError, match="control character"):
        rename_code(project, "Corona", name)
    # Nothing half-made: the missing parent "Neu" was not created either.
    assert [c.path for c in list_codes(project)] == ["Corona"]


def test_imported_code_names_with_control_characters_are_refused(project):
    from qualcode.store.exchange import CodeIndex

    index = CodeIndex(project)
    with pytest.raises(InputError, match="control character"):
        index.add(None, "Glocke\x07")
    assert list_codes(project) == []


def test_an_existing_name_with_a_control_character_still_works(project):
    # Older projects and other programs may hold such names: they are kept and usable.
    project.db.execute("INSERT INTO codes (guid, parent_id, name, color, definition, "
                       "anchor_example, coding_rules, position, created, modified) VALUES "
                       "('g', NULL, 'Alt\x1b', '#000000', '', '', '', 1, 'x', 'x')")
    project.db.conn.commit()
    assert add_code(project, "Alt\x1b/Kind").path == "Alt\x1b/Kind"


def test_shift_moves_a_code_one_place_among_its_siblings_and_stops_at_the_ends(project):
    for path in ("A", "A/x", "A/y", "A/z", "B"):
        add_code(project, path)
    z = get_code(project, "A/z").id
    assert shift_code(project, z, -1) == ["A/x", "A/z", "A/y"]
    assert shift_code(project, z, -5) == ["A/z", "A/x", "A/y"]
    batches = project.db.execute("SELECT count(*) FROM batches").fetchone()[0]
    assert shift_code(project, z, -1) == ["A/z", "A/x", "A/y"]  # already first
    assert project.db.execute("SELECT count(*) FROM batches").fetchone()[0] == batches
    assert _paths(project) == ["A", "A/z", "A/x", "A/y", "B"]


def test_order_needs_siblings_and_names_the_anchor_by_path_or_name(project):
    for path in ("A", "A/x", "A/y", "B"):
        add_code(project, path)
    assert order_codes(project, ["A/x"], Placement(after="y")) == ["A/y", "A/x"]
    assert order_codes(project, ["B"], Placement(before="A")) == ["B", "A"]
    with pytest.raises(InputError, match="not a code beside"):
        order_codes(project, ["A/x"], Placement(before="B"))
    with pytest.raises(NotFoundError):
        order_codes(project, ["A/nix"], Placement(first=True))
