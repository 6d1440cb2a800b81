"""Full-text Chinese search over the corpus (whoosh + jieba); no Qt.

Public API: :class:`SearchIndex`, :class:`SearchHit`, :class:`Fragment`.
"""

from __future__ import annotations

from .indexer import SearchIndexError
from .results import Fragment, SearchHit
from .searcher import SearchIndex

__all__ = ["Fragment", "SearchHit", "SearchIndex", "SearchIndexError"]
