"""Every test the README names as the check of a promise exists and holds tests."""

from __future__ import annotations

import re

from support import ROOT


def test_every_test_module_the_readme_names_exists_and_has_tests():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = sorted(set(re.findall(r"`(tests/[\w/]+\.py)`", readme)))
    assert len(named) >= 10  # the importer promises alone name this many
    for relative in named:
        module = ROOT / relative
        assert module.is_file(), f"README names {relative}, which does not exist"
        assert re.search(r"^(async )?def test_", module.read_text(encoding="utf-8"), re.M), \
            relative  # workbench tests are async (Textual's App.run_test)
