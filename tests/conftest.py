"""Fixtures shared by every test: an isolated user data directory and the shipped corpus."""

from __future__ import annotations

import pytest

from desktop_app.core.corpus import Corpus


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test gets its own empty user data directory; no test touches a real user's data."""
    path = tmp_path / "userdata"
    path.mkdir()
    monkeypatch.setenv("POLICYDESK_DATA_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The shipped corpus (central Opinions, Liaoning measures, links, cities), loaded once."""
    return Corpus.load()
