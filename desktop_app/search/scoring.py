"""Ranking a parsed query without whoosh's per-posting matcher objects.

whoosh scores a query through a tree of matcher objects, one Python call per
posting per node; an AND of three common words over 10,000 clauses costs tens of
milliseconds that way.  This module reads each word's postings a block at a time
into dicts (docnum → weight), combines them with set operations and scores with
the same BM25F formula and statistics whoosh uses (global idf and average field
length, per-document lengths), so the ranking is whoosh's own —
``tests/search/test_scoring.py`` compares the two on many queries.

It understands exactly the queries :mod:`.query` builds; :meth:`SearchIndex.search`
falls back to whoosh's own search if anything here fails.
"""

from __future__ import annotations

import heapq

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from ..core import segment
from .analyzer import subwords
from .query import Item, ParsedQuery

Scores = dict[int, float]
_BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]


def _segment_lengths(reader, field: str) -> list[int] | None:
    """Every document's length of *field* in one segment (whoosh keeps a byte per document), or None."""
    try:
        column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        raw = column._dbfile.get(column._basepos, column._count)
    except Exception:  # another codec or reader: the caller asks per document
        return None
    lengths = [_BYTE_LENGTHS[b] for b in raw]
    return lengths + [0] * (reader.doc_count_all() - len(lengths))


def _leaf_postings(matcher) -> tuple[list[int], list[float]]:
    """All (ids, weights) of a segment's posting list for one term, deleted documents left out."""
    excluded = frozenset()
    if isinstance(matcher, FilterMatcher) and matcher._exclude:
        excluded, matcher = matcher._ids, matcher.child
    ids: list[int] = []
    weights: list[float] = []
    if isinstance(matcher, W3LeafMatcher):
        matcher.reset()
        while True:
            if matcher._blocklength:
                matcher._read_ids()
                matcher._read_weights()
                ids.extend(matcher._ids)
                weights.extend(matcher._weights)
            if matcher._lastblock:
                break
            matcher._goto(matcher._nextoffset)
    else:  # any other matcher: the slow, general way
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    if excluded:
        kept = [(i, w) for i, w in zip(ids, weights, strict=True) if i not in excluded]
        ids, weights = [i for i, _w in kept], [w for _i, w in kept]
    return ids, weights


class FastScorer:
    """Scores parsed queries against one whoosh searcher (not thread-safe; the caller holds a lock)."""

    def __init__(self, searcher, B: float, K1: float):
        self._searcher = searcher
        self._leaves = [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]
        self._B, self._K1 = B, K1
        self._lengths: dict[tuple[int, str], list[int] | None] = {}  # per segment and field, read once

    def term(self, field: str, word: str) -> Scores:
        """BM25F score of every document holding *word* in *field* (whoosh's formula, statistics and order)."""
        searcher = self._searcher
        idf = searcher.idf(field, word)
        avgfl = searcher.avg_field_length(field) or 1
        B, K1 = self._B, self._K1
        K1p1 = K1 + 1
        scores: Scores = {}
        for n, (reader, offset) in enumerate(self._leaves):
            try:
                ids, weights = _leaf_postings(reader.postings(field, word))
            except TermNotFound:
                continue
            if (n, field) not in self._lengths:
                self._lengths[n, field] = _segment_lengths(reader, field)
            lengths = self._lengths[n, field]
            lens = ([reader.doc_field_length(d, field, 1) for d in ids] if lengths is None
                    else [lengths[d] for d in ids])
            values = [idf * ((w * K1p1) / (w + K1 * ((1 - B) + B * fl / avgfl)))
                      for w, fl in zip(weights, lens, strict=True)]
            scores.update(zip(ids if not offset else [d + offset for d in ids], values, strict=True))
        return scores

    def ids(self, field: str, value: str) -> set[int]:
        """Documents whose ID field *field* is *value* (for the document and kind filters)."""
        found: set[int] = set()
        for reader, offset in self._leaves:
            try:
                ids, _w = _leaf_postings(reader.postings(field, value))
            except TermNotFound:
                continue
            found.update(i + offset for i in ids)
        return found

    def word(self, field: str, word: str) -> Scores:
        exact = self.term(field, word)
        if len(word) <= 2 or segment.segmenter().has_word(word):
            return exact
        inner = subwords.split(word)[0]
        if not inner:
            return exact
        return _union(exact, _intersection([self.term(field, g) for g in inner]))

    def item(self, field: str, item: Item) -> Scores:
        return _intersection([self.word(field, w) for w in item.words])

    def evaluate(self, parsed: ParsedQuery, field: str) -> Scores:
        groups = []
        for alternatives in parsed.required:
            scores: Scores = {}
            for item in alternatives:
                scores = _union(scores, self.item(field, item))
            groups.append(scores)
        result = _intersection(groups)
        for item in parsed.excluded:
            if not item.phrase:
                excluded = self.item("text", item)
                result = {d: s for d, s in result.items() if d not in excluded}
        return result

    def ranked(self, parsed: ParsedQuery, field: str, allowed: set[int] | None, limit: int | None):
        """(docnum, score) best first (ties: index order), at most *limit* (None: all)."""
        scores = self.evaluate(parsed, field)
        if allowed is not None:
            scores = {d: s for d, s in scores.items() if d in allowed}
        if limit is not None and len(scores) > limit:
            threshold = heapq.nlargest(limit, scores.values())[-1]
            scores = {d: s for d, s in scores.items() if s >= threshold}
        return sorted(scores.items(), key=lambda ds: (-ds[1], ds[0]))[:limit]


def _union(a: Scores, b: Scores) -> Scores:
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return a
    merged = dict(a)
    for doc, score in b.items():
        merged[doc] = merged.get(doc, 0.0) + score
    return merged


def _intersection(parts: list[Scores]) -> Scores:
    if not parts:
        return {}
    parts = sorted(parts, key=len)
    common = set(parts[0])
    for part in parts[1:]:
        common.intersection_update(part.keys())
    first = parts[0]
    result = {d: first[d] for d in common}
    for part in parts[1:]:
        result = {d: s + part[d] for d, s in result.items()}
    return result

