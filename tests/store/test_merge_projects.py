"""Merging coders' copies of a project: matching rules, idempotence, conflicts, atomicity."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from agreement_project import CODINGS, DIGITAL, base_project, code_all

from qualcode.domain.errors import InputError, ProjectError
from qualcode.store import history
from qualcode.store.codes import add_code, rename_code
from qualcode.store.coders import ensure_coder, rename_coder
from qualcode.store.memos import add_memo
from qualcode.store.merge import MergeConflictError, merge_projects
from qualcode.store.project import Project
from qualcode.store.segments import SegmentFilter, query_segments

TABLES = ("documents", "turns", "document_variables", "codes", "coders", "segments", "memos")


def snapshot(project: Project) -> dict[str, list]:
    """Every row of the merged tables (to show that a failed merge changed nothing)."""
    return {t: project.db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in TABLES}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def team(tmp_path):
    """The lead's project and two coders' copies, anna's and ben's, each coded."""
    base_project(tmp_path / "lead.qualcode").close()
    copies = {}
    for coder in ("anna", "ben"):
        path = tmp_path / f"{coder}.qualcode"
        shutil.copy(tmp_path / "lead.qualcode", path)
        with Project.open(path) as project:
            code_all(project, [c for c in CODINGS if c[0] == coder])
        copies[coder] = path
    return tmp_path / "lead.qualcode", copies


def test_merge_brings_both_coders_in_and_twice_adds_nothing(team):
    lead, copies = team
    with Project.open(lead) as project:
        report = merge_projects(project, [copies["anna"], copies["ben"]])
        anna, ben = report.sources
        assert (anna.documents_matched, anna.documents_added) == (2, [])
        assert (anna.codes_matched, anna.codes_added) == (4, [])  # Kooperation + 3 codes
        assert anna.coders_added == ["anna"] and ben.coders_added == ["ben"]
        assert (anna.segments_added, ben.segments_added) == (4, 5)
        segments = query_segments(project, SegmentFilter())
        assert sorted({s.coder for s in segments}) == ["anna", "ben"]
        before = snapshot(project)
        again = merge_projects(project, [copies["anna"], copies["ben"]])
        assert [s.segments_added for s in again.sources] == [0, 0]
        assert [s.segments_present for s in again.sources] == [4, 5]
        assert snapshot(project) == before


def test_merge_is_one_undoable_change(team):
    lead, copies = team
    with Project.open(lead) as project:
        merge_projects(project, [copies["anna"], copies["ben"]])
        history.undo(project)
        assert query_segments(project, SegmentFilter()) == []


def test_documents_are_matched_by_text_never_by_name(team, tmp_path):
    lead, copies = team
    with Project.open(copies["anna"]) as project:
        with project.transaction("rename"):
            project.db.execute("UPDATE documents SET name = 'Gespräch 1' "
                               "WHERE name = 'Interview-A'")
    (tmp_path / "neu").mkdir()
    (tmp_path / "neu" / "Interview-B.txt").write_text(
        "Kommune: Kreis X\n\nI: Eine andere Fassung? #00:00:02-0#\n\nB: Ja, eine neue. "
        "#00:00:05-0#\n", encoding="utf-8")
    from qualcode.importers.batch import import_paths

    with Project.open(copies["anna"]) as project:
        import_paths(project, [tmp_path / "neu" / "Interview-B.txt"], "Neu")
        document = [d for d in project.db.execute("SELECT name FROM documents")][-1][0]
        assert document == "Interview-B-2"
    with Project.open(lead) as project:
        report = merge_projects(project, [copies["anna"]]).sources[0]
        assert report.documents_matched == 2
        assert report.documents_added == ["Interview-B-2"]
        assert any("'Gespräch 1' is 'Interview-A'" in note for note in report.notes)
        added = project.db.execute(
            """SELECT d.characters, g.name, (SELECT count(*) FROM turns t
                   WHERE t.document_id = d.id) FROM documents d
               JOIN document_groups g ON g.id = d.group_id WHERE d.name = 'Interview-B-2'"""
        ).fetchone()
        assert added[1:] == ("Neu", 2)
        assert project.db.execute(
            """SELECT dv.value FROM document_variables dv JOIN variables v
               ON v.id = dv.variable_id WHERE v.name = 'Kommune'""").fetchone()[0] == "Kreis X"
        # the renamed document keeps the target's name; anna's codings arrive on it
        assert {s.document for s in query_segments(project, SegmentFilter())} == \
            {"Interview-A", "Interview-B"}


def test_new_codes_and_memos_come_in(team):
    lead, copies = team
    with Project.open(copies["ben"]) as project:
        code = add_code(project, "Ressourcen/Technik")
        segment = query_segments(project, SegmentFilter())[0]
        add_memo(project, "segment", "Warum so lang?", target_id=segment.id,
                 author_id=ensure_coder(project, "ben").id)
        add_memo(project, "code", "Neu angelegt", target_id=code.id)
    with Project.open(lead) as project:
        report = merge_projects(project, [copies["ben"]]).sources[0]
        assert report.codes_added == ["Ressourcen/Technik"]
        assert report.memos_added == 2
        memos = project.db.execute(
            """SELECT m.kind, m.text, c.name FROM memos m LEFT JOIN coders c
               ON c.id = m.author_id ORDER BY m.id""").fetchall()
        assert memos == [("segment", "Warum so lang?", "ben"), ("code", "Neu angelegt", None)]
        assert merge_projects(project, [copies["ben"]]).sources[0].memos_present == 2


def test_codes_match_by_path_when_guids_differ(team, tmp_path):
    lead, copies = team
    other = tmp_path / "fresh.qualcode"
    base_project(other).close()          # same codes, created anew: other GUIDs
    with Project.open(other) as project:
        code_all(project, [("carla", "Interview-A", DIGITAL, "Die Jugendlichen haben")])
    with Project.open(lead) as project:
        report = merge_projects(project, [other]).sources[0]
        assert report.codes_matched_by_path == ["Digitale Beratung", "Kooperation",
                                                "Kooperation/Amt", "Ressourcen"]
        assert report.codes_added == [] and report.segments_added == 1


def test_conflicts_are_reported_and_nothing_is_merged(team):
    lead, copies = team
    with Project.open(copies["ben"]) as project:
        rename_code(project, DIGITAL, "Digitale Beratung (neu)")
        rename_coder(project, "ben", "anna")     # another "anna" than anna's
    with Project.open(lead) as project:
        before = snapshot(project)
        with pytest.raises(MergeConflictError) as caught:
            merge_projects(project, [copies["anna"], copies["ben"]])
        conflicts = caught.value.report.conflicts
        assert len(conflicts) == 2
        assert "'Digitale Beratung' in the target but 'Digitale Beratung (neu)'" in conflicts[0]
        assert "coder 'anna' is a different coder" in conflicts[1]
        assert all(c.startswith(str(copies["ben"])) for c in conflicts)
        assert snapshot(project) == before       # anna's copy was fine, yet nothing came in


def test_changed_segment_and_memo_are_conflicts(team):
    lead, copies = team
    with Project.open(copies["anna"]) as project:
        add_memo(project, "free", "Erste Fassung")
    with Project.open(lead) as project:
        merge_projects(project, [copies["anna"]])
    with Project.open(copies["anna"]) as project:
        with project.transaction("edit"):
            project.db.execute('UPDATE segments SET "end" = "end" - 1 WHERE id = 1')
            project.db.execute("UPDATE memos SET text = 'Zweite Fassung'")
    with Project.open(lead) as project:
        with pytest.raises(MergeConflictError) as caught:
            merge_projects(project, [copies["anna"]])
        segment_conflict, memo_conflict = caught.value.report.conflicts
        assert "coded segment" in segment_conflict and "differs" in segment_conflict
        assert "memo" in memo_conflict and "changed in one copy" in memo_conflict


def test_dry_run_and_sources_stay_untouched(team):
    lead, copies = team
    digests = {name: digest(path) for name, path in copies.items()}
    with Project.open(lead) as project:
        before = snapshot(project)
        report = merge_projects(project, list(copies.values()), dry_run=True)
        assert report.dry_run and report.sources[1].segments_added == 5
        assert snapshot(project) == before
        merge_projects(project, list(copies.values()))
    assert {name: digest(path) for name, path in copies.items()} == digests


def test_bad_sources(team, tmp_path):
    lead, copies = team
    text = tmp_path / "notes.qualcode"
    text.write_text("no database", encoding="utf-8")
    with Project.open(lead) as project:
        with pytest.raises(InputError, match="into itself"):
            merge_projects(project, [lead])
        with pytest.raises(ProjectError):
            merge_projects(project, [text])
        with pytest.raises(ProjectError, match="no such"):
            merge_projects(project, [tmp_path / "missing.qualcode"])
