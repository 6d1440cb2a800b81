"""Other cities' imported divisions as evidence in the suggestions, below the topic rules.

The "other city" plan is written here for the test (marked as test text): a published-style plan of 大连市
with a 分工表 written as text, imported and linked as a drafter would.
"""

from __future__ import annotations

import pytest

from desktop_app.core.corpus import Corpus
from desktop_app.core.model import Link, Relation
from desktop_app.drafting import build_draft
from desktop_app.drafting.division import city_practices
from desktop_app.importing import commit_import, prepare_import

OTHER_PLAN = "\n".join([
    "大连市促进劳动力和人才社会性流动体制机制改革实施方案",
    "为做好有关工作（本方案为测试文本），制定本方案。",
    "一、主要任务",
    "（一）完善组织实施机制。建立工作台账，逐项推进（测试文本）。",
    "（二）深化落户制度改革。全面放开城镇落户限制（测试文本）。",
    "（三）健全工作保障。明确任务分工（测试文本）。",
    "附件",
    "重点任务分工表",
    "序号\t重点任务\t牵头单位\t责任单位\t完成时限",
    "1\t完善组织实施机制\t市委组织部\t市人力资源社会保障局\t长期",
    "2\t深化落户制度改革\t市公安局\t市发展改革委\t2021年底前",
    "3\t健全工作保障\t市测试办\t\t长期",
])


def import_city_plan(files, corpus: Corpus, name: str, text: str, targets: dict[str, tuple[str, str]]) -> None:
    path = files / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    plan = prepare_import(corpus, path, doc_id=name, kind=None)
    links = [Link(name, plan.document.clauses[int(n) - 1].id, doc, unit, Relation.IMPLEMENTS)
             for n, (doc, unit) in targets.items()]
    commit_import(plan, links, update_index=False)


@pytest.fixture
def with_dalian(tmp_path, data_dir):
    files = tmp_path / "incoming"
    files.mkdir()
    corpus = Corpus.load_default()
    gap = corpus.resolve("central", "（十四）").id
    import_city_plan(files, corpus, "dalian", OTHER_PLAN, {
        "1": ("central", gap), "2": ("liaoning", "part_2__para_5"), "3": ("liaoning", "part_2__para_6")})
    return Corpus.load_default()


def clause_from(draft, source_or_gap: str):
    return next(c for p in draft.parts for c in p.clauses if source_or_gap in (c.source_id, c.id))


def test_practices_are_read_from_imported_divisions(with_dalian):
    found = {p.num: p for p in city_practices(with_dalian)}
    assert found["（二）"].evidence == "其他城市做法：大连市（二）由市公安局牵头"
    assert ("liaoning", "part_2__para_5") in found["（二）"].targets


def test_evidence_is_cited_on_the_rules_lead(with_dalian):
    clause = clause_from(build_draft(with_dalian, "鞍山市"), "part_2__para_5")
    lead = clause.suggestion.lead
    assert lead.name == "市公安局" == clause.lead
    assert lead.triggers[-1] == "其他城市做法：大连市（二）由市公安局牵头"
    assert lead.triggers[:-1] == ("落户", "户籍制度")     # the rule's words still come first


def test_a_clause_no_rule_fires_on_takes_the_other_citys_lead(with_dalian):
    gap = with_dalian.resolve("central", "（十四）").id
    without = clause_from(build_draft(Corpus.load(), "鞍山市"), f"gap_{gap}")
    assert without.suggestion is None
    clause = clause_from(build_draft(with_dalian, "鞍山市"), f"gap_{gap}")
    assert clause.lead == "市委组织部"
    assert clause.suggestion.lead.triggers == ("其他城市做法：大连市（一）由市委组织部牵头",)


def test_units_the_registry_cannot_place_are_never_suggested(with_dalian):
    clause = clause_from(build_draft(with_dalian, "鞍山市"), "part_2__para_6")
    assert "市测试办" not in [u.name for u in clause.suggestion.units]
    assert not any("市测试办" in t for u in clause.suggestion.units for t in u.triggers)


def test_a_citys_own_plan_is_not_evidence_for_itself(with_dalian):
    clause = clause_from(build_draft(with_dalian, "大连市"), "part_2__para_5")
    assert not any("其他城市做法" in t for u in clause.suggestion.units for t in u.triggers)
