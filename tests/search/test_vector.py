"""The numpy ranking (search/vector.py) is the Python ranking to the last bit, and whoosh's; a search from the
command line never imports numpy; the window loads it for a large library only."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.search import SearchIndex, scoring, vector
from desktop_app.search.query import parse

from .docs import city_document
from .test_scoring import assert_same

PLAIN_WORDS = ["档案", "就业", "创业", "服务", "人才", "流动", "社会", "保障", "异地就医", "技能", "鞍山", "门诊费",
               "教育", "基层", "机制", "制度", "改革", "不存在的词"]
PLAIN_QUERIES = ["就业 创业 服务", "档案", "人才 流动", "社会 保障 制度", "鞍山 就业", "技能 人才", "就业 就业",
                 "不存在的词 就业", "机制"]


@pytest.fixture(scope="module")
def index(corpus, tmp_path_factory):
    index = SearchIndex.open(corpus, tmp_path_factory.mktemp("vector"))
    index.update_document(city_document(corpus, "anshan", "鞍山"))
    index.update_document(city_document(corpus, "dalian", "大连"))  # the same clauses again: equal scores to order
    index.update_document(city_document(corpus, "anshan", "抚顺"))  # a segment with deleted documents
    assert len(index._current_searcher().leaf_searchers()) > 1
    yield index
    index.close()


@pytest.fixture
def numpy_on(monkeypatch):
    """The vector path for every list, however short."""
    assert vector.load()
    monkeypatch.setattr(vector, "VECTOR_FROM", 0)


def _ranked(index, query, *, limit, doc=None, kind=None, field="text"):
    with index._lock:
        return index._ranked_fast(parse(query), field, doc, kind, limit)


def _python_and_vector(index, monkeypatch, query, **kw):
    numpy = vector.numpy_if_loaded()
    monkeypatch.setattr(vector._Loaded, "numpy", None)
    monkeypatch.setattr(scoring, "PRUNE_FROM", 10**9)  # the exhaustive Python ranking
    python = _ranked(index, query, **kw)
    monkeypatch.setattr(vector._Loaded, "numpy", numpy)
    return python, _ranked(index, query, **kw)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PLAIN_WORDS), min_size=1, max_size=4).map(" ".join), st.fixed_dictionaries({
    "limit": st.sampled_from([1, 3, 10, 40, 500]), "field": st.sampled_from(["text", "heading"]),
    "where": st.sampled_from([{}, {"doc": "anshan"}, {"kind": "city"}, {"doc": "central"}, {"doc": "nowhere"}])}))
def test_the_vector_ranking_is_the_python_ranking_exactly(index, numpy_on, monkeypatch, query, case):
    python, vectorised = _python_and_vector(index, monkeypatch, query, limit=case["limit"], field=case["field"],
                                            **case["where"])
    assert vectorised == python, query  # same documents, same order (ties by document), bit-identical scores
    assert all(type(d) is int and type(s) is float for d, s in vectorised)


@pytest.mark.parametrize("query", PLAIN_QUERIES)
def test_the_vector_ranking_is_whooshs_ranking(index, numpy_on, query):
    assert_same(index, query)
    assert_same(index, query, limit=3)
    assert_same(index, query, headings_only=True)
    assert_same(index, query, kind="city", limit=50)


def test_the_vector_path_is_taken_only_with_numpy_loaded_and_long_lists(index, numpy_on, monkeypatch):
    calls = []
    real = vector.VectorRanker.ranked
    monkeypatch.setattr(vector.VectorRanker, "ranked", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert _ranked(index, "就业 创业 服务", limit=10)
    assert len(calls) == 1
    monkeypatch.setattr(vector, "VECTOR_FROM", 10**9)  # lists shorter than that: Python
    assert _ranked(index, "就业 创业 服务", limit=10)
    monkeypatch.setattr(vector, "VECTOR_FROM", 0)
    monkeypatch.setattr(vector._Loaded, "numpy", None)  # not loaded: Python, and nothing imported on the way
    assert _ranked(index, "就业 创业 服务", limit=10)
    assert len(calls) == 1
    assert vector.numpy_if_loaded() is None


def test_a_failed_numpy_import_leaves_the_python_ranking(index, monkeypatch, caplog):
    monkeypatch.setattr(vector._Loaded, "numpy", None)
    monkeypatch.setitem(sys.modules, "numpy", None)  # import numpy raises ImportError
    assert vector.load() is False
    assert "numpy" in caplog.text
    assert [h.num for h in index.search("就业 创业 服务")]


def test_a_search_from_the_command_line_does_not_import_numpy(tmp_path):
    child = ("import sys\nfrom desktop_app.cli import main\ncode = main(['search', '就业 创业 服务'])\n"
             "print(code, 'numpy' in sys.modules)\n")
    env = {**os.environ, "POLICYDESK_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, env=env,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 False"
    assert "【就业】" in result.stdout
