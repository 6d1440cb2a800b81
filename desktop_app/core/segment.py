"""Chinese word segmentation shared by search, comparison and link suggestion.

One jieba tokenizer with the project's policy-term dictionary
(``resources/dict/policy_terms.txt``) so terms such as 社会性流动 or 三支一扶
stay whole.  jieba writes a model cache on first use: it goes to the user data
directory, never into the install, so a read-only install works.  Loading takes
about a second, so callers load it off the GUI thread.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from .. import paths

USER_DICT = ("dict", "policy_terms.txt")
_lock = threading.Lock()


@lru_cache(maxsize=1)
def tokenizer():
    """The shared, fully initialised jieba tokenizer (thread-safe, loaded once)."""
    with _lock:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        cache = paths.data_dir() / "cache"
        cache.mkdir(parents=True, exist_ok=True)
        tok.tmp_dir = str(cache)
        tok.initialize()
        # WORKAROUND: jieba's load_userdict(path) never closes the file it opens (a ResourceWarning,
        # an error under our pytest settings); handing it an open file we close avoids that.
        with open(paths.resource_path(*USER_DICT), "rb") as fh:
            tok.load_userdict(fh)
        return tok


def cut(text: str) -> list[str]:
    """Accurate-mode segmentation: every character of *text* in exactly one token, in order."""
    return list(tokenizer().cut(text, HMM=True))


def cut_for_search(text: str) -> list[str]:
    """Search-mode segmentation: long words also yield the shorter words inside them."""
    return list(tokenizer().cut_for_search(text, HMM=True))
