"""An index of the shipped corpus built once for the query tests (they only read it)."""

from __future__ import annotations

import pytest

from desktop_app.search import SearchIndex


@pytest.fixture(scope="session")
def shared_index(corpus, tmp_path_factory):
    index = SearchIndex.open(corpus, tmp_path_factory.mktemp("search-data"))
    yield index
    index.close()


def top(hits, n=5):
    return [(h.doc, h.num) for h in hits[:n]]
