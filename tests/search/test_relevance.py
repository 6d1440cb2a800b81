"""Relevance: what a drafter expects near the top, from reading the two texts.

Each query lists the clauses (document, number) that must be among the first
five hits.  The queries were written from the texts, before looking at the
ranking: terms a drafter searches for and the clauses that deal with them.
"""

from __future__ import annotations

import pytest

from .conftest import top

LN, CE = "liaoning", "central"

EXPECTED = [
    ("异地就医", [(LN, "（八）")]),
    ("档案", [(LN, "（十一）"), (CE, "（六）")]),
    ("档案转递", [(LN, "（十一）")]),
    ("落户", [(LN, "（五）"), (CE, "（四）")]),
    ("户籍", [(LN, "（五）"), (CE, "（四）")]),
    ("三支一扶", [(LN, "（十）")]),
    ("高技能人才", [(LN, "（十三）")]),
    ("一网通办", [(LN, "（四）")]),
    ("飞地经济", [(LN, "（二）")]),
    ("公益性岗位", [(LN, "（十七）")]),
    ("零就业家庭", [(LN, "（十七）")]),
    ("建档立卡", [(LN, "（十五）")]),
    ("随迁子女 义务教育", [(LN, "（十六）")]),
    ("职称", [(LN, "（十四）")]),
    ("技能人才", [(LN, "（十四）"), (CE, "（九）"), (LN, "（十三）")]),
    ("失业保险", [(LN, "（八）")]),
    ("养老保险转移接续", [(LN, "（八）")]),
    ("共有产权住房", [(LN, "（九）")]),
    ("创业孵化基地", [(LN, "（三）"), (CE, "（三）")]),
    ("营商环境", [(LN, "（四）"), (CE, "（三）")]),
    ("小额贷款公司", [(LN, "（四）"), (CE, "（三）")]),
    ("精准扶贫", [(LN, "（十五）"), (CE, "（十）")]),
    ("基层公务员", [(LN, "（十）"), (CE, "（五）")]),
    ("公共就业服务", [(LN, "（七）")]),
    ("科技成果转化", [(LN, "（十三）"), (CE, "（三）")]),
    ("基本公共服务均等化", [(LN, "（六）"), (CE, "（四）")]),
    ("低保", [(LN, "（十八）")]),
    ("社会救助", [(CE, "（十三）"), (LN, "（十八）")]),
    ("门诊费用", [(CE, "（四）")]),
    ("新型城镇化 乡村振兴", [(LN, "（二）"), (CE, "（二）")]),
]


@pytest.mark.parametrize(("query", "expected"), EXPECTED, ids=[q for q, _e in EXPECTED])
def test_expected_clauses_are_in_the_top_five(shared_index, query, expected):
    found = top(shared_index.search(query), 5)
    for want in expected:
        assert want in found, f"{query}: {want} not in top 5 {found}"


def test_a_compound_word_is_found_whole_first_and_by_its_parts_below(shared_index):
    hits = shared_index.search("异地就医")
    # central （四） has 异地…就医 apart ("门诊费用异地直接结算，提升就医费用…")
    assert top(hits) == top(shared_index.search("异地 就医")) == [(LN, "（八）"), (CE, "（四）")]
    assert [h.matched_via for h in hits] == ["exact", "parts"]
    assert hits[1].equivalents == ("异地 就医",)
    assert "【异地】直接结算，提升【就医】费用" in hits[1].fragments[0].marked()


def test_the_full_clause_ranks_above_the_heading_only_one(shared_index):
    assert top(shared_index.search("档案"), 2) == [(LN, "（十一）"), (CE, "（六）")]


@pytest.mark.parametrize("word", ["住房", "教育", "社会救助"])
def test_a_heading_match_outranks_a_body_match(shared_index, word):
    hits = shared_index.search(word)
    headings = [h for h in hits if word in h.heading]
    bodies = [h for h in hits if word not in h.heading]
    assert headings and bodies
    assert min(h.score for h in headings) > max(h.score for h in bodies)


def test_there_are_at_least_fifteen_relevance_queries():
    assert len(EXPECTED) >= 15


# How drafters type: abbreviations and other wordings (the texts use the full form), traditional characters,
# and typos (nothing found; the suggestion must lead to the clauses).  Written from the texts, like EXPECTED.
ABBREVIATIONS = [
    ("社保", [(LN, "（八）")]),                  # 完善社会保险制度消除流动障碍
    ("公租房", [(LN, "（九）")]),                # 公共租赁住房
    ("共有产权房", [(LN, "（九）")]),
    ("公益岗", [(LN, "（十七）")]),              # 公益性岗位
    ("小贷公司", [(LN, "（四）"), (CE, "（三）")]),  # 小额贷款公司
    ("户口", [(LN, "（五）"), (CE, "（四）")]),     # 户籍
    ("积分入户", [(CE, "（四）")]),              # 积分落户
    ("退伍军人", [(LN, "（十）")]),              # 退役军人
    ("双创", [(LN, "（三）"), (CE, "（三）")]),     # 创新创业
    ("大学生", [(LN, "（十二）")]),              # 高校毕业生
    ("国办", [(CE, "")]),                        # 中共中央办公厅、国务院办公厅 (the title unit)
]
TRADITIONAL = [
    ("戶籍", [(LN, "（五）"), (CE, "（四）")]),
    ("異地就醫", [(LN, "（八）")]),
    ("檔案轉遞", [(LN, "（十一）")]),
    ("職稱", [(LN, "（十四）")]),
    ("鄉村振興", [(LN, "（二）"), (CE, "（二）")]),
    ("公益性崗位", [(LN, "（十七）")]),
]
TYPOS = [
    ("户藉", "户籍", [(LN, "（五）"), (CE, "（四）")]),
    ("档按转递", "档案转递", [(LN, "（十一）")]),
    ("营伤环境", "营商环境", [(LN, "（四）"), (CE, "（三）")]),
    ("飞地经挤", "飞地经济", [(LN, "（二）")]),
    ("落户限治", "落户限制", [(CE, "（四）")]),
    # the same sound typed with a pinyin input method: the same-sounding word comes first, however rare
    ("职成", "职称", [(LN, "（十四）")]),
    ("落护", "落户", [(LN, "（五）"), (CE, "（四）")]),
    ("公易性岗位", "公益性岗位", [(LN, "（十七）")]),
    ("一网同办", "一网通办", [(LN, "（四）")]),
    ("零就叶家庭", "零就业家庭", [(LN, "（十七）")]),
    ("随迁子女义务教肓", "随迁子女义务教育", [(LN, "（十六）")]),
]


@pytest.mark.parametrize(("query", "expected"), ABBREVIATIONS + TRADITIONAL,
                         ids=[q for q, _e in ABBREVIATIONS + TRADITIONAL])
def test_abbreviations_and_traditional_characters_find_the_clauses(shared_index, query, expected):
    found = top(shared_index.search(query), 5)
    for want in expected:
        assert want in found, f"{query}: {want} not in top 5 {found}"


@pytest.mark.parametrize(("typo", "meant", "expected"), TYPOS, ids=[t for t, _m, _e in TYPOS])
def test_a_typo_is_corrected_to_the_word_meant(shared_index, typo, meant, expected):
    results = shared_index.search(typo)
    assert results.suggestions and results.suggestions[0] == meant, results.suggestions
    found = top(shared_index.search(results.suggestions[0]), 5)
    assert all(want in found for want in expected), found


def test_there_are_relevance_queries_for_each_way_of_typing():
    assert len(ABBREVIATIONS) >= 10 and len(TRADITIONAL) >= 5 and len(TYPOS) >= 5
