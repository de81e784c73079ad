"""A small project for the document management tests: three interviews in two groups, two
codes, three coded segments (two in THM-01), a document memo and a segment memo on THM-01."""

from __future__ import annotations

import pytest

from qualcode.domain.models import NewDocument
from qualcode.domain.text import normalize_text
from qualcode.domain.transcript import parse_transcript
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import add_code
from qualcode.store.documents import add_document
from qualcode.store.memos import add_memo
from qualcode.store.project import Project
from qualcode.store.segments import add_segment

TEXTS = {
    "THM-01": "I: Wie war der Winter?\n\nB: Lang und dunkel, aber die Gruppe hielt zusammen.\n",
    "THM-02": "I: Und das Netzwerk?\n\nB: Das Netzwerk trug uns durch die schweren Monate.\n",
    "RG-01": "I: Was bleibt?\n\nB: Vor allem die Gespräche am Küchentisch.\n",
}
GROUPS = {"THM-01": "THM", "THM-02": "THM", "RG-01": "RG"}


def _new(name: str) -> NewDocument:
    text = normalize_text(TEXTS[name])
    return NewDocument(name=name, text=text, source_name=f"{name}.txt", source_format="txt",
                       encoding="UTF-8", structure=parse_transcript(text))


@pytest.fixture
def project(project_path):
    """The project described in the module docstring, actor ``kim`` for every change."""
    project = Project.create(project_path)
    docs = {name: add_document(project, _new(name), group=GROUPS[name], actor="kim")
            for name in TEXTS}
    network = add_code(project, "Netzwerk", actor="kim")
    time = add_code(project, "Zeit", actor="kim")
    coder = ensure_coder(project, "kim")
    first = add_segment(project, docs["THM-01"], time, coder, 26, 41, actor="kim")
    add_segment(project, docs["THM-01"], network, coder, 48, 73, actor="kim")
    add_segment(project, docs["THM-02"], network, coder, 23, 36, actor="kim")
    add_memo(project, "document", "Kalt im Raum.", target_id=docs["THM-01"].id, actor="kim")
    add_memo(project, "segment", "Typisch.", target_id=first, actor="kim")
    yield project
    project.close()


def names(project) -> list[tuple[str | None, str]]:
    """``(group, document)`` in listing order."""
    from qualcode.store.documents import list_documents

    return [(d.group, d.name) for d in list_documents(project)]
