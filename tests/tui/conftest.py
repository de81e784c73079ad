"""A small coded project for workbench tests, and helpers to wait for background jobs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_support import add_text_document

from qualcode.store import codes, coders, documents, segments
from qualcode.store.project import Project

INTERVIEW = """Datum: 2020-05-11
Modus: Telefon
Kommune: Kreis

I: Wie haben Sie die ersten Wochen erlebt? #00:00:06-0#

B: Am Anfang war alles ruhig. Dann kamen die Anrufe. Die Ausländerbehörde hat plötzlich nur noch per Post gearbeitet. #00:00:21-5#

I: Und die Beratung? #00:00:24-0#

B: Die läuft jetzt über WhatsApp. Das klappt erstaunlich gut, sagen die jungen Leute. #00:00:35-2#
"""

SECOND = """I: Was hat sich im Bündnis verändert? #00:00:04-1#

B: Die Treffen der Bündniskerngruppe fallen aus. Wir schreiben uns Mails. #00:00:13-8#
"""


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """Two interviews, four codes (one with a subcode), one segment by ``anna``."""
    path = tmp_path / "tui.qualcode"
    with Project.create(path) as project:
        add_text_document(project, "Interview-A", INTERVIEW, "THM")
        add_text_document(project, "Interview-B", SECOND, "THM")
        codes.add_code(project, "ABH-Kooperation", color="#2874A6",
                       definition="Zusammenarbeit mit der Ausländerbehörde")
        codes.add_code(project, "Digitale Beratung/Messenger", color="#8E44AD")
        codes.add_code(project, "Bündniskerngruppe", color="#E67E22")
        anna = coders.ensure_coder(project, "anna")
        doc = documents.resolve_document(project, "Interview-B")
        bkg = codes.get_code(project, "Bündniskerngruppe")
        text = documents.document_text(project, doc.id)
        start = text.index("Die Treffen")
        segments.add_segment(project, doc, bkg, anna, start, text.index(" Wir schreiben"))
    return path
