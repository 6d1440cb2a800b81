"""Full-text Chinese search over the corpus (whoosh + jieba); no Qt.

Public API: :class:`SearchIndex`, :class:`SearchResults` (a list of :class:`SearchHit` with suggestions and
whether it was cut at the limit), :class:`Fragment`; the search dictionary in :mod:`.synonyms`.
"""

from __future__ import annotations

from . import _lean_whoosh  # noqa: F401 - first: whoosh without urllib.request (see the module)
from .indexer import SearchIndexError
from .results import Fragment, SearchHit, SearchResults
from .searcher import SearchIndex

__all__ = ["Fragment", "SearchHit", "SearchIndex", "SearchIndexError", "SearchResults"]
