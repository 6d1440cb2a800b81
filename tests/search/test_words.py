"""Search that understands how drafters type: equivalents, traditional characters, parts, titles, suggestions."""

from __future__ import annotations

import json

import pytest

from desktop_app.cli import main
from desktop_app.search import SearchIndex, expand, synonyms
from desktop_app.search.query import parse
from desktop_app.workspace import Workspace

LN, CE = "liaoning", "central"


def keys(hits):
    return [(h.doc, h.num) for h in hits]


def test_an_abbreviation_finds_the_full_form_and_says_how(shared_index):
    hits = shared_index.search("社保")  # the texts say 社会保险, never 社保
    assert hits and {h.matched_via for h in hits} == {"synonym"}
    assert (LN, "（八）") in keys(hits[:3])
    first = hits[0]
    assert "社会保险" in first.equivalents
    assert all("【社会保险】" in f.marked() or "【社会保障】" in f.marked() for f in first.fragments)
    assert "【社会】" not in "".join(f.marked() for h in hits for f in h.fragments)


def test_the_full_form_finds_the_abbreviation_too(shared_index):
    # 医保 occurs as typed in liaoning （八）（整合城乡医保）: 医疗保险 finds it through the dictionary
    hits = shared_index.search("医疗保险")
    assert (LN, "（八）") in keys(hits)
    hit = next(h for h in hits if (h.doc, h.num) == (LN, "（八）"))
    assert hit.matched_via == "synonym" and hit.equivalents == ("医保",)
    assert any("【医保】" in f.marked() for f in hit.fragments)


def test_exact_matches_rank_above_equivalents(shared_index):
    hits = shared_index.search("户口", limit=50)  # 户口 is in no clause; 户籍 in several
    assert hits and all(h.matched_via == "synonym" for h in hits)
    exact = shared_index.search("户籍", limit=50)
    both = shared_index.search("落户 OR 入户", limit=50)  # 入户 → 落户: every hit holds 落户 itself
    assert {h.matched_via for h in both} == {"exact"}
    assert keys(hits) == keys(exact)
    mixed = shared_index.search("医保", limit=50)  # as typed in （八）, and as 医疗保障/医疗保险 elsewhere
    vias = [h.matched_via for h in mixed]
    assert vias[0] == "exact" and vias == sorted(vias, key=lambda v: v != "exact")


def test_no_synonyms_turns_expansion_off(shared_index):
    assert shared_index.search("社保", synonyms=False) == []
    assert shared_index.search("社保")


def test_a_department_short_name_matches_the_full_name(tmp_path, corpus):
    from .docs import city_document

    doc = city_document(corpus, "anshan", "鞍山")
    with SearchIndex.open_documents([doc], tmp_path) as index:
        assert index.search("人社局") == []  # the plan never abbreviates
    # the dictionary maps each short name to its full names and back
    d = synonyms.load()
    assert "人力资源和社会保障局" in d.equivalents(synonyms.key("人社局"))
    assert "人社局" in d.equivalents(synonyms.key("人力资源和社会保障局"))
    assert "营商环境建设局" in d.equivalents(synonyms.key("营商局"))


def test_user_entries_extend_the_dictionary_at_once(shared_index, tmp_path, corpus):
    workspace = Workspace(tmp_path / "ws")
    with SearchIndex.open(corpus, workspace.data_dir) as index:
        assert index.search("流动难") == []
        entry = synonyms.make_entry("流动难", "流动障碍", "同义", "口语说法")
        synonyms.save_user_entries(workspace, [entry])
        hits = index.search("流动难")
        assert (LN, "（八）") in keys(hits) and hits[0].equivalents == ("流动障碍",)
        assert index.dictionary().entries[-1] == entry


def test_traditional_characters_in_the_query_match_and_are_shown_as_received(shared_index):
    hits = shared_index.search("戶籍制度")
    assert keys(hits[:2]) == keys(shared_index.search("户籍制度")[:2])
    vias = [h.matched_via for h in hits]  # the clauses with 户籍制度 whole, then those with 户籍 and 制度 apart
    assert vias[:2] == ["traditional", "traditional"] and set(vias) == {"traditional", "parts"}
    assert "【户籍制度】" in hits[0].fragments[0].marked()  # the clause as written


def test_traditional_characters_in_a_document_match_a_simplified_query(tmp_path, corpus):
    from dataclasses import replace

    from desktop_app.core.model import Part

    doc = corpus.document(LN)
    text = "推進異地就醫直接結算，完善檔案轉遞服務。"
    part = replace(doc.parts[0], paragraphs=(text,), clauses=())
    trad = replace(doc, id="taiwan", parts=(part, *doc.parts[1:2]), title="繁體測試")
    assert isinstance(part, Part)
    with SearchIndex.open_documents([trad], tmp_path) as index:
        hits = [h for h in index.search("档案转递") if h.doc == "taiwan" and h.id == part.id]
        assert hits and hits[0].matched_via == "traditional"
        assert "完善【檔案轉遞】服務" in hits[0].fragments[0].marked()
        assert hits[0].terms == ("檔案轉遞",)


def test_a_typo_gets_a_suggestion_and_nothing_else(capsys):
    code = main(["search", "户藉"])
    out = capsys.readouterr().out
    assert code == 1
    assert "没有找到" in out and "您是不是要找：户籍" in out
    code = main(["search", "户藉制度", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["hits"] == [] and data["suggestions"][0] == "户籍制度"
    assert data["truncated"] is False


def test_suggestions_come_from_the_index_and_find_something(shared_index):
    assert shared_index.search("户藉").suggestions == ("户籍",)  # not 户限: it does not sound the same
    assert shared_index.search("异地就毉").suggestions == ("异地就医",)  # 毉 sounds as 医; 异地就业 does not
    assert shared_index.search("户籍").suggestions == ()
    assert shared_index.search("量子计算").suggestions == ()  # nothing near it in these texts
    for suggestion in shared_index.search("档按转递").suggestions:
        assert shared_index.search(suggestion)


def test_document_numbers_dates_and_titles_are_searchable(shared_index):
    for query in ("56号", "厅字〔2019〕56号", "厅字﹝2019﹞56号", "厅字[2019]56号"):
        hits = shared_index.search(query)
        units = {(h.doc, h.unit) for h in hits}
        assert {(CE, "title"), (LN, "preamble")} <= units, query
        assert all(h.num == "" and h.to_dict()["num"] is None for h in hits if h.unit in ("title", "preamble"))
    hit = shared_index.search("厅字﹝2019﹞56号")[0]
    assert "【厅字〔2019〕56号】" in hit.fragments[0].marked()
    assert hit.to_dict()["kind"] == "title" and hit.to_dict()["doc_kind"] == "central"
    assert [(h.doc, h.unit) for h in shared_index.search("2020")] == [(LN, "title")]
    assert (CE, "title") in {(h.doc, h.unit) for h in shared_index.search("2019年12月25日")}
    assert (CE, "title") in {(h.doc, h.unit) for h in shared_index.search("中办 国办")}


def test_json_is_an_object_with_hits_suggestions_and_truncated(capsys):
    code = main(["search", "社保", "--json", "--limit", "2"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and set(data) == {"query", "hits", "suggestions", "truncated"}
    assert data["truncated"] is True and len(data["hits"]) == 2
    hit = data["hits"][0]
    assert hit["matched_via"] == "synonym"
    assert {"how": "synonym", "typed": "社保", "as": "社会保险"} in hit["via"]
    code = main(["search", "社保", "--json", "--no-synonyms"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["hits"] == []


def test_text_output_says_how_a_hit_matched_and_when_results_were_cut(capsys):
    code = main(["search", "社保", "--limit", "1"])
    out = capsys.readouterr().out
    assert code == 0
    assert "（同义：社会保险" in out
    assert "结果已截断" in out
    code = main(["search", "异地就医"])
    out = capsys.readouterr().out
    assert "（拆词：异地 就医）" in out and "结果已截断" not in out


def test_the_tiers_of_a_query():
    d = synonyms.load()
    names = [t.name for t in expand.tiers(parse("社保 异地就医"), d)]
    assert names == ["exact", "synonym", "parts"]
    assert [t.name for t in expand.tiers(parse("社保"), None)] == ["exact"]
    assert [t.name for t in expand.tiers(parse('"社保"'), d)] == ["exact"]  # quoted: as written
    assert expand.compound_parts("异地就医") == ("异地", "就医")
    assert expand.compound_parts("公租房") == ()  # 租房 alone does not make up 公租房


@pytest.mark.parametrize("query", ["人力资源和社会保障局", "人力资源社会保障局"])
def test_a_full_name_written_either_way_maps_to_the_short_name(query):
    tiers = expand.tiers(parse(query), synonyms.load())
    vias = {v for t in tiers for i in t.parsed.items for v in i.via}
    assert ("synonym", "人力资源社会保障局", "人社局") in vias


def test_corrections_that_sound_the_same_come_first_without_importing_pypinyin():
    import sys

    from desktop_app.search import suggest as sg

    assert sg.readings("籍") >= {"ji"} and sg.sounds_alike("户藉", "户籍") and sg.sounds_alike("职成", "职称")
    assert not sg.sounds_alike("职成", "职业") and not sg.sounds_alike("户籍", "户籍")
    assert sg.within_one_edit("档案转递", "档案转第") and sg.within_one_edit("档案", "档案馆")
    assert not sg.within_one_edit("档案", "案档")
    vocabulary = sg.Vocabulary({"职称": 2, "职业": 50, "形成": 40, "职务": 9})
    assert vocabulary.neighbours("职成")[0] == "职称"
    assert "pypinyin" not in sys.modules
