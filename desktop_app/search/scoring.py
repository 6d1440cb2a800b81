"""Ranking a parsed query without whoosh's per-posting matcher objects.

whoosh scores a query through a tree of matcher objects, one Python call per
posting per node; an AND of three common words over 10,000 clauses costs tens of
milliseconds that way.  This module reads each word's postings a block at a time
into two lists (documents ascending, weights), intersects the documents as sets
and scores only the documents left, with C-level ``map`` arithmetic and the same
BM25F formula and statistics whoosh uses (global idf and average field length,
per-document lengths), so the ranking is whoosh's own —
``tests/search/test_scoring.py`` compares the two on many queries.

It understands exactly the queries :mod:`.query` builds; :meth:`SearchIndex.search`
falls back to whoosh's own search if anything here fails.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from itertools import compress, repeat
from operator import add, and_, eq, mul, truediv

from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

from ..core import segment
from . import vector
from .analyzer import subwords
from .codec import BYTE_LENGTHS, ArrayLeafMatcher, block_arrays, length_codes
from .query import ParsedQuery
from .vector import VectorRanker

Scores = dict[int, float]
# best_of_all takes over from this many documents in the shortest posting list (below it scoring them all
# costs less than looking them up one by one), and makes its first guess from the documents with the best
# bounds, this many of them.  Measured with callgrind at 100k clauses: 就业 创业 服务 (shortest list 39k)
# 640 -> 500 million instructions; 档案 and 社会性流动 unchanged.
PRUNE_FROM = 20_000
PRUNE_SAMPLE = 1_000
def _segment_lengths(reader, field: str) -> list[int]:
    """Every document's length of *field* in one segment, document by document (any codec)."""
    return [reader.doc_field_length(d, field, 1) or 0 for d in range(reader.doc_count_all())]


def _leaf_postings(matcher) -> tuple[array, array]:
    """All (ids, weights) of a segment's posting list for one term, deleted documents left out."""
    excluded = frozenset()
    if isinstance(matcher, FilterMatcher) and matcher._exclude:
        excluded, matcher = matcher._ids, matcher.child
    ids, weights = array("I"), array("f")
    if isinstance(matcher, ArrayLeafMatcher):
        matcher.reset()
        while True:
            if matcher._blocklength:
                block_ids, block_weights = block_arrays(matcher)
                ids.extend(block_ids)
                weights.extend(block_weights)
            if matcher._lastblock:
                break
            matcher._goto(matcher._nextoffset)
    else:  # any other matcher: the slow, general way
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    if excluded:
        keep = [i not in excluded for i in ids]
        ids, weights = array("I", compress(ids, keep)), array("f", compress(weights, keep))
    return ids, weights


def _weights_of(ids: array, weights: array, docs: set[int]) -> list[float]:
    """The weights of the documents of *ids* that are in *docs*, in ascending document order.

    ``sorted(docs)`` lines up with the result when every one of *docs* is in *ids*;
    done with C-level iteration, no dict of a long posting list built.
    """
    return list(compress(weights, map(docs.__contains__, ids)))


class FastScorer:
    """Scores parsed queries against one whoosh searcher (not thread-safe; the caller holds a lock)."""

    def __init__(self, searcher, B: float, K1: float):
        self._searcher = searcher
        self._leaves = [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]
        self._B, self._K1 = B, K1
        self._read: dict[tuple[str, str], tuple[array, array]] | None = None
        # per field: (length code of every document, norm by code), or (None, norm of every document)
        self._norm_cache: dict[str, tuple[bytes | None, list[float]]] = {}
        self._vector: VectorRanker | None = None

    def _length_codes(self, field: str) -> bytes | None:
        """Every document's length code of *field* (one byte each), by global document number; None when
        a segment's codec does not keep them as :mod:`.codec` reads them."""
        codes = []
        for reader, _offset in self._leaves:
            seg = length_codes(getattr(reader, "_perdoc", None), field)
            if seg is None:
                return None
            codes.append(seg.ljust(reader.doc_count_all(), b"\0"))
        return b"".join(codes)

    def postings(self, field: str, word: str) -> tuple[array, array]:
        """(documents, weights) of *word* in *field*, every segment, documents ascending, deleted ones left out."""
        if self._read is not None:
            found = self._read.get((field, word))
            if found is None:
                found = self._read[(field, word)] = self._postings(field, word)
            return found
        return self._postings(field, word)

    def _postings(self, field: str, word: str) -> tuple[array, array]:
        ids, weights = array("I"), array("f")
        for reader, offset in self._leaves:
            try:
                seg_ids, seg_weights = _leaf_postings(reader.postings(field, word))
            except TermNotFound:
                continue
            ids.extend(map(offset.__add__, seg_ids) if offset else seg_ids)
            weights.extend(seg_weights)
        return ids, weights

    def _doc_norms(self, field: str, docs) -> list[float]:
        """K1·(1 − B + B·length/avgfl) of each of *docs*: the length part of BM25.

        A document's length is one of 256 codes, so the norms are a table of 256 looked up through
        the documents' codes (100 KB per field at 100,000 clauses, not a list of 100,000 floats).
        """
        codes, norms = self._norm_table(field)
        if codes is None:
            return list(map(norms.__getitem__, docs))
        return list(map(norms.__getitem__, map(codes.__getitem__, docs)))

    def _norm_table(self, field: str) -> tuple[bytes | None, list[float]]:
        """(every document's length code, the norm of each code), or (None, every document's norm) for a
        codec whose length codes cannot be read in one go; computed once per field."""
        found = self._norm_cache.get(field)
        if found is None:
            avgfl = self._searcher.avg_field_length(field) or 1
            c2, c3 = self._K1 * (1 - self._B), self._K1 * self._B / avgfl
            codes = self._length_codes(field)
            if codes is not None:
                found = codes, [c2 + c3 * fl for fl in BYTE_LENGTHS]
            else:
                lengths = [n for reader, _offset in self._leaves for n in _segment_lengths(reader, field)]
                found = None, [c2 + c3 * fl for fl in lengths]
            self._norm_cache[field] = found
        return found

    def _bm25(self, field: str, word: str, weights, norms: list[float]) -> map:
        """The BM25F score of *word* for documents whose weights are *weights* (whoosh's formula and
        statistics): idf·w·(K1+1) / (w + K1·(1 − B + B·length/avgfl)), with *norms* the documents' length
        parts (:meth:`_doc_norms`); computed with C-level maps."""
        return map(truediv, map(mul, repeat(self._factor(field, word)), weights), map(add, weights, norms))

    def _factor(self, field: str, word: str) -> float:
        """idf·(K1+1): the part of *word*'s BM25F score that is the same for every document."""
        return self._searcher.idf(field, word) * (self._K1 + 1)

    def _lists(self, field: str, words: list[str]) -> list[tuple[array, array, str]]:
        """(documents, weights, word) of each of *words*, shortest list first (the order the scores are added in)."""
        return sorted(((*self.postings(field, w), w) for w in words), key=lambda p: len(p[0]))

    def term(self, field: str, word: str) -> Scores:
        """BM25F score of every document holding *word* in *field*."""
        ids, weights = self.postings(field, word)
        return dict(zip(ids, self._bm25(field, word, weights, self._doc_norms(field, ids)), strict=True))

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

    @staticmethod
    def _plain(word: str) -> bool:
        """Whether *word* is one index term (else it also matches by the dictionary words inside it)."""
        return len(word) <= 2 or segment.segmenter().has_word(word) or not subwords.split(word)[0]

    def word(self, field: str, word: str) -> Scores:
        exact = self.term(field, word)
        if self._plain(word):
            return exact
        return _union(exact, self.all_of(field, subwords.split(word)[0]))

    def all_of(self, field: str, words, extra: tuple[Scores, ...] = ()) -> Scores:
        """Documents holding every one of *words* (and in every one of *extra*), their scores summed.

        Plain words are scored only for the documents that hold all: the postings of
        common words are long, the documents holding them all are fewer.
        """
        # (size, documents, weights, word): documents a list for plain words, else scores by document
        parts: list[tuple] = []
        for w in words:
            if self._plain(w):
                ids, weights = self.postings(field, w)
                parts.append((len(ids), ids, weights, w))
            else:
                scores = self.word(field, w)
                parts.append((len(scores), scores, None, None))
        parts += [(len(scores), scores, None, None) for scores in extra]
        if not parts:
            return {}
        if len(parts) == 1:
            _n, docs, weights, w = parts[0]
            if w is None:
                return docs
            return dict(zip(docs, self._bm25(field, w, weights, self._doc_norms(field, docs)), strict=True))
        parts.sort(key=lambda p: p[0])
        common = set(parts[0][1])
        for _n, docs, _weights, _w in parts[1:]:
            if not common:
                return {}
            common.intersection_update(docs)
        docs = sorted(common)
        norms = self._doc_norms(field, docs)
        totals = repeat(0.0)
        for _n, found, weights, w in parts:
            if w is not None:
                totals = map(add, totals, self._bm25(field, w, _weights_of(found, weights, common), norms))
            else:
                totals = map(add, totals, map(found.__getitem__, docs))
        return dict(zip(docs, totals, strict=True))

    def evaluate(self, parsed: ParsedQuery, field: str) -> Scores:
        required: list[str] = []  # words of groups without alternatives: all needed
        groups: list[Scores] = []
        for alternatives in parsed.required:
            if len(alternatives) == 1:
                required.extend(alternatives[0].words)
                continue
            scores: Scores = {}
            for item in alternatives:
                scores = _union(scores, self.all_of(field, item.words))
            groups.append(scores)
        result = self.all_of(field, required, tuple(groups))
        for item in parsed.excluded:
            if not item.phrase:
                excluded = self.all_of("text", item.words)
                result = {d: s for d, s in result.items() if d not in excluded}
        return result

    def ranked(self, parsed: ParsedQuery, field: str, allowed: set[int] | None, limit: int | None):
        """(docnum, score) best first (ties: index order), at most *limit* (None: all)."""
        self._read = {}  # each word's postings read once per query (the pruned and the full way share them)
        try:
            return self._ranked(parsed, field, allowed, limit)
        finally:
            self._read = None

    def _ranked(self, parsed: ParsedQuery, field: str, allowed: set[int] | None, limit: int | None):
        words = _plain_and(parsed)
        if limit is not None and words and all(self._plain(w) for w in words):
            best = self.vector_all_of(field, words, allowed, limit)
            if best is None:
                best = self.best_of_all(field, words, allowed, limit)
            if best is not None:
                return best
        scores = self.evaluate(parsed, field)
        if allowed is not None:
            scores = {d: s for d, s in scores.items() if d in allowed}
        if limit is not None and len(scores) > limit:
            threshold = heapq.nlargest(limit, scores.values())[-1]
            scores = {d: s for d, s in scores.items() if s >= threshold}
        return sorted(scores.items(), key=lambda ds: (-ds[1], ds[0]))[:limit]


    def _max_weight(self, field: str, word: str, weights: array) -> float:
        """At least the highest of *weights* (the postings of *word*): the term's maximum weight from the
        terms table, without going over the postings (with deleted documents it may be higher than any
        left: still a bound)."""
        try:
            return max(self._searcher.reader().term_info(field, word).max_weight(), 0.0)
        except Exception:  # any other reader: the postings themselves
            return max(weights, default=0.0)

    def vector_all_of(self, field: str, words: list[str], allowed: set[int] | None, limit: int):
        """:meth:`ranked` for documents holding every one of *words* (plain words), with numpy (:mod:`.vector`).

        None when numpy is not loaded, the shortest list is short (the Python ways are as quick) or the
        documents' length codes cannot be read in one go.
        """
        np = vector.numpy_if_loaded()
        if np is None:
            return None
        lists = self._lists(field, words)
        if len(lists[0][0]) < vector.VECTOR_FROM:
            return None
        codes, table = self._norm_table(field)
        if codes is None:
            return None
        if self._vector is None:
            self._vector = VectorRanker(np)
        return self._vector.ranked([(ids, weights, self._factor(field, w)) for ids, weights, w in lists],
                                   self._vector.norms(field, codes, table), allowed, limit)

    def best_of_all(self, field: str, words: list[str], allowed: set[int] | None, limit: int):
        """:meth:`ranked` for documents holding every one of *words* (plain words), without scoring them all.

        The shortest posting list leads: each of its documents gets its exact score for
        that word plus a bound on what the other words can add (each at its highest
        weight, for the document's length).  The best bounds give a first top *limit*
        and its last score; only documents whose bound reaches that score are looked up
        in the other lists (binary search) and scored.  The result is exactly the
        exhaustive ranking's (same formula, same order of addition).  None when the
        lists are short (the exhaustive way is as quick) or the first guess finds too few.
        """
        lists = self._lists(field, words)
        ids0, weights0, word0 = lists[0]
        if len(ids0) < PRUNE_FROM:
            return None
        if allowed is not None:
            keep = list(map(allowed.__contains__, ids0))
            ids0, weights0 = array("I", compress(ids0, keep)), array("f", compress(weights0, keep))
        norms0 = self._doc_norms(field, ids0)
        first = list(self._bm25(field, word0, weights0, norms0))
        others = [(ids, weights, self._factor(field, w), self._max_weight(field, w, weights))
                  for ids, weights, w in lists[1:]]
        bound_of_norm = {n: sum(c * top / (top + n) for _ids, _weights, c, top in others) for n in set(norms0)}
        bounds = list(map(add, first, map(bound_of_norm.__getitem__, norms0)))

        # Each other list with a sentinel past its end, so that a binary search past the end finds no document.
        ends = [(ids + _SENTINEL_ID, weights + _SENTINEL_WEIGHT, c) for ids, weights, c, _top in others]

        def exact(positions) -> dict[int, float]:
            return _exact_scores(ids0, first, norms0, ends, list(positions))

        def reaching(value: float):
            """Positions whose bound reaches *value*."""
            return compress(range(len(bounds)), map(value.__le__, bounds))

        if len(bounds) <= limit:
            scores = exact(range(len(bounds)))
        elif not others:  # one word: the bound is the score
            scores = exact(reaching(heapq.nlargest(limit, bounds)[-1]))
        else:
            guess = exact(reaching(heapq.nlargest(min(PRUNE_SAMPLE, len(bounds)), bounds)[-1]))
            if len(guess) < limit:
                return None
            threshold = heapq.nlargest(limit, guess.values())[-1]
            threshold -= 1e-9 * (1.0 + abs(threshold))  # the bound and the score are summed in different orders
            scores = exact(reaching(threshold))
        return heapq.nsmallest(limit, scores.items(), key=_best_first)


_SENTINEL_ID = array("I", [0xFFFFFFFF])
_SENTINEL_WEIGHT = array("f", [0.0])


def _exact_scores(ids0, first: list[float], norms0: list[float], others, positions: list[int]) -> dict[int, float]:
    """The exact scores of the documents at *positions* of the leading list that every other list holds.

    For each other list (ids and weights ending with a sentinel, and the word's idf·(K1+1)), every
    document is found by binary search and its share added, all with C-level maps: the same sums, in
    the same order, as adding word by word document by document.
    """
    docs = list(map(ids0.__getitem__, positions))
    norms = list(map(norms0.__getitem__, positions))
    totals = list(map(first.__getitem__, positions))
    found = repeat(True)
    for ids, weights, c in others:
        at = list(map(bisect_left, repeat(ids), docs))
        found = list(map(and_, found, map(eq, map(ids.__getitem__, at), docs)))
        w = list(map(weights.__getitem__, at))
        totals = list(map(add, totals, map(truediv, map(mul, repeat(c), w), map(add, w, norms))))
    return dict(compress(zip(docs, totals, strict=True), found))


def _best_first(doc_score: tuple[int, float]) -> tuple[float, int]:
    return -doc_score[1], doc_score[0]


def _plain_and(parsed: ParsedQuery) -> list[str] | None:
    """The words of a query that only asks for all of them (no OR, NOT or phrase), else None."""
    if parsed.excluded or parsed.has_phrases or any(len(alternatives) != 1 for alternatives in parsed.required):
        return None
    return [w for alternatives in parsed.required for w in alternatives[0].words]


def _union(a: Scores, b: Scores) -> Scores:
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return a
    merged = dict(a)
    for doc, score in b.items():
        merged[doc] = merged.get(doc, 0.0) + score
    return merged
