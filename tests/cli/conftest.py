"""Fixtures for the command-line tests.

* :func:`run` invokes ``qualcode.cli.main`` through Click's ``CliRunner`` (Click 8.2+ keeps
  stderr apart: ``result.stdout`` / ``result.stderr``).
* :func:`build_project` builds a small study from three hand-written f4-style transcripts
  (``I:``/``B:`` turns, ``#hh:mm:ss-d#`` marks at paragraph ends, a ``Datum``/``Modus``/
  ``Kommune`` header) and a codebook, and codes eight passages as two coders. It is built once
  per session; every test gets its own copy in ``tmp_path``.

Every expected number in the tests is derived by hand from the texts below; the comments next
to them give the line numbers (1-based, blank lines counted) and the turn start times.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from qualcode.cli import main

# Line numbers:   1 Datum, 2 Modus, 3 Kommune, 4 blank, 5 I, 6 blank, 7-9 B, 10 blank, 11 I,
# 12 blank, 13 B. Turns start at 0 s, 10.0 s, 83.4 s and 90.0 s (the previous turn's mark).
THM_01 = (
    "Datum: 2021-03-15\n"
    "Modus: Anruf\n"
    "Kommune: Kreis Nord\n"
    "\n"
    "I: Wie hat sich Ihre Arbeit im Frühjahr verändert? #00:00:10-0#\n"
    "\n"
    "B: Wir haben fast alles auf das Telefon verlegt.\n"
    "Die offenen Sprechstunden fielen ersatzlos weg.\n"
    "Manche Familien hatten kein Guthaben mehr. #00:01:23-4#\n"
    "\n"
    "I: Und die Zusammenarbeit mit der Ausländerbehörde? #00:01:30-0#\n"
    "\n"
    "B: Dort war wochenlang niemand erreichbar, wir haben nur gewartet. #00:02:05-5#\n"
)

# Lines: 5 I, 7 B, 9 I, 11 B. Turns start at 0 s, 8.0 s, 40.2 s and 45.0 s.
THM_02 = (
    "Datum: 2021-04-02\n"
    "Modus: Video\n"
    "Kommune: Stadt Süd\n"
    "\n"
    "I: Was hat Ihnen in der Beratung geholfen? #00:00:08-0#\n"
    "\n"
    "B: Die Gespräche am Bildschirm liefen besser als gedacht. #00:00:40-2#\n"
    "\n"
    "I: Gab es Schwierigkeiten mit Ämtern? #00:00:45-0#\n"
    "\n"
    "B: Die Ausländerbehörde hat Anträge monatelang liegen lassen. #00:01:12-8#\n"
)

# Lines: 5 I, 7 B, 9 I, 11 B. Turns start at 0 s, 5.0 s, 31.6 s and 36.0 s.
RG_01 = (
    "Datum: 2021-06-10\n"
    "Modus: Präsenz\n"
    "Kommune: Kreis Nord\n"
    "\n"
    "I: Wie blicken Sie auf das erste Jahr zurück? #00:00:05-0#\n"
    "\n"
    "B: Die Abstimmung im Netzwerk hat viel Zeit gekostet. #00:00:31-6#\n"
    "\n"
    "I: Und der Kontakt zu den Familien? #00:00:36-0#\n"
    "\n"
    "B: Meistens lief er über Nachrichten auf dem Handy. #00:01:02-1#\n"
)

TEXTS = {"THM-01": THM_01, "THM-02": THM_02, "RG-01": RG_01}
GROUPS = {"THM-Interviews": ["THM-01", "THM-02"], "Reflexionsgespräche": ["RG-01"]}
DOCUMENT_NAMES = list(TEXTS)
#: Every variable value of the three documents (none of them occurs in a text or the codebook).
VARIABLE_VALUES = ["2021-03-15", "2021-04-02", "2021-06-10", "Anruf", "Video", "Präsenz",
                   "Kreis Nord", "Stadt Süd"]

CODEBOOK = """\
name: Testcodebuch
codes:
  - name: Corona
    color: "#C0392B"
    definition: Veränderungen der Arbeit durch die Pandemie.
    children:
      - name: Sprechstunden
        definition: Wegfall oder Umbau von Sprechstunden.
      - name: Telefon/E-Mail
        definition: Kontakt über Telefon oder E-Mail.
  - name: Behörden
    definition: Zusammenarbeit mit Ämtern.
    children:
      - name: Wartezeiten
        definition: Lange Bearbeitungs- oder Wartezeiten.
  - name: Netzwerk
    definition: Abstimmung mit Partnern vor Ort.
"""
#: Code paths in code-system order (ids 1..6 in this order).
CODE_PATHS = ["Corona", "Corona/Sprechstunden", "Corona/Telefon\\/E-Mail", "Behörden",
              "Behörden/Wartezeiten", "Netzwerk"]

MULTILINE_PASSAGE = (
    "Wir haben fast alles auf das Telefon verlegt.\n"
    "Die offenen Sprechstunden fielen ersatzlos weg.\n"
    "Manche Familien hatten kein Guthaben mehr. #00:01:23-4#"
)

#: (coder, document, CODEPATH, passage) in coding order: segment ids 1..8.
CODINGS = [
    ("lena", "THM-01", "Corona/Sprechstunden", "Die offenen Sprechstunden fielen ersatzlos weg."),
    ("lena", "THM-01", "Corona/Telefon\\/E-Mail", MULTILINE_PASSAGE),
    ("lena", "THM-01", "Behörden/Wartezeiten", "wochenlang niemand erreichbar"),
    ("lena", "THM-02", "Behörden/Wartezeiten", "Anträge monatelang liegen lassen"),
    ("lena", "RG-01", "Netzwerk", "Die Abstimmung im Netzwerk hat viel Zeit gekostet."),
    ("lena", "RG-01", "Corona/Telefon\\/E-Mail", "über Nachrichten auf dem Handy"),
    ("jonas", "THM-02", "Corona", "Die Gespräche am Bildschirm liefen besser als gedacht."),
    ("jonas", "THM-01", "Behörden/Wartezeiten", "wochenlang niemand erreichbar"),
]


def run(*args: object, input: str | None = None, env: dict | None = None) -> Result:
    """Invoke ``qualcode ARGS...`` in-process; unexpected exceptions propagate to the test."""
    return CliRunner().invoke(main, [str(a) for a in args], input=input, env=env,
                              catch_exceptions=False)


def ok(*args: object, **kwargs) -> Result:
    """:func:`run` and assert exit status 0."""
    result = run(*args, **kwargs)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result


def assert_one_line_error(result: Result, *fragments: str) -> str:
    """The command failed with exactly one line ``error: ...`` on stderr, nothing on stdout."""
    assert result.exit_code != 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def dump(path: Path) -> list[str]:
    """Every table of the project file as SQL (sqlite3 iterdump), for before/after checks."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def query(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of a read-only query on the project file."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def write_transcripts(folder: Path) -> dict[str, Path]:
    """Write the three transcripts and the codebook into ``folder``; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, text in TEXTS.items():
        paths[name] = folder / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    paths["codebook"] = folder / "codebook.yaml"
    paths["codebook"].write_text(CODEBOOK, encoding="utf-8")
    return paths


def build_project(folder: Path, coded: bool = True) -> Path:
    """Build ``folder/study.qualcode`` from the transcripts through the command line."""
    files = write_transcripts(folder / "transcripts")
    project = folder / "study.qualcode"
    ok("init", project)
    ok("codebook", "import", project, files["codebook"])
    for group, names in GROUPS.items():
        ok("import", project, *(files[n] for n in names), "--group", group)
    if coded:
        for number, (coder, document, codepath, passage) in enumerate(CODINGS, start=1):
            result = ok("code", project, document, codepath, "--match", passage,
                        "--coder", coder)
            assert result.stdout == f"{number}\n"
    return project


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {
        "coded": build_project(tmp_path_factory.mktemp("coded")),
        "plain": build_project(tmp_path_factory.mktemp("plain"), coded=False),
    }


@pytest.fixture
def project(tmp_path: Path, _templates: dict[str, Path]) -> Path:
    """A copy of the coded study: 3 documents, 6 codes, 8 segments (lena 6, jonas 2)."""
    target = tmp_path / "study.qualcode"
    shutil.copyfile(_templates["coded"], target)
    return target


@pytest.fixture
def plain_project(tmp_path: Path, _templates: dict[str, Path]) -> Path:
    """A copy of the study with documents and codebook but no coded segments."""
    target = tmp_path / "plain.qualcode"
    shutil.copyfile(_templates["plain"], target)
    return target


@pytest.fixture
def empty_project(tmp_path: Path) -> Path:
    """A new project made with ``qualcode init``."""
    target = tmp_path / "empty.qualcode"
    ok("init", target)
    return target


@pytest.fixture
def transcripts(tmp_path: Path) -> dict[str, Path]:
    """The three transcripts and the codebook written to ``tmp_path/transcripts``."""
    return write_transcripts(tmp_path / "transcripts")
