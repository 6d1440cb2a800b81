"""The search index behind the window: opened in the background, searched on one serial worker.

States: ``loading`` → ``ready`` (or ``failed``).  A query asked for while the
index is loading waits and is answered as soon as it is ready.  Every query
gets a generation number; only the answer to the newest query is delivered,
so a slow old answer never overwrites a newer one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..core.corpus import Corpus
from .workers import Lane, QueryOp, describe_failure


@dataclass(frozen=True)
class Query:
    text: str
    doc: str | None = None
    kind: str | None = None
    limit: int = 50
    synonyms: bool = True  # HOOK(search-words): expand abbreviations and equivalents (the 同义 check box)


class SearchService(QObject):
    """Owns the ``desktop_app.search.SearchIndex``; jobs run on the serial index worker."""

    stateChanged = Signal(str)        # loading / ready / failed
    resultsReady = Signal(int, object, object)   # generation, Query, hits  # HOOK(search-words): SearchResults
    failed = Signal(str)

    def __init__(self, corpus: Corpus, index_parent: Path, parent=None) -> None:
        super().__init__(parent)
        self._corpus = corpus
        self._index_parent = index_parent
        self._search_key = (id(self), "search")
        self._index: Any = None
        self.state = "idle"
        self.error = ""
        self._generation = 0
        self._pending: tuple[int, Query] | None = None
        self._changed_while_opening: list[str] = []

    # ---- opening --------------------------------------------------------------
    def start(self) -> None:
        """Warm jieba, then open (build or repair) the index; both on the serial worker."""
        self._set_state("loading")
        QueryOp(parent=self, op=_open_index(self._corpus, self._index_parent), success=self._on_opened) \
            .failure(self._on_open_failed).in_lane(Lane.INDEX).run_in_background()

    def disable(self, reason: str) -> None:
        """No index can be kept (the data directory is unusable): searching says *reason* instead."""
        self.error = reason
        self._set_state("failed")

    def _on_opened(self, index: Any) -> None:
        self._index = index
        self._load_vector_math(index)
        if self._changed_while_opening:
            for doc_id in self._changed_while_opening:
                self.update_corpus(self._corpus, doc_id)
            self._changed_while_opening = []
        self._set_state("ready")
        if self._pending is not None:
            generation, query = self._pending
            self._pending = None
            self._run(generation, query)

    def _load_vector_math(self, index: Any) -> None:
        """A large library: import numpy for the ranking in the background (≈ 0.1 s; the first searches are
        ranked in Python meanwhile, and all of them if it cannot be imported)."""
        from ..search import vector

        if vector.numpy_if_loaded() is None and vector.worth_loading(index.doc_count()):
            QueryOp(parent=self, op=vector.load, success=_ignore).failure(_ignore).in_lane(Lane.IO) \
                .run_in_background()

    def _on_open_failed(self, exc: Exception) -> None:
        self.error = describe_failure(exc)
        self._set_state("failed")
        self.failed.emit(self.error)

    def _set_state(self, state: str) -> None:
        self.state = state
        self.stateChanged.emit(state)

    # ---- searching ----------------------------------------------------------------
    def search(self, query: Query) -> int:
        """Ask for *query*; returns its generation.  Answered by ``resultsReady`` (only if still the newest)."""
        self._generation += 1
        generation = self._generation
        if self.state == "ready":
            self._run(generation, query)
        elif self.state in ("loading", "idle"):
            self._pending = (generation, query)
        return generation

    def cancel(self) -> None:
        """Make every answer still on its way stale (the box was cleared)."""
        self._generation += 1
        self._pending = None
        QueryOp.supersede(self._search_key)

    @property
    def latest_generation(self) -> int:
        return self._generation

    def _run(self, generation: int, query: Query) -> None:
        index = self._index

        def job() -> list:
            return index.search(query.text, doc=query.doc, kind=query.kind, limit=query.limit,
                                synonyms=query.synonyms)  # HOOK(search-words)

        # latest_only: a query superseded before it started is skipped, a late answer dropped
        QueryOp(parent=self, op=job, success=lambda hits: self._on_answered(generation, query, hits)) \
            .failure(self._on_job_failed).in_lane(Lane.INDEX).latest_only(self._search_key).run_in_background()

    def _on_answered(self, generation: int, query: Query, hits: list) -> None:
        if generation == self._generation:
            self.resultsReady.emit(generation, query, hits)  # HOOK(search-words): SearchResults, not a copy

    def update_corpus(self, corpus: Corpus, changed_doc: str | None = None) -> None:
        """After an import: update one document in the index (on the serial worker)."""
        self._corpus = corpus
        if changed_doc is None:
            return
        if self._index is None:
            if self.state == "loading":  # the index being opened holds the old text: update it once open
                self._changed_while_opening.append(changed_doc)
            return
        index = self._index
        doc = next((d for d in corpus.documents if d.id == changed_doc), None)
        job = (lambda: index.update_document(doc)) if doc is not None else (lambda: index.remove_document(changed_doc))
        QueryOp(parent=self, op=job, success=_ignore).failure(self._on_job_failed).in_lane(Lane.INDEX) \
            .run_in_background()

    def close(self) -> None:
        if self._index is not None:
            index, self._index = self._index, None
            QueryOp(parent=None, op=index.close, success=_ignore).failure(_ignore).in_lane(Lane.INDEX) \
                .run_in_background()

    def _on_job_failed(self, exc: Exception) -> None:
        self.failed.emit(describe_failure(exc))


def _ignore(_value: object) -> None:
    pass


def _open_index(corpus: Corpus, index_parent: Path):
    def job():
        from ..core import segment

        segment.tokenizer()  # the slow part; comparison uses it too
        from ..search import SearchIndex

        return SearchIndex.open(corpus, index_parent)

    return job
