"""Paths shared by the tests: ``from support import ROOT, shared_path`` (or from conftest)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# ../shared next to the checkout; $QUALCODE_SHARED points elsewhere (e.g. from a git worktree).
SHARED = Path(os.environ.get("QUALCODE_SHARED") or ROOT.parent / "shared")


def shared_path(*parts: str) -> Path:
    """A fixture file in ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared is absent ({path} not found): fixture-based test skipped")
    return path
