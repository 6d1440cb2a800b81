"""Ranking a plain AND query over long posting lists with numpy.

At a province's scale (100,000 clauses) the common words of a policy text — 就业, 服务,
创业 — each occur in 40–60 % of the clauses, and an AND of three of them is the slowest
query there is: in Python (:mod:`.scoring`) intersecting and scoring the lists is tens of
milliseconds however it is pruned.  numpy does the same arithmetic over whole arrays:
the intersection by binary search (``searchsorted``), the BM25F sums, the top ten by a
partial sort.  The numbers are the same IEEE double operations in the same order as the
Python path (``w·c / (w + norm)`` per word, summed shortest list first), so the ranking
is identical to the last bit — ``tests/search/test_vector.py`` checks it against the
Python ranking and whoosh's.

numpy takes ≈ 0.1 s to import, more than it saves for one query in a short-lived
process, so it is never imported on a query's path: a long-lived process that searches a
large index (the window) calls :func:`load` in the background, and until it has, and
wherever it cannot be imported, the Python path answers.
"""

from __future__ import annotations

import threading
from array import array
from types import ModuleType

from ..core.lazylog import LazyLogger

log = LazyLogger(__name__)

# The vector path takes over from this many documents in the shortest posting list (below it numpy's fixed
# costs per call are about what the Python path spends in all), and the window loads numpy for an index of at
# least this many clauses.
VECTOR_FROM = 1_000

_loading = threading.Lock()


class _Loaded:
    numpy: ModuleType | None = None


def numpy_if_loaded() -> ModuleType | None:
    """numpy when :func:`load` has imported it, else None (never imports)."""
    return _Loaded.numpy


def load() -> bool:
    """Import numpy for the ranking (once per process; thread-safe); False when it cannot be imported."""
    with _loading:
        if _Loaded.numpy is None:
            try:
                import numpy
            except Exception as exc:  # a damaged or missing install: the Python path still ranks everything
                log.warning("numpy could not be imported (%s); ranking in Python", exc)
                return False
            _Loaded.numpy = numpy
    return True


def worth_loading(clauses: int) -> bool:
    """Whether an index of *clauses* units has lists long enough for :func:`load` to pay in a long-lived process."""
    return clauses >= VECTOR_FROM


class VectorRanker:
    """Per field, the documents' BM25 length norms as a numpy array (built once per searcher)."""

    def __init__(self, np: ModuleType):
        self._np = np
        self._norms: dict[str, object] = {}

    def norms(self, field: str, codes: bytes, table: list[float]):
        """The length norm of every document: *table* (by length code) looked up through *codes* (one byte each)."""
        found = self._norms.get(field)
        if found is None:
            np = self._np
            found = self._norms[field] = np.asarray(table, dtype=np.float64)[np.frombuffer(codes, dtype=np.uint8)]
        return found

    def ranked(self, lists: list[tuple[array, array, float]], norms, allowed: set[int] | None,
               limit: int) -> list[tuple[int, float]]:
        """The best *limit* (document, score) holding every list's word, best first, ties in document order.

        *lists*: for each word its (documents ascending, weights, idf·(K1+1)), shortest list first (the order in
        which the Python path adds the words' scores); *norms*: :meth:`norms` of the field; *allowed*: the documents
        a filter keeps, or None.
        """
        np = self._np
        ids0 = np.frombuffer(lists[0][0], dtype=np.uint32)
        weights0 = np.frombuffer(lists[0][1], dtype=np.float32)
        if allowed is not None:
            keep = np.isin(ids0, np.fromiter(allowed, dtype=np.int64, count=len(allowed)))
            ids0, weights0 = ids0[keep], weights0[keep]
        at_each = []
        found = np.ones(len(ids0), dtype=bool)
        for ids, _weights, _c in lists[1:]:
            other = np.frombuffer(ids, dtype=np.uint32)
            if not len(other):
                return []
            at = np.minimum(np.searchsorted(other, ids0), len(other) - 1)
            found &= other[at] == ids0
            at_each.append(at)
        docs = ids0[found]
        if not len(docs):
            return []
        doc_norms = norms[docs]
        totals = self._bm25(weights0[found], lists[0][2], doc_norms)
        for (_ids, weights, c), at in zip(lists[1:], at_each, strict=True):
            totals += self._bm25(np.frombuffer(weights, dtype=np.float32)[at[found]], c, doc_norms)
        if len(docs) > limit:
            threshold = np.partition(totals, len(totals) - limit)[len(totals) - limit]
            best = totals >= threshold
            docs, totals = docs[best], totals[best]
        order = np.lexsort((docs, -totals))[:limit]
        return list(zip(docs[order].tolist(), totals[order].tolist(), strict=True))

    def _bm25(self, weights, c: float, norms):
        """c·w / (w + norm) per document, in doubles, as the Python path computes it."""
        w = weights.astype(self._np.float64)
        return (c * w) / (w + norms)
