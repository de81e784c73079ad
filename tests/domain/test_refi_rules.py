"""REFI-QDA rules in the domain: derived GUIDs and code descriptions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qualcode.domain.refi import compose_description, derived_guid, is_guid, split_description


def test_derived_guids_are_stable_valid_and_distinct():
    first = derived_guid("selection", "0A414E78-7F14-45B0-A43A-75609613B12E")
    assert first == derived_guid("selection", "0A414E78-7F14-45B0-A43A-75609613B12E")
    assert is_guid(first) and first == first.upper()
    assert first != derived_guid("selection", "0A414E78-7F14-45B0-A43A-75609613B12F")
    assert first != derived_guid("note", "0A414E78-7F14-45B0-A43A-75609613B12E")


def test_guid_shapes_of_the_schema():
    assert is_guid("{5215cc69-b628-4e02-afb9-9beeaee55808}")
    assert is_guid("34653336-3766-3235-6466-363134396437")   # NVivo's hex-encoded ASCII
    assert not is_guid("5215cc69b6284e02afb99beeaee55808")
    assert not is_guid("")


def test_a_description_with_all_three_fields():
    text = compose_description("Was der Code erfasst.", "„Ein Zitat.“", "Nur wenn ...")
    assert text == ("Was der Code erfasst.\n\nAnkerbeispiel: „Ein Zitat.“\n\n"
                    "Kodierregeln: Nur wenn ...")
    assert split_description(text) == ("Was der Code erfasst.", "„Ein Zitat.“", "Nur wenn ...")


def test_foreign_descriptions_are_all_definition_and_english_labels_are_read():
    assert split_description("thoughts about breakfast foods") == (
        "thoughts about breakfast foods", "", "")
    assert split_description("Def.\r\n\r\nAnchor example: x\n\nCoding rules: y") == (
        "Def.", "x", "y")


_field = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).map(
    str.strip).filter(lambda t: "Ankerbeispiel:" not in t and "Kodierregel" not in t
                      and "Anchor example:" not in t and "Coding rule" not in t
                      and "Codierregel" not in t)


@given(_field, _field, _field)
def test_compose_then_split_gives_the_fields_back(definition, anchor, rules):
    assert split_description(compose_description(definition, anchor, rules)) == (
        definition, anchor, rules)
