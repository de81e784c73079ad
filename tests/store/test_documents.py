"""Documents, groups, speaker turns and typed document variables in the project."""

from __future__ import annotations

import pytest

from qualcode.domain.errors import InputError, NotFoundError
from qualcode.domain.models import NewDocument
from qualcode.domain.text import normalize_text, sha256_text
from qualcode.domain.transcript import parse_transcript
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import add_code
from qualcode.store.documents import (
    DuplicateDocumentError,
    add_document,
    convert_variable,
    delete_document,
    document_text,
    document_turns,
    ensure_group,
    get_document,
    list_documents,
    list_groups,
    resolve_document,
    set_variable,
    variable_types,
)
from qualcode.store.project import Project
from qualcode.store.segments import add_segment

INTERVIEW = (
    "Datum: 12.03.2021\n"
    "Kommune: Kreis\n"
    "Dauer: 45\n"
    "\n"
    "I: Seit wann begleiten Sie die Gruppe? #00:00:06-1#\n"
    "\n"
    "B: Seit dem Herbst, also gut ein halbes Jahr. #00:00:15-9#\n"
    "\n"
    "I: Und wie viele junge Leute sind es? #00:00:19-0#\n"
    "\n"
    "B: Zwölf, manchmal vierzehn. #00:00:25-4#\n"
)


def new_document(name: str, text: str, **variables: str) -> NewDocument:
    text = normalize_text(text)
    return NewDocument(name=name, text=text, source_name=f"{name}.txt", source_format="txt",
                       encoding="UTF-8", structure=parse_transcript(text), variables=variables)


@pytest.fixture
def project(project_path):
    project = Project.create(project_path)
    yield project
    project.close()


def test_add_document_stores_text_turns_and_typed_header_variables(project):
    document = add_document(project, new_document("Gruppe-A", INTERVIEW), group="Interviews")
    assert document.name == "Gruppe-A"
    assert document.group == "Interviews"
    assert document.characters == len(INTERVIEW)
    assert document.sha256 == sha256_text(INTERVIEW)
    assert document.turns == 4
    assert (document.source_name, document.source_format, document.encoding) == (
        "Gruppe-A.txt", "txt", "UTF-8")
    assert document.variables == {"Datum": "2021-03-12", "Kommune": "Kreis", "Dauer": 45}
    assert variable_types(project) == {"Datum": "date", "Kommune": "text", "Dauer": "integer"}
    assert document_text(project, document.id) == INTERVIEW


def test_turns_are_stored_in_text_order(project):
    document = add_document(project, new_document("Gruppe-A", INTERVIEW))
    turns = document_turns(project, document.id)
    assert [t.speaker for t in turns] == ["I", "B", "I", "B"]
    assert [t.position for t in turns] == [0, 1, 2, 3]
    assert INTERVIEW[turns[3].body_start:turns[3].body_end] == "Zwölf, manchmal vierzehn."
    assert (turns[1].start_ms, turns[1].end_ms) == (6_100, 15_900)
    assert (turns[1].line_start, turns[1].line_end) == (7, 7)


def test_variables_given_by_the_importer_override_the_header(project):
    new = new_document("Gruppe-A", INTERVIEW, Kommune="Stadt", Ort="Hamm")
    document = add_document(project, new)
    assert document.variables["Kommune"] == "Stadt"
    assert document.variables["Ort"] == "Hamm"


def test_the_same_text_twice_is_refused(project):
    add_document(project, new_document("Erstes", INTERVIEW))
    before = project.db.execute("SELECT count(*) FROM batches").fetchone()[0]
    with pytest.raises(DuplicateDocumentError) as error:
        add_document(project, new_document("Zweites", INTERVIEW))
    assert error.value.existing == "Erstes"
    assert "Erstes" in str(error.value) and "Zweites.txt" in str(error.value)
    assert [d.name for d in list_documents(project)] == ["Erstes"]
    assert project.db.execute("SELECT count(*) FROM batches").fetchone()[0] == before


def test_a_name_in_use_gets_a_suffix(project):
    names = [add_document(project, new_document("Interview_1", f"I: Frage {n}.\nB: Ja.")).name
             for n in range(3)]
    assert names == ["Interview_1", "Interview_1-2", "Interview_1-3"]


def test_a_suffix_skips_names_already_taken(project):
    add_document(project, new_document("THM-01", "Text eins"))
    add_document(project, new_document("THM-01-2", "Text zwei"))
    assert add_document(project, new_document("THM-01", "Text drei")).name == "THM-01-3"


def test_text_that_is_not_normalised_is_refused(project):
    bad = NewDocument("roh", "Zeile\r\nZeile", "roh.txt", "txt", None, parse_transcript(""))
    with pytest.raises(InputError) as error:
        add_document(project, bad)
    assert "roh.txt" in str(error.value)
    assert list_documents(project) == []


def test_groups_are_created_once_and_filter_the_document_list(project):
    add_document(project, new_document("A", "Text A"), group="THM")
    add_document(project, new_document("B", "Text B"), group="RG")
    add_document(project, new_document("C", "Text C"), group="THM")
    add_document(project, new_document("D", "Text D"))
    assert list_groups(project) == ["THM", "RG"]
    assert ensure_group(project, " THM ") == ensure_group(project, "THM")
    assert [d.name for d in list_documents(project, group="THM")] == ["A", "C"]
    assert [d.name for d in list_documents(project, group="RG")] == ["B"]
    assert {d.name for d in list_documents(project)} == {"A", "B", "C", "D"}
    assert get_document(project, resolve_document(project, "D").id).group is None


def test_an_empty_group_name_is_refused(project):
    with pytest.raises(InputError):
        ensure_group(project, "  ")


def test_resolve_document_by_name_or_id(project):
    first = add_document(project, new_document("THM-01", "Text eins"))
    add_document(project, new_document("THM-02", "Text zwei"))
    assert resolve_document(project, "THM-01").id == first.id
    assert resolve_document(project, str(first.id)).name == "THM-01"
    assert resolve_document(project, first.id).name == "THM-01"


def test_a_document_named_like_a_number_wins_over_the_id(project):
    first = add_document(project, new_document("Eins", "Text eins"))
    numbered = add_document(project, new_document(str(first.id), "Text zwei"))
    assert resolve_document(project, str(first.id)).id == numbered.id


def test_an_unknown_document_names_close_matches(project):
    add_document(project, new_document("THM-01", "Text eins"))
    with pytest.raises(NotFoundError) as error:
        resolve_document(project, "THM-1")
    assert "THM-1" in str(error.value) and "THM-01" in str(error.value)
    with pytest.raises(NotFoundError):
        get_document(project, 999)
    with pytest.raises(NotFoundError):
        document_text(project, 999)


def test_set_variable_infers_and_keeps_the_type(project):
    a = add_document(project, new_document("A", "Text A"))
    b = add_document(project, new_document("B", "Text B"))
    set_variable(project, a.id, "Teilnehmende", "12")
    set_variable(project, b.id, "Teilnehmende", 9)
    assert variable_types(project)["Teilnehmende"] == "integer"
    assert get_document(project, a.id).variables["Teilnehmende"] == 12
    assert get_document(project, b.id).variables["Teilnehmende"] == 9


def test_a_value_that_does_not_fit_is_refused_naming_document_variable_value_and_type(project):
    a = add_document(project, new_document("A", "Text A"))
    b = add_document(project, new_document("B", "Text B"))
    set_variable(project, a.id, "Anteil", "3")
    with pytest.raises(InputError) as error:
        set_variable(project, b.id, "Anteil", "2,5")
    assert str(error.value).startswith(
        "B: variable 'Anteil' is an integer; '2,5' is not an integer")
    assert variable_types(project)["Anteil"] == "integer"
    assert "Anteil" not in get_document(project, b.id).variables


def test_an_explicit_conversion_converts_every_document_and_returns_a_note(project):
    a = add_document(project, new_document("A", "Text A"))
    b = add_document(project, new_document("B", "Text B"))
    set_variable(project, a.id, "Anteil", "3")
    note = set_variable(project, b.id, "Anteil", "2,5", "float", convert_type=True)
    assert note == "converted variable 'Anteil' from integer to float (1 values)"
    assert get_document(project, a.id).variables["Anteil"] == 3.0
    assert get_document(project, b.id).variables["Anteil"] == 2.5


def test_another_type_without_conversion_is_refused(project):
    a = add_document(project, new_document("A", "Text A"))
    set_variable(project, a.id, "Gespräch", "2021-01-05")
    with pytest.raises(InputError) as error:
        set_variable(project, a.id, "Gespräch", "ausgefallen", "text")
    assert "variable 'Gespräch' is a date in the project, not a text" in str(error.value)
    assert get_document(project, a.id).variables["Gespräch"] == "2021-01-05"


def test_boolean_variables_convert_to_text(project):
    a = add_document(project, new_document("A", "Text A"))
    b = add_document(project, new_document("B", "Text B"))
    set_variable(project, a.id, "Dolmetscher", "wahr")
    assert get_document(project, a.id).variables["Dolmetscher"] is True
    with pytest.raises(InputError):
        set_variable(project, b.id, "Dolmetscher", "teilweise")
    assert convert_variable(project, "Dolmetscher", "text") == (
        "converted variable 'Dolmetscher' from boolean to text (1 values)")
    set_variable(project, b.id, "Dolmetscher", "teilweise")
    assert variable_types(project)["Dolmetscher"] == "text"
    assert get_document(project, a.id).variables["Dolmetscher"] == "true"


def test_explicit_type_and_clearing_a_variable(project):
    a = add_document(project, new_document("A", "Text A"))
    set_variable(project, a.id, "PLZ", "04103", type_="text")
    assert get_document(project, a.id).variables["PLZ"] == "04103"
    set_variable(project, a.id, "PLZ", None)
    assert "PLZ" not in get_document(project, a.id).variables
    with pytest.raises(InputError):
        set_variable(project, a.id, " ", "x")


def test_delete_document_removes_everything_of_it_and_counts_segments(project):
    document = add_document(project, new_document("Gruppe-A", INTERVIEW), group="Interviews")
    other = add_document(project, new_document("Gruppe-B", "I: Hallo.\nB: Hallo."))
    code = add_code(project, "Gruppe")
    coder = ensure_coder(project, "kim")
    add_segment(project, document, code, coder, 0, 10)
    add_segment(project, document, code, coder, 20, 30)
    kept = add_segment(project, other, code, coder, 0, 5)
    assert delete_document(project, document.id) == 2
    assert [d.name for d in list_documents(project)] == ["Gruppe-B"]
    for table in ("turns", "document_variables", "segments"):
        rows = project.db.execute(
            f"SELECT count(*) FROM {table} WHERE document_id = ?", [document.id]).fetchone()[0]
        assert rows == 0
    assert [r[0] for r in project.db.execute("SELECT id FROM segments")] == [kept]


def test_a_value_that_does_not_fit_an_explicit_type_writes_nothing(project):
    a = add_document(project, new_document("A", "Text A"))
    with pytest.raises((ValueError, InputError)):
        set_variable(project, a.id, "Alter", "zwölf", type_="integer")
    assert variable_types(project) == {}
    assert get_document(project, a.id).variables == {}
