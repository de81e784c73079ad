"""Helpers for the exchange tests (REFI-QDA, surveys): a small coded project, table dumps,
hand-made archives. All texts are written for these tests."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

from click.testing import CliRunner

from qualcode.cli import main
from qualcode.domain.models import NewDocument
from qualcode.domain.text import normalize_text
from qualcode.domain.transcript import parse_transcript
from qualcode.store.coders import ensure_coder
from qualcode.store.codes import add_code, get_code
from qualcode.store.documents import add_document, set_variable
from qualcode.store.memos import add_memo
from qualcode.store.project import Project
from qualcode.store.segments import add_segment, locate

# Two short transcripts in f4 style. The first has a character above U+FFFF (an emoji) and a
# decomposed umlaut in its raw form, so positions in code points, UTF-16 units and bytes differ.
INTERVIEW_A = (
    "Datum: 2020-05-12\nKommune: Kreis\nModus: Telefon\n\n"
    "I: Wie hat sich die Beratung seit März verändert? #00:00:06-1#\n\n"
    "B: Wir telefonieren fast nur noch \U0001F4DE, und die Jugendlichen schreiben u\u0308ber den "
    "Messenger. Ein Büro mit Termin geht erst seit Juni wieder. #00:00:31-4#\n\n"
    "I: Und die Ausländerbehörde? #00:00:35-0#\n\n"
    "B: Die ABH hat lange gar nicht geantwortet. Inzwischen gibt es eine feste "
    "Ansprechpartnerin, das hilft sehr. #00:01:02-8#\n"
)
INTERVIEW_B = (
    "Datum: 2020-06-03\nKommune: kreisfreie Stadt\nModus: Video\n\n"
    "I: Was war im Frühjahr am schwierigsten? #00:00:04-0#\n\n"
    "B: Die Bündniskerngruppe hat nicht getagt, alles lief per Rundmail. Träger für den "
    "Baustein vier haben wir bis heute nicht gefunden. #00:00:29-5#\n"
)


def cli(*args: str):
    """Run ``qualcode ARGS`` in-process; returns the click result (stdout and stderr apart)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def build_project(path: Path) -> Path:
    """A project with a codebook (three levels, colours, definitions), two documents in two
    groups with typed variables, 6 coded segments by two coders (comments, a weight), and a
    free, a project, a document, a code and a segment memo."""
    with Project.create(path) as project:
        add_code(project, "Digitale Beratung/Telefon\\/E-Mail", color="#8E44AD",
                 definition="Beratung am Telefon oder per E-Mail.",
                 anchor_example="Wir telefonieren fast nur noch.",
                 coding_rules="Nur Aussagen über die Beratung selbst.")
        add_code(project, "Digitale Beratung/Messenger", definition="Messenger-Dienste.")
        add_code(project, "ABH-Kooperation", color="#2E86C1",
                 definition="Zusammenarbeit mit der Ausländerbehörde.")
        add_code(project, "Corona als Prozessbremse/Abstimmungsprozesse/Gremien")
        documents = []
        for name, text, group in (("THM-A", INTERVIEW_A, "THM-Interviews"),
                                  ("RG-B", INTERVIEW_B, "Reflexionsgespräche")):
            normalised = normalize_text(text)
            documents.append(add_document(project, NewDocument(
                name=name, text=normalised, source_name=f"{name}.txt", source_format="txt",
                encoding="UTF-8", structure=parse_transcript(normalised)), group=group))
        set_variable(project, documents[0].id, "Befragte", 2, "integer")
        set_variable(project, documents[1].id, "Befragte", 1, "integer")
        set_variable(project, documents[0].id, "Erstgespräch", True, "boolean")
        set_variable(project, documents[1].id, "Anteil", "0,25", "float")
        lena, jonas = ensure_coder(project, "lena"), ensure_coder(project, "jonas")
        codings = [
            (documents[0], "Digitale Beratung/Telefon\\/E-Mail", lena,
             "Wir telefonieren fast nur noch \U0001F4DE", "Telefon statt Büro", 0),
            (documents[0], "Digitale Beratung/Messenger", lena,
             "die Jugendlichen schreiben über den Messenger", "", 60),
            (documents[0], "Digitale Beratung/Messenger", jonas,
             "die Jugendlichen schreiben über den Messenger", "", 0),
            (documents[0], "ABH-Kooperation", jonas,
             "Die ABH hat lange gar nicht geantwortet.", "Wartezeit", 0),
            (documents[1], "Corona als Prozessbremse/Abstimmungsprozesse/Gremien", lena,
             "Die Bündniskerngruppe hat nicht getagt", "", 0),
            (documents[1], "Corona als Prozessbremse", jonas,
             "alles lief per Rundmail", "=SUMME(A1:A3) sieht wie eine Formel aus", 0),
        ]
        segment_ids = []
        for document, code, coder, passage, comment, weight in codings:
            start, end = locate(project, document, passage)
            segment_ids.append(add_segment(project, document, get_code(project, code), coder,
                                           start, end, comment=comment, weight=weight))
        add_memo(project, "free", "Offene Frage: Wie zählen wir Rundmails?", title="Notiz",
                 author_id=lena.id)
        add_memo(project, "project", "Projektmemo zur Auswertung 2020.", author_id=jonas.id)
        add_memo(project, "document", "Gespräch war kurz.", target_id=documents[1].id,
                 title="Kontext")
        add_memo(project, "code", "Abgrenzung zu Messenger klären.",
                 target_id=get_code(project, "ABH-Kooperation").id)
        add_memo(project, "segment", "Gutes Ankerbeispiel.", target_id=segment_ids[0])
    return path


def dump_tables(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table of a project file (event log included), for before/after
    comparisons."""
    connection = sqlite3.connect(path)
    try:
        tables = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        return {table: connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
                for table in tables}
    finally:
        connection.close()


def make_archive(members: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED
                 ) -> bytes:
    """A ZIP built in memory from ``{member name: content}`` (names written as given)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data.encode("utf-8") if isinstance(data, str)
                             else data, compress_type=compression)
    return buffer.getvalue()


def project_xml(sources: str = "", *, codes: str = "", users: str = "",
                origin: str = "Testprogramm 1.0", extra: str = "") -> str:
    """A minimal ``project.qde`` in the REFI-QDA namespace."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<Project xmlns="urn:QDA-XML:project:1.0" name="Test" origin="{origin}">'
        + (f"<Users>{users}</Users>" if users else "")
        + (f"<CodeBook><Codes>{codes}</Codes></CodeBook>" if codes else "")
        + (f"<Sources>{sources}</Sources>" if sources else "")
        + extra + "</Project>"
    )
