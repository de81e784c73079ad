"""Every Markdown table qualcode writes renders as a table (GitHub-flavoured Markdown, parsed
with markdown-it's table rule): each row has as many cells as its header, a code name with
``|`` stays in one cell, and subcodes keep a visible level mark."""

from __future__ import annotations

from pathlib import Path

import pytest
from agreement_project import RESSOURCEN, two_coder_project
from analysis_project import VIDEO, run
from markdown_it import MarkdownIt

from qualcode.store.codes import rename_code
from qualcode.store.project import Project

PIPE_NAME = "Video|Chat"
PIPE_CODE = "Geld|Zeit"


def tables(text: str) -> list[list[list[str]]]:
    """The tables of ``text`` as rendered: per table, its rows (header first) of cell texts."""
    found: list[list[list[str]]] = []
    row: list[str] = []
    cell = False
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            found[-1].append(row)
        elif token.type in ("th_open", "td_open"):
            cell = True
        elif token.type in ("th_close", "td_close"):
            cell = False
        elif token.type == "inline" and cell:
            row.append(token.content)
    return found


def assert_well_formed(text: str, expected_tables: int = 1) -> list[list[list[str]]]:
    found = tables(text)
    assert len(found) >= expected_tables, text
    # Every source line of a table that is not a table row would have ended the table early.
    table_lines = [line for line in text.splitlines() if line.startswith("|")]
    assert sum(len(t) + 1 for t in found) == len(table_lines), text  # + delimiter row
    for table in found:
        header = table[0]
        for row in table[1:]:
            assert len(row) == len(header), (header, row)
    return found


@pytest.fixture
def piped_project(coded_project: Path) -> Path:
    project = Project.open(coded_project)
    rename_code(project, VIDEO, PIPE_NAME)
    project.close()
    return coded_project


def first_cells(found: list[list[list[str]]]) -> list[str]:
    return [row[0] for table in found for row in table]


def test_frequencies(piped_project: Path, tmp_path: Path):
    target = tmp_path / "freq.md"
    run("export", "frequencies", piped_project, "--format", "md", "-o", target)
    names = first_cells(assert_well_formed(target.read_text(encoding="utf-8")))
    assert f"·\u00a0{PIPE_NAME}" in names
    assert "**Digitale Beratung**" in names


def test_matrix_and_crosstab(piped_project: Path):
    for args in (("matrix", piped_project, "--by", "Kommune"),
                 ("crosstab", piped_project, "--by", "Kommune")):
        text = run(*args, "--format", "md").stdout
        names = first_cells(assert_well_formed(text))
        assert f"·\u00a0{PIPE_NAME}" in names, args


def test_report(piped_project: Path, tmp_path: Path):
    target = tmp_path / "bericht.md"
    run("export", "report", piped_project, "--by", "Kommune", "--format", "md", "-o", target)
    found = assert_well_formed(target.read_text(encoding="utf-8"))
    assert f"·\u00a0{PIPE_NAME}" in first_cells(found)


@pytest.mark.parametrize("level", ["segment", "unitized"])
def test_agreement(tmp_path: Path, level: str):
    path = tmp_path / "study.qualcode"
    project = two_coder_project(path)
    rename_code(project, RESSOURCEN, PIPE_CODE)
    project.close()
    text = run("agreement", path, "--coders", "anna,ben", "--level", level,
               "--format", "md").stdout
    found = assert_well_formed(text)
    assert PIPE_CODE in first_cells(found)
    if level == "unitized":
        assert "|uα" in found[0][0]  # the column header, one cell
