"""A small hand-built project for the analysis tests (matrix, co-occurrence, crosstab,
search, autocoding, quotes), with every expected number derivable by reading this file.

Documents (groups; Kommune; Modus):
  A-01 (THM-Interviews; Kreis; Telefon)              A-02 (THM-Interviews; kreisfreie Stadt; Video)
  B-01 (Reflexionsgespräche; Kreis; Video)           B-02 (Reflexionsgespräche; kreisangehörige
                                                           Kommune; Telefon) - not coded
Every document: header lines 1-3, blank line 4, turns I: (line 5), B: (7), I: (9), B: (11).

Codes, in code-system order: ABH-Kooperation; Corona als Prozessbremse;
Corona als Prozessbremse/Abstimmungsprozesse; Digitale Beratung; Digitale Beratung/Telefon;
Digitale Beratung/Video.

Segments (number: document, code, coder, text), see CODINGS:
  1 A-01 ABH anna        2 A-01 Corona anna      3 A-01 Telefon anna   4 A-01 Video anna
  5 A-02 ABH anna        6 A-02 ABH anna         7 A-02 Abstimmungsprozesse anna
  8 A-02 Video anna      9 A-02 Video anna      10 B-01 ABH anna      11 B-01 Corona anna
 12 B-01 Telefon anna   13 A-01 ABH ben         14 A-01 Digitale Beratung ben
 15 B-01 ABH ben (the same words as 10)
Segment 4 ("und per Video") lies inside segment 3; segment 14 has the same words as 3.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from qualcode.cli import main
from qualcode.importers.batch import import_paths
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import add_code, get_code
from qualcode.store.documents import resolve_document
from qualcode.store.project import Project
from qualcode.store.segments import add_segment, locate

TEXTS = {
    "A-01": """Datum: 2020-05-04
Modus: Telefon
Kommune: Kreis

I: Wie läuft die Zusammenarbeit mit der Ausländerbehörde? #00:00:10-0#

B: Mit der Ausländerbehörde telefonieren wir jede Woche. Die Ausländerbehörden im Kreis sind aber unterschiedlich offen. (lacht) Seit Corona ist vieles langsamer geworden. #00:00:40-0#

I: Und wie beraten Sie die jungen Leute? #00:00:45-0#

B: Die Beratung läuft jetzt per Telefon und per Video. Viele Geflüchtete haben nur ein Handy. #00:01:10-0#
""",
    "A-02": """Datum: 2020-05-11
Modus: Video
Kommune: kreisfreie Stadt

I: Gibt es Kontakt zu den Behörden? #00:00:08-0#

B: Die Ausländerbehörde schreibt die jungen Leute selbst an. Mit den Behörden haben wir eine Kooperationsvereinbarung geschlossen. Durch Corona wurden alle Treffen abgesagt. #00:00:50-0#

I: Wie beraten Sie im Moment? #00:00:55-0#

B: Meistens per Video, manchmal per WhatsApp. Die Beratung per Video klappt gut. #00:01:30-0#
""",
    "B-01": """Datum: 2020-06-02
Modus: Video
Kommune: Kreis

I: Wo stehen die Kooperationsvereinbarungen? #00:00:05-0#

B: Die Kooperationsvereinbarungen mit den Ausländerbehörden liegen beim Rechtsamt. (.) Corona hat alles verzögert. #00:00:30-0#

I: Und die Beratung? #00:00:33-0#

B: Wir beraten per Telefon, das geht schnell. #00:00:50-0#
""",
    "B-02": """Datum: 2020-06-09
Modus: Telefon
Kommune: kreisangehörige Kommune

I: Wie geht es Ihnen mit der Arbeit? #00:00:04-0#

B: Gut, wir haben viel zu tun. Die Kommune unterstützt uns. #00:00:20-0#

I: Danke für das Gespräch. #00:00:22-0#

B: Gerne. #00:00:23-0#
""",
}

GROUPS = {"THM-Interviews": ["A-01", "A-02"], "Reflexionsgespräche": ["B-01", "B-02"]}

ABH = "ABH-Kooperation"
CORONA = "Corona als Prozessbremse"
ABSTIMMUNG = "Corona als Prozessbremse/Abstimmungsprozesse"
DIGITAL = "Digitale Beratung"
TELEFON = "Digitale Beratung/Telefon"
VIDEO = "Digitale Beratung/Video"
CODES = [ABH, CORONA, ABSTIMMUNG, DIGITAL, TELEFON, VIDEO]

#: (document, code, coder, text); the list position + 1 is the segment id.
CODINGS = [
    ("A-01", ABH, "anna", "Mit der Ausländerbehörde telefonieren wir jede Woche."),
    ("A-01", CORONA, "anna", "Seit Corona ist vieles langsamer geworden."),
    ("A-01", TELEFON, "anna", "Die Beratung läuft jetzt per Telefon und per Video."),
    ("A-01", VIDEO, "anna", "und per Video"),
    ("A-02", ABH, "anna", "Die Ausländerbehörde schreibt die jungen Leute selbst an."),
    ("A-02", ABH, "anna",
     "Mit den Behörden haben wir eine Kooperationsvereinbarung geschlossen."),
    ("A-02", ABSTIMMUNG, "anna", "Durch Corona wurden alle Treffen abgesagt."),
    ("A-02", VIDEO, "anna", "Meistens per Video, manchmal per WhatsApp."),
    ("A-02", VIDEO, "anna", "Die Beratung per Video klappt gut."),
    ("B-01", ABH, "anna",
     "Die Kooperationsvereinbarungen mit den Ausländerbehörden liegen beim Rechtsamt."),
    ("B-01", CORONA, "anna", "Corona hat alles verzögert."),
    ("B-01", TELEFON, "anna", "Wir beraten per Telefon, das geht schnell."),
    ("A-01", ABH, "ben", ("Mit der Ausländerbehörde telefonieren wir jede Woche. Die "
                          "Ausländerbehörden im Kreis sind aber unterschiedlich offen.")),
    ("A-01", DIGITAL, "ben", "Die Beratung läuft jetzt per Telefon und per Video."),
    ("B-01", ABH, "ben",
     "Die Kooperationsvereinbarungen mit den Ausländerbehörden liegen beim Rechtsamt."),
]

DEFINITIONS = {ABH: "Zusammenarbeit mit der Ausländerbehörde (ABH).",
               CORONA: "Verzögerungen durch die Pandemie."}


def build(path: Path) -> None:
    """Create the project at ``path`` (import, codes, codings) through the public API."""
    folder = path.parent / "transcripts"
    folder.mkdir(exist_ok=True)
    with Project.create(path) as project:
        for group, names in GROUPS.items():
            files = []
            for name in names:
                file = folder / f"{name}.txt"
                file.write_text(TEXTS[name], encoding="utf-8")
                files.append(file)
            report = import_paths(project, files, group)
            assert not report.failed
        for code in CODES:
            add_code(project, code, definition=DEFINITIONS.get(code, ""), exist_ok=True)
        for number, (document, code, coder, text) in enumerate(CODINGS, start=1):
            doc = resolve_document(project, document)
            start, end = locate(project, doc, text)
            segment_id = add_segment(project, doc, get_code(project, code),
                                     ensure_coder(project, coder), start, end)
            assert segment_id == number


_TEMPLATE: list[Path] = []


def template(tmp_path_factory) -> Path:
    """The project, built once per test session."""
    if not _TEMPLATE:
        path = tmp_path_factory.mktemp("analysis") / "template.qualcode"
        build(path)
        _TEMPLATE.append(path)
    return _TEMPLATE[0]


@pytest.fixture
def coded_project(tmp_path_factory, tmp_path: Path) -> Path:
    """A fresh copy of the analysis project for one test (a plugin: see tests/conftest.py)."""
    path = tmp_path / "study.qualcode"
    shutil.copy(template(tmp_path_factory), path)
    return path


def run(*args: str, ok: bool = True):
    """Invoke the CLI in-process; asserts the exit status (0 unless ``ok=False``)."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, (result.output, result.exception)
    else:
        assert result.exit_code != 0, result.output
    return result
