"""The parsed documents kept in one file, trusted by the document files' stamps.

Reading 50 imported plans (9,000 clauses) from XML takes ≈ 0.4 s of every start; unpickling
them ≈ 0.05 s.  The cache holds the documents of one :meth:`Corpus.load` with the stamps
(path, size, modification time) of the files they came from, as the search index does
(:func:`desktop_app.core.corpus.source_stamps`): equal stamps, same documents.  A file changed
too recently to trust its stamp means no stamps, so no cache.  A cache written by a version
whose document classes had other fields is not used.  Any problem reading or writing it only
means reading the XML, as without it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import pickle
from pathlib import Path

from . import model
from .fileio import atomic_write_bytes

log = logging.getLogger(__name__)

CACHE_VERSION = 1


def _shape() -> str:
    """Changes whenever the document classes or their enums change shape."""
    parts = [str(CACHE_VERSION)]
    for cls in (model.Document, model.Part, model.Clause, model.Item):
        parts.append(cls.__name__ + ":" + ",".join(f.name for f in dataclasses.fields(cls)))
    for enum in (model.DocumentKind, model.Completeness):
        parts.append(enum.__name__ + ":" + ",".join(m.value for m in enum))
    return hashlib.sha1("\n".join(parts).encode(), usedforsecurity=False).hexdigest()


def read(path: Path, sources: list) -> list | None:
    """The documents stored under *path* for exactly these *sources*, else None."""
    try:
        with open(path, "rb") as f:
            shape, stored_sources, documents = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception as exc:  # damaged, or from another version: read the XML
        log.info("document cache %s not used: %s", path, exc)
        return None
    if shape != _shape() or stored_sources != sources:
        return None
    return documents


def write(path: Path, sources: list, documents: list) -> None:
    """Keep *documents* (any picklable structure of them) for *sources*; failures are only logged."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, pickle.dumps((_shape(), sources, documents), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as exc:
        log.info("document cache %s not written: %s", path, exc)
