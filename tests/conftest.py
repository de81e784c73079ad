"""Fixtures shared by all tests; paths and helpers live in support.py (re-exported here)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support import ROOT, SHARED, shared_path  # noqa: F401  (tests import them from here)

# The hand-built project of the analysis tests (fixture ``coded_project``).
pytest_plugins = ("analysis_project",)


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    """Path for a new project file in a temporary folder."""
    return tmp_path / "study.qualcode"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Keep the cache of passed project checks (``$XDG_CACHE_HOME/qualcode``) out of the
    user's home; subprocesses inherit it."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before
