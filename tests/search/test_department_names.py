"""Department names in search come from the department registry: full name ↔ short form ↔ generic forms."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.drafting import departments
from desktop_app.search import SearchIndex, synonyms
from desktop_app.search.department_names import entries_of
from desktop_app.search.expand import tiers
from desktop_app.search.query import parse
from desktop_app.workspace import Workspace

# test-only wording: one paragraph with the full name, one with the short form
FULL = "（测试段落）由鞍山市人力资源和社会保障局牵头，做好测试登记。"
SHORT = "（测试段落）由市医保局负责，做好测试结算。"
ADDED = "（测试段落）由市城市更新局负责，做好测试改造。"


def plan(corpus, *texts):
    doc = corpus.document("liaoning")
    parts = tuple(replace(doc.parts[0], id=f"p{n}", paragraphs=(text,), clauses=()) for n, text in enumerate(texts))
    return replace(doc, id="anshan-test", title="鞍山市测试方案", parts=parts)


def found(index, query):
    return [(h.id, h.matched_via) for h in index.search(query) if h.doc == "anshan-test"]


def test_a_short_form_finds_the_full_name_and_the_full_name_the_short_form(tmp_path, corpus):
    with SearchIndex.open_documents([plan(corpus, FULL, SHORT)], tmp_path) as index:
        assert found(index, "市人力资源社会保障局") == [("p0", "synonym")]
        assert found(index, "鞍山市医疗保障局") == [("p1", "synonym")]
        assert found(index, "医疗保障局") == [("p1", "synonym")]  # the generic form, from the registry
        assert found(index, "鞍山市医疗保障局") and index.search("鞍山市医疗保障局", synonyms=False) == []


def test_a_department_the_user_adds_in_the_registry_becomes_searchable(tmp_path, corpus):
    workspace = Workspace(tmp_path)
    with SearchIndex.open_documents([plan(corpus, ADDED)], workspace.data_dir) as index:
        assert found(index, "鞍山市城市更新管理局") == []
        registry = departments.load_registry(workspace)
        added = departments.Department("鞍山市", ("城市更新",), "鞍山市城市更新管理局", "市城市更新局")
        departments.save_registry(workspace, departments.Registry([*registry.entries, added]))
        assert found(index, "鞍山市城市更新管理局") == [("p0", "synonym")]
        hit = index.search("鞍山市城市更新管理局")[0]
        assert hit.equivalents == ("城市更新局",)  # the added short form without 市
        departments.reset_registry(workspace)
        assert found(index, "鞍山市城市更新管理局") == []


def test_the_registry_gives_only_forms_that_follow_from_its_data():
    dept = departments.Department("鞍山市", ("医保",), "鞍山市医疗保障局", "市医保局")
    party = departments.Department("鞍山市", ("组织部",), "中共鞍山市委组织部", "市委组织部")
    lines = {e.term: set(e.equivalents) for e in entries_of([dept, party])}
    assert lines == {"市医保局": {"医保局", "医疗保障局", "市医疗保障局"}, "医保局": {"医疗保障局"},
                     "鞍山市医疗保障局": {"市医保局", "医保局"}, "中共鞍山市委组织部": {"市委组织部"}}
    assert all(e.category == "部门" and e.reason.startswith("部门名录") for e in entries_of([dept, party]))


def test_the_equivalents_file_leaves_city_departments_to_the_registry():
    d = synonyms.load()
    assert "医疗保障局" in d.equivalents(synonyms.key("医保局"))  # from the registry, no longer in the file
    assert "营商环境建设局" in d.equivalents(synonyms.key("营商局"))
    file_terms = {e.term for e in synonyms.shipped_entries()}
    assert not {"医保局", "营商局", "市场监管局", "市政府办公室", "妇联", "残联"} & file_terms
    assert {"人社局", "发改委", "卫健委", "自然资源局"} <= file_terms  # the registry cannot give these


def test_an_unreadable_user_registry_is_reported_and_the_shipped_one_used(tmp_path):
    workspace = Workspace(tmp_path)
    workspace.departments_path.write_text("不是名录\n", encoding="utf-8")
    d = synonyms.load(workspace.dictionary_path, workspace.departments_path)
    assert "医疗保障局" in d.equivalents(synonyms.key("医保局"))
    assert d.problems and str(workspace.departments_path) in d.problems[0]


def test_fourteen_cities_full_names_do_not_crowd_the_variants():
    # every clause 鞍山市医疗保障局 would find, 医疗保障局 finds: the wider readings are left out
    def variants(query):
        synonym = tiers(parse(query), synonyms.load())[1]
        return [" ".join(item.words) for item in synonym.parsed.required[0]]

    assert "鞍山市医疗保障局" in synonyms.load().equivalents(synonyms.key("医保局"))
    assert variants("医保局") == ["医保局", "医疗 保障局"]
    assert variants("市人力资源社会保障局") == ["市 人力资源 社会 保障局", "人力资源 社会 保障局"]
    assert variants("社保") == ["社保", "社会保险", "社会保障"]
