"""Transactions: all or nothing, one batch per user action, every change in the log."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest

from qualcode.store.codes import add_code, delete_code, list_codes, rename_code, update_code
from qualcode.store.project import Project


@pytest.fixture
def project(project_path):
    project = Project.create(project_path)
    yield project
    project.close()


def _counts(project):
    return tuple(project.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("codes", "batches", "events"))


def _events(project, batch_id):
    return [dict(r) for r in project.db.query(
        "SELECT op, table_name, row_id, old, new FROM events WHERE batch_id = ? ORDER BY id",
        [batch_id])]


def test_a_failing_block_leaves_nothing(project):
    before = _counts(project)
    with pytest.raises(RuntimeError), project.transaction("zwei Codes"):
        add_code(project, "Sprache")
        add_code(project, "Arbeit/Praktikum")
        raise RuntimeError("abgebrochen")
    assert _counts(project) == before
    assert list_codes(project) == []
    assert not project.in_transaction
    # The change context is reset: a later write outside qualcode is not filed under a batch.
    assert project.db.execute("SELECT batch_id FROM change_context").fetchone()[0] is None


def test_after_a_failure_the_next_transaction_works(project):
    with pytest.raises(ValueError), project.transaction("kaputt"):
        add_code(project, "Sprache")
        raise ValueError
    with project.transaction("heil") as batch:
        add_code(project, "Sprache")
    assert [c.path for c in list_codes(project)] == ["Sprache"]
    assert [e["table_name"] for e in _events(project, batch)] == ["codes"]


def test_a_database_error_inside_a_block_rolls_back_everything(project):
    add_code(project, "Sprache")
    before = _counts(project)
    with pytest.raises(sqlite3.IntegrityError), project.transaction("doppelt"):
        add_code(project, "Arbeit")
        project.db.execute(
            "INSERT INTO codes (guid, name, created, modified) "
            "VALUES ('X', 'Sprache', 'now', 'now')")
    assert _counts(project) == before


def test_nested_transactions_share_the_outer_batch(project):
    batches_before = _counts(project)[1]
    with project.transaction("Codebuch anlegen", "lena") as outer:
        add_code(project, "Sprache")  # opens its own (nested) transaction
        with project.transaction("innen") as inner:
            add_code(project, "Arbeit/Praktikum")
        assert inner == outer
    assert _counts(project)[1] == batches_before + 1
    events = _events(project, outer)
    assert [(e["op"], e["table_name"]) for e in events] == [("insert", "codes")] * 3
    batch = project.db.execute(
        "SELECT actor, action FROM batches WHERE id = ?", [outer]).fetchone()
    assert tuple(batch) == ("lena", "Codebuch anlegen")


def test_a_failing_nested_block_is_undone_alone_when_the_outer_block_handles_it(project):
    with project.transaction("außen") as outer:
        add_code(project, "Sprache")
        with pytest.raises(RuntimeError), project.transaction("innen"):
            add_code(project, "Arbeit")
            raise RuntimeError
        add_code(project, "Wohnen")
    assert [c.path for c in list_codes(project)] == ["Sprache", "Wohnen"]
    names = [json.loads(e["new"])["name"] for e in _events(project, outer)]
    assert names == ["Sprache", "Wohnen"]


def test_every_change_is_logged_with_its_batch(project):
    with project.transaction("anlegen") as created:
        code = add_code(project, "Sprache", definition="Deutschkurse")
    with project.transaction("bearbeiten") as edited:
        update_code(project, "Sprache", definition="Sprachkurse aller Art")
        rename_code(project, "Sprache", "Sprachförderung")
    with project.transaction("löschen") as deleted:
        delete_code(project, "Sprachförderung")

    [insert] = _events(project, created)
    assert (insert["op"], insert["table_name"], insert["row_id"]) == ("insert", "codes", code.id)
    assert insert["old"] is None
    assert json.loads(insert["new"])["definition"] == "Deutschkurse"

    updates = _events(project, edited)
    assert [e["op"] for e in updates] == ["update", "update"]
    assert json.loads(updates[0]["old"])["definition"] == "Deutschkurse"
    assert json.loads(updates[0]["new"])["definition"] == "Sprachkurse aller Art"
    assert json.loads(updates[1]["old"])["name"] == "Sprache"
    assert json.loads(updates[1]["new"])["name"] == "Sprachförderung"

    [delete] = _events(project, deleted)
    assert delete["op"] == "delete" and delete["new"] is None
    assert json.loads(delete["old"])["guid"] == code.guid

    # No event is left without a batch.
    orphans = project.db.execute("SELECT count(*) FROM events WHERE batch_id IS NULL")
    assert orphans.fetchone()[0] == 0


def test_changes_by_another_program_are_logged_too(project, project_path):
    add_code(project, "Sprache")
    with closing(sqlite3.connect(project_path)) as other:
        other.execute("UPDATE codes SET definition = 'von außen' WHERE name = 'Sprache'")
        other.commit()
    row = project.db.execute(
        "SELECT op, table_name, batch_id, new FROM events ORDER BY id DESC LIMIT 1").fetchone()
    assert row[:3] == ("update", "codes", None)
    assert json.loads(row[3])["definition"] == "von außen"


def test_each_store_call_is_its_own_batch(project):
    start = _counts(project)[1]
    add_code(project, "Sprache")
    add_code(project, "Arbeit")
    assert _counts(project)[1] == start + 2
