"""The array posting blocks read back exactly what was written, by whoosh and by the fast path alike."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh.fields import ID, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.scoring import BM25F

from desktop_app.search.codec import ArrayCodec, ArrayLeafMatcher, ViewFile, add_entries
from desktop_app.search.schema import HEADING_END, PolicyText
from desktop_app.search.scoring import FastScorer


def small_index(texts, blocklimit=3):
    schema = Schema(key=ID(stored=True), text=PolicyText())
    ix = RamStorage().create_index(schema)
    writer = ix.writer(codec=ArrayCodec(blocklimit=blocklimit))
    for n, text in enumerate(texts):
        writer.add_document(key=str(n), text=text)
    writer.commit()
    return ix


# 档案 once in every body (weights all 1.0), 转递 in headings only (all 2.5), 流动 varying.
TEXTS = [f"标题{'转递' if n % 2 else ''}{HEADING_END}{'档案' + '流动' * (n % 4)}。" for n in range(11)]


def expected(word):
    found = {}
    for n, text in enumerate(TEXTS):
        heading, _sep, body = text.partition(HEADING_END)
        weight = body.count(word) + 2.5 * heading.count(word)
        if weight:
            found[n] = weight
    return found


def test_whoosh_reads_every_block_of_every_kind():
    ix = small_index(TEXTS)
    with ix.reader() as reader:
        for word in ("档案", "转递", "流动"):
            matcher = reader.postings("text", word)
            assert isinstance(matcher, ArrayLeafMatcher)
            got = {}
            while matcher.is_active():
                got[matcher.id()] = matcher.weight()
                matcher.next()
            assert got == expected(word), word


def test_the_fast_path_reads_the_same_and_deletions_are_left_out():
    ix = small_index(TEXTS)
    with ix.writer(codec=ArrayCodec(blocklimit=3)) as writer:
        writer.delete_by_term("key", "4")
    with ix.searcher(weighting=BM25F()) as searcher:
        scorer = FastScorer(searcher, B=0.75, K1=1.2)
        for word in ("档案", "转递", "流动"):
            ids, weights = scorer.postings("text", word)
            want = {d: w for d, w in expected(word).items() if d != 4}
            assert dict(zip(ids, weights, strict=True)) == want, word
            assert list(ids) == sorted(ids)


@given(st.binary(max_size=64), st.lists(st.tuples(st.sampled_from(["read", "readline", "seek", "readinto"]),
                                                  st.integers(-3, 70), st.sampled_from([0, 1, 2])), max_size=12))
def test_a_view_file_reads_as_bytesio_does(data, steps):
    view, real = ViewFile(memoryview(data)), io.BytesIO(data)
    for op, n, whence in steps:
        if op == "seek":
            target = max(n, 0) if whence == 0 else n  # BytesIO refuses a negative absolute position
            assert view.seek(target, whence) == real.seek(target, whence)
        elif op == "readinto":
            a, b = bytearray(max(n, 0)), bytearray(max(n, 0))
            assert (view.readinto(a), a) == (real.readinto(b), b)
        else:
            assert getattr(view, op)(n) == getattr(real, op)(n)
        assert view.tell() == real.tell()


def test_an_opened_index_reads_its_segments_in_place(corpus, tmp_path):
    from desktop_app.search import SearchIndex

    with SearchIndex.open(corpus, tmp_path) as index:
        assert index.search("异地就医")
        segment = index._ix._segments()[0]
        files = segment.open_compound_file(index._ix.storage)
        try:
            part = files.open_file(files.list()[0])
            assert isinstance(part.file, ViewFile)
        finally:
            files.close()


def _terms_table(write) -> bytes:
    storage = RamStorage()
    table = OrderedHashWriter(storage.create_file("terms"))
    write(table)
    table.close()
    return storage.open_file("terms").read()


@given(st.lists(st.binary(min_size=1, max_size=30), min_size=1, max_size=60, unique=True), st.integers(1, 9))
def test_terms_table_entries_written_together_are_whooshs_bytes(keys, chunk):
    entries = [(key, key * 50) for key in sorted(keys)]  # past 65,535 bytes: whoosh widens its positions

    def one_by_one(table):
        for key, value in entries:
            table.add(key, value)

    def together(table):
        for start in range(0, len(entries), chunk):
            add_entries(table, entries[start:start + chunk])

    assert _terms_table(together) == _terms_table(one_by_one)


def test_terms_table_entries_out_of_order_are_refused():
    with pytest.raises(ValueError, match="Keys must increase"):
        _terms_table(lambda table: add_entries(table, [(b"b", b"1"), (b"a", b"2")]))
