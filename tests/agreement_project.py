"""A small two-coder project for the agreement tests (texts written for qualcode's tests).

Two interviews, three codes compared (``Digitale Beratung``, ``Kooperation/Amt``,
``Ressourcen``; the parent ``Kooperation`` is never applied), coded by ``anna`` and ``ben``:

Interview-A (turns: I, B, I, B)
  anna  Digitale Beratung  "Wir haben fast alles ans Telefon verlegt. Persönliche Termine
                            gab es kaum noch."                               (79 characters)
  ben   Digitale Beratung  "Wir haben fast alles ans Telefon verlegt."      (41, same start)
  anna  Kooperation/Amt    "Die lief schleppend. Anträge blieben wochenlang liegen." (55)
  ben   Kooperation/Amt    the same span                                     (55)
  ben   Ressourcen         "Die Jugendlichen haben das erstaunlich gut mitgemacht."  (54)
Interview-B (turns: I, B, I, B)
  anna  Ressourcen         "Viele hatten kein Guthaben auf dem Handy. Wir haben dann
                            Gutscheine verteilt."                            (77)
  ben   Ressourcen         the same span                                     (77)
  anna  Digitale Beratung  "Die Technik."                                    (12)
  ben   Digitale Beratung  "Die Technik. Viele hatten kein Guthaben auf dem Handy." (54)

Sentences (spaCy sentencizer, one line at a time): Interview-A has 9 (the header line, then
1 + 3 + 1 + 3 in the four turns), Interview-B has 7 (1 + 3 + 1 + 2).
"""

from __future__ import annotations

from pathlib import Path

from qualcode.importers.batch import import_paths
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import add_code, get_code
from qualcode.store.documents import resolve_document
from qualcode.store.project import Project
from qualcode.store.segments import add_segment, locate

INTERVIEW_A = """Datum: 2021-03-01

I: Wie hat sich die Beratung im Frühjahr verändert? #00:00:05-0#

B: Wir haben fast alles ans Telefon verlegt. Persönliche Termine gab es kaum noch. Die Jugendlichen haben das erstaunlich gut mitgemacht. #00:00:30-0#

I: Und die Zusammenarbeit mit dem Amt? #00:00:35-0#

B: Die lief schleppend. Anträge blieben wochenlang liegen. Erst im Sommer wurde es besser. #00:01:00-0#
"""

INTERVIEW_B = """I: Was war das größte Hindernis? #00:00:04-0#

B: Die Technik. Viele hatten kein Guthaben auf dem Handy. Wir haben dann Gutscheine verteilt. #00:00:20-0#

I: Gab es auch Gutes? #00:00:24-0#

B: Ja, die Gruppe hat sich gegenseitig geholfen. Das hat uns alle überrascht. #00:00:40-0#
"""

DIGITAL, AMT, RESSOURCEN = "Digitale Beratung", "Kooperation/Amt", "Ressourcen"

CODINGS = [  # (coder, document, code, exact text)
    ("anna", "Interview-A", DIGITAL,
     "Wir haben fast alles ans Telefon verlegt. Persönliche Termine gab es kaum noch."),
    ("ben", "Interview-A", DIGITAL, "Wir haben fast alles ans Telefon verlegt."),
    ("anna", "Interview-A", AMT, "Die lief schleppend. Anträge blieben wochenlang liegen."),
    ("ben", "Interview-A", AMT, "Die lief schleppend. Anträge blieben wochenlang liegen."),
    ("ben", "Interview-A", RESSOURCEN, "Die Jugendlichen haben das erstaunlich gut mitgemacht."),
    ("anna", "Interview-B", RESSOURCEN,
     "Viele hatten kein Guthaben auf dem Handy. Wir haben dann Gutscheine verteilt."),
    ("ben", "Interview-B", RESSOURCEN,
     "Viele hatten kein Guthaben auf dem Handy. Wir haben dann Gutscheine verteilt."),
    ("anna", "Interview-B", DIGITAL, "Die Technik."),
    ("ben", "Interview-B", DIGITAL, "Die Technik. Viele hatten kein Guthaben auf dem Handy."),
]


def write_interviews(folder: Path) -> list[Path]:
    """The two interviews as UTF-8 text files in ``folder``."""
    paths = []
    for name, text in (("Interview-A", INTERVIEW_A), ("Interview-B", INTERVIEW_B)):
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def base_project(path: Path) -> Project:
    """The interviews and codes, nothing coded yet."""
    project = Project.create(path)
    report = import_paths(project, write_interviews(path.parent), "Interviews")
    assert not report.failed
    for code in (DIGITAL, AMT, RESSOURCEN):
        add_code(project, code)
    return project


def code_all(project: Project, codings=CODINGS) -> dict[tuple[str, str, str], int]:
    """Apply ``codings``; returns segment ids by (coder, document, code)."""
    ids = {}
    for coder, document, code, text in codings:
        doc = resolve_document(project, document)
        start, end = locate(project, doc, text)
        ids[coder, document, code] = add_segment(project, doc, get_code(project, code),
                                                 ensure_coder(project, coder), start, end)
    return ids


def two_coder_project(path: Path) -> Project:
    """The whole project: both interviews coded by anna and ben."""
    project = base_project(path)
    code_all(project)
    return project
