"""Exports never mix coders silently: without --coder, a command whose segments come from
more than one coder says so in one warning line naming them; with --coder, or when only one
coder has segments in scope, it does not. Quote collections quote a passage several coders
coded once, naming them.

In the coded study (see conftest) lena coded six passages in all three documents, jonas two
in the THM-Interviews (Corona in THM-02, Behörden/Wartezeiten in THM-01, the same words as
lena's segment 3). RG-01, the only Reflexionsgespräch, and the code Netzwerk are lena's alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.conftest import ok

WARNING = "warning: segments of 2 coders are {verb} together (jonas, lena); give --coder to choose"

# (arguments, verb, arguments that narrow the scope to lena's segments alone)
COMMANDS = [
    (["export", "frequencies"], "counted", ["--group", "Reflexionsgespräche"]),
    (["export", "quotes"], "quoted", ["--code", "Netzwerk"]),
    (["export", "segments"], "exported", ["--document", "RG-01"]),
    (["matrix"], "counted", ["--group", "Reflexionsgespräche"]),
    (["matrix", "--cell", "Behörden/Wartezeiten", "THM-01"], "counted", None),
    (["matrix", "--cell", "Netzwerk", "RG-01"], None, None),
    (["crosstab", "--by", "Kommune"], "counted", ["--group", "Reflexionsgespräche"]),
    (["cooccurrence", "--within", "turn"], "counted", ["--code", "Netzwerk"]),
    (["quotes", "--code", "Behörden", "--min-words", "1"], "ranked", None),
    (["quotes", "--code", "Netzwerk", "--min-words", "1"], None, None),
]


def warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warning: ")]


@pytest.mark.parametrize(("args", "verb", "narrow"), COMMANDS,
                         ids=[" ".join(c[0][:4]) for c in COMMANDS])
def test_warning_exactly_when_several_coders_are_in_scope(project: Path, args, verb, narrow):
    split = 2 if args[0] == "export" else 1  # the project follows the (sub)command
    command, rest = args[:split], args[split:]
    expected = [WARNING.format(verb=verb)] if verb else []
    assert warnings(ok(*command, project, *rest).stderr) == expected
    assert warnings(ok(*command, project, *rest, "--coder", "lena").stderr) == []
    assert warnings(ok(*command, project, *rest, "--coder", "jonas").stderr) == []
    if narrow is not None:
        assert warnings(ok(*command, project, *rest, *narrow).stderr) == []


def test_report_warns_and_names_its_coders(project: Path, tmp_path: Path):
    target = tmp_path / "bericht.docx"
    result = ok("export", "report", project, "-o", target)
    assert result.stderr.splitlines() == [WARNING.format(verb="counted"),
                                          f"wrote {target} (coders: jonas, lena)"]
    result = ok("export", "report", project, "--coder", "jonas", "-o", target)
    assert result.stderr.splitlines() == [f"wrote {target} (coder: jonas)"]


def test_tables_name_the_coders_they_count(project: Path, tmp_path: Path):
    both = ok("matrix", project, "--format", "md").stdout
    assert "Codierer*innen: jonas, lena" in both
    assert "Codierer*in: lena" in ok("matrix", project, "--format", "md", "--coder", "lena").stdout
    only_lena = ok("crosstab", project, "--by", "Kommune", "--group", "Reflexionsgespräche",
                   "--format", "md", "--lang", "en").stdout
    assert "Coder: lena" in only_lena
    target = tmp_path / "haeufigkeiten.md"
    result = ok("export", "frequencies", project, "--coder", "jonas", "-o", target)
    assert result.stderr == f"wrote {target} (coder: jonas)\n"
    assert "Codierer*in: jonas" in target.read_text(encoding="utf-8")


def test_quotes_of_one_passage_by_several_coders_are_one_quote(project: Path):
    # jonas also codes words overlapping lena's "wochenlang niemand erreichbar" (and his own
    # twin of it): one passage, their union, quoted once.
    ok("code", project, "THM-01", "Behörden/Wartezeiten", "--match",
       "niemand erreichbar, wir haben nur gewartet", "--coder", "jonas")
    text = ok("export", "quotes", project, "--code", "Behörden").stdout
    assert text.count("> „") == 2
    assert "> „wochenlang niemand erreichbar, wir haben nur gewartet“" in text
    assert "> — THM-01, Z. 13, #00:01:30-0#, codiert von jonas, lena" in text
    assert "> — THM-02, Z. 11, #00:00:45-0#, codiert von lena" in text
    assert "\n_Codiert von jonas, lena_\n" in text
    # One coder: no coder after each quote, only under the title.
    alone = ok("export", "quotes", project, "--code", "Behörden", "--coder", "lena").stdout
    assert "codiert von" not in alone and "\n_Codiert von lena_\n" in alone
    assert "> „wochenlang niemand erreichbar“" in alone
