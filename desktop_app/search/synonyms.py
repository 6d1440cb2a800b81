"""The search dictionary: abbreviations and equivalent wordings of policy language.

Shipped as ``resources/dict/equivalents.tsv``, with the cities' department names taken
from the department registry (:mod:`.department_names`); the user's additions live in the
workspace's ``search-dictionary.tsv`` (same format, written under the knowledge-base
lock).  One entry is a term, the wordings equivalent to it, a category and the reason::

    社保<TAB>社会保险、社会保障<TAB>简称<TAB>“社保”通常指社会保险，也用作社会保障的简称

The term and each of its equivalents match each other; two equivalents of one entry
do not (医疗保险 and 医疗保障 are both 医保, not one another).  Terms are compared as
the index sees them (width, case and traditional characters folded, stop words left out).
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..core.errors import FileProblem
from ..core.fileio import atomic_write_text
from .analyzer import words

log = logging.getLogger(__name__)

SHIPPED = ("dict", "equivalents.tsv")
CATEGORIES = ("简称", "同义", "旧称", "部门")
SEPARATOR = "、"
HEADER = ("# 检索词典（用户补充）：每行 词<TAB>等同的说法（用“、”分隔）<TAB>类别<TAB>理由\n"
          "# 由“工具 → 检索词典”维护，也可以直接编辑（保存为 UTF-8）。\n")


class DictionaryError(FileProblem):
    """The user's dictionary file cannot be read or written, or an entry is not acceptable."""


@dataclass(frozen=True)
class Entry:
    term: str
    equivalents: tuple[str, ...]
    category: str
    reason: str
    user: bool = False  # from the user's file (editable), else shipped

    def line(self) -> str:
        return "\t".join((self.term, SEPARATOR.join(self.equivalents), self.category, self.reason))


@functools.lru_cache(maxsize=16384)  # the registry's names repeat across cities and are keyed several times
def key(text: str) -> str:
    """How a term is compared: its indexed words, joined (人力资源和社会保障局 → 人力资源社会保障局)."""
    return "".join(w for w, _s, _e in words(text))


def parse_entries(text: str, *, user: bool = False) -> tuple[list[Entry], list[str]]:
    """(entries, problems: one Chinese line per line that is not an entry) of a dictionary file's text."""
    entries, problems = [], []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        try:
            entries.append(make_entry(*[*fields, "", "", "", ""][:4], user=user))
        except ValueError as exc:
            problems.append(f"第 {number} 行：{exc}")
    return entries, problems


def make_entry(term: str, equivalents: str | Sequence[str], category: str, reason: str, *,
               user: bool = True) -> Entry:
    """A checked entry; raises ValueError with the reason in Chinese."""
    if isinstance(equivalents, str):
        equivalents = equivalents.replace("，", SEPARATOR).replace(",", SEPARATOR).split(SEPARATOR)
    term = term.strip()
    eqs = tuple(dict.fromkeys(e.strip() for e in equivalents if e.strip() and e.strip() != term))
    category = category.strip() or "同义"
    if not term:
        raise ValueError("缺少词")
    if not eqs:
        raise ValueError(f"“{term}”没有等同的说法")
    if any(c in "\t\n\r" for s in (term, *eqs, reason) for c in s):
        raise ValueError(f"“{term}”含有制表符或换行")
    if category not in CATEGORIES:
        raise ValueError(f"“{term}”的类别“{category}”不是 {'、'.join(CATEGORIES)} 之一")
    if not reason.strip():
        raise ValueError(f"“{term}”缺少理由")
    return Entry(term, eqs, category, reason.strip(), user)


class Dictionary:
    """Entries and, for each compared term, the wordings that match it."""

    def __init__(self, entries: Iterable[Entry], problems: Sequence[str] = ()):
        self.entries = tuple(entries)
        self.problems = tuple(problems)
        self._map: dict[str, dict[str, None]] = {}
        for entry in self.entries:
            head = key(entry.term)
            for eq in entry.equivalents:
                other = key(eq)
                if head and other and head != other:
                    self._map.setdefault(head, {})[eq] = None
                    self._map.setdefault(other, {})[entry.term] = None
        self.longest = max((len(k) for k in self._map), default=0)

    def equivalents(self, compared: str) -> tuple[str, ...]:
        """The wordings equivalent to a term given as :func:`key` gives it."""
        return tuple(self._map.get(compared, ()))

    def __len__(self) -> int:
        return len(self.entries)


EMPTY = Dictionary(())
_cache: dict[tuple, Dictionary] = {}
_lock = threading.Lock()


def _stamp(path: Path | None) -> tuple:
    if path is None:
        return (None,)
    try:
        st = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), st.st_size, st.st_mtime_ns)


def shipped_entries() -> list[Entry]:
    text = paths.resource_path(*SHIPPED).read_text(encoding="utf-8-sig")
    entries, problems = parse_entries(text)
    if problems:  # the shipped file is checked by the tests; never fail a search over it
        log.warning("shipped search dictionary: %s", "；".join(problems))
    return entries


def read_user_entries(path: Path) -> tuple[list[Entry], list[str]]:
    """The user's entries and the problems of lines that are not entries; raises DictionaryError when the
    file exists and cannot be read."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return [], []
    except (OSError, UnicodeDecodeError) as exc:
        reason = "不是 UTF-8 文本" if isinstance(exc, UnicodeDecodeError) else (exc.strerror or str(exc))
        raise DictionaryError(path, f"无法读取检索词典：{reason}") from None
    return parse_entries(text, user=True)


def load(user_path: Path | None = None, departments_path: Path | None = None) -> Dictionary:
    """The shipped dictionary, the department registry's names and the user's file at *user_path*.

    Department names come from the registry (:mod:`.department_names`): the drafter's edited copy
    at *departments_path* when it exists, else the shipped one.  Cached until either file changes.
    A user file that cannot be read is left out (its problem is in ``Dictionary.problems``): a search
    never fails over it.
    """
    stamp = (_stamp(user_path), _stamp(departments_path))
    with _lock:
        found = _cache.get(stamp)
        if found is not None:
            return found
    from .department_names import registry_entries

    entries, problems = registry_entries(departments_path)
    entries = shipped_entries() + entries
    if user_path is not None:
        try:
            user, user_problems = read_user_entries(user_path)
        except DictionaryError as exc:
            user, user_problems = [], [str(exc)]
        entries += user
        problems += user_problems
    found = Dictionary(entries, problems)
    with _lock:
        if len(_cache) > 8:
            _cache.clear()
        _cache[stamp] = found
    return found


def save_user_entries(workspace, entries: Iterable[Entry]) -> Path:
    """Write the user's entries to ``workspace.dictionary_path`` (atomically, under the knowledge-base lock)."""
    path = workspace.dictionary_path
    text = HEADER + "".join(e.line() + "\n" for e in entries)
    with workspace.lock():
        try:
            atomic_write_text(path, text)
        except OSError as exc:
            from ..workspace import os_reason

            raise DictionaryError(path, f"无法保存检索词典：{os_reason(exc)}") from None
    return path
