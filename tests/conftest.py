"""Fixtures shared by every test: an isolated user data directory and the shipped corpus."""

from __future__ import annotations

import logging

import pytest

from desktop_app.core.corpus import Corpus


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test gets its own empty user data directory; no test touches a real user's data."""
    path = tmp_path / "userdata"
    path.mkdir()
    monkeypatch.setenv("POLICYDESK_DATA_DIR", str(path))
    return path


@pytest.fixture(scope="module")
def module_data_dir(tmp_path_factory):
    """A data dir for module-scoped fixtures (jieba's cache must never land in a real user's folder)."""
    path = tmp_path_factory.mktemp("userdata")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("POLICYDESK_DATA_DIR", str(path))
        yield path


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The shipped corpus (central Opinions, Liaoning measures, links, cities), loaded once."""
    return Corpus.load()


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def no_slow_search_path(request):
    """A search that falls back to whoosh's slow path fails the test (the fast path broke, e.g. after a
    whoosh upgrade); a test about the fall-back itself is marked ``slow_path_allowed``."""
    handler = _Records()
    logger = logging.getLogger("desktop_app.search.slowpath")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)
    if handler.records and request.node.get_closest_marker("slow_path_allowed") is None:
        first = handler.records[0]
        cause = repr(first.exc_info[1]) if first.exc_info else ""
        pytest.fail(f"search fell back to whoosh's slow path: {first.getMessage()} {cause}")
