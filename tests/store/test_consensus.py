"""Resolving disagreements into a consensus coder: one undoable transaction each."""

from __future__ import annotations

import pytest
from agreement_project import DIGITAL, RESSOURCEN, two_coder_project

from qualcode.analysis.agreement import list_disagreements
from qualcode.domain.errors import ConflictError, InputError
from qualcode.store import history
from qualcode.store.consensus import adopt_segments, resolve_disagreement
from qualcode.store.segments import SegmentFilter, query_segments, update_segment


@pytest.fixture
def project(tmp_path):
    project = two_coder_project(tmp_path / "study.qualcode")
    yield project
    project.close()


def consensus_spans(project, coder="Konsens"):
    return sorted((s.document, s.code, s.text) for s in query_segments(
        project, SegmentFilter(coder=coder)))


def disagreements(project, **kwargs):
    return list_disagreements(project, ["anna", "ben"], **kwargs)


def test_take_a_then_undo(project):
    first = disagreements(project)[0]
    resolution = resolve_disagreement(project, first, "a")
    assert resolution.choice == "a" and len(resolution.created) == 1
    assert consensus_spans(project) == [("Interview-A", DIGITAL, first.segment_a.text)]
    assert disagreements(project)[0].resolution == "a"
    history.undo(project, "Konsens")  # without an actor, resolutions are the consensus coder's
    assert consensus_spans(project) == []
    assert disagreements(project)[0].resolution is None


def test_both_neither_and_changing_ones_mind(project):
    first = disagreements(project)[0]
    resolve_disagreement(project, first, "both")
    assert len(consensus_spans(project)) == 2
    resolve_disagreement(project, first, "neither")  # replaces the earlier choice
    assert consensus_spans(project) == []
    assert disagreements(project)[0].resolution == "neither"
    history.undo(project, "Konsens")                  # back to "both"
    assert len(consensus_spans(project)) == 2
    assert disagreements(project)[0].resolution == "both"


def test_only_one_side(project):
    only_ben = disagreements(project)[1]
    assert only_ben.kind == "only_b"
    with pytest.raises(InputError, match="anna has no segment"):
        resolve_disagreement(project, only_ben, "a")
    resolve_disagreement(project, only_ben, "b", consensus="Team")
    assert consensus_spans(project, "Team") == [
        ("Interview-A", RESSOURCEN, "Die Jugendlichen haben das erstaunlich gut mitgemacht.")]
    # Listed with the coders the other way round, the choice reads as the other side.
    swapped = list_disagreements(project, ["ben", "anna"], consensus="Team")
    assert [d.resolution for d in swapped] == [None, "a", None]


def test_bad_resolutions_change_nothing(project):
    first = disagreements(project)[0]
    with pytest.raises(InputError, match="consensus coder"):
        resolve_disagreement(project, first, "a", consensus="anna")
    with pytest.raises(InputError, match="unknown choice"):
        resolve_disagreement(project, first, "maybe")
    update_segment(project, first.segment_b.id, end=first.segment_b.end - 1)
    with pytest.raises(ConflictError, match="changed"):
        resolve_disagreement(project, first, "b")
    assert consensus_spans(project) == []
    assert project.db.execute("SELECT count(*) FROM resolutions").fetchone()[0] == 0


def test_adopt_agreed_segments(project):
    from qualcode.analysis.agreement import agreed_segments, select

    agreed = agreed_segments(select(project, ["anna", "ben"]))
    # anna's K segment and her R segment in Interview-B agree with ben's.
    assert sorted(s.code for s in agreed) == ["Kooperation/Amt", "Ressourcen"]
    assert adopt_segments(project, agreed) == 2
    assert adopt_segments(project, agreed) == 0          # already there
    assert len(consensus_spans(project)) == 2


def test_older_project_files_get_the_resolutions_table(tmp_path):
    from qualcode.store.project import APPLICATION_ID, _connect
    from qualcode.store.schema import MIGRATIONS

    path = tmp_path / "old.qualcode"
    db = _connect(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    MIGRATIONS.apply(db, stop_before="0002_resolutions")
    db.conn.close()
    from qualcode.store.project import Project

    with Project.open(path) as project:
        assert project.db["resolutions"].exists()
        applied = [m.name for m in MIGRATIONS.applied(project.db)]
        assert applied[:2] == ["0001_initial", "0002_resolutions"]
        assert applied == [m.name for m in MIGRATIONS._migrations]
    assert list(tmp_path.glob("old.qualcode.backup-*"))
