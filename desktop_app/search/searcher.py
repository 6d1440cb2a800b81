"""The search index as the rest of PolicyDesk sees it (see the search API contract)."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from whoosh.scoring import BM25F

from ..core.lazylog import LazyLogger
from ..core.stamps import default_source_digest
from ..workspace import Workspace
from . import _lean_whoosh, highlight, indexer
from .analyzer import fold, fold_width, has_traditional, is_traditional
from .analyzer import highlight_spans as _highlight_spans
from .query import EXACT, TRADITIONAL, ParsedQuery, Tier, compact, parse, to_whoosh
from .results import SearchHit, SearchResults, make_fragments
from .scoring import FastScorer

if TYPE_CHECKING:
    from ..core.corpus import Corpus
    from ..core.model import Document
    from . import synonyms
    from .suggest import Vocabulary

log = LazyLogger(__name__)
# The fast ranking failing over to whoosh's own search is logged here; the tests fail on any record of it.
slow_path_log = LazyLogger("desktop_app.search.slowpath")
# Up to this many hits, a query is also offered corrections (“您是不是要找”).
FEW_HITS = 3

# Length normalisation below the usual 0.75: a clause holding only its heading (central （六）–（十六）)
# should not outrank the full clause that deals with the same matter.
BM25_B = 0.5
BM25_K1 = 1.2


class SearchIndex:
    """A self-maintaining full-text index of the corpus's clauses and part headings.

    Use :meth:`open`; one instance keeps one whoosh searcher open and reuses it
    across queries, refreshing it when the index changes.
    """

    def __init__(self, data_dir: Path, ix, documents: dict[str, Document] | None, procs: int = 1, *,
                 sources: list | str | None = None, doc_ids: Sequence[str] | None = None, reader=None):
        self._data_dir = data_dir
        self._ix = ix
        self._reader = reader  # a reader of *ix* already open, for the first searcher
        # None: opened by file stamps alone; the documents are read if the index needs repair.
        self._documents = documents
        self._sources = sources
        self._doc_ids = set(documents) if documents is not None else set(doc_ids or ())
        self._procs = procs
        self._lock = threading.RLock()
        self._searcher = None
        self._scorer: FastScorer | None = None
        self._vocabulary: Vocabulary | None = None
        self._repaired = False
        self.dictionary_path = Workspace(data_dir).dictionary_path
        self.departments_path = Workspace(data_dir).departments_path  # department names come from the registry

    @classmethod
    def open(cls, corpus: Corpus, data_dir: Path | None = None, *, procs: int = 1) -> SearchIndex:
        """Open (and create/update/repair as needed) the index under ``data_dir/'index'``."""
        return cls.open_documents(corpus.documents, data_dir, procs=procs, sources=corpus.sources)

    @classmethod
    def open_documents(cls, documents: Sequence[Document], data_dir: Path | None = None, *,
                       procs: int = 1, sources: list | str | None = None) -> SearchIndex:
        """:meth:`open` for a sequence of documents; documents the index holds beyond them are dropped.

        *procs* > 1 builds a full index with whoosh's multi-process writer.  *sources* are the
        stamps of the files the documents were read from (``Corpus.sources``), if any.
        """
        data_dir = Path(data_dir) if data_dir is not None else Workspace.from_environment().index_parent
        ix = indexer.synchronise(data_dir, documents, procs, sources=sources)
        return cls(data_dir, ix, {d.id: d for d in documents}, procs, sources=sources)

    @classmethod
    def open_default(cls, *, procs: int = 1) -> SearchIndex:
        """The index of the shipped corpus and the user's documents (:meth:`Corpus.load_default`).

        When the document files are exactly those the index was built from (same paths,
        sizes and modification times), it opens without reading a single document: a
        search from the command line answers at once however many documents there are.
        Otherwise the documents are read and the index brought up to date first.
        """
        workspace = Workspace.from_environment()
        data_dir = workspace.index_parent
        sources = default_source_digest(workspace.documents_dir)  # the digest alone: no list of stamps
        found = indexer.quick_open(data_dir, sources)
        if found is not None:
            ix, reader, doc_ids = found
            return cls(data_dir, ix, None, procs, sources=sources, doc_ids=doc_ids, reader=reader)
        from ..core.corpus import Corpus  # the documents are read only when the index needs them

        return cls.open(Corpus.load_default(workspace), data_dir, procs=procs)

    def has_document(self, doc_id: str) -> bool:
        return doc_id in self._doc_ids

    def document_ids(self) -> tuple[str, ...]:
        return tuple(sorted(self._doc_ids))

    def _all_documents(self) -> dict[str, Document]:
        if self._documents is None:
            from ..core.corpus import Corpus

            corpus = Corpus.load_default()
            self._documents = {d.id: d for d in corpus.documents}
            self._sources = corpus.sources
        return self._documents

    # -- queries -----------------------------------------------------------------

    def dictionary(self) -> synonyms.Dictionary:
        """The search dictionary in use: shipped entries, the department registry's names
        (``Workspace.departments_path`` when the drafter edited it) and the user's (``Workspace.dictionary_path``)."""
        from . import synonyms

        return synonyms.load(self.dictionary_path, self.departments_path)

    def search(self, query: str, *, doc: str | None = None, kind: str | None = None,
               headings_only: bool = False, limit: int = 20, synonyms: bool = True) -> SearchResults:
        """Ranked hits for *query* (see :mod:`desktop_app.search.query`); never raises on user input.

        Clauses matching the query as typed come first, then those found through a dictionary
        equivalent (unless *synonyms* is False), then those holding a compound word's parts
        (see :mod:`.expand`).  A query with few hits gets suggestions from the index's vocabulary.
        A failure inside the index (a file damaged while open) rebuilds it, once per instance,
        and answers from the rebuilt index.
        """
        try:
            parsed, limit = parse(query), int(limit)
        except Exception:  # parse() takes anything; this is a wrong *limit* from a caller
            log.exception("search arguments not understood")
            return SearchResults()
        if not parsed.required or limit <= 0:
            return SearchResults()
        ask = _Ask(str(query), parsed, doc, kind, headings_only, limit, synonyms)
        try:
            return self._answer(ask)
        except Exception:  # a search must not fail the caller
            log.exception("search failed inside the index")
        if self._repaired:
            return SearchResults()
        self._repaired = True
        try:
            self._repair(force=True)
            return self._answer(ask)
        except Exception:
            log.exception("search failed after rebuilding the index")
            return SearchResults()

    def _answer(self, ask: _Ask) -> SearchResults:
        with self._lock:
            hits, truncated = self._tiered(ask)
            found = []
            if len(hits) <= FEW_HITS and not truncated:
                dictionary = self._dictionary(ask)
                known = (lambda w: bool(dictionary.equivalents(w))) if dictionary is not None else (lambda _w: False)
                from .suggest import suggest  # only a query with few hits needs it

                reader = self._current_searcher().reader()
                found = suggest(ask.query, self._current_vocabulary, len(hits), lambda q: self._has_hits(q, ask),
                                known=known, frequency=lambda w: reader.doc_frequency("text", w))
        return SearchResults(hits, suggestions=found, truncated=truncated)

    def _dictionary(self, ask: _Ask) -> synonyms.Dictionary | None:
        return self.dictionary() if ask.synonyms else None

    def _tiered(self, ask: _Ask) -> tuple[list[SearchHit], bool]:
        """Hits of each tier in turn (those of an earlier tier left out), one more than *limit* at most.

        The looser tiers (and the dictionary) are worked out only when the exact one gives too few.
        """
        searcher = self._current_searcher()
        seen: set[int] = set()
        hits: list[SearchHit] = []
        typed_traditional = is_traditional(ask.query)
        tiers = [Tier(EXACT, ask.parsed)]
        for n in itertools.count():
            if len(hits) > ask.limit:
                break
            if n == 1:  # looser readings (and the dictionary) only when the exact one gave too few
                from .expand import tiers as looser

                tiers += looser(ask.parsed, self._dictionary(ask))[1:]
            if n >= len(tiers):
                break
            tier = tiers[n]
            for docnum, score in self._ranked(tier.parsed, ask, ask.limit + 1 + len(seen)):
                if docnum in seen:
                    continue
                found = self._hit(score, searcher.stored_fields(docnum), tier, ask.headings_only, typed_traditional)
                if found is not None:
                    seen.add(docnum)
                    hits.append(found)
                    if len(hits) > ask.limit:
                        break
        return hits[:ask.limit], len(hits) > ask.limit

    def _has_hits(self, query: str, ask: _Ask) -> bool:
        parsed = parse(query)
        if not parsed.required:
            return False
        searcher = self._current_searcher()
        tier = Tier(EXACT, parsed)
        return any(self._hit(score, searcher.stored_fields(docnum), tier, ask.headings_only, False)
                   for docnum, score in self._ranked(parsed, ask, 1))

    def _ranked(self, parsed: ParsedQuery, ask: _Ask, limit: int) -> list[tuple[int, float]]:
        field = "heading" if ask.headings_only else "text"
        try:
            return self._ranked_fast(parsed, field, ask.doc, ask.kind, limit)
        except Exception:  # the fast path reads whoosh's internals; whoosh's own search still answers
            slow_path_log.warning("fast ranking failed; using whoosh's search", exc_info=True)
            return self._ranked_whoosh(parsed, ask.headings_only, ask.doc, ask.kind, limit)

    def _ranked_fast(self, parsed: ParsedQuery, field: str, doc: str | None, kind: str | None, limit: int):
        if self._scorer is None:
            self._scorer = FastScorer(self._current_searcher(), BM25_B, BM25_K1)
        allowed = None
        for name, value in (("doc", doc), ("kind", kind)):
            if value:
                ids = self._scorer.ids(name, value)
                allowed = ids if allowed is None else allowed & ids
        # The index only finds the words of quoted phrases: rank every candidate, keep those holding them.
        return self._scorer.ranked(parsed, field, allowed, None if parsed.has_phrases else limit)

    def _ranked_whoosh(self, parsed: ParsedQuery, headings_only: bool, doc: str | None, kind: str | None,
                       limit: int) -> list[tuple[int, float]]:
        """The same ranking through whoosh's query objects (the reference for the fast path)."""
        wquery, excluded = to_whoosh(parsed, headings_only)
        if wquery is None:
            return []
        wq = _lean_whoosh.whoosh_query()
        filters = [wq.Term(name, value) for name, value in (("doc", doc), ("kind", kind)) if value]
        results = self._current_searcher().search(wquery, limit=None if parsed.has_phrases else limit,
                                                  filter=wq.And(filters) if filters else None, mask=excluded)
        return [(hit.docnum, hit.score) for hit in results]

    def _hit(self, score: float, fields: dict, tier: Tier, headings_only: bool,
             typed_traditional: bool) -> SearchHit | None:
        body = fields.get("body", "")
        heading = fields.get("heading", "")
        parsed = tier.parsed
        if parsed.has_phrases and not parsed.accepts(compact(heading if headings_only else body)):
            return None
        folded = fold(body)
        compacted = compact(body) if parsed.has_phrases else ""
        items = [i for i in parsed.items if i.satisfied_by(compacted if i.phrase else folded)] or parsed.items
        marked = highlight.spans(folded, items)
        via = tuple(dict.fromkeys(v for i in items for v in i.via))
        how = tier.name
        if how == EXACT and (typed_traditional or _traditional_in(body, folded, items)):
            how = TRADITIONAL
        return SearchHit(doc=fields["doc"], id=fields["id"], num=fields.get("num", ""), heading=heading,
                         kind=fields.get("kind", ""), score=float(score),
                         fragments=make_fragments(body, marked), terms=tuple(highlight.terms(body, marked)),
                         title=fields.get("title", ""), completeness=fields.get("state", "full"),
                         unit=fields.get("unit", "clause"), matched_via=how, via=via)

    def _current_vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            from .suggest import Vocabulary

            self._vocabulary = Vocabulary.of_reader(self._current_searcher().reader())
        return self._vocabulary

    def _current_searcher(self):
        if self._searcher is None:
            weighting = BM25F(B=BM25_B, K1=BM25_K1)
            if self._reader is not None:  # what ix.searcher() does, with the reader the quick open checked
                from whoosh.searching import Searcher

                self._searcher = Searcher(self._reader, weighting=weighting, fromindex=self._ix)
                self._reader = None
            else:
                self._searcher = self._ix.searcher(weighting=weighting)
            self._scorer = self._vocabulary = None
        elif not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()
            self._scorer = self._vocabulary = None
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
        self._all_documents()[doc.id] = doc
        self._doc_ids.add(doc.id)
        self._sources = None
        self._write([doc], ())

    def remove_document(self, doc_id: str) -> None:
        self._all_documents().pop(doc_id, None)
        self._doc_ids.discard(doc_id)
        self._sources = None
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
        docs = self._all_documents()
        self._swap(indexer.synchronise(self._data_dir, docs.values(), self._procs, force=force,
                                       sources=self._sources))

    def _swap(self, ix) -> None:
        with self._lock:
            self._close_searcher()
            self._ix = ix

    def _close_searcher(self) -> None:
        if self._reader is not None:  # opened by the quick open, no search made
            self._reader.close()
            self._reader = None
        if self._searcher is not None:
            try:
                self._searcher.close()
            except Exception:
                log.debug("closing a searcher failed", exc_info=True)
            self._searcher = None
            self._scorer = self._vocabulary = None

    def doc_count(self) -> int:
        return self._ix.doc_count()

    def close(self) -> None:
        with self._lock:
            self._close_searcher()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Ask(NamedTuple):
    """One search request."""

    query: str
    parsed: ParsedQuery
    doc: str | None
    kind: str | None
    headings_only: bool
    limit: int
    synonyms: bool


def _traditional_in(body: str, folded: str, items) -> bool:
    """Whether a matched word stands in *body* in traditional characters only."""
    if not has_traditional(body):
        return False
    width = fold_width(body)
    return any(w in folded and w not in width for i in items for w in i.words)
