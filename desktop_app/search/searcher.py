"""The search index as the rest of PolicyDesk sees it (see the search API contract)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from whoosh import query as wq
from whoosh.scoring import BM25F

from .. import paths
from ..core.corpus import Corpus
from ..core.model import Document
from . import indexer
from .analyzer import fold
from .analyzer import highlight_spans as _highlight_spans
from .query import ParsedQuery, compact, parse, to_whoosh
from .results import SearchHit, make_fragments

log = logging.getLogger(__name__)

# Length normalisation below the usual 0.75: a clause holding only its heading (central （六）–（十六）)
# should not outrank the full clause that deals with the same matter.
BM25_B = 0.5
BM25_K1 = 1.2


class SearchIndex:
    """A self-maintaining full-text index of the corpus's clauses and part headings.

    Use :meth:`open`; one instance keeps one whoosh searcher open and reuses it
    across queries, refreshing it when the index changes.
    """

    def __init__(self, data_dir: Path, ix, documents: dict[str, Document], procs: int = 1):
        self._data_dir = data_dir
        self._ix = ix
        self._documents = documents
        self._procs = procs
        self._lock = threading.RLock()
        self._searcher = None

    @classmethod
    def open(cls, corpus: Corpus, data_dir: Path | None = None, *, procs: int = 1) -> SearchIndex:
        """Open (and create/update/repair as needed) the index under ``data_dir/'index'``."""
        return cls.open_documents(corpus.documents, data_dir, procs=procs)

    @classmethod
    def open_documents(cls, documents: Sequence[Document], data_dir: Path | None = None, *,
                       procs: int = 1) -> SearchIndex:
        data_dir = Path(data_dir) if data_dir is not None else paths.data_dir()
        ix = indexer.synchronise(data_dir, documents, procs)
        return cls(data_dir, ix, {d.id: d for d in documents}, procs)

    # -- queries -----------------------------------------------------------------

    def search(self, query: str, *, doc: str | None = None, kind: str | None = None,
               headings_only: bool = False, limit: int = 20) -> list[SearchHit]:
        """Ranked hits for *query* (see :mod:`desktop_app.search.query`); never raises on user input."""
        try:
            parsed = parse(query)
            wquery = to_whoosh(parsed, headings_only)
            if wquery is None or int(limit) <= 0:
                return []
            return self._run(wquery, parsed, doc=doc, kind=kind, headings_only=headings_only, limit=int(limit))
        except Exception:  # a search must not fail the caller; log and repair once
            log.exception("search failed; repairing the index and retrying")
        try:
            self._repair(force=True)
            return self._run(wquery, parsed, doc=doc, kind=kind, headings_only=headings_only, limit=int(limit))
        except Exception:
            log.exception("search failed after repair")
            return []

    def _run(self, wquery, parsed: ParsedQuery, *, doc: str | None, kind: str | None, headings_only: bool,
             limit: int) -> list[SearchHit]:
        filters = [wq.Term(name, value) for name, value in (("doc", doc), ("kind", kind)) if value]
        hits: list[SearchHit] = []
        with self._lock:
            searcher = self._current_searcher()
            # The index only approximates quoted phrases: rank every candidate, keep those that hold them.
            results = searcher.search(wquery, limit=None if parsed.has_phrases else limit,
                                      filter=wq.And(filters) if filters else None)
            for hit in results:
                found = self._hit(hit.score, hit.fields(), parsed, headings_only)
                if found is not None:
                    hits.append(found)
                    if len(hits) == limit:
                        break
        return hits

    def _hit(self, score: float, fields: dict, parsed: ParsedQuery, headings_only: bool) -> SearchHit | None:
        body = fields.get("body", "")
        heading = fields.get("heading", "")
        if parsed.has_phrases and not parsed.accepts(compact(heading if headings_only else body)):
            return None
        terms = parsed.highlight_terms(fold(body))
        return SearchHit(doc=fields["doc"], id=fields["id"], num=fields.get("num", ""), heading=heading,
                         kind=fields.get("kind", ""), score=float(score),
                         fragments=make_fragments(body, _highlight_spans(body, terms)), terms=tuple(terms))

    def _current_searcher(self):
        if self._searcher is None:
            self._searcher = self._ix.searcher(weighting=BM25F(B=BM25_B, K1=BM25_K1))
        elif not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()
        return self._searcher

    def highlight_spans(self, text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
        """Spans of *terms* (index terms, e.g. ``SearchHit.terms``) in any *text*."""
        try:
            return _highlight_spans(text, terms)
        except Exception:  # highlighting is cosmetic
            log.exception("highlighting failed")
            return []

    # -- keeping up to date ----------------------------------------------------------

    def update_document(self, doc: Document) -> None:
        """Add or replace one document, leaving the others untouched."""
        self._documents[doc.id] = doc
        self._write([doc], ())

    def remove_document(self, doc_id: str) -> None:
        self._documents.pop(doc_id, None)
        self._write((), [doc_id])

    def _write(self, docs, removed) -> None:
        try:
            ix = indexer.update_documents(self._data_dir, docs, removed)
        except indexer.SearchIndexError:
            raise
        except Exception:  # damaged on disk: rebuild from what we hold
            log.warning("incremental update failed; rebuilding the index", exc_info=True)
            ix = None
        if ix is None:
            self._repair()
        else:
            self._swap(ix)

    def _repair(self, force: bool = False) -> None:
        self._swap(indexer.synchronise(self._data_dir, self._documents.values(), self._procs, force=force))

    def _swap(self, ix) -> None:
        with self._lock:
            self._close_searcher()
            self._ix = ix

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            try:
                self._searcher.close()
            except Exception:
                log.debug("closing a searcher failed", exc_info=True)
            self._searcher = None

    def doc_count(self) -> int:
        return self._ix.doc_count()

    def close(self) -> None:
        with self._lock:
            self._close_searcher()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
