"""Retrieved Segments as reading text: header lines, comments, whole texts; .txt and .md."""

from __future__ import annotations

import pytest

from qualcode.domain.models import Segment
from qualcode.exports import retrieved_text


def _segment(**changes) -> Segment:
    values = dict(id=1, guid="g", document_id=1, document="THM-01", group=None, code_id=1,
                  code="Kontaktwege/Telefon", coder="lena", start=0, end=10,
                  text="Meistens per Telefon.\nManchmal per Video.", line_start=5,
                  line_end=6, time_ms=3_725_400, comment="", weight=0, anchor=False,
                  created="", modified="")
    values.update(changes)
    return Segment(**values)


def test_header_names_document_lines_time_code_coder_and_weight():
    assert retrieved_text.header(_segment(weight=70)) == (
        "THM-01 · Z. 5–6 · 01:02:05 · Kontaktwege/Telefon · lena · weight 70")
    # no time mark, weight 0, one line: those parts are left out
    assert retrieved_text.header(_segment(time_ms=None, line_end=5)) == (
        "THM-01 · Z. 5 · Kontaktwege/Telefon · lena")
    assert retrieved_text.marks(_segment(weight=70, comment="x")) == "70✎"
    assert retrieved_text.marks(_segment(comment=" ")) == ""


def test_text_and_markdown_keep_the_whole_text_and_the_comment(tmp_path):
    segments = [_segment(comment="nachfragen"), _segment(id=2, text="Kurz.", line_end=5)]
    path = tmp_path / "lesen.txt"
    retrieved_text.write(segments, path, "Titel")
    assert path.read_text(encoding="utf-8") == (
        "Titel\n\n"
        "THM-01 · Z. 5–6 · 01:02:05 · Kontaktwege/Telefon · lena\n✎ nachfragen\n"
        "Meistens per Telefon.\nManchmal per Video.\n\n"
        "THM-01 · Z. 5 · 01:02:05 · Kontaktwege/Telefon · lena\nKurz.\n")
    markdown = retrieved_text.to_markdown(segments)
    assert "> Meistens per Telefon.\n> Manchmal per Video." in markdown
    assert "*✎ nachfragen*" in markdown
    with pytest.raises(ValueError, match="lesen.pdf: use .md or .txt"):
        retrieved_text.write(segments, tmp_path / "lesen.pdf")
    assert not (tmp_path / "lesen.pdf").exists()
