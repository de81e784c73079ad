"""Fixtures shared by all tests; paths and helpers live in support.py (re-exported here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import ROOT, SHARED, shared_path  # noqa: F401  (tests import them from here)

# The hand-built project of the analysis tests (fixture ``coded_project``).
pytest_plugins = ("analysis_project",)


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    """Path for a new project file in a temporary folder."""
    return tmp_path / "study.qualcode"
