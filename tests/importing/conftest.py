"""Fixtures for import tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def files(tmp_path) -> Path:
    """A folder for the files a test imports (outside the user data directory)."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    return folder
