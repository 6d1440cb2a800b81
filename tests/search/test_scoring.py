"""The fast ranking gives whoosh's own ranking (same hits, same order, same scores)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.search import SearchIndex, scoring
from desktop_app.search.query import parse

from .docs import city_document

QUERIES = ["档案", "异地就医", "就业 创业 服务", "落户 OR 户籍", "人才 -档案", "技能人才", "技能 人才", '"档案转递"',
           "基本公共服务均等化", "社会性流动", "门诊费", "高技能人才 OR 三支一扶 OR 飞地经济", "流动 NOT 人才",
           "鞍山", "教育 保障", "就业", "流动",
           '-就业 "档案"', '- 就业 " 档案']  # found by hypothesis: whoosh's AndNot let excluded clauses through
WORDS = ["档案", "就业", "创业", "服务", "人才", "流动", "社会", "保障", "异地就医", "技能", "OR", "-", "NOT", "鞍山",
         "门诊费", "教育", "基层", "机制", '"']


def assert_same(index: SearchIndex, query: str, **kw):
    assert_same_parsed(index, parse(query), query, **kw)


def assert_same_parsed(index: SearchIndex, parsed, query: str, **kw):
    if not parsed.required:
        return
    limit = kw.pop("limit", 10)
    headings_only = kw.pop("headings_only", False)
    doc, kind = kw.pop("doc", None), kw.pop("kind", None)
    field = "heading" if headings_only else "text"
    with index._lock:
        fast = index._ranked_fast(parsed, field, doc, kind, limit)
        slow = index._ranked_whoosh(parsed, headings_only, doc, kind, limit)
    # Equal scores up to float rounding (identical clauses in several documents) may come in either
    # order, and whoosh's own order among them depends on the order it happened to add them in.
    assert [s for _d, s in fast] == pytest.approx([s for _d, s in slow], rel=1e-9), query
    fast_groups, slow_groups = _groups(fast), _groups(slow)
    assert list(fast_groups) == list(slow_groups), query
    for score in list(fast_groups)[:-1]:  # the last group may be cut by the limit
        assert fast_groups[score] == slow_groups[score], query


def _groups(ranked) -> dict[float, set[int]]:
    groups: dict[float, set[int]] = {}
    for docnum, score in ranked:
        groups.setdefault(round(score, 9), set()).add(docnum)
    return groups


@pytest.fixture(scope="module")
def multi_segment_index(corpus, tmp_path_factory):
    index = SearchIndex.open(corpus, tmp_path_factory.mktemp("scoring"))
    index.update_document(city_document(corpus, "anshan", "鞍山"))
    index.update_document(city_document(corpus, "dalian", "大连"))
    index.update_document(city_document(corpus, "anshan", "抚顺"))  # a segment with deleted documents
    assert len(index._current_searcher().leaf_searchers()) > 1
    yield index
    index.close()


@pytest.mark.parametrize("query", QUERIES)
def test_fast_ranking_is_whooshs_ranking(shared_index, multi_segment_index, query):
    for index in (shared_index, multi_segment_index):
        assert_same(index, query)
        assert_same(index, query, limit=3)
        assert_same(index, query, headings_only=True)
        assert_same(index, query, doc="liaoning")
        assert_same(index, query, kind="city", limit=50)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join))
def test_fast_ranking_is_whooshs_ranking_for_random_queries(multi_segment_index, query):
    assert_same(multi_segment_index, query, limit=20)


def _exhaustive_and_pruned(index, query, monkeypatch, *, sample, limit, doc=None, kind=None):
    parsed = parse(query)
    with index._lock:
        monkeypatch.setattr(scoring, "PRUNE_FROM", 10**9)
        exhaustive = index._ranked_fast(parsed, "text", doc, kind, limit)
        monkeypatch.setattr(scoring, "PRUNE_FROM", 0)
        monkeypatch.setattr(scoring, "PRUNE_SAMPLE", sample)
        pruned = index._ranked_fast(parsed, "text", doc, kind, limit)
    return exhaustive, pruned


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([w for w in WORDS if w not in ("OR", "-", "NOT", '"')]), min_size=1, max_size=4)
       .map(" ".join), st.fixed_dictionaries({
           "sample": st.sampled_from([1, 2, 5, 200]), "limit": st.sampled_from([1, 3, 10, 40]),
           "where": st.sampled_from([{}, {"doc": "anshan"}, {"kind": "city"}, {"doc": "central"}])}))
def test_ranking_without_scoring_every_document_is_the_exhaustive_ranking(multi_segment_index, monkeypatch,
                                                                          query, case):
    # The pruned ranking must give exactly the same documents, order and scores as scoring them all.
    exhaustive, pruned = _exhaustive_and_pruned(multi_segment_index, query, monkeypatch, sample=case["sample"],
                                                limit=case["limit"], **case["where"])
    assert pruned == exhaustive, query


@pytest.mark.parametrize("query", [q for q in QUERIES if not any(op in q for op in ("OR", "-", "NOT", '"'))])
def test_pruned_ranking_is_whooshs_ranking(multi_segment_index, monkeypatch, query):
    monkeypatch.setattr(scoring, "PRUNE_FROM", 0)
    monkeypatch.setattr(scoring, "PRUNE_SAMPLE", 3)
    assert_same(multi_segment_index, query, limit=5)
    assert_same(multi_segment_index, query, kind="city", limit=20)


def test_the_pruned_path_is_taken_for_a_plain_query(multi_segment_index, monkeypatch):
    calls = []
    real = scoring.FastScorer.best_of_all
    monkeypatch.setattr(scoring.FastScorer, "best_of_all", lambda *a, **k: calls.append(a) or real(*a, **k))
    _exhaustive_and_pruned(multi_segment_index, "就业 创业 服务", monkeypatch, sample=3, limit=10)
    assert calls
