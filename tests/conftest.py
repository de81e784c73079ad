"""Shared fixtures: paths, a CLI runner, small projects."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The hand-built project of the analysis tests (fixture ``coded_project``).
pytest_plugins = ("analysis_project",)

ROOT = Path(__file__).resolve().parents[1]
# ../shared next to the checkout; $QUALCODE_SHARED points elsewhere (e.g. from a git worktree).
SHARED = Path(os.environ.get("QUALCODE_SHARED") or ROOT.parent / "shared")


def shared_path(*parts: str) -> Path:
    """A fixture file in ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared is absent ({path} not found): fixture-based test skipped")
    return path


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    """Path for a new project file in a temporary folder."""
    return tmp_path / "study.qualcode"
