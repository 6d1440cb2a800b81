"""The bulk writer's index reads back exactly as whoosh's own writer's does, for whoosh and the fast path."""

from __future__ import annotations

import shutil
import tempfile

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import writing
from whoosh.filedb.filestore import FileStorage
from whoosh.scoring import BM25F

from desktop_app.search.bulk import BulkWriter
from desktop_app.search.codec import ArrayCodec
from desktop_app.search.schema import HEADING_END, build_schema
from desktop_app.search.scoring import FastScorer

WORDS = ("档案", "转递", "就业", "创业", "服务", "流动", "人才", "户籍", "高技能人才", "社会保障", "A1")


def records(bodies: list[list[int]]) -> list[dict]:
    docs = []
    for n, picks in enumerate(bodies):
        heading = WORDS[n % len(WORDS)] if n % 3 else ""
        body = "，".join(WORDS[i % len(WORDS)] for i in picks) + "。"
        docs.append({"key": f"d{n // 4}\x1f{n}", "doc": f"d{n // 4}", "kind": "city", "id": str(n), "num": "",
                     "unit": "clause", "order": n, "heading": heading, "text": heading + HEADING_END + body,
                     "body": body, "title": "某市", "state": "full"})
    return docs


def build(docs: list[dict], writer_class, batches: int = 1, blocklimit: int = 3):
    folder = tempfile.mkdtemp(prefix="bulk-test-")
    _folders.append(folder)
    ix = FileStorage(folder).create_index(build_schema())
    size = -(-len(docs) // batches) if docs else 1
    for start in range(0, max(len(docs), 1), size):
        writer = writer_class(ix, codec=ArrayCodec(blocklimit=blocklimit))
        for fields in docs[start:start + size]:
            writer.add_document(**fields)
        writer.commit(mergetype=writing.NO_MERGE)
    return ix


def contents(ix) -> dict:
    """Everything a search can see: every term's postings with weights, field lengths, stored fields."""
    with ix.reader() as reader:
        postings = {}
        for field, term in reader.all_terms():
            matcher = reader.postings(field, term)
            postings[(field, term)] = list(zip(matcher.all_ids(), (round(w, 4) for w in _weights(reader, field,
                                                                                                   term)),
                                               strict=True))
        lengths = {f: [reader.doc_field_length(d, f) for d in range(reader.doc_count_all())]
                   for f in ("heading", "text")}
        stored = [reader.stored_fields(d) for d in range(reader.doc_count_all()) if not reader.is_deleted(d)]
        return {"postings": postings, "lengths": lengths, "stored": stored, "count": reader.doc_count()}


def _weights(reader, field, term):
    matcher = reader.postings(field, term)
    while matcher.is_active():
        yield matcher.weight()
        matcher.next()


_folders: list[str] = []


def teardown_function():
    while _folders:
        shutil.rmtree(_folders.pop(), ignore_errors=True)


BODIES = st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=12), min_size=1, max_size=14)


@settings(max_examples=15, deadline=None)
@given(BODIES)
def test_bulk_segments_hold_what_whoosh_writes(bodies):
    docs = records(bodies)
    assert contents(build(docs, BulkWriter)) == contents(build(docs, writing.SegmentWriter))


@settings(max_examples=10, deadline=None)
@given(BODIES, st.sampled_from([0.5, 2.0, 3.0]))
def test_boosted_documents_hold_what_whoosh_writes(bodies, boost):
    """A document's or a field's boost (the app gives none) scales its weights as whoosh's writer does,
    among documents without one."""
    boosts = ({}, {"_boost": boost}, {"_text_boost": boost}, {"_heading_boost": boost, "_kind_boost": boost})
    docs = [{**fields, **boosts[n % len(boosts)]} for n, fields in enumerate(records(bodies))]
    assert contents(build(docs, BulkWriter)) == contents(build(docs, writing.SegmentWriter))


@settings(max_examples=10, deadline=None)
@given(BODIES, st.integers(0, 13))
def test_segments_folded_in_by_a_merge_read_back_as_if_written_at_once(bodies, deleted):
    docs = records(bodies)
    gone, new = docs[deleted % len(docs)], records([[1, 2, 3]])[0]
    ix = build(docs, BulkWriter, batches=3)
    writer = BulkWriter(ix, codec=ArrayCodec(blocklimit=3))
    writer.delete_by_term("key", gone["key"])
    writer.add_document(**new)
    writer.commit(optimize=True)  # the earlier segments are folded into the new one
    at_once = build([new, *(d for d in docs if d is not gone)], writing.SegmentWriter)
    assert contents(ix) == contents(at_once)


def test_the_fast_path_ranks_a_bulk_index_as_whoosh_does():
    docs = records([[i, i + 1, 2 * i, 3] for i in range(40)])
    ix = build(docs, BulkWriter, blocklimit=4)
    with ix.searcher(weighting=BM25F(B=0.5, K1=1.2)) as searcher:
        scorer = FastScorer(searcher, B=0.5, K1=1.2)
        for word in ("档案", "就业", "高技能人才", "a1"):
            expected = {hit.docnum: hit.score for hit in searcher.search(_term(word), limit=None)}
            got = scorer.term("text", word)
            assert got.keys() == expected.keys(), word
            assert all(abs(got[d] - expected[d]) < 1e-4 for d in got), word


def _term(word):
    from whoosh.query import Term

    return Term("text", word)
