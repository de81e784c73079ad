"""``qualcode import PROJECT PATH... [--group NAME] [--recursive]``: every format, folders,
groups, duplicates and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import shared_path

from cli.conftest import THM_01, THM_02, assert_one_line_error, dump, ok, query, run

# A German transcript long enough for encoding detection; „“ and umlauts are the test.
CP1252_TEXT = (
    "Datum: 2021-10-01\n"
    "Modus: Anruf\n"
    "Kommune: Kreis Nord\n"
    "\n"
    "I: Wie läuft die Zusammenarbeit mit den Behörden im Moment? #00:00:04-0#\n"
    "\n"
    "B: Ehrlich gesagt schwierig. Die Ausländerbehörde ist für uns kaum erreichbar, und die "
    "Familien müssen oft wochenlang auf einen Termin warten. Wir nennen das intern „die große "
    "Warteschleife“. #00:00:41-3#\n"
    "\n"
    "I: Was würden Sie sich wünschen? #00:00:44-0#\n"
    "\n"
    "B: Feste Ansprechpersonen und kürzere Wege. Außerdem wäre es schön, wenn Anträge nicht "
    "dreimal geprüft würden. Für die Familien ist das zermürbend. #00:01:12-8#\n"
)

VTT = """WEBVTT

NOTE
Datum: 2021-05-03
Kommune: Stadt Süd

00:00:01.000 --> 00:00:04.500
<v S01>Guten Tag, wie geht es Ihnen?

00:00:05.000 --> 00:00:09.200
<v S02>Danke, es geht gut.

00:00:09.500 --> 00:00:12.000
<v S02>Wir haben viel zu tun.

00:00:12.500 --> 00:00:15.000
<v S01>Das glaube ich.
"""
# Two cues of S02 in a row become one paragraph ending with the second cue's end.
VTT_STORED = (
    "Datum: 2021-05-03\nKommune: Stadt Süd\n\n"
    "S01: Guten Tag, wie geht es Ihnen? #00:00:04-5#\n\n"
    "S02: Danke, es geht gut. Wir haben viel zu tun. #00:00:12-0#\n\n"
    "S01: Das glaube ich. #00:00:15-0#\n"
)

SRT = """1
00:00:01,000 --> 00:00:03,000
Frau Z: Hallo zusammen.

2
00:00:03,500 --> 00:00:06,000
Herr K: Schön, dass es klappt.

3
00:00:06,500 --> 00:00:08,000
Frau Z: Dann fangen wir an.

4
00:00:08,500 --> 00:00:11,000
Herr K: Gern, ich beginne.
"""
SRT_STORED = (
    "Frau Z: Hallo zusammen. #00:00:03-0#\n\n"
    "Herr K: Schön, dass es klappt. #00:00:06-0#\n\n"
    "Frau Z: Dann fangen wir an. #00:00:08-0#\n\n"
    "Herr K: Gern, ich beginne. #00:00:11-0#\n"
)

RTF = (
    r"{\rtf1\ansi\ansicpg1252\deff0 {\fonttbl {\f0 Arial;}}" "\n"
    r"\pard Datum: 2021-07-01\par" "\n"
    r"\pard Kommune: Kreis Nord\par" "\n"
    r"\par" "\n"
    r"\pard I: Wie war der Start? #00:00:04-0#\par" "\n"
    r"\par" "\n"
    r"\pard B: Schwierig, die R\'e4ume fehlten \'84ganz\'93. #00:00:20-0#\par" "\n"
    "}"
)
RTF_STORED = (
    "Datum: 2021-07-01\nKommune: Kreis Nord\n\n"
    "I: Wie war der Start? #00:00:04-0#\n\n"
    "B: Schwierig, die Räume fehlten „ganz“. #00:00:20-0#\n"
)

PARAGRAPHS = ["Datum: 2021-08-01", "Modus: Video", "", "I: Was war neu für Sie? #00:00:03-0#",
              "", "B: Die Arbeit mit Übersetzungs-Apps. #00:00:09-0#", ""]


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    for line in PARAGRAPHS:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "I: Und sonst?"
    table.cell(0, 1).text = "#00:00:12-0#"
    document.save(path)


# Paragraphs, then the table row with its two cells joined by one space.
DOCX_STORED = "\n".join(PARAGRAPHS) + "\nI: Und sonst? #00:00:12-0#"


def write_odt(path: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Datum: 2021-09-01"))
    for line in ["", "I: Wie ging es weiter? #00:00:02-0#", "",
                 "B: Mit viel Geduld und Kaffee. #00:00:05-0#"]:
        document.text.addElement(P(text=line))
    document.save(str(path))


ODT_STORED = ("Datum: 2021-09-01\n\nI: Wie ging es weiter? #00:00:02-0#\n\n"
              "B: Mit viel Geduld und Kaffee. #00:00:05-0#")


def stored_text(project: Path, name: str) -> str:
    return ok("text", project, name).stdout


def document(project: Path, name: str) -> dict:
    listed = json.loads(ok("documents", project, "--format", "json").stdout)
    return next(d for d in listed if d["name"] == name)


# -- plain text in every encoding ----------------------------------------------------------

@pytest.mark.parametrize(("encoding", "reported"), [
    ("utf-8", "UTF-8"),
    ("utf-8-sig", "UTF-8 (BOM)"),
    ("utf-16-le", "UTF-16 LE (BOM)"),
    ("utf-16-be", "UTF-16 BE (BOM)"),
    ("cp1252", "Windows-1252"),
])
def test_txt_in_each_encoding_is_stored_as_the_same_text(
        empty_project: Path, tmp_path: Path, encoding: str, reported: str):
    source = tmp_path / "THM-07.txt"
    data = CP1252_TEXT.replace("\n", "\r\n").encode(encoding)
    if encoding.startswith("utf-16"):
        data = "\ufeff".encode(encoding) + data  # the BOM the file starts with
    source.write_bytes(data)
    result = ok("import", empty_project, source)
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{source}: imported as THM-07 — txt, {reported}, 4 turns, 3 variables",
        "1 imported, 0 skipped, 0 failed",
    ]
    # CRLF became LF, the BOM is gone, umlauts and „“ are intact.
    assert stored_text(empty_project, "THM-07") == CP1252_TEXT
    record = document(empty_project, "THM-07")
    assert record["encoding"] == reported
    assert record["format"] == "txt"
    assert record["variables"] == {"Datum": "2021-10-01", "Modus": "Anruf",
                                   "Kommune": "Kreis Nord"}


def test_a_short_windows_1252_transcript_keeps_its_umlauts(empty_project: Path, tmp_path: Path):
    text = ("Datum: 2021-10-01\n\nI: Wie läuft es mit den Behörden? #00:00:04-0#\n\n"
            "B: „Schwierig“, sagt die Größte. Übrigens: äöüß. #00:00:15-0#\n")
    source = tmp_path / "kurz.txt"
    source.write_bytes(text.encode("cp1252"))
    result = ok("import", empty_project, source)
    assert "Windows-1252" in result.stderr
    assert stored_text(empty_project, "kurz") == text


def test_txt_text_is_normalised_once_on_import(empty_project: Path, tmp_path: Path):
    source = tmp_path / "roh.txt"
    # Decomposed ü (u + U+0308), a tab, a lone CR and a form feed.
    source.write_bytes("I: Gru\u0308n\tund blau?\rB: Ja.\fI: Gut.\n".encode())
    ok("import", empty_project, source)
    assert stored_text(empty_project, "roh") == "I: Grün und blau?\nB: Ja.\nI: Gut.\n"


# -- the other formats ----------------------------------------------------------------------

def test_docx_paragraphs_and_table_rows_in_document_order(empty_project: Path, tmp_path: Path):
    source = tmp_path / "THM-08.docx"
    write_docx(source)
    result = ok("import", empty_project, source)
    assert f"{source}: imported as THM-08 — docx, n/a, 3 turns, 2 variables" in result.stderr
    assert stored_text(empty_project, "THM-08") == DOCX_STORED
    assert document(empty_project, "THM-08")["variables"] == {"Datum": "2021-08-01",
                                                              "Modus": "Video"}


def test_odt_paragraphs_and_headings(empty_project: Path, tmp_path: Path):
    source = tmp_path / "RG-05.odt"
    write_odt(source)
    result = ok("import", empty_project, source)
    assert f"{source}: imported as RG-05 — odt, n/a, 2 turns, 1 variables" in result.stderr
    assert stored_text(empty_project, "RG-05") == ODT_STORED


def test_rtf_with_its_code_page(empty_project: Path, tmp_path: Path):
    source = tmp_path / "RG-06.rtf"
    source.write_bytes(RTF.encode("ascii"))
    result = ok("import", empty_project, source)
    assert f"{source}: imported as RG-06 — rtf, Windows-1252, 2 turns, 2 variables" in (
        result.stderr)
    assert stored_text(empty_project, "RG-06") == RTF_STORED


def test_vtt_voice_tags_become_f4_paragraphs_and_notes_variables(
        empty_project: Path, tmp_path: Path):
    source = tmp_path / "THM-09.vtt"
    source.write_text(VTT, encoding="utf-8")
    result = ok("import", empty_project, source)
    assert f"{source}: imported as THM-09 — vtt, UTF-8, 3 turns, 2 variables" in result.stderr
    assert stored_text(empty_project, "THM-09") == VTT_STORED
    assert document(empty_project, "THM-09")["variables"] == {"Datum": "2021-05-03",
                                                              "Kommune": "Stadt Süd"}
    # The S02 turn starts where its first cue starts (5.0 s), not at the previous end (4.5 s).
    ok("codes", "add", empty_project, "Antwort")
    ok("code", empty_project, "THM-09", "Antwort", "--match", "viel zu tun", "--coder", "lena")
    [segment] = json.loads(ok("segments", empty_project, "--format", "json").stdout)
    assert (segment["line_start"], segment["time"]) == (6, "#00:00:05-0#")


def test_vtt_cue_ending_before_it_starts_is_kept_with_a_note(
        empty_project: Path, tmp_path: Path):
    source = tmp_path / "schief.vtt"
    source.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v S01>Erst das.\n\n"
                      "00:00:09.000 --> 00:00:08.000\n<v S02>Dann dies.\n", encoding="utf-8")
    result = ok("import", empty_project, source)
    assert "  note: cue 2 ends before it starts" in result.stderr
    assert stored_text(empty_project, "schief") == (
        "S01: Erst das. #00:00:03-0#\n\nS02: Dann dies. #00:00:09-0#\n")


def test_srt_name_prefixes_become_speakers(empty_project: Path, tmp_path: Path):
    source = tmp_path / "RG-07.srt"
    source.write_text(SRT, encoding="utf-8")
    result = ok("import", empty_project, source)
    assert f"{source}: imported as RG-07 — srt, UTF-8, 4 turns, 0 variables" in result.stderr
    assert stored_text(empty_project, "RG-07") == SRT_STORED


@pytest.mark.shared
@pytest.mark.parametrize(("file_name", "fmt"), [
    ("noscribe-0.7_de_interview.txt", "txt"),
    ("noscribe-0.7_de_interview.html", "noscribe-html"),
])
def test_noscribe_transcripts(empty_project: Path, file_name: str, fmt: str):
    source = shared_path("samples", "noscribe", file_name)
    # The .txt has 55 paragraphs "S0n: [hh:mm:ss] ..." (grep -c '^S0[0-9]: \['); the HTML
    # is the same interview.
    result = ok("import", empty_project, source)
    assert f"imported as noscribe-0.7_de_interview — {fmt}, UTF-8, 55 turns" in result.stderr
    [record] = json.loads(ok("documents", empty_project, "--format", "json").stdout)
    assert record["turns"] == 55
    # The first turn starts at noScribe's [00:00:12].
    ok("codes", "add", empty_project, "Einstieg")
    ok("code", empty_project, record["name"], "Einstieg", "--match",
       "Guten Tag, ich habe heute", "--coder", "lena")
    [segment] = json.loads(ok("segments", empty_project, "--format", "json").stdout)
    assert segment["time"] == "#00:00:12-0#"


# -- folders, groups, duplicates ----------------------------------------------------------

def test_folder_import_ignores_other_types_and_recursive_descends(
        empty_project: Path, transcripts: dict[str, Path]):
    folder = transcripts["THM-01"].parent
    (folder / "liesmich.md").write_text("# Notizen\n", encoding="utf-8")
    (folder / "unter").mkdir()
    (folder / "unter" / "RG-02.txt").write_text("I: Hallo? #00:00:01-0#\n\nB: Hallo! #00:00:02-0#\n"
                                                "\nI: Gut. #00:00:03-0#\n", encoding="utf-8")
    result = ok("import", empty_project, folder, "--group", "Alle")
    lines = result.stderr.splitlines()
    # codebook.yaml and liesmich.md are not transcripts.
    assert "ignored 2 file(s) of other types" in result.stderr
    assert lines[-1] == "3 imported, 0 skipped, 0 failed"
    names = [d["name"] for d in json.loads(ok("documents", empty_project, "--format",
                                                "json").stdout)]
    assert sorted(names) == ["RG-01", "THM-01", "THM-02"]

    result = ok("import", empty_project, folder, "--recursive")
    assert result.stderr.splitlines()[-1] == "1 imported, 3 skipped, 0 failed"
    names = [d["name"] for d in json.loads(ok("documents", empty_project, "--format",
                                                "json").stdout)]
    assert sorted(names) == ["RG-01", "RG-02", "THM-01", "THM-02"]


def test_group_option_puts_documents_into_the_group(empty_project: Path,
                                                    transcripts: dict[str, Path]):
    ok("import", empty_project, transcripts["THM-01"], transcripts["THM-02"],
       "--group", "THM-Interviews")
    ok("import", empty_project, transcripts["RG-01"])
    groups = {d["name"]: d["group"] for d in json.loads(
        ok("documents", empty_project, "--format", "json").stdout)}
    assert groups == {"THM-01": "THM-Interviews", "THM-02": "THM-Interviews", "RG-01": None}
    only = json.loads(ok("documents", empty_project, "--group", "THM-Interviews",
                         "--format", "json").stdout)
    assert [d["name"] for d in only] == ["THM-01", "THM-02"]


def test_a_text_already_in_the_project_is_skipped_with_a_message(
        project: Path, tmp_path: Path, transcripts: dict[str, Path]):
    # The same words with a BOM and CRLF normalise to the same stored text.
    copy = tmp_path / "THM-01-kopie.txt"
    copy.write_bytes(THM_01.replace("\n", "\r\n").encode("utf-8-sig"))
    before = dump(project)
    result = run("import", project, transcripts["THM-01"], copy)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "skipped: THM-01.txt: same text as document 'THM-01', skipped",
        "skipped: THM-01-kopie.txt: same text as document 'THM-01', skipped",
        "0 imported, 2 skipped, 0 failed",
    ]
    assert dump(project) == before


def test_a_name_in_use_gets_a_suffix(project: Path, tmp_path: Path):
    other = tmp_path / "anderer" / "THM-01.txt"
    other.parent.mkdir()
    other.write_text(THM_02.replace("Beratung", "Begleitung"), encoding="utf-8")
    result = ok("import", project, other)
    assert "imported as THM-01-2 (renamed: THM-01 was taken)" in result.stderr
    assert stored_text(project, "THM-01-2") == THM_02.replace("Beratung", "Begleitung")


# -- bad files ------------------------------------------------------------------------------

def test_a_bad_file_among_good_ones(empty_project: Path, transcripts: dict[str, Path]):
    folder = transcripts["THM-01"].parent
    broken = folder / "THM-00.docx"
    broken.write_bytes(b"PK\x03\x04 this is not really a Word file")
    result = run("import", empty_project, transcripts["THM-01"], broken, transcripts["RG-01"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {broken}: not a readable .docx file")
    assert result.stderr.splitlines()[-1] == "2 imported, 0 skipped, 1 failed"
    names = [d["name"] for d in json.loads(ok("documents", empty_project, "--format",
                                                "json").stdout)]
    assert names == ["THM-01", "RG-01"]


@pytest.mark.parametrize(("file_name", "content", "reason"), [
    ("kaputt.docx", b"\x00\x01 kein zip", "not a readable .docx file"),
    ("kaputt.odt", b"kein zip", "not a readable .odt file"),
    ("kaputt.rtf", b"kein rtf", "not an RTF file"),
    ("binaer.txt", b"I: Hallo\x00\x00\x00\x01\x02", "binary data"),
    ("leer.txt", b"   \n\n", "contains no text"),
    ("bericht.pdf", b"%PDF-1.4", "unsupported file type .pdf"),
    ("kaputt.vtt", b"kein WEBVTT-Kopf\n", "not a valid VTT file"),
])
def test_an_unreadable_file_changes_nothing(project: Path, tmp_path: Path, file_name: str,
                                            content: bytes, reason: str):
    bad = tmp_path / file_name
    bad.write_bytes(content)
    before = dump(project)
    result = run("import", project, bad, "--group", "Neue Gruppe")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    [error] = result.stderr.splitlines()  # one line: no summary after a single file's error
    assert error.startswith(f"error: {bad}: {reason}")
    assert dump(project) == before  # not even the group was created


def test_a_missing_path_is_named(project: Path, tmp_path: Path):
    missing = tmp_path / "gibt-es-nicht.txt"
    before = dump(project)
    result = run("import", project, missing)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"error: {missing}: no such file or folder"
    assert dump(project) == before


def test_a_folder_without_transcripts_is_an_error_that_says_why(project: Path,
                                                                  tmp_path: Path):
    folder = tmp_path / "leer"
    folder.mkdir()
    (folder / "notizen.md").write_text("nichts\n", encoding="utf-8")
    before = dump(project)
    result = run("import", project, folder)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [f"error: no transcript files in {folder}"]
    assert "ignored 1 file(s) of other types" in result.stderr
    assert "0 imported" not in result.stderr
    assert dump(project) == before


def test_imported_text_is_stored_with_its_hash(project: Path):
    import hashlib

    [(text, sha)] = query(project, "SELECT text, sha256 FROM documents WHERE name = 'THM-01'")
    assert text == THM_01
    assert sha == hashlib.sha256(THM_01.encode("utf-8")).hexdigest()


# -- doubtful encodings, hostile paths, variable types (issue 10) ---------------------------

def _mixed_utf8(tmp_path: Path) -> Path:
    """CP1252_TEXT in UTF-8 with the quotes of line 7 pasted in as Windows-1252 bytes."""
    source = tmp_path / "THM-09.txt"
    source.write_bytes(CP1252_TEXT.encode("utf-8").replace(
        "„die große Warteschleife“".encode("utf-8"),
        "„die große Warteschleife“".encode("cp1252").replace("ß".encode("cp1252"),
                                                             "ß".encode("utf-8"))))
    return source


def test_mostly_utf8_with_stray_bytes_is_refused_with_the_fix(project: Path, tmp_path: Path):
    source = _mixed_utf8(tmp_path)
    before = dump(project)
    result = run("import", project, source)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {source}: mostly UTF-8, but 2 byte(s) are not (first in line 7, read as "
        "Windows-1252: '…n. Wir nennen das intern „die große Warteschleife“. #00:00:4…'); to import it "
        "so, give --encoding utf-8-repair"]
    assert dump(project) == before


def test_encoding_utf8_repair_imports_it_with_a_note(empty_project: Path, tmp_path: Path):
    source = _mixed_utf8(tmp_path)
    result = ok("import", empty_project, source, "--encoding", "utf-8-repair")
    assert result.stderr.splitlines() == [
        f"{source}: imported as THM-09 — txt, UTF-8 (repaired), 4 turns, 3 variables",
        "  note: 2 byte(s) that are not UTF-8 read as Windows-1252 (--encoding utf-8-repair; "
        "first in line 7: '…n. Wir nennen das intern „die große Warteschleife“. #00:00:4…')",
        "1 imported, 0 skipped, 0 failed"]
    assert stored_text(empty_project, "THM-09") == CP1252_TEXT


def test_a_given_encoding_decodes_every_text_file(empty_project: Path, tmp_path: Path):
    source = tmp_path / "alt.txt"
    source.write_bytes(CP1252_TEXT.encode("cp1252"))
    result = ok("import", empty_project, source, "--encoding", "windows-1252")
    assert "— txt, Windows-1252 (given), 4 turns" in result.stderr
    assert stored_text(empty_project, "alt") == CP1252_TEXT


def test_an_unknown_encoding_name_is_one_line(project: Path, tmp_path: Path):
    before = dump(project)
    assert_one_line_error(run("import", project, tmp_path, "--encoding", "klingonisch"),
                          "--encoding 'klingonisch': unknown encoding")
    assert dump(project) == before


@pytest.mark.parametrize("kind", ["fifo", "device", "loop"])
def test_fifos_devices_and_link_loops_are_refused_in_one_line(project: Path, tmp_path: Path,
                                                              kind: str):
    import os

    path = tmp_path / "falle.txt"
    if kind == "fifo":
        os.mkfifo(path)
        reason = "not a regular file but a FIFO (named pipe); qualcode reads only regular files"
    elif kind == "device":
        path.symlink_to("/dev/zero")
        reason = "not a regular file but a character device; qualcode reads only regular files"
    else:
        path.symlink_to(tmp_path / "falle2.txt")
        (tmp_path / "falle2.txt").symlink_to(path)
        reason = "symbolic link loop"
    before = dump(project)
    assert_one_line_error(run("import", project, path), f"{path}: {reason}")
    assert dump(project) == before


def test_a_fifo_in_a_folder_fails_by_name_and_the_rest_imports(empty_project: Path,
                                                               tmp_path: Path):
    import os

    folder = tmp_path / "ordner"
    folder.mkdir()
    (folder / "gut.txt").write_text(THM_01, encoding="utf-8")
    os.mkfifo(folder / "rohr.txt")
    result = run("import", empty_project, folder)
    assert result.exit_code == 1
    assert f"error: {folder / 'rohr.txt'}: not a regular file but a FIFO" in result.stderr
    assert result.stderr.splitlines()[-1] == "1 imported, 0 skipped, 1 failed"


def test_a_header_value_of_another_type_fails_the_file_instead_of_retyping(project: Path,
                                                                           tmp_path: Path):
    source = tmp_path / "THM-10.txt"
    source.write_text(THM_02.replace("Datum: 2021-04-02", "Datum: Frühjahr 2021"),
                      encoding="utf-8")
    before = dump(project)
    result = run("import", project, source)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {source}: variable 'Datum' is a date; 'Frühjahr 2021' is not a "
        "date (to hold such values, convert it: qualcode variable convert PROJECT Datum text)"]
    assert dump(project) == before
    ok("variable", "convert", project, "Datum", "text")
    ok("import", project, source)
    assert document(project, "THM-10")["variables"]["Datum"] == "Frühjahr 2021"
