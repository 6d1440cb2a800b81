"""Wording verdicts on pairs of clauses written for the test: softened, omitted, heading-only, two upper clauses."""

from __future__ import annotations

from desktop_app.core.comparing import comparison_dict, pairs_for, resolve_side
from desktop_app.core.corpus import Corpus
from desktop_app.core.model import Clause, Completeness, Document, DocumentKind, Link, Part, Relation
from desktop_app.core.verdict import ChangeKind, Side, Verdict, judge, sentences

UPPER = Side("省（一）", "各地必须建立人才流动服务平台。用人单位不得设置歧视性条件。鼓励社会力量参与服务。")


def test_a_softened_sentence_is_told_apart_from_an_omitted_one():
    softened = judge(UPPER, Side("市（一）", "鼓励各地建立人才流动服务平台。用人单位不得设置歧视性条件。"
                                          "鼓励社会力量参与服务。"))
    assert [c.kind for c in softened.changes] == [ChangeKind.SOFTENED]
    assert softened.changes[0].description == "同一句由必须改为鼓励"
    assert softened.verdict is Verdict.LOOSER
    assert "删去" not in "".join(softened.summary_lines())

    omitted = judge(UPPER, Side("市（一）", "鼓励社会力量参与服务。"))
    assert [c.kind for c in omitted.changes] == [ChangeKind.OMITTED, ChangeKind.OMITTED]
    assert "删去 2 句含约束性词语" in omitted.summary_lines()
    assert not any(line.startswith("同一句") for line in omitted.summary_lines())
    assert omitted.verdict is Verdict.SAME  # what is left says what it said; the omission is reported apart


def test_hardened_added_and_mixed():
    hardened = judge(Side("甲", "鼓励企业吸纳就业。"), Side("乙", "企业必须吸纳就业。加强监督检查，确保落实。"))
    assert hardened.changes[0].description == "同一句由鼓励改为必须"
    assert hardened.verdict is Verdict.STRICTER
    assert "新增 1 句含约束性词语" in hardened.summary_lines()
    mixed = judge(Side("甲", "必须落实落户政策。鼓励企业吸纳就业。"),
                  Side("乙", "鼓励落实落户政策。企业必须吸纳就业。"))
    assert mixed.verdict is Verdict.MIXED
    same = judge(Side("甲", "必须落实落户政策。"), Side("乙", "确保落实落户政策。"))
    assert same.verdict is Verdict.SAME and same.changes == ()


def test_no_verdict_against_a_heading_only_or_partial_clause():
    heading = Side("中央（六）", "（六）拓展基层人员发展空间。", Completeness.HEADING_ONLY)
    result = judge(heading, Side("辽宁（十一）", "（十一）拓展基层人员发展空间。鼓励各地探索。"))
    assert result.verdict is None
    assert result.incomplete == "中央（六）在知识库中仅有标题"
    assert result.summary_lines()[-1].startswith("对照不完整：中央（六）在知识库中仅有标题")
    assert not any(c.kind is ChangeKind.ADDED for c in result.changes)  # nothing is "added" to a missing text
    partial = judge(Side("甲", "必须落实。", Completeness.PARTIAL), Side("乙", "鼓励落实。"))
    assert partial.verdict is None and "只有部分原文" in partial.incomplete
    data = comparison_dict(result)
    assert data["verdict"] is None and data["incomplete"] == "中央（六）在知识库中仅有标题"


def test_no_verdict_when_no_sentence_corresponds():
    result = judge(Side("甲", "必须落实落户政策。"), Side("乙", "加强档案管理服务。"))
    assert result.verdict is None and result.incomplete is None
    assert "不判断措辞强弱" in result.summary_lines()[-1]


def _clause(cid: str, num: str, heading: str, body: str) -> Clause:
    return Clause(cid, num, heading, (body,), part_id="p1")


def _doc(doc_id: str, kind: DocumentKind, title: str, *clauses: Clause) -> Document:
    return Document(doc_id, title, kind, parts=(Part("p1", "一、", "总体", clauses=clauses),))


def three_levels() -> Corpus:
    central = _doc("central", DocumentKind.CENTRAL, "关于促进流动的意见",
                   _clause("c1", "（一）", "畅通落户渠道", "必须放开落户限制。"),
                   _clause("c2", "（二）", "完善服务体系", "必须建立服务平台。"))
    province = _doc("prov", DocumentKind.PROVINCIAL, "某省关于促进流动的实施措施",
                    _clause("p1", "（一）", "畅通落户渠道", "鼓励放开落户限制。必须建立服务平台。"))
    city = _doc("city", DocumentKind.CITY, "某市关于促进流动的实施方案",
                _clause("m1", "（一）", "畅通落户渠道", "可以放开落户限制。"))
    links = [Link("prov", "p1", "central", "c1", Relation.IMPLEMENTS),
             Link("prov", "p1", "central", "c2", Relation.IMPLEMENTS),
             Link("city", "m1", "prov", "p1", Relation.IMPLEMENTS),
             Link("city", "m1", "central", "c1", Relation.IMPLEMENTS)]
    return Corpus([central, province, city], links)


def test_a_clause_with_two_upper_clauses_is_compared_with_each_separately():
    corpus = three_levels()
    pairs = pairs_for(corpus, "city", "m1")
    assert [(p.base, p.other) for p in pairs] == [(("prov", "p1"), ("city", "m1")), (("central", "c1"), ("city", "m1"))]
    assert [(p.base, p.other) for p in pairs_for(corpus, "prov", "p1")] == [
        (("central", "c1"), ("prov", "p1")), (("central", "c2"), ("prov", "p1"))]
    from desktop_app.core.comparing import compare_keys

    with_c1, with_c2 = (compare_keys(corpus, p) for p in pairs_for(corpus, "prov", "p1"))
    assert with_c1.changes[0].description == "同一句由必须改为鼓励" and with_c1.verdict is Verdict.LOOSER
    assert "新增 1 句含约束性词语" in with_c1.summary_lines()      # the sentence of c2, not softened
    assert with_c2.verdict is Verdict.SAME and "新增 1 句含倡导性词语" in with_c2.summary_lines()
    assert "放开落户限制" not in with_c2.base.text  # never the two central clauses merged


def test_addresses_and_json():
    corpus = three_levels()
    side = resolve_side(corpus, "central:（一）")
    assert side.name == "中央（一）" and "必须放开落户限制" in side.text
    data = comparison_dict(judge(side, resolve_side(corpus, "city:1")))
    assert 0 < data["similarity"] < 1
    assert {op for op, _ in data["diff"]} <= {"equal", "insert", "delete"}
    assert "".join(t for op, t in data["diff"] if op != "insert") == side.text
    assert data["verdict"] == "looser" and data["incomplete"] is None
    assert data["modal_changes"][0]["kind"] == "softened"
    assert data["modal_changes"][0]["removed"] == ["必须"] and data["modal_changes"][0]["added"] == ["可以"]


def test_sentences_keep_their_punctuation():
    assert sentences("甲。乙；丙\n丁") == ["甲。", "乙；", "丙\n", "丁"]
    assert sentences("。。") == []
