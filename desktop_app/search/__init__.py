"""Full-text Chinese search over the corpus (whoosh + jieba); no Qt.

Public API: :class:`SearchIndex`, :class:`SearchHit`, :class:`Fragment`.
"""

from __future__ import annotations

from . import _lean_whoosh  # noqa: F401 - first: whoosh without urllib.request (see the module)
from .indexer import SearchIndexError
from .results import Fragment, SearchHit
from .searcher import SearchIndex

__all__ = ["Fragment", "SearchHit", "SearchIndex", "SearchIndexError"]
