"""The stamps of the document files: path, size and modification time of each, and their digest.

Equal stamps mean the same documents, so a search index (and the parsed-document cache) can trust what it
recorded without reading them again, as git trusts its index.  A file changed too recently for its stamp to
be trusted means no stamps at all.

HOOK(search-scale): every ``policydesk search`` stamps every document file (5,556 at 100,000 clauses), so
this module is kept light (no dataclasses, no document model) and the digest is taken from two flat columns
(the paths; the sizes and times in one ``array``) instead of a list per file written out as JSON: the stamps
cost ≈ 15 ms there instead of ≈ 45 ms, nearly all of it the ``stat`` calls themselves.
"""

from __future__ import annotations

import os
import time
from array import array
from itertools import chain
from operator import attrgetter
from pathlib import Path

from .. import paths

try:  # CPython's own BLAKE2; hashlib would load OpenSSL (3.4 MiB) into every search
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

# A file changed this recently may change again within its clock's resolution without its stamp changing
# (FAT keeps 2 s): its stamp says nothing yet.
RACY_SECONDS = 2.0

_SIZE_AND_TIME = attrgetter("st_size", "st_mtime_ns")

SourceStamps = list[list]  # [path, size, mtime_ns] of every document file, in reading order (JSON-friendly)


def source_stamps(builtin_dir: str | Path | None = None, user_dir: str | Path | None = None) -> SourceStamps | None:
    """Path, size and modification time of every document file ``Corpus.load`` reads, in its order.

    None when a file changed too recently for its stamp to be trusted.
    """
    columns = _stamp_columns(builtin_dir, user_dir)
    if columns is None:
        return None
    file_paths, numbers = columns
    return [[path, numbers[2 * n], numbers[2 * n + 1]] for n, path in enumerate(file_paths)]


def source_digest(builtin_dir: str | Path | None = None, user_dir: str | Path | None = None) -> str | None:
    """``stamps_digest(source_stamps(builtin_dir, user_dir))``, without building the list of stamps."""
    columns = _stamp_columns(builtin_dir, user_dir)
    return None if columns is None else _digest(*columns)


def default_source_digest(documents_dir: Path) -> str | None:
    """:func:`source_digest` of what ``Corpus.load_default`` reads: the shipped texts and *documents_dir*
    (the workspace's imported documents)."""
    return source_digest(paths.policy_texts_dir(), documents_dir)


def stamps_digest(stamps: SourceStamps) -> str:
    """A digest of *stamps* (what an index records of the files it was built from)."""
    return _digest([s[0] for s in stamps], array("q", [n for s in stamps for n in s[1:]]))


def _digest(file_paths: list[str], numbers: array) -> str:
    h = blake2b(b"%d\0" % len(file_paths), digest_size=20)
    h.update("\0".join(file_paths).encode("utf-8", "surrogateescape"))
    h.update(numbers.tobytes())
    return h.hexdigest()


def _stamp_columns(builtin_dir: str | Path | None, user_dir: str | Path | None) -> tuple[list[str], array] | None:
    """(the paths of the document files in reading order, their sizes and times: size, mtime_ns, size, ...)."""
    builtin = Path(builtin_dir) if builtin_dir else paths.policy_texts_dir()
    folders = [builtin] + ([Path(user_dir)] if user_dir is not None and Path(user_dir).is_dir() else [])
    now = time.time_ns()
    file_paths: list[str] = []
    for folder in folders:
        base = os.path.join(str(folder.resolve()), "")
        # Names, not DirEntry objects (each keeps its stat result: 5 MiB at the peak for 5,000 files).
        file_paths += [base + name for name in document_names(base)]
    # One stat result alive at a time, and no Python loop around the 5,000 calls.
    try:
        numbers = array("q", chain.from_iterable(map(_SIZE_AND_TIME, map(os.stat, file_paths))))
    except OSError:  # a file removed meanwhile
        return None
    if numbers and now - max(numbers[1::2]) < RACY_SECONDS * 1e9:
        return None
    return file_paths, numbers


def document_names(folder: str | Path) -> list[str]:
    """The ``*.xml`` names in *folder* as ``Path.glob`` finds them (hidden ones too, case as the system
    compares names), in the order of their paths; none when it cannot be listed."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    if os.path.normcase("A") == "A":  # names compared case by case (POSIX): fnmatch is endswith
        return sorted([n for n in names if n.endswith(".xml")])
    return sorted([n for n in names if os.path.normcase(n).endswith(".xml")], key=os.path.normcase)
