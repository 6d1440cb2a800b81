"""The array posting blocks read back exactly what was written, by whoosh and by the fast path alike."""

from __future__ import annotations

from whoosh.fields import ID, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.scoring import BM25F

from desktop_app.search.codec import ArrayCodec, ArrayLeafMatcher
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
