"""Chinese word segmentation shared by search, comparison and link suggestion.

One jieba tokenizer with the project's policy-term dictionary
(``resources/dict/policy_terms.txt``) so terms such as 社会性流动 or 三支一扶
stay whole.  jieba writes a model cache on first use: it goes to the user data
directory, never into the install, so a read-only install works.  Loading takes
about a second, so callers load it off the GUI thread.

:func:`segmenter` is the fast path used by :func:`cut`, :func:`cut_for_search`
and the search index: rjieba (jieba's algorithm in Rust, about 30× faster and
loaded in a third of the time) with the same dictionary.  It yields the same
tokens as the jieba tokenizer (``tests/search/test_analyzer.py`` checks that on
the whole corpus and on random text); without rjieba, jieba itself is used.
"""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from .. import paths

USER_DICT = ("dict", "policy_terms.txt")
_lock = threading.RLock()
# rjieba keeps runs such as "a-b", "x_y", "1.a" as one token where jieba splits
# them at the symbol, takes rare ideographs (CJK extensions) for Chinese where
# jieba does not, and rejects lone surrogates: texts holding any of these are cut
# by jieba itself.
_SYMBOLS = "-_.+#&%@/"
_RARE = "\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\ud800-\udfff\U00020000-\U0003ffff"
_RJIEBA_DIFFERS = re.compile(f"[A-Za-z0-9][{_SYMBOLS}]|[{_SYMBOLS}][A-Za-z0-9]|[{_RARE}]")
# Any of those needs one of these characters: a text without any (most) is passed by one scan of a single
# character set, several times faster than trying the three alternatives at every character.
_RJIEBA_MAY_DIFFER = re.compile(f"[{_SYMBOLS}{_RARE}]")


def _rjieba_differs(text: str) -> bool:
    return _RJIEBA_MAY_DIFFER.search(text) is not None and _RJIEBA_DIFFERS.search(text) is not None


_cache_dir: Path | None = None


def use_cache_dir(folder: Path | None) -> None:
    """Where jieba keeps its model cache (the workspace's ``cache_dir``); set by the entry point before the
    tokenizer loads.  Without it the environment's workspace is used."""
    global _cache_dir  # noqa: PLW0603 -- one process-wide tokenizer, configured once by its entry point
    _cache_dir = Path(folder) if folder is not None else None


def _writable_cache() -> Path:
    """The cache folder, created if needed; a system temporary folder when the data folder is read-only."""
    if _cache_dir is None:
        from ..workspace import Workspace

        folder = Workspace.from_environment().cache_dir
    else:
        folder = _cache_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path(tempfile.gettempdir())
    return folder


@lru_cache(maxsize=1)
def tokenizer():
    """The shared, fully initialised jieba tokenizer (thread-safe, loaded once)."""
    with _lock:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        tok.tmp_dir = str(_writable_cache())
        tok.initialize()
        # WORKAROUND: jieba's load_userdict(path) never closes the file it opens (a ResourceWarning,
        # an error under our pytest settings); handing it an open file we close avoids that.
        with open(paths.resource_path(*USER_DICT), "rb") as fh:
            tok.load_userdict(fh)
        return tok


def user_words() -> list[tuple[str, int | None, str | None]]:
    """The policy-term dictionary as (word, frequency, tag) in file order."""
    entries = []
    text = paths.resource_path(*USER_DICT).read_text(encoding="utf-8-sig")
    for line in text.splitlines():
        fields = line.split()
        if not fields:
            continue
        freq = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None
        tag = fields[-1] if len(fields) > 1 and not fields[-1].isdigit() else None
        entries.append((fields[0], freq, tag))
    return entries


_ISO_DATE = re.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")


def _date_words(line: str, has_word) -> list[str] | None:
    """jieba's words for *line* when it is an ISO date, worked out without jieba's dictionary: no dictionary
    word inside it, so jieba's route takes its characters one by one and hands the run to its HMM cut
    (``finalseg``), which keeps runs of digits and yields each "-" alone.  None for any other line."""
    if not _ISO_DATE.fullmatch(line):
        return None
    if any(has_word(line[i:j]) for i in range(len(line)) for j in range(i + 2, len(line) + 1)):
        return None
    return re.findall("[0-9]+|-", line)


class Segmenter:
    """Accurate and search-mode segmentation with character offsets.

    Backed by rjieba when it is installed, else by the jieba tokenizer; both
    give the same tokens for the same dictionary.
    """

    def __init__(self, engine, has_word, name: str, differs=None):
        self._engine = engine
        self.has_word = has_word
        self.name = name
        self._differs = differs

    def _for(self, text: str):
        if self._differs is not None and self._differs(text):
            return _JiebaEngine(tokenizer())
        return self._engine

    def cut(self, text: str) -> list[str]:
        if self._differs is None or not self._differs(text):
            return list(self._engine.cut(text))
        if "\r" in text:  # jieba keeps "\r\n" as one word: not cut line by line
            return list(_JiebaEngine(tokenizer()).cut(text))
        # jieba cuts the blocks between line breaks on their own and each line break is a word of its own, so
        # only the lines that rjieba would cut differently go to jieba, and an ISO date line (2019-12-25 in
        # every dated document's title unit) not even there: jieba's dictionary takes ≈ 1 s to load.
        words: list[str] = []
        for n, line in enumerate(text.split("\n")):
            if n:
                words.append("\n")
            if not self._differs(line):
                words += self._engine.cut(line)
            else:
                words += _date_words(line, self.has_word) or _JiebaEngine(tokenizer()).cut(line)
        return words

    def cut_for_search(self, text: str) -> list[str]:
        return list(self._for(text).cut_for_search(text))

    def tokenize(self, text: str) -> Iterator[tuple[str, int, int]]:
        """Accurate-mode words of *text* with their [start, end) offsets."""
        return iter(self._for(text).tokenize(text))


@lru_cache(maxsize=1)
def segmenter() -> Segmenter:
    """The shared fast segmenter (thread-safe, loaded once)."""
    with _lock:
        try:
            import rjieba
        except ImportError:
            rjieba = None
        if rjieba is not None:
            # The package's own tokenizer, through its module-level functions (its public API): importing
            # rjieba already loaded the dictionary into it, and a second rjieba.Jieba() would load it again
            # (~0.15 s of every process that searches).  Nothing else in PolicyDesk uses rjieba.
            engine = rjieba
            for word, freq, tag in user_words():
                engine.add_word(word, freq, tag)
            return Segmenter(engine, engine.has_word, "rjieba", _rjieba_differs)
    tok = tokenizer()
    return Segmenter(_JiebaEngine(tok), lambda w: bool(tok.FREQ.get(w)), "jieba")


class _JiebaEngine:
    """jieba's tokenizer behind rjieba's method names."""

    def __init__(self, tok):
        self._tok = tok

    def cut(self, text: str):
        return self._tok.cut(text, HMM=True)

    def cut_for_search(self, text: str):
        return self._tok.cut_for_search(text, HMM=True)

    def tokenize(self, text: str):
        return self._tok.tokenize(text, mode="default", HMM=True)


def cut(text: str) -> list[str]:
    """Accurate-mode segmentation: every character of *text* in exactly one token, in order."""
    return segmenter().cut(text)


def cut_for_search(text: str) -> list[str]:
    """Search-mode segmentation: long words also yield the shorter words inside them."""
    return segmenter().cut_for_search(text)
