"""Quick-code pins per coder (migration 0008_quick_codes): kept, not logged, never undone,
gone with their code."""

from __future__ import annotations

import pytest

from qualcode.domain.errors import InputError
from qualcode.store import codes, history
from qualcode.store.project import Project
from qualcode.store.quick_codes import pin_quick_code, quick_code_pins, unpin_quick_code


def test_pins_are_per_coder_and_survive_reopening(tmp_path):
    path = tmp_path / "p.qualcode"
    with Project.create(path) as project:
        a = codes.add_code(project, "A", actor="lena")
        b = codes.add_code(project, "B", actor="lena")
        pin_quick_code(project, "lena", 1, a.id)
        pin_quick_code(project, "lena", 2, b.id)
        assert pin_quick_code(project, "lena", 3, a.id) == {2: b.id, 3: a.id}  # a moved
        assert pin_quick_code(project, "lena", 2, a.id) == {2: a.id}  # b's pin replaced
        pin_quick_code(project, "anna", 2, b.id)
    with Project.open(path) as project:
        assert quick_code_pins(project, "lena") == {2: a.id}
        assert quick_code_pins(project, "anna") == {2: b.id}
        assert quick_code_pins(project, "nobody") == {}
        assert unpin_quick_code(project, "lena", 2) == {}


def test_pins_are_not_in_the_history_and_go_with_their_code(tmp_path):
    with Project.create(tmp_path / "p.qualcode") as project:
        a = codes.add_code(project, "A", actor="lena")
        codes.add_code(project, "B", actor="lena")
        events = project.db.execute("SELECT count(*) FROM events").fetchone()[0]
        pin_quick_code(project, "lena", 1, a.id)
        pin_quick_code(project, "lena", 1, a.id)
        logged = project.db.execute("SELECT count(*) FROM events").fetchone()[0]
        assert logged == events + 1  # only the new coder "lena"; no pin is an event
        history.undo(project, actor="lena")  # takes back adding B, not the pin
        assert quick_code_pins(project, "lena") == {1: a.id}
        codes.delete_code(project, "A", actor="lena")
        assert quick_code_pins(project, "lena") == {}


def test_a_key_outside_one_to_nine_is_refused(tmp_path):
    with Project.create(tmp_path / "p.qualcode") as project:
        a = codes.add_code(project, "A")
        with pytest.raises(InputError, match="1 to 9"):
            pin_quick_code(project, "lena", 10, a.id)
        assert quick_code_pins(project, "lena") == {}
