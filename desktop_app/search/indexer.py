"""Keeping the on-disk index in step with the corpus, and healthy.

The index lives in ``<data_dir>/index``.  Beside the whoosh files it keeps
``manifest.json``: the schema and analysis it was built with, a fingerprint of
each document it holds, and the size of every index file at the last commit.
Opening compares that with the corpus and the files on disk:

* all equal: the index is used as it is (no lock taken, nothing written);
* the document files' stamps (path, size, modification time) equal those recorded
  with the fingerprints: the same, without reading the documents at all
  (:func:`quick_open`, what a search from the command line does);
* documents added, changed or removed: only those are re-indexed;
* analysis changed, a file missing or of the wrong size, the manifest gone or
  unreadable, whoosh unable to open it: the whole index is rebuilt.

Every write happens under ``<data_dir>/index.lock`` (an OS file lock, so a
killed process leaves no stale lock), and the manifest is rewritten atomically
only after whoosh has committed, so a half-finished write is seen as damage by
the next process and repaired.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import threading
import time
import warnings
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh import index as whoosh_index
from whoosh.util.filelock import FileLock

from ..core.errors import PolicyDeskError
from ..core.fileio import atomic_write_text
from ..core.lazylog import LazyLogger
from ..core.stamps import stamps_digest
from .analyzer import analysis_fingerprint
from .codec import FORMAT_VERSION as CODEC_FORMAT
from .schema import SCHEMA_VERSION, build_schema, codec, document_fingerprint, unit_count, unit_records

if TYPE_CHECKING:  # a search opens the index without the document model
    from ..core.model import Document

log = LazyLogger(__name__)

INDEX_DIR = "index"
LOCK_FILE = "index.lock"
MANIFEST = "manifest.json"
LOCK_TIMEOUT = 120.0
_thread_lock = threading.RLock()


class SearchIndexError(PolicyDeskError):
    """The index could not be written (for example another process held it for too long)."""


def index_dir(data_dir: Path) -> Path:
    return data_dir / INDEX_DIR


@contextmanager
def write_lock(data_dir: Path, timeout: float = LOCK_TIMEOUT):
    """Hold the index's write lock (threads of this process and other processes alike)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(data_dir / LOCK_FILE))
    with _thread_lock:
        deadline = time.monotonic() + timeout
        while not lock.acquire(blocking=False):
            if time.monotonic() > deadline:
                raise SearchIndexError(f"搜索索引被另一个程序占用超过 {int(timeout)} 秒：{data_dir / LOCK_FILE}")
            time.sleep(0.05)
        try:
            yield
        finally:
            lock.release()


def _identity() -> dict:
    return {"schema": SCHEMA_VERSION, "analysis": analysis_fingerprint(), "codec": CODEC_FORMAT}


def read_manifest(folder: Path, *, states: bool = True) -> dict | None:
    """The manifest of the index in *folder*, None when it is missing or damaged.

    ``docs`` maps each document id to its state, ``{"fp": fingerprint, "units": count}``; without *states*
    the states are left as the manifest writes them (a quick open needs only the ids).
    """
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("docs"), dict) or not isinstance(data.get("files"), dict):
        return None
    if states:
        try:
            data["docs"] = {doc_id: _state(value) for doc_id, value in data["docs"].items()}
        except ValueError:
            return None
    return data


def _state(value: str | dict) -> dict:
    """A document's state as the manifest writes it (``"<fingerprint> <units>"``: one string each, as a
    search parses the 5,000 of a large library ≈ 3× faster than objects), or as a manifest written
    before recorded it (an object)."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        raise ValueError(value)
    fp, units = value.split(" ")
    return {"fp": fp, "units": int(units)}


def _index_files(folder: Path) -> dict[str, int]:
    files = {}
    for entry in os.scandir(folder):
        if entry.is_file() and entry.name != MANIFEST and "LOCK" not in entry.name.upper():
            files[entry.name] = entry.stat().st_size
    return files


def _write_manifest(folder: Path, docs: dict[str, dict], ix, sources: list | str | None = None) -> None:
    manifest = {**_identity(), "docs": {doc_id: f"{state['fp']} {state['units']}" for doc_id, state in docs.items()},
                "units": ix.doc_count(), "files": _index_files(folder), "sources": sources_digest(sources)}
    atomic_write_text(folder / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))


def healthy_index(folder: Path, manifest: dict | None):
    """The opened whoosh index when *folder* holds exactly what *manifest* recorded, else None."""
    opened = _healthy(folder, manifest)
    if opened is None:
        return None
    ix, reader = opened
    reader.close()
    return ix


def _healthy(folder: Path, manifest: dict | None):
    """(whoosh index, an open reader of it) when *folder* holds exactly what *manifest* recorded, else None."""
    if manifest is None or any(manifest.get(k) != v for k, v in _identity().items()):
        return None
    # WORKAROUND: whoosh 2.7.4 leaves a segment file open when reading it fails
    # (CompoundStorage.__init__ raises before closing it); it is freed on the way out, quietly.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        opened = _open_checked(folder, manifest)
        if opened is None:
            gc.collect()
    return opened


def _open_checked(folder: Path, manifest: dict):
    reader = None
    try:
        for name, size in manifest["files"].items():
            if (folder / name).stat().st_size != size:
                return None
        ix = whoosh_index.open_dir(str(folder))
        reader = ix.reader()
        if reader.doc_count() != manifest.get("units"):
            reader.close()
            return None
        reader.doc_count_all()
        return ix, reader
    except Exception as exc:  # whoosh raises many kinds of errors on damaged files
        log.info("search index at %s is damaged: %s", folder, exc)
        if reader is not None:
            with contextlib.suppress(Exception):
                reader.close()
        return None


def corpus_state(documents: Iterable[Document]) -> tuple[dict[str, dict], dict[str, Document]]:
    """(fingerprint entry per document id, document per id)."""
    states, by_id = {}, {}
    for doc in documents:
        states[doc.id] = {"fp": document_fingerprint(doc), "units": unit_count(doc)}
        by_id[doc.id] = doc
    return states, by_id


def rebuild(folder: Path, docs: dict[str, Document], states: dict[str, dict], procs: int = 1,
            sources: list | str | None = None):
    """Index every document afresh; returns the opened index."""
    from whoosh.writing import CLEAR

    folder.mkdir(parents=True, exist_ok=True)
    (folder / MANIFEST).unlink(missing_ok=True)
    for entry in os.scandir(folder):
        if entry.is_file():
            # A file another process still reads cannot go on Windows; whoosh ignores files it does not list.
            with contextlib.suppress(OSError):
                os.remove(entry.path)
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = _writer(ix, procs)
    try:
        for doc in docs.values():
            for rec in unit_records(doc):
                writer.add_document(**rec.fields())
        writer.commit(mergetype=CLEAR)
    except BaseException:
        writer.cancel()
        raise
    _write_manifest(folder, states, ix, sources)
    return whoosh_index.open_dir(str(folder))


def _writer(ix, procs: int = 1):
    from .bulk import BulkWriter  # whoosh's writing modules only for a process that writes

    if procs > 1:
        return ix.writer(procs=procs, limitmb=128, multisegment=True, codec=codec())
    return BulkWriter(ix, timeout=LOCK_TIMEOUT, codec=codec())


def apply_changes(folder: Path, ix, changed: dict[str, Document], states: dict[str, dict],
                  removed: Iterable[str], *, sources: list | str | None = None):
    """Re-index *changed* documents and drop *removed* ones, in one commit."""
    writer = _writer(ix)
    try:
        for doc_id in [*removed, *changed]:
            writer.delete_by_term("doc", doc_id)
        for doc in changed.values():
            for rec in unit_records(doc):
                writer.add_document(**rec.fields())
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    ix = whoosh_index.open_dir(str(folder))
    _write_manifest(folder, states, ix, sources)
    return ix


def sources_digest(sources: list | str | None) -> str | None:
    """What the manifest records of the document files' stamps: their digest
    (:func:`desktop_app.core.stamps.stamps_digest`; the list itself is a megabyte of JSON for 5,000
    documents).  A digest passed in is returned as it is: a search takes it straight from the files
    (:func:`desktop_app.core.stamps.source_digest`)."""
    if sources is None or isinstance(sources, str):
        return sources
    return stamps_digest(sources)


def _same_sources(sources: list | str | None, manifest: dict) -> bool:
    """Whether *sources* (None: not known) agree with what *manifest* recorded."""
    return sources is None or sources_digest(sources) == manifest.get("sources")


def quick_open(data_dir: Path, sources: list | str | None):
    """(index, an open reader of it, document ids) when the index is healthy and was built from files with
    exactly these *sources* stamps (see :func:`desktop_app.core.stamps.source_stamps`, or their
    :func:`sources_digest`); else None."""
    if sources is None:
        return None
    folder = index_dir(data_dir)
    manifest = read_manifest(folder, states=False)
    if manifest is None or manifest.get("sources") != sources_digest(sources):
        return None
    opened = _healthy(folder, manifest)
    return None if opened is None else (*opened, tuple(manifest["docs"]))


def synchronise(data_dir: Path, documents: Iterable[Document], procs: int = 1, *, force: bool = False,
                sources: list | str | None = None):
    """Bring the index under *data_dir* in step with *documents*; returns the opened whoosh index.

    *force* rebuilds even an index that looks healthy (a search failed inside it).  *sources*, the
    stamps of the files *documents* were read from, are recorded for :func:`quick_open`.
    """
    folder = index_dir(data_dir)
    states, docs = corpus_state(documents)
    if not force:
        manifest = read_manifest(folder)
        ix = healthy_index(folder, manifest)
        if ix is not None and manifest["docs"] == states and _same_sources(sources, manifest):
            return ix
    with write_lock(data_dir):
        manifest = read_manifest(folder)
        ix = None if force else healthy_index(folder, manifest)
        if ix is None:
            log.info("building the search index at %s", folder)
            return rebuild(folder, docs, states, procs, sources)
        old = manifest["docs"]
        if old == states:
            if not _same_sources(sources, manifest):  # the same documents, in files stamped anew
                _write_manifest(folder, states, ix, sources)
            return ix
        changed = {d: docs[d] for d, state in states.items() if old.get(d) != state}
        removed = [d for d in old if d not in states]
        try:
            return apply_changes(folder, ix, changed, states, removed, sources=sources)
        except Exception as exc:  # a damaged segment shows up only when written to
            log.info("incremental update failed (%s); rebuilding", exc)
            return rebuild(folder, docs, states, procs, sources)


def update_documents(data_dir: Path, documents: Iterable[Document], removed: Iterable[str] = ()):
    """Add or replace *documents* and drop *removed* ids, keeping every other document as it is.

    Returns the updated index, or None when the index on disk is damaged.
    """
    folder = index_dir(data_dir)
    states, docs = corpus_state(documents)
    removed = list(removed)
    with write_lock(data_dir):
        manifest = read_manifest(folder)
        ix = healthy_index(folder, manifest)
        if ix is None:
            return None  # damaged: the caller rebuilds from its whole corpus
        all_states = {d: s for d, s in manifest["docs"].items() if d not in removed}
        all_states.update(states)
        gone = [d for d in removed if d in manifest["docs"]]
        # The files behind the documents are no longer those recorded: the next open reads them.
        return apply_changes(folder, ix, docs, all_states, gone, sources=None)
