"""“您是不是要找”: corrections of a query from the index's own vocabulary (户藉 → 户籍).

A run of the query that the index does not hold (or holds in far fewer clauses than a
word one character away) is replaced by the indexed words one edit away (a character
changed, added or left out): first those where the changed character sounds the same
(drafters type with a pinyin input method: 户藉 → 户籍, 职成 → 职称), then the most
frequent.  A whole run of Chinese characters is tried first (公易性岗位 → 公益性岗位), then
its words.  Candidates are found through single-deletion keys (the SymSpell idea), built
once per index reader and only when a query first needs them.

Readings come from pypinyin's character table (``pinyin_dict.json``), read directly:
importing pypinyin itself loads its phrase tables (over half a second).
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..core import segment
from .analyzer import fold, words

MIN_CHARS, MAX_CHARS = 2, 8  # vocabulary words considered (Chinese words; a longer one is rarely mistyped)
RARER = 10  # a known word is questioned when a neighbour is this many times as frequent
MAX_SUGGESTIONS = 3
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=1)
def _pinyin_table() -> str:
    """pypinyin's character readings as its JSON text ('"<code point>": "jí,jiè"' lines), or "" without it."""
    spec = importlib.util.find_spec("pypinyin")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return ""
    try:
        return (Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.json").read_text(encoding="utf-8")
    except OSError:
        return ""


@lru_cache(maxsize=20_000)
def readings(char: str) -> frozenset[str]:
    """The toneless pinyin readings of one character (empty when unknown)."""
    table = _pinyin_table()
    start = table.find(f'"{ord(char)}": "')
    if start < 0:
        return frozenset()
    start = table.index(': "', start) + 3
    raw = table[start:table.index('"', start)]
    toneless = "".join(c for c in unicodedata.normalize("NFD", raw) if not unicodedata.combining(c))
    return frozenset(toneless.split(","))


def sounds_alike(a: str, b: str) -> bool:
    """Whether *a* and *b* differ only in characters that share a reading (同音字)."""
    if len(a) != len(b) or a == b:
        return False
    return all(x == y or readings(x) & readings(y) for x, y in zip(a, b, strict=True))


def _deletions(term: str) -> set[str]:
    return {term[:i] + term[i + 1:] for i in range(len(term))}


def within_one_edit(a: str, b: str) -> bool:
    """Whether *b* is *a* with at most one character changed, added or left out."""
    if a == b:
        return True
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


class Vocabulary:
    """The Chinese words of one index field with the number of units holding each."""

    def __init__(self, frequencies: dict[str, int]):
        self._df = frequencies
        self._keys: dict[str, list[str]] = {}
        for term in frequencies:
            for k in (term, *_deletions(term)):
                self._keys.setdefault(k, []).append(term)

    @classmethod
    def of_reader(cls, reader, field: str = "text") -> Vocabulary:
        frequencies = {}
        for raw, info in reader.iter_field(field):
            term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            if MIN_CHARS <= len(term) <= MAX_CHARS and _HAN.search(term):
                frequencies[term] = info.doc_frequency()
        return cls(frequencies)

    def frequency(self, term: str) -> int:
        return self._df.get(term, 0)

    def neighbours(self, term: str) -> list[str]:
        """Vocabulary words one edit from *term*: those sounding alike first, then the most frequent."""
        found = {t for k in (term, *_deletions(term)) for t in self._keys.get(k, ()) if t != term}
        return sorted((t for t in found if within_one_edit(term, t)),
                      key=lambda t: (not sounds_alike(term, t), -self._df[t], t))


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    text: str


def _units(text: str) -> list[_Unit]:
    """Runs of the query worth correcting: each whole run of Chinese characters, then its unknown words and its
    single characters next to each other."""
    units = [_Unit(m.start(), m.end(), m.group()) for m in _HAN_RUN.finditer(text)
             if MIN_CHARS <= len(m.group()) <= MAX_CHARS]
    run: list = []
    for word, start, end in [*words(text), ("", len(text) + 1, len(text) + 1)]:
        single = len(word) == 1 and _HAN.match(word)
        if single and (not run or run[-1][2] == start):
            run.append((word, start, end))
            continue
        if len(run) > 1:
            units.append(_Unit(run[0][1], run[-1][2], "".join(w for w, _s, _e in run)))
        run = [(word, start, end)] if single else []
        if word and len(word) >= MIN_CHARS and _HAN.search(word):
            units.append(_Unit(start, end, word))
    return units


def suggest(query: str, vocabulary: Callable[[], Vocabulary] | Vocabulary, found: int,
            has_hits: Callable[[str], bool], *, known: Callable[[str], bool] = lambda _w: False,
            frequency: Callable[[str], int] | None = None) -> list[str]:
    """Corrected queries (best first) for *query*, which found *found* hits; each is checked with *has_hits*.

    A word *known* (a search-dictionary term) is not corrected; a correction is a dictionary word.  A word
    the index holds is questioned only when no part of the query is unknown to it, and only by words that
    sound the same and are far more frequent.

    The vocabulary (a callable making it, or the vocabulary) is needed only when something is to be corrected:
    with *frequency* (the index's count of units holding a word) a query that found something and whose
    words the index all holds is answered without it.
    """
    folded = fold(query)
    units = [u for u in _units(folded) if not known(u.text)]
    if frequency is not None and found and all(frequency(w) for w, _s, _e in words(folded) if _HAN.search(w)):
        return []
    if callable(vocabulary):
        vocabulary = vocabulary()
    fixes: list[tuple[_Unit, list[str]]] = []
    has_word = segment.segmenter().has_word
    unknown = [u for u in units if not vocabulary.frequency(u.text)]
    for unit in unknown or units:
        df = vocabulary.frequency(unit.text)
        if any(u.start <= unit.start and unit.end <= u.end for u, _b in fixes):
            continue
        better = [t for t in vocabulary.neighbours(unit.text)
                  if has_word(t) and (not df or (vocabulary.frequency(t) >= df * RARER
                                                 and sounds_alike(unit.text, t)))]
        alike = [t for t in better if sounds_alike(unit.text, t)]
        if alike or better:  # a same-sounding word is what was meant; the others then are noise (户藉: not 户限)
            fixes.append((unit, alike or better))
    if not fixes:
        return []
    candidates = []
    first, rest = fixes[0], fixes[1:]
    for choice in first[1][:MAX_SUGGESTIONS + 2]:
        text = query
        for unit, word in sorted([(first[0], choice), *((u, b[0]) for u, b in rest)],
                                 key=lambda uw: -uw[0].start):
            text = text[:unit.start] + word + text[unit.end:]
        candidates.append(text)
    return [c for c in dict.fromkeys(candidates) if c != query and has_hits(c)][:MAX_SUGGESTIONS]
