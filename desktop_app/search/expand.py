"""Looser readings of a parsed query, tried after the exact one: dictionary equivalents, then compound parts.

A search ranks in tiers: the clauses matching the query as typed first, then those
found only through an equivalent from the search dictionary (社保 → 社会保险), then
those holding only the parts of a compound word (异地就医 → 异地 + 就医).  Each tier is
an ordinary :class:`ParsedQuery` (its extra items say how they were made), so the
searcher's fast ranking and whoosh's reference search rank it unchanged.
"""

from __future__ import annotations

from itertools import product

from ..core import segment
from .analyzer import subwords, words
from .query import EXACT, PARTS, SYNONYM, Item, ParsedQuery, Tier
from .synonyms import Dictionary

MAX_VARIANTS = 16  # readings of one typed item (the product of its words' alternatives) at most
MAX_RUN_WORDS = 8  # a dictionary term spans at most this many query words

__all__ = ["EXACT", "PARTS", "SYNONYM", "Tier", "compound_parts", "tiers"]


def tiers(parsed: ParsedQuery, dictionary: Dictionary | None) -> list[Tier]:
    """The exact reading, then (when they differ from what came before) the synonym and the parts readings."""
    found = [Tier(EXACT, parsed)]
    for name, use_parts in ((SYNONYM, False), (PARTS, True)):
        if name == SYNONYM and dictionary is None:
            continue
        looser = ParsedQuery([_expand_alternatives(alts, dictionary, use_parts) for alts in parsed.required],
                             list(parsed.excluded))
        if looser.required != found[-1].parsed.required:
            found.append(Tier(name, looser))
    return found


def _expand_alternatives(alts: list[Item], dictionary: Dictionary | None, parts: bool) -> list[Item]:
    out = list(alts)
    for item in alts:
        if not item.phrase:  # a quoted phrase is as written: never expanded
            out.extend(v for v in _variants(item, dictionary, parts) if v not in out)
    return out


def _variants(item: Item, dictionary: Dictionary | None, parts: bool) -> list[Item]:
    """Other readings of *item*: each run of its words replaced by an equivalent or a word by its parts."""
    options = [_options(run, dictionary, parts) for run in _runs(item.words, dictionary)]
    variants = []
    for combo in product(*options):
        via = tuple(v for _ws, v in combo if v is not None)
        if via:
            variants.append(Item(tuple(w for ws, _v in combo for w in ws), via=via))
            if len(variants) >= MAX_VARIANTS:
                break
    return variants


def _runs(ws: tuple[str, ...], dictionary: Dictionary | None) -> list[tuple[str, ...]]:
    """*ws* cut into runs: the longest runs that are dictionary terms, other words alone."""
    runs, i = [], 0
    while i < len(ws):
        end = i + 1
        if dictionary is not None:
            for j in range(min(len(ws), i + MAX_RUN_WORDS), i, -1):
                joined = "".join(ws[i:j])
                if len(joined) <= dictionary.longest and dictionary.equivalents(joined):
                    end = j
                    break
        runs.append(ws[i:end])
        i = end
    return runs


def _options(run: tuple[str, ...], dictionary: Dictionary | None, parts: bool) -> list:
    """(words, via or None) alternatives of one run: itself first."""
    typed = "".join(run)
    options: list = [(run, None)]
    if dictionary is not None:
        for eq in dictionary.equivalents(typed):
            eq_words = tuple(w for w, _s, _e in words(eq))
            if eq_words and eq_words != run:
                options.append((eq_words, (SYNONYM, typed, eq)))
    if parts and len(run) == 1:
        pieces = compound_parts(typed)
        if pieces:
            options.append((pieces, (PARTS, typed, " ".join(pieces))))
    return _without_wider(options)


def _without_wider(options: list) -> list:
    """*options* less those holding all the words of another (or the same words as an earlier one): every clause
    they find, that one finds too (医保局 → 医疗保障局 makes 鞍山市医疗保障局, 大连市医疗保障局 … needless, and they
    would crowd others out of the variants).  The typed run itself (first) always stays."""
    sets = [frozenset(o[0]) for o in options]
    return [o for i, o in enumerate(options)
            if i == 0 or not any(j != i and (sets[j] < sets[i] or (sets[j] == sets[i] and j < i))
                                 for j in range(len(options)))]


def compound_parts(word: str) -> tuple[str, ...]:
    """The dictionary words that make up *word* when they cover every character of it (异地就医 → 异地, 就医),
    else ()."""
    if len(word) <= 2 or not segment.segmenter().has_word(word):
        return ()  # a non-dictionary word already matches by its parts in the exact reading
    grams = subwords.split(word)[0]
    covered = set()
    for gram in grams:
        start = word.find(gram)
        while start >= 0:
            covered.update(range(start, start + len(gram)))
            start = word.find(gram, start + 1)
    return tuple(dict.fromkeys(grams)) if len(covered) == len(word) and len(grams) > 1 else ()
