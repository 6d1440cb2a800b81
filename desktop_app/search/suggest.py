"""“您是不是要找”: corrections of a query from the index's own vocabulary (户藉 → 户籍).

A word of the query that the index does not hold (or holds in far fewer clauses than
a word one character away) is replaced by the indexed words one edit away (a character
changed, added or left out), the most frequent first.  Candidates are found through
single-deletion keys (the SymSpell idea), built once per index reader and only when a
query first needs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..core import segment
from .analyzer import fold, words

MIN_CHARS, MAX_CHARS = 2, 8  # vocabulary words considered (Chinese words; a longer one is rarely mistyped)
RARER = 10  # a known word is questioned when a neighbour is this many times as frequent
MAX_SUGGESTIONS = 3
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


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
        """Vocabulary words one edit from *term*, most frequent first."""
        found = {t for k in (term, *_deletions(term)) for t in self._keys.get(k, ()) if t != term}
        return sorted((t for t in found if within_one_edit(term, t)), key=lambda t: (-self._df[t], t))


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    text: str


def _units(text: str, vocabulary: Vocabulary) -> list[_Unit]:
    """Runs of the query's words worth correcting: an unknown word, or single characters next to each other."""
    units, run = [], []
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


def suggest(query: str, vocabulary: Vocabulary, found: int, has_hits: Callable[[str], bool],
            known: Callable[[str], bool] = lambda _w: False) -> list[str]:
    """Corrected queries (best first) for *query*, which found *found* hits; each is checked with *has_hits*.

    A word *known* (a search-dictionary term) is not corrected; a correction is a dictionary word.
    """
    folded = fold(query)
    fixes: list[tuple[_Unit, list[str]]] = []
    has_word = segment.segmenter().has_word
    for unit in _units(folded, vocabulary):
        df = vocabulary.frequency(unit.text)
        if known(unit.text):
            continue
        better = [t for t in vocabulary.neighbours(unit.text)
                  if vocabulary.frequency(t) >= max(1, df * RARER) and has_word(t)]
        if better:
            fixes.append((unit, better))
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
