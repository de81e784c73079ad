"""Fixtures shared by all tests (helpers live in support.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    """Path for a new project file in a temporary folder."""
    return tmp_path / "study.qualcode"
