"""Full posting blocks are stored uncompressed, short ones compressed, and both read back as written."""

from __future__ import annotations

import shutil

from desktop_app.search.bulk import BulkWriter
from desktop_app.search.codec import ArrayLeafMatcher, block_arrays

from .test_bulk import _folders, build, records


def teardown_function():
    while _folders:
        shutil.rmtree(_folders.pop(), ignore_errors=True)


def _blocks(matcher) -> list[tuple[int, list[int]]]:
    """(compression level, ids) of every block of *matcher*'s posting list."""
    found = []
    matcher.reset()
    while True:
        found.append((matcher._compression, list(block_arrays(matcher)[0])))
        if matcher._lastblock:
            return found
        matcher._goto(matcher._nextoffset)


def test_full_blocks_are_raw_and_every_block_reads_back():
    docs = records([[0, 2] if n % 2 else [2] for n in range(8)])  # 就业 in all 8 clauses, 档案 in 4
    ix = build(docs, BulkWriter, blocklimit=3)
    with ix.reader() as reader:
        jiuye = reader.postings("text", "就业")
        assert isinstance(jiuye, ArrayLeafMatcher)
        blocks = _blocks(jiuye)
        assert [ids for _level, ids in blocks] == [[0, 1, 2], [3, 4, 5], [6, 7]]
        assert [level == 0 for level, _ids in blocks] == [True, True, False]  # the short last block compressed
        assert list(reader.postings("text", "档案").all_ids()) == [1, 3, 5, 7]
        assert list(reader.postings("text", "就业").all_ids()) == list(range(8))
