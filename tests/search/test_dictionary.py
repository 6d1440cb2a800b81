"""The search dictionary: shipped entries with reasons, the user's additions, and how they are read."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from desktop_app import paths
from desktop_app.search import synonyms
from desktop_app.search.analyzer import words
from desktop_app.search.department_names import registry_entries
from desktop_app.workspace import Workspace


def test_the_shipped_dictionary_has_at_least_150_entries_each_with_its_reason():
    text = paths.resource_path(*synonyms.SHIPPED).read_text(encoding="utf-8")
    entries, problems = synonyms.parse_entries(text)
    assert problems == []
    assert len(entries) >= 150
    assert all(e.reason and e.category in synonyms.CATEGORIES and e.equivalents for e in entries)
    terms = [e.term for e in entries]
    assert len(terms) == len(set(terms)), "a term has two entries"
    departments = [e for e in entries if e.category == "部门"]
    assert len(departments) >= 40
    assert {"人社局", "发改委", "卫健委", "中办", "国办"} <= {e.term for e in departments}
    # the cities' department names come from the department registry (one data source)
    from_registry, registry_problems = registry_entries()
    assert registry_problems == [] and all(e.reason and e.category == "部门" for e in from_registry)
    assert {"医保局", "营商局", "市人力资源社会保障局"} <= {e.term for e in from_registry}


@pytest.mark.parametrize(("a", "b"), [("社保", "社会保险"), ("医保", "医疗保险"), ("医保", "医疗保障"),
                                      ("人社", "人力资源社会保障"), ("双创", "创新创业"), ("低保", "最低生活保障"),
                                      ("公租房", "公共租赁住房"), ("人社厅", "人力资源和社会保障厅")])
def test_equivalents_match_both_ways(a, b):
    d = synonyms.load()
    assert b in d.equivalents(synonyms.key(a))
    assert a in d.equivalents(synonyms.key(b))


def test_two_equivalents_of_one_term_do_not_match_each_other():
    d = synonyms.load()
    assert "医疗保障" not in d.equivalents(synonyms.key("医疗保险"))


@pytest.mark.parametrize("term", ["人社局", "人社厅", "住建局", "卫健委", "医保局", "公租房", "双创", "营商局"])
def test_short_names_are_one_word_in_running_text(term):
    # otherwise 市人社局牵头 is cut 市人/社局/牵头 and neither the short nor the full name is found
    assert term in [w for w, _s, _e in words(f"由市{term}牵头负责")]


def test_a_bad_line_in_the_users_file_is_reported_and_the_rest_used(tmp_path):
    path = tmp_path / "search-dictionary.tsv"
    path.write_text("# 注释\n流动难\t流动障碍\t同义\t口语\n只有一栏\n甲\t乙\t别的\t理由\n丙\t丁\t简称\t\n",
                    encoding="utf-8")
    d = synonyms.load(path)
    assert [e.term for e in d.entries if e.user] == ["流动难"]
    assert len(d.problems) == 3
    assert d.problems[0].startswith("第 3 行：") and "没有等同的说法" in d.problems[0]
    assert "类别" in d.problems[1] and "理由" in d.problems[2]


def test_an_unreadable_users_file_never_stops_a_search(tmp_path, corpus):
    from desktop_app.search import SearchIndex

    workspace = Workspace(tmp_path)
    workspace.dictionary_path.write_bytes(b"\xff\xfe\x00bad")
    with SearchIndex.open(corpus, tmp_path) as index:
        assert index.search("社保")  # the shipped entries still work
        problems = index.dictionary().problems
    assert problems and "不是 UTF-8 文本" in problems[0] and str(workspace.dictionary_path) in problems[0]
    with pytest.raises(synonyms.DictionaryError):
        synonyms.read_user_entries(workspace.dictionary_path)


def test_saving_holds_the_knowledge_base_lock_and_reads_back(tmp_path, monkeypatch):
    workspace = Workspace(tmp_path)
    held = []
    real = Workspace.lock

    @contextmanager
    def lock(self, *args, **kwargs):
        with real(self, *args, **kwargs):
            held.append(True)
            yield
            held.append(False)

    monkeypatch.setattr(Workspace, "lock", lock)
    entries = [synonyms.make_entry("甲乙", ["丙丁", "戊己"], "简称", "测试"),
               synonyms.make_entry("庚", "辛，壬", "同义", "测试")]
    path = synonyms.save_user_entries(workspace, entries)
    assert held == [True, False]
    assert path == workspace.dictionary_path
    read, problems = synonyms.read_user_entries(path)
    assert read == entries and problems == []
    assert read[1].equivalents == ("辛", "壬")


@pytest.mark.parametrize(("args", "message"), [
    (("", "乙", "简称", "理由"), "缺少词"),
    (("甲", "", "简称", "理由"), "没有等同的说法"),
    (("甲", "甲", "简称", "理由"), "没有等同的说法"),
    (("甲", "乙", "简称", " "), "缺少理由"),
    (("甲", "乙\t丙", "简称", "理由"), "制表符"),
    (("甲", "乙", "其他", "理由"), "类别"),
])
def test_an_entry_that_is_not_acceptable_says_why(args, message):
    with pytest.raises(ValueError, match=message):
        synonyms.make_entry(*args)
