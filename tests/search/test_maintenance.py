"""Keeping the engine maintainable: the whoosh pin, the codec version in the manifest, no silent slow path."""

from __future__ import annotations

import json
import logging
import re
from importlib.metadata import version
from pathlib import Path

import pytest

from desktop_app.search import SearchIndex, codec, expand, indexer, scoring, synonyms
from desktop_app.search.query import parse

from .test_scoring import assert_same_parsed

ROOT = Path(__file__).resolve().parents[2]


def test_whoosh_is_pinned_to_the_version_the_code_is_written_against():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pinned = re.search(r'"whoosh==([\d.]+)"', pyproject)
    assert pinned, "whoosh must be pinned exactly (==)"
    assert version("whoosh") == pinned[1]
    assert pinned[1] in (ROOT / "docs" / "search.md").read_text(encoding="utf-8")


def test_docs_list_every_private_whoosh_name_the_package_uses():
    doc = (ROOT / "docs" / "search.md").read_text(encoding="utf-8")
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "desktop_app" / "search").glob("*.py"))
    imported = set(re.findall(r"^\s+(_\w+),?$", source, re.M))  # from whoosh… import (…, _lenfield, …)
    used = set(re.findall(r"\.(_[a-z]\w*)", source)) - {"_lock", "_searcher", "_scorer", "_vocabulary"}
    ours = {name for name in used if re.search(rf"def {name}\b|self\.{name} =|\b{name}: ", source)}
    missing = sorted(n for n in (imported | used) - ours if f"`{n}`" not in doc)
    assert not missing, f"private whoosh names used but not listed in docs/search.md: {missing}"


def test_a_changed_codec_format_rebuilds_the_index(corpus, data_dir, monkeypatch):
    with SearchIndex.open(corpus) as index:
        assert index.search("档案")
    manifest = json.loads((data_dir / "index" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["codec"] == codec.FORMAT_VERSION
    rebuilt = []
    real = indexer.rebuild
    monkeypatch.setattr(indexer, "rebuild", lambda *a, **k: rebuilt.append(1) or real(*a, **k))
    with SearchIndex.open(corpus) as index:
        assert index.search("档案")
    assert rebuilt == []
    monkeypatch.setattr(indexer, "CODEC_FORMAT", codec.FORMAT_VERSION + 1)
    with SearchIndex.open(corpus) as index:
        assert index.search("档案")
    assert rebuilt == [1]


@pytest.mark.slow_path_allowed
def test_a_fall_back_to_the_slow_path_answers_and_is_reported(shared_index, monkeypatch, no_slow_search_path):
    expected = [(h.doc, h.id) for h in shared_index.search("档案 转递")]

    def broken(*_args, **_kwargs):
        raise AttributeError("_read_data")  # as if a whoosh upgrade renamed a private method

    monkeypatch.setattr(scoring.FastScorer, "ranked", broken)
    assert [(h.doc, h.id) for h in shared_index.search("档案 转递")] == expected
    assert no_slow_search_path and "whoosh's search" in no_slow_search_path[0].getMessage()
    assert no_slow_search_path[0].levelno == logging.WARNING


@pytest.mark.parametrize("query", ["社保", "户口 制度", "异地就医", "医保 OR 公租房", "社保 -门诊", "人社局 就业",
                                   "小贷公司 营商环境"])
def test_the_looser_tiers_rank_as_whoosh_does(shared_index, query):
    for tier in expand.tiers(parse(query), synonyms.load())[1:]:
        assert_same_parsed(shared_index, tier.parsed, query, limit=10)
        assert_same_parsed(shared_index, tier.parsed, query, limit=3, doc="liaoning")


def test_the_pruned_path_still_serves_a_plain_query_with_synonyms_on(shared_index, monkeypatch):
    calls = []
    real = scoring.FastScorer.best_of_all
    monkeypatch.setattr(scoring, "PRUNE_FROM", 0)
    monkeypatch.setattr(scoring.FastScorer, "best_of_all", lambda *a, **k: calls.append(a) or real(*a, **k))
    hits = shared_index.search("就业 创业 服务", limit=3)  # many exact hits: no looser tier is needed
    assert calls and len(hits) == 3 and hits.truncated


def test_a_query_with_enough_exact_hits_never_works_out_the_looser_readings(shared_index, monkeypatch):
    calls = []
    monkeypatch.setattr(expand, "tiers", lambda *a: calls.append(a) or [expand.Tier(expand.EXACT, a[0])])
    assert shared_index.search("流动", limit=3).truncated
    assert calls == []
    shared_index.search("社保", limit=3)
    assert len(calls) == 1


def test_a_few_hits_of_known_words_never_build_the_suggestion_vocabulary(corpus, tmp_path):
    with SearchIndex.open(corpus, tmp_path) as index:
        hits = index.search("三支一扶")  # one clause: few hits, but nothing to correct
        assert len(hits) == 1 and hits.suggestions == ()
        assert index._vocabulary is None
        assert index.search("户藉").suggestions[0] == "户籍"
        assert index._vocabulary is not None
