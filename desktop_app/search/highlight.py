"""What to mark in a hit: the words that matched, as they stand together in the text.

An item's words are first looked for as the sequence typed (``300万``, ``厅字〔2019〕56号``,
allowing punctuation and stop words between them); only where that sequence is not in
the text are its words marked one by one, and then a single character (万, 号) only
where it touches another mark.  Letters and digits are never marked inside a longer
run of them (300 is not marked in 3000).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .analyzer import merge_spans, stop_words, subwords
from .query import Item, whole_only

_ASCII = re.compile(r"[0-9a-z]")


@lru_cache(maxsize=1)
def _separator() -> str:
    stops = sorted((re.escape(w) for w in stop_words()), key=len, reverse=True)
    return f"(?:[^\\w]|{'|'.join(stops)}){{0,3}}?" if stops else r"[^\w]{0,3}?"


@lru_cache(maxsize=4096)
def _pattern(parts: tuple[str, ...]) -> re.Pattern:
    body = _separator().join(re.escape(p) for p in parts)
    if _ASCII.match(parts[0][0]):
        body = "(?<![0-9a-z])" + body
    if _ASCII.match(parts[-1][-1]):
        body += "(?![0-9a-z])"
    return re.compile(body)


def _find(parts: tuple[str, ...], folded: str) -> list[tuple[int, int]]:
    return [m.span() for m in _pattern(parts).finditer(folded) if m.end() > m.start()]


def _word_forms(word: str, folded: str) -> list[str]:
    """*word* if the text holds it, else the dictionary words inside it that the text holds."""
    if word in folded or whole_only(word):
        return [word]
    return [g for g in subwords.split(word)[0] if g in folded]


def spans(folded: str, items: Iterable[Item]) -> list[tuple[int, int]]:
    """Merged [start, end) spans to mark in a folded text for *items* (see the module docstring)."""
    found: list[tuple[int, int]] = []
    singles: list[tuple[int, int]] = []
    for item in items:
        ws = tuple(w for w in item.words if w)
        if not ws:
            continue
        whole = _find(ws, folded) if len(ws) > 1 else []
        if whole:
            found += whole
            continue
        for word in ws:
            for form in _word_forms(word, folded):
                (singles if len(form) == 1 else found).extend(_find((form,), folded))
    found += [s for s in singles if _touches(s, found) or _touches(s, [o for o in singles if o != s])]
    return merge_spans(found)


def _touches(span: tuple[int, int], others: Sequence[tuple[int, int]]) -> bool:
    return any(s <= span[1] and span[0] <= e for s, e in others)


def terms(text: str, marked: Sequence[tuple[int, int]]) -> list[str]:
    """The distinct marked strings of the original *text*, longest first (what a reading view marks again
    in the whole text)."""
    return sorted(dict.fromkeys(text[s:e] for s, e in marked), key=lambda t: (-len(t), t))
