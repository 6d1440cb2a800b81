"""Traditional → simplified characters for search, from OpenCC's own ``t2s`` tables.

``resources/dict/t2s_chars.tsv`` is OpenCC's conversion of every CJK character taken alone (those it changes),
generated from the installed OpenCC by ``python -m desktop_app.search.traditional --write`` and checked against it by
``tests/search/test_traditional.py``: a search process reads it (a few milliseconds) instead of loading OpenCC and
converting each character it meets.  OpenCC itself is loaded only for a text that holds a traditional character, so
that its phrase tables apply (乾部 → 干部, 乾坤 stays).
"""

from __future__ import annotations

import sys
import threading
from functools import lru_cache

from .. import paths

TABLE = ("dict", "t2s_chars.tsv")
# Every CJK block OpenCC's t2s tables touch (unified ideographs and extensions, compatibility ideographs,
# radicals and strokes).
RANGES = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))
_lock = threading.Lock()


@lru_cache(maxsize=1)
def converter():
    """OpenCC's traditional → simplified converter (loaded once, on first need)."""
    with _lock:
        import opencc

        return opencc.OpenCC("t2s.json")


def convert(text: str) -> str:
    """*text* converted by OpenCC (characters and phrases)."""
    return converter().convert(text)


@lru_cache(maxsize=1)
def table() -> dict[int, int]:
    """Code point of a traditional character → code point of its simplified form (OpenCC, character alone)."""
    text = paths.resource_path(*TABLE).read_text(encoding="utf-8")
    pairs = text[text.index("\n") + 1:].split()  # after the header line: traditional, simplified, …
    return dict(zip(map(ord, pairs[0::2]), map(ord, pairs[1::2]), strict=True))


def generate() -> str:
    """The table file's text, from the installed OpenCC."""
    chars = [chr(c) for start, end in RANGES for c in range(start, end + 1)]
    # One character a line: OpenCC's phrases never span a line break, so each is converted alone.
    converted = convert("\n".join(chars)).split("\n")
    lines = [f"{a}\t{b}" for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1]
    import opencc

    version = getattr(opencc, "__version__", "?")
    return (f"# Generated from OpenCC {version} t2s.json by python -m desktop_app.search.traditional --write;"
            " do not edit.\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    if sys.argv[1:] == ["--write"]:
        paths.resource_path(*TABLE).write_text(generate(), encoding="utf-8")
    else:
        sys.stdout.write(generate())
