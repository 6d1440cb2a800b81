"""Building a city's first draft from the provincial measures and the adaptation rules."""

from __future__ import annotations

import re

import pytest

from desktop_app.core.errors import LookupFailed
from desktop_app.core.tables import AdaptationRule
from desktop_app.drafting import TO_COMPLETE, Origin, build_draft
from desktop_app.drafting.adapt import apply_replace, regional_suggestion

REGIONS = ("沈阳经济区", "辽宁沿海经济带", "辽西北")


@pytest.fixture(scope="module")
def shenyang(corpus):
    return build_draft(corpus, "沈阳市")


def test_title_and_preamble_cite_both_documents(shenyang):
    assert shenyang.title == "沈阳市关于促进劳动力和人才社会性流动体制机制改革的实施方案（征求意见稿）"
    preamble = "".join(shenyang.preamble)
    assert "（厅字〔2019〕56号）" in preamble
    assert "《辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施》" in preamble
    assert "结合沈阳实际" in preamble and "辽宁实际" not in preamble
    assert preamble.endswith("现制定如下实施方案。")
    patterns = {r.pattern for r in shenyang.preamble_replacements}
    assert {"结合辽宁实际", "现制定如下实施措施"} <= patterns


def test_short_name_accepted_and_unknown_city_lists_valid_ones(corpus):
    assert build_draft(corpus, "大连").city == "大连市"
    with pytest.raises(LookupFailed) as info:
        build_draft(corpus, "北京市")
    assert "沈阳市" in str(info.value) and "葫芦岛市" in str(info.value)


def test_parts_and_clauses_follow_the_provincial_measures(corpus, shenyang):
    prov = corpus.document("liaoning")
    derived = [c for c in shenyang.clauses if c.origin is Origin.PROVINCIAL]
    assert [c.source_id for c in derived] == [c.id for c in prov.clauses]
    assert [p.heading for p in shenyang.parts[1:-1]] == [p.heading for p in prov.parts]
    numbers = shenyang.numbers()
    assert numbers["part_1__para_1"] == "（一）" and numbers["part_4__para_18"] == "（十八）"
    first = shenyang.clause("part_1__para_1")
    assert first.carries_out == ("part_2__para_1",)
    assert shenyang.clause("part_1__para_4").related == ("part_6__para_15",)


def test_gaps_are_offered_as_sections_to_write_without_invented_policy(shenyang):
    general, organisation = shenyang.parts[0], shenyang.parts[-1]
    assert (general.heading, general.origin, general.to_complete) == ("总体要求", Origin.GAP, True)
    assert general.carries_out == ("part_1",) and not general.clauses
    assert general.paragraphs[0].startswith(TO_COMPLETE)
    assert organisation.heading == "组织保障" and organisation.carries_out == ("part_6",)
    assert [c.carries_out for c in organisation.clauses] == [("part_6__para_14",), ("part_6__para_15",),
                                                             ("part_6__para_16",)]
    assert [c.heading for c in organisation.clauses] == ["加强组织领导", "强化法治保障", "营造良好氛围"]
    for clause in organisation.clauses:
        assert clause.to_complete and clause.body.startswith(TO_COMPLETE)
        assert "请结合本市实际撰写" in clause.body
    assert "仅收录部分原文" in organisation.clauses[0].body
    assert "仅收录标题" in organisation.clauses[1].body
    assert shenyang.numbers()[organisation.id] == "六、"


def test_replace_rules_are_applied_and_recorded(shenyang):
    six = shenyang.clause("part_2__para_6")
    assert "全市城乡基本公共服务均等化" in six.body and "全省" not in six.body
    assert [(r.pattern, r.replacement, r.count) for r in six.replacements] == [("全省", "全市", 1)]
    eighteen = shenyang.clause("part_4__para_18")
    assert "稳定保持各县（市）区农村低保标准" in eighteen.body
    assert eighteen.original_body != eighteen.body and "各地区" in eighteen.original_body


def test_quan_sheng_naming_a_province_wide_system_stays():
    rule = AdaptationRule("*", "全省", "replace", "全市", "scope")
    from desktop_app.core.tables import City

    city = City("沈阳市", "沈阳", ("沈阳经济区",))
    text = "依托全省统一的社会保险公共服务平台，推进全省城乡基本公共服务均等化，接入全省一体化政务服务平台。"
    new, record = apply_replace(text, rule, city)
    assert new == "依托全省统一的社会保险公共服务平台，推进全市城乡基本公共服务均等化，接入全省一体化政务服务平台。"
    assert record.count == 1 and len(record.kept) == 2
    assert all("全省" in k for k in record.kept)


def test_flags_leave_the_text_and_carry_the_city_wording(shenyang):
    three = shenyang.clause("part_1__para_3")
    assert three.body == three.original_body  # flags never change the text by themselves
    by_pattern = {f.pattern: f for f in three.flags}
    assert by_pattern["支持高等院校设置"].suggestion == "支持驻沈阳高等院校设置"
    assert re.search(r"[\u4e00-\u9fff]", by_pattern["优秀省级创业孵化基地"].why)  # reasons reach reviewers: Chinese
    assert all(not f.accepted for f in three.flags)
    assert len([f for c in shenyang.clauses for f in c.flags]) == 13


@pytest.mark.parametrize("city_name", ["沈阳市", "大连市", "鞍山市", "抚顺市", "本溪市", "丹东市", "锦州市", "营口市",
                                       "阜新市", "辽阳市", "盘锦市", "铁岭市", "朝阳市", "葫芦岛市"])
def test_regional_hint_in_clause_three_names_the_citys_groupings_and_partners(corpus, city_name):
    draft = build_draft(corpus, city_name)
    city = corpus.city(city_name)
    flag = next(f for f in draft.clause("part_1__para_3").flags if "沈阳经济区" in f.pattern)
    mine = [g for g in REGIONS if g in city.groupings]
    assert mine, "every Liaoning city belongs to one of the groupings the provincial text names"
    for region in REGIONS:
        assert (region in flag.suggestion) == (region in mine)
    partners = {c.short for c in corpus.cities if c.name != city.name and set(c.groupings) & set(mine)}
    assert all(p in flag.suggestion for p in partners)
    assert city.short + "、" not in flag.suggestion and "（" + city.short + "）" not in flag.suggestion
    assert flag.suggestion.endswith("城市间协同合作")


def test_regional_suggestion_for_two_groupings(corpus):
    yingkou = corpus.city("营口市")
    text = regional_suggestion(yingkou, corpus.cities, "辽宁沿海经济带、沈阳经济区、辽西北城市间协同合作")
    assert text == ("辽宁沿海经济带（大连、丹东、锦州、盘锦、葫芦岛）、"
                    "沈阳经济区（沈阳、鞍山、抚顺、本溪、阜新、辽阳、铁岭）城市间协同合作")
