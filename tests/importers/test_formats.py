"""One test per import format: text, speaker turns, time marks and header variables."""

from __future__ import annotations

import re

import docx
import pytest
from support import shared_path
from odf.opendocument import OpenDocumentText
from odf.text import H, P

from qualcode.domain.errors import InputError
from qualcode.importers.reader import read_document, supported_suffixes


def _speech(document):
    return [(t.speaker, document.text[t.body_start:t.body_end]) for t in document.structure.turns]


def test_supported_suffixes():
    assert {".txt", ".docx", ".rtf", ".odt", ".vtt", ".srt", ".html"} <= set(supported_suffixes())


def test_txt(tmp_path):
    path = tmp_path / "Ausbildung-07.txt"
    path.write_bytes(
        b"Datum: 2021-09-01\r\nModus: Telefon\r\n\r\n"
        b"I: Wie geht es in der Ausbildung? #00:00:04-0#\r\n\r\n"
        b"B: Gut,\tdanke. (lacht) #00:00:07-5#\r\n")
    document = read_document(path)
    assert document.name == "Ausbildung-07"
    assert (document.source_name, document.source_format, document.encoding) == (
        "Ausbildung-07.txt", "txt", "UTF-8")
    assert "\r" not in document.text and "\t" not in document.text
    assert document.structure.variables == {"Datum": "2021-09-01", "Modus": "Telefon"}
    assert _speech(document) == [("I", "Wie geht es in der Ausbildung?"),
                                 ("B", "Gut, danke. (lacht)")]
    assert [t.end_ms for t in document.structure.turns] == [4_000, 7_500]


def test_docx(tmp_path):
    word = docx.Document()
    word.add_paragraph("Datum: 2021-07-14")
    word.add_paragraph("Kommune: Kreis")
    word.add_paragraph("")
    word.add_heading("Gespräch", level=1)
    word.add_paragraph("I: Was hat Ihnen geholfen?")
    table = word.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Angebot"
    table.rows[0].cells[1].text = "Sprachcafé"
    word.add_paragraph("B: Vor allem das Sprachcafé am Donnerstag.")
    word.add_paragraph("I: Und sonst?")
    word.add_paragraph("B: Die Hilfe bei Anträgen.")
    path = tmp_path / "Hilfe.docx"
    word.save(path)

    document = read_document(path)
    assert document.source_format == "docx"
    assert document.text.split("\n") == [
        "Datum: 2021-07-14", "Kommune: Kreis", "", "Gespräch", "I: Was hat Ihnen geholfen?",
        "Angebot Sprachcafé",  # a table row, cells in order
        "B: Vor allem das Sprachcafé am Donnerstag.", "I: Und sonst?",
        "B: Die Hilfe bei Anträgen."]
    assert document.structure.variables == {"Datum": "2021-07-14", "Kommune": "Kreis"}
    assert [s for s, _ in _speech(document)] == ["I", "B", "I", "B"]
    # The table row follows the question, so it belongs to the interviewer's turn.
    assert _speech(document)[0] == ("I", "Was hat Ihnen geholfen?\nAngebot Sprachcafé")


def test_rtf_with_code_page_escapes(tmp_path):
    rtf = (
        r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}" "\n"
        r"\f0\fs22 Datum: 2021-08-02\par" "\n"
        r"\par" "\n"
        r"I: Wie war der Start im Betrieb?\par" "\n"
        r"B: Gut. Nur die Fr\'fchschicht ist hart. \'84Man gew\'f6hnt sich\'93 \'96 "
        r"sagt mein Chef.\par" "\n"
        r"I: Und die Berufsschule?\par" "\n"
        r"B: Schwierig, wegen der Fachbegriffe.\par" "\n"
        "}"
    )
    path = tmp_path / "Betrieb.rtf"
    path.write_bytes(rtf.encode("ascii"))
    document = read_document(path)
    assert (document.source_format, document.encoding) == ("rtf", "Windows-1252")
    assert document.structure.variables == {"Datum": "2021-08-02"}
    assert _speech(document) == [
        ("I", "Wie war der Start im Betrieb?"),
        ("B", "Gut. Nur die Frühschicht ist hart. „Man gewöhnt sich“ – sagt mein Chef."),
        ("I", "Und die Berufsschule?"),
        ("B", "Schwierig, wegen der Fachbegriffe."),
    ]
    assert "\\" not in document.text and "{" not in document.text


def test_rtf_uses_the_files_code_page(tmp_path):
    rtf = (r"{\rtf1\ansi\ansicpg1250{\fonttbl{\f0 Arial;}}\f0 I: Sk\'b9d?\par B: Z Gda\'f1ska.\par"
           "\n" r"I: Dzi\'eaki.\par B: Prosz\'ea.\par}")
    path = tmp_path / "Polnisch.rtf"
    path.write_bytes(rtf.encode("ascii"))
    document = read_document(path)
    assert document.encoding == "Windows-1250"
    assert "Skąd?" in document.text and "Gdańska" in document.text and "Dzięki" in document.text


def _rtf(tmp_path, body: str, name: str = "Brief.rtf"):
    path = tmp_path / name
    path.write_bytes(body.encode("latin-1"))
    return path


def test_rtf_with_an_unknown_code_page_is_refused_not_stored_as_replacement_characters(tmp_path):
    path = _rtf(tmp_path, r"{\rtf1\ansi\ansicpg9999{\fonttbl{\f0 Arial;}}\f0 I: Gr\'fc\'dfe?\par}")
    with pytest.raises(InputError) as error:
        read_document(path)
    assert str(error.value) == (f"{path}: RTF code page \\ansicpg9999 is not supported; name "
                                "the encoding with --encoding NAME")


def test_rtf_with_an_unknown_code_page_reads_with_a_given_encoding(tmp_path):
    path = _rtf(tmp_path, r"{\rtf1\ansi\ansicpg9999{\fonttbl{\f0\fcharset0 Arial;}}\f0 "
                          r"I: Gr\'fc\'dfe?\par B: Ja.\par}")
    document = read_document(path, encoding="cp1252")
    assert document.encoding == "Windows-1252 (given)"
    assert document.text.startswith("I: Grüße?\nB: Ja.")


def test_rtf_bytes_undefined_in_the_code_page_are_an_error(tmp_path):
    # 0x81 is not a character of Windows-1252: striprtf would store U+FFFD.
    path = _rtf(tmp_path, r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}\f0 I: A\'81B\par}")
    with pytest.raises(InputError) as error:
        read_document(path)
    assert str(error.value).startswith(f"{path}: escaped characters that are not Windows-1252 "
                                       "text (")
    assert str(error.value).endswith("); name the encoding with --encoding NAME")


def test_rtf_mac_code_page_and_unescaped_bytes_in_the_code_page(tmp_path):
    mac = _rtf(tmp_path, r"{\rtf1\mac\ansicpg10000{\fonttbl{\f0 Helvetica;}}\f0 I: Gr\'9f\'a7e?\par}",
               "mac.rtf")
    assert read_document(mac).text.startswith("I: Grüße?")
    assert read_document(mac).encoding == "Mac Roman"
    raw = tmp_path / "roh.rtf"
    raw.write_bytes("{\\rtf1\\ansi\\ansicpg1252 I: Grüße \u201eaus\u201c Köln?\\par}"
                    .encode("cp1252"))
    assert read_document(raw).text.startswith("I: Grüße „aus“ Köln?")


def test_rtf_characters_beyond_u_ffff_are_joined_and_broken_halves_noted(tmp_path):
    path = _rtf(tmp_path, r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}\f0 "
                          r"I: Telefon \u-10179?\u-8994? und \u-10179? allein.\par}")
    document = read_document(path)
    assert document.text.startswith("I: Telefon \U0001F4DE und \ufffd allein.")
    assert document.notes[0] == "1 broken \\u escape(s) (half of a character pair) became '\ufffd'"


@pytest.mark.parametrize(("body", "reason"), [
    (r"{\rtf1\ansi I: \u99999999999? Text\par}", "a number in a control word is out of range"),
    (r"{\rtf1\ansi I: \u2000000? Text\par}", "a \\u escape beyond the last Unicode character"),
    # found by the importer fuzzing: \uc without its number
    (r"{\rtf1\ansi\uc I: Text\par}", "a control word lacks its number"),
])
def test_rtf_with_impossible_escapes_is_refused_in_words(tmp_path, body, reason):
    path = _rtf(tmp_path, body)
    with pytest.raises(InputError) as error:
        read_document(path)
    assert str(error.value) == f"{path}: damaged RTF file ({reason})"


def test_odt(tmp_path):
    odt = OpenDocumentText()
    odt.text.addElement(P(text="Datum: 2021-07-15"))
    odt.text.addElement(P(text="Modus: Telefon"))
    odt.text.addElement(H(outlinelevel=1, text="Transkript"))
    for line in ("I: Wie kommen Sie zur Schule?", "B: Mit dem Bus, eine knappe Stunde.",
                 "I: Jeden Tag?", "B: Ja, außer freitags."):
        odt.text.addElement(P(text=line))
    path = tmp_path / "Schulweg.odt"
    odt.save(str(path))

    document = read_document(path)
    assert document.source_format == "odt"
    assert "Transkript" in document.text.split("\n")
    assert document.structure.variables == {"Datum": "2021-07-15", "Modus": "Telefon"}
    assert _speech(document) == [
        ("I", "Wie kommen Sie zur Schule?"), ("B", "Mit dem Bus, eine knappe Stunde."),
        ("I", "Jeden Tag?"), ("B", "Ja, außer freitags.")]


VTT = """WEBVTT Beratungsgespräch

NOTE
Datum: 2021-06-01
Modus: Video

1
00:00:01.000 --> 00:00:04.250
<v S01>Guten Tag, hören Sie mich?

2
00:00:04.500 --> 00:00:06.000
<v S02>Ja, sehr gut.

3
00:00:06.100 --> 00:00:09.900
<v S02>Das Bild ruckelt nur etwas.

4
00:00:12.000 --> 00:00:10.500
<v S01>Dann legen wir los.
"""


def test_vtt_voice_tags_note_header_and_a_cue_ending_before_it_starts(tmp_path):
    path = tmp_path / "Video.vtt"
    path.write_text(VTT, encoding="utf-8")
    document = read_document(path)
    assert (document.source_format, document.encoding) == ("vtt", "UTF-8")
    assert document.structure.variables == {"Datum": "2021-06-01", "Modus": "Video"}
    # Consecutive cues of one speaker form one turn ending with the last cue's end mark.
    assert _speech(document) == [
        ("S01", "Guten Tag, hören Sie mich?"),
        ("S02", "Ja, sehr gut. Das Bild ruckelt nur etwas."),
        ("S01", "Dann legen wir los."),
    ]
    assert "S02: Ja, sehr gut. Das Bild ruckelt nur etwas. #00:00:09-9#" in document.text
    assert [t.end_ms for t in document.structure.turns] == [4_200, 9_900, 12_000]
    # A turn starts where its first cue starts (the cues say so; f4 text only has end marks).
    assert [t.start_ms for t in document.structure.turns] == [1_000, 4_500, 12_000]
    # The reversed cue is kept and reported.
    assert len(document.notes) == 1
    assert "cue 4" in document.notes[0] and "ends before it starts" in document.notes[0]


def test_srt_with_name_prefixes_and_multi_line_cues(tmp_path):
    srt = (
        "1\n00:00:00,500 --> 00:00:03,000\nI: Wo wohnen Sie zurzeit?\n\n"
        "2\n00:00:03,200 --> 00:00:07,800\nB: In einer Gemeinschaftsunterkunft,\n"
        "mit drei anderen im Zimmer.\n\n"
        "3\n00:00:08,000 --> 00:00:09,100\nI: Seit wann?\n\n"
        "4\n00:00:09,300 --> 00:00:10,000\nB: Seit März.\n"
    )
    path = tmp_path / "Wohnen.srt"
    path.write_text(srt, encoding="utf-8")
    document = read_document(path)
    assert document.source_format == "srt"
    assert _speech(document) == [
        ("I", "Wo wohnen Sie zurzeit?"),
        ("B", "In einer Gemeinschaftsunterkunft, mit drei anderen im Zimmer."),
        ("I", "Seit wann?"),
        ("B", "Seit März."),
    ]
    assert [t.time_mark_ms for t in document.structure.turns] == [3_000, 7_800, 9_100, 10_000]


def test_plain_html(tmp_path):
    html = ("<html><head><title>Titel</title><style>p {color: red}</style></head><body>"
            "<h1>Gespräch &amp; Notizen</h1><p>I: Wie war&nbsp;die Woche?</p>"
            "<p>B: Ruhig.<br>Zum Glück.</p><p>I: Schön.</p><p>B: Ja.</p></body></html>")
    path = tmp_path / "Woche.html"
    path.write_text(html, encoding="utf-8")
    document = read_document(path)
    assert document.source_format == "html"
    assert document.text.split("\n")[0] == "Gespräch & Notizen"
    assert "Titel" not in document.text and "color" not in document.text
    assert _speech(document)[1] == ("B", "Ruhig.\nZum Glück.")
    assert len(document.structure.turns) == 4


@pytest.mark.parametrize("section", ["<![CD[x]]>", "<![\u00aa%CDATA[x]]>"])
def test_html_with_a_broken_marked_section_is_refused_in_one_line(tmp_path, section):
    # found by the importer fuzzing: Python's html.parser asserts on these
    path = tmp_path / "Kaputt.html"
    path.write_text(f"<html><body><p>I: Wie geht es?</p>{section}<p>B: Gut.</p></body></html>",
                    encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_document(path)
    assert str(error.value) == (f"{path}: damaged HTML file (a '<![' section that is not "
                                "'<![CDATA[')")


def _noscribe_turn_starts(raw_txt: str) -> list[tuple[str, str]]:
    return re.findall(r"(?m)^(S\d\d): \[(\d\d:\d\d:\d\d)\]", raw_txt)


@pytest.mark.shared
def test_noscribe_txt():
    path = shared_path("samples", "noscribe", "noscribe-0.7_de_interview.txt")
    expected = _noscribe_turn_starts(path.read_text(encoding="utf-8"))
    document = read_document(path)
    turns = document.structure.turns
    assert {t.speaker for t in turns} == {"S00", "S01", "S02"}
    assert len(turns) == len(expected) == 55
    assert [t.speaker for t in turns] == [speaker for speaker, _ in expected]
    # "S01: [00:00:12] ..." is the first turn; the bracket mark is its start.
    assert (turns[0].speaker, turns[0].start_ms) == ("S01", 12_000)
    assert (turns[3].speaker, turns[3].start_ms) == ("S00", 39_000)
    assert not document.text[turns[0].body_start:turns[0].body_end].startswith("[")


@pytest.mark.shared
def test_noscribe_html():
    path = shared_path("samples", "noscribe", "noscribe-0.7_de_interview.html")
    raw = path.read_text(encoding="utf-8")
    paragraphs = re.findall(r'<p ><a name="ts_\d+_\d+_(S\d\d)" >S\d\d: ', raw)
    document = read_document(path)
    turns = document.structure.turns
    assert document.source_format == "noscribe-html"
    assert {t.speaker for t in turns} == {"S00", "S01", "S02"}
    assert [t.speaker for t in turns] == paragraphs
    assert len(turns) == 55
    assert (turns[0].speaker, turns[0].start_ms) == ("S01", 12_000)
    assert "<" not in document.text and "ts_" not in document.text
    # Overlapping speech stays inline in the turn where noScribe wrote it.
    assert "//S02:" in document.text[turns[0].start:turns[0].end]


@pytest.mark.shared
def test_noscribe_txt_and_html_agree_on_turns():
    folder = shared_path("samples", "noscribe")
    from_txt = read_document(folder / "noscribe-0.7_de_interview.txt").structure.turns
    from_html = read_document(folder / "noscribe-0.7_de_interview.html").structure.turns
    assert [(t.speaker, t.start_ms) for t in from_txt] == [
        (t.speaker, t.start_ms) for t in from_html]


def test_vtt_speakers_who_speak_once_are_turns_and_entities_are_decoded(tmp_path):
    path = tmp_path / "Kurz.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Anna>Wie lange schon?\n\n"
                    "00:00:05.000 --> 00:00:09.000\n<v Bert>Seit drei Jahren &amp; gern &lt;3\n",
                    encoding="utf-8")
    document = read_document(path)
    assert document.structure.variables == {}
    assert _speech(document) == [("Anna", "Wie lange schon?"),
                                 ("Bert", "Seit drei Jahren & gern <3")]
    assert [t.start_ms for t in document.structure.turns] == [1_000, 5_000]


def test_srt_turn_starts_where_its_cue_starts_after_a_pause(tmp_path):
    path = tmp_path / "Pause.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:05,500\nI: Wie läuft es?\n\n"
                    "2\n00:00:06,000 --> 00:00:20,000\nB: Gut, wirklich.\n\n"
                    "3\n00:01:20,500 --> 00:01:23,100\nI: Danke.\n", encoding="utf-8")
    document = read_document(path)
    assert [(t.speaker, t.start_ms, t.end_ms) for t in document.structure.turns] == [
        ("I", 1_000, 5_500), ("B", 6_000, 20_000), ("I", 80_500, 83_100)]
