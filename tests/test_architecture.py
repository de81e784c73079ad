"""The layering contracts in pyproject.toml hold (import-linter)."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT


def test_import_linter_contracts_are_kept():
    result = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
         "lint_imports_command()"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert "broken" in result.stdout, result.stdout + result.stderr
    assert "0 broken" in result.stdout, result.stdout
    assert result.returncode == 0
