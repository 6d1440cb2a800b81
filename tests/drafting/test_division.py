"""Task division: the topic rules suggest the usual lead unit first, then partners, with the words that did it."""

from __future__ import annotations

import pytest

from desktop_app.drafting import DraftSession, build_draft
from desktop_app.drafting.departments import load_registry
from desktop_app.drafting.division import adopt_suggestion, inline_text, read_rules, set_division, suggest
from desktop_app.drafting.model import DraftClause


@pytest.fixture(scope="module")
def rules():
    return read_rules()


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def lead_of(rules, registry, heading, body="", *, day="2020-07-01"):
    return suggest(heading, body, rules, registry, city="鞍山市", day=day)


HRSS = "市人力资源社会保障局"


# Clauses written for this test (not from the corpus): the usual topics and their usual lead unit.
@pytest.mark.parametrize(("heading", "body", "expected"), [
    ("深化户口迁移政策改革", "放宽城区落户条件，简化迁移手续，推行网上办理。", ("市公安局", "落户")),
    ("织密兜底保障网", "完善最低生活保障制度，做好特困人员供养和临时救助工作。", ("市民政局", "临时救助")),
    ("提高参保覆盖面", "推动灵活就业人员参加企业职工养老保险，落实失业保险稳岗返还。", (HRSS, "养老保险")),
    ("规范人事档案管理", "为流动人员提供档案接收、转递和查询服务，推行档案数字化。", (HRSS, "人事档案")),
    ("保障进城务工人员子女入学", "将随迁子女纳入流入地义务教育保障范围。", ("市教育局", "随迁子女")),
    ("畅通职称评审渠道", "在非公有制经济组织中开展职称评审，打通高技能人才与专业技术人才职业发展通道。",
     (HRSS, "职称")),
    ("办理居住证", "持有居住证的人员享受基本公共服务。", ("市公安局", "居住证")),
])
def test_usual_topics_get_their_usual_lead(rules, registry, heading, body, expected):
    lead, trigger = expected
    s = lead_of(rules, registry, heading, body)
    assert s is not None and s.lead.name == lead
    assert trigger in s.lead.triggers


def test_social_insurance_names_health_insurance_tax_and_finance_as_partners(rules, registry):
    s = lead_of(rules, registry, "完善社会保险关系转移接续", "做好社会保险关系跨地区转移接续。")
    assert s.lead.name == "市人力资源社会保障局"
    assert [u.name for u in s.partners][:3] == ["市医保局", "市财政局", "市税务局"]
    assert all("社会保险" in u.triggers for u in s.partners[:3])


def test_poverty_relief_unit_follows_the_plan_date(rules, registry):
    names = [lead_of(rules, registry, "巩固脱贫成果", "", day=day).lead.name
             for day in ("2020-07-01", "2022-03-01", "2025-01-01")]
    assert names == ["市扶贫办", "市乡村振兴局", "市农业农村局"]


def test_no_rule_no_suggestion_and_title_words_do_not_count(rules, registry):
    assert suggest("加强宣传引导", "营造良好氛围。", rules, registry, city="沈阳市") is None
    theme = "关于促进劳动力和人才社会性流动体制机制改革的实施方案"
    assert suggest("促进人才流动", "", rules, registry, city="沈阳市", theme=theme) is None
    assert suggest("促进人才流动", "", rules, registry, city="沈阳市").lead.name == "市委组织部"


def test_a_new_draft_carries_suggestions_and_fills_the_units(corpus):
    draft = build_draft(corpus, "大连市")
    clause = next(c for c in draft.clauses if "户籍" in c.heading)
    assert clause.suggestion.lead.name == "市公安局" and clause.lead == "市公安局"
    assert clause.partners == tuple(u.name for u in clause.suggestion.partners)
    gap = next(c for c in draft.clauses if c.to_complete)
    assert "【待起草】" not in "".join(u.name for u in (gap.suggestion.units if gap.suggestion else ()))


def test_editing_division_is_undoable_and_adopting_restores_the_suggestion(corpus):
    draft = build_draft(corpus, "鞍山市")
    cid = next(c.id for c in draft.clauses if "户籍" in c.heading)
    session = DraftSession(draft)
    session.apply("修改分工", set_division, cid, " 市发展改革委 ", ["市公安局", "", "市发展改革委", "市公安局"],
                  "2020年12月底前")
    clause = session.draft.clause(cid)
    assert (clause.lead, clause.partners, clause.deadline) == ("市发展改革委", ("市公安局",), "2020年12月底前")
    session.apply("采用建议", adopt_suggestion, cid)
    assert session.draft.clause(cid).lead == "市公安局" and session.draft.clause(cid).deadline == "2020年12月底前"
    assert session.undo() and session.undo()
    assert session.draft.clause(cid).lead == "市公安局" and session.draft.clause(cid).deadline == ""


@pytest.mark.parametrize(("form", "first", "expected"), [
    ("lead", False, "（市公安局牵头，市发展改革委、市人力资源社会保障局按职责分工负责）"),
    ("joint", False, "（市公安局、市发展改革委、市人力资源社会保障局负责）"),
    ("first-listed", True, "（市公安局、市发展改革委、市人力资源社会保障局等负责，列第一位者为牵头单位，下同）"),
    ("first-listed", False, "（市公安局、市发展改革委、市人力资源社会保障局等负责）"),
    ("lines", False, "牵头单位：市公安局\n责任单位：市发展改革委、市人力资源社会保障局\n完成时限：2020年底前"),
])
def test_inline_forms_are_the_attested_ones(form, first, expected):
    clause = DraftClause("c", "h", lead="市公安局", partners=("市发展改革委", "市人力资源社会保障局"),
                         deadline="2020年底前")
    assert inline_text(clause, form, first) == expected


def test_missing_lead_is_written_to_be_supplied():
    assert inline_text(DraftClause("c", "h"), "lead") == "（【请补充】负责）"


def test_unit_names_follow_a_new_date_of_the_plan(corpus, registry):
    from dataclasses import replace

    from desktop_app.drafting.division import set_package_following

    draft = build_draft(corpus, "鞍山市")
    cid = next(c.id for c in draft.clauses if "扶贫" in c.heading)
    draft = set_division(draft, cid, "市扶贫办", ["市财政局", "自定单位"], "")
    later = set_package_following(draft, replace(draft.package, date="2022-03-01"), registry)
    assert later.clause(cid).lead == "市乡村振兴局" and later.clause(cid).partners == ("市财政局", "自定单位")
    latest = set_package_following(later, replace(later.package, date="2025-01-01"), registry)
    assert latest.clause(cid).lead == "市农业农村局"
    same_day = set_package_following(draft, replace(draft.package, public=True), registry)
    assert same_day.clause(cid).lead == "市扶贫办"    # only a new date renames
