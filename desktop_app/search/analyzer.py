"""Text analysis for the search index: width, case and traditional-character folding, jieba search mode,
stop words.

whoosh pickles the analyzer into the index's table of contents, so the analyzer
is a small class of this module holding no state of its own: unpickling it
imports this module only, never ``jieba.analyse``.  The segmenter and the stop
words are loaded lazily, once per process, on the first text analysed.
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain

from whoosh.analysis import Token, Tokenizer

from .. import paths
from ..core import segment
from . import traditional
from .digest import sha256

# Bump when the analysis changes in a way the dictionary hashes do not show.
ANALYZER_VERSION = 4  # 4: traditional characters folded to simplified (OpenCC t2s)
MAX_WORD_FOR_SUBWORDS = 16
STOPWORDS = ("dict", "stopwords.txt")


class _FoldTable(dict):
    """``str.translate`` table folding full-width letters, digits and punctuation to half width.

    Each character maps to one character (NFKC when that is a single character,
    then lower case), so offsets in the folded text are offsets in the original.
    """

    def __missing__(self, code: int) -> int:
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:  # a lone surrogate cannot be segmented
            self[code] = 0x20
            return 0x20
        folded = unicodedata.normalize("NFKC", char)
        folded = folded.lower() if len(folded) == 1 else char.lower()
        value = ord(folded) if len(folded) == 1 else code
        self[code] = value
        return value


class _FoldSimplifiedTable(_FoldTable):
    """:class:`_FoldTable`, then each traditional character as its simplified form (OpenCC, the character alone:
    :func:`.traditional.table`).

    Characters changed are remembered in :data:`_TRADITIONAL`, so a text holding one is found with one
    regular-expression search and converted by OpenCC as a whole (its phrase tables apply).
    """

    _pattern: re.Pattern | None = None

    def __missing__(self, code: int) -> int:
        value = super().__missing__(code)
        simple = traditional.table().get(value)
        if simple is not None:
            with _PATTERN_LOCK:
                _TRADITIONAL.update((chr(code), chr(value)))
                self._pattern = None
            value = simple
        self[code] = value
        return value

    def pattern(self) -> re.Pattern:
        pattern = self._pattern
        if pattern is None:
            with _PATTERN_LOCK:
                chars = "".join(sorted(_TRADITIONAL)) or "\x00"
            pattern = self._pattern = re.compile(f"[{re.escape(chars)}]")
        return pattern


_FOLD = _FoldTable()
_FOLD_SIMPLIFIED = _FoldSimplifiedTable()
_TRADITIONAL: set[str] = set()
_PATTERN_LOCK = threading.Lock()


def fold_width(text: str) -> str:
    """Full-width/half-width and case folding that keeps every offset."""
    return text.translate(_FOLD)


class _QuickFold:
    """:func:`fold` of a text whose every character folds to itself or is one of the full-width punctuation
    marks common in Chinese text, without ``str.translate``: one regular expression tells whether the text
    holds any other character, and ``str.replace`` folds those few marks.

    ``str.translate`` looks every character up in a dictionary (with a new int object each): folding cost
    about as much as segmenting the text.  The characters that fold to themselves are known here without the
    table for the common CJK block (all but the traditional characters: they have no compatibility form and
    no case), and from the table for ASCII, punctuation and the full-width forms; a text holding any other
    character, a traditional one for instance, takes the full way (``tests/search/test_analyzer.py`` checks
    every known character against the table)."""

    CJK = (0x4E00, 0x9FFF)
    OTHERS = ((0x00, 0x7F), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF))
    COMMON = "，（）：；！？％"

    def __init__(self):
        kept, folded = self.known()
        # each folds to an ASCII character that folds to itself, so the replacements cannot chain
        self.replacements = [(char, folded[char]) for char in self.COMMON if folded.get(char) in kept]
        plain = "".join(sorted(kept | {char for char, _ in self.replacements}))
        self._other = re.compile(f"[^{re.escape(plain)}]").search

    @classmethod
    def known(cls) -> tuple[set[str], dict[str, str]]:
        """(characters that fold to themselves, character → the one it folds to)."""
        traditional_chars = traditional.table()
        kept = {chr(code) for code in range(cls.CJK[0], cls.CJK[1] + 1) if code not in traditional_chars}
        folded = {}
        for start, end in cls.OTHERS:
            for code in range(start, end + 1):
                value = _FOLD_SIMPLIFIED[code]
                if chr(code) in _TRADITIONAL:
                    continue
                if value == code:
                    kept.add(chr(code))
                else:
                    folded[chr(code)] = chr(value)
        return kept, folded

    def __call__(self, text: str) -> str | None:
        """*text* folded, or None if it holds a character not known here."""
        if self._other(text) is not None:
            return None
        for char, value in self.replacements:
            text = text.replace(char, value)
        return text


_quick_fold: _QuickFold | None = None
_QUICK_AFTER = 200  # texts folded the full way before a process builds the quick way (≈ 20 ms): not for a search
_full_folds = itertools.count()


def fold(text: str) -> str:
    """Width, case and traditional-character folding that keeps every offset: what the index compares.

    Each character is looked up once per process (then at C speed) in OpenCC's character table; a text
    holding a traditional character is converted by OpenCC as a whole, so its phrase tables apply, unless
    that would change the text's length.  A process that folds many texts (indexing) folds most of them the
    quick way (:class:`_QuickFold`), to the same result.
    """
    global _quick_fold  # noqa: PLW0603 - built once per process, when it pays
    quick = _quick_fold
    if quick is not None:
        folded = quick(text)
        if folded is not None:
            return folded
    elif next(_full_folds) == _QUICK_AFTER:
        _quick_fold = _QuickFold()
    folded = text.translate(_FOLD_SIMPLIFIED)
    if _TRADITIONAL and _FOLD_SIMPLIFIED.pattern().search(text):
        full = traditional.convert(text.translate(_FOLD))
        if len(full) == len(text):
            return full
    return folded


def has_traditional(text: str) -> bool:
    """Whether *text* may hold a traditional character (one :func:`fold` has met), at C speed."""
    return bool(_TRADITIONAL) and _FOLD_SIMPLIFIED.pattern().search(text) is not None


def is_traditional(text: str) -> bool:
    """Whether *text* holds a character that :func:`fold` turns into its simplified form."""
    return fold_width(text) != fold(text)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Words that carry no meaning in a query (``resources/dict/stopwords.txt``)."""
    text = paths.resource_path(*STOPWORDS).read_text(encoding="utf-8-sig")
    return frozenset(fold(w) for line in text.splitlines() if (w := line.split("#")[0].strip()))


@lru_cache(maxsize=1)
def analysis_fingerprint() -> str:
    """Changes whenever the tokens of a text could change: dictionaries, analyzer version."""
    digest = sha256(f"analyzer {ANALYZER_VERSION}\n".encode())
    for parts in (segment.USER_DICT, STOPWORDS, traditional.TABLE):
        digest.update(paths.resource_path(*parts).read_bytes())
    return digest.hexdigest()[:16]


_KEEP: dict[str, bool] = {}


def _keep(word: str) -> bool:
    """Whether *word* is indexed: not a stop word, and holding a letter or digit (not punctuation)."""
    keep = _KEEP.get(word)
    if keep is None:
        keep = word not in stop_words() and any(ch.isalnum() for ch in word)
        if len(_KEEP) < 500_000:
            _KEEP[word] = keep
    return keep


class _Subwords:
    """The shorter dictionary words inside a word, as the index holds them.

    First jieba's search mode (a word longer than two characters yields its 2- and
    3-grams that are dictionary words, in jieba's order), then the longer dictionary
    words inside it, so 技能人才 is found in 高技能人才 and 职业技能等级 holds 技能等级.
    """

    def __init__(self) -> None:
        self._cache: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def split(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(jieba's search-mode grams, the longer dictionary words inside *word*)."""
        found = self._cache.get(word)
        if found is None:
            has_word = segment.segmenter().has_word
            n = len(word)
            grams = [word[i : i + 2] for i in range(n - 1) if has_word(word[i : i + 2])] if n > 2 else []
            if n > 3:
                grams += [word[i : i + 3] for i in range(n - 2) if has_word(word[i : i + 3])]
            # Dictionary words are short; a long run (a number, a Latin string) is not searched quadratically.
            longer = ([word[i : i + k] for k in range(4, n) for i in range(n - k + 1) if has_word(word[i : i + k])]
                      if n <= MAX_WORD_FOR_SUBWORDS else [])
            found = (tuple(grams), tuple(longer))
            if len(self._cache) < 200_000:
                self._cache[word] = found
        return found

    def __call__(self, word: str) -> tuple[str, ...]:
        grams, longer = self.split(word)
        return grams + longer


subwords = _Subwords()


def words(text: str) -> Iterator[tuple[str, int, int]]:
    """Accurate-mode words of *text*, folded, without stop words and punctuation, with offsets."""
    for word, start, end in segment.segmenter().tokenize(fold(text)):
        if _keep(word):
            yield word, start, end


def search_tokens(text: str) -> Iterator[tuple[str, int, int, int]]:
    """(token, position, start, end) as indexed: each word's subwords, then the word, at the word's position."""
    for pos, (word, start, end) in enumerate(words(text)):
        if end - start > 2:
            for sub in subwords(word):
                offset = word.find(sub)
                yield sub, pos, start + offset, start + offset + len(sub)
        yield word, pos, start, end


class _Terms(dict):
    """What one accurate-mode word adds to the index: nothing (a stop word, punctuation), or its subwords
    and itself, as :func:`search_tokens` gives them; worked out once per distinct word, then looked up at
    C speed (``map(_TERMS.__getitem__, words)`` calls no Python function for a word already seen)."""

    def __missing__(self, word: str) -> tuple[str, ...]:
        terms = () if not _keep(word) else (*subwords(word), word) if len(word) > 2 else (word,)
        if len(self) < 500_000:
            self[word] = terms
        return terms


_TERMS = _Terms()


def index_terms(text: str) -> list[str]:
    """The tokens of :func:`search_tokens` alone (the fast path used while indexing): no offsets, and
    each distinct word looked at once."""
    return list(iter_index_terms(text))


def iter_index_terms(text: str) -> Iterator[str]:
    """:func:`index_terms` as an iterator (counted as it goes, without the list)."""
    return chain.from_iterable(map(_TERMS.__getitem__, segment.cut(fold(text))))


class PolicyTokenizer(Tokenizer):
    """The project's whoosh analyzer: :func:`search_tokens` as whoosh tokens."""

    def __eq__(self, other: object) -> bool:
        return other.__class__ is self.__class__

    def __hash__(self) -> int:
        return hash(self.__class__.__name__)

    def __call__(  # noqa: PLR0917 - whoosh's Tokenizer signature
        self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
        start_pos=0, start_char=0, tokenize=True, mode="", **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        for text, pos, start, end in search_tokens(value):
            token.text = text
            token.boost = 1.0
            if keeporiginal:
                token.original = text
            token.stopped = False
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


def analyzer() -> PolicyTokenizer:
    return PolicyTokenizer()


def highlight_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """[start, end) spans where *terms* occur in *text* (width and case folded); overlapping or touching
    spans merged."""
    if not text:
        return []
    folded = fold(text)
    spans = []
    for term in {fold(t) for t in terms if t}:
        start = folded.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + 1)
    return merge_spans(spans)


def merge_spans(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
