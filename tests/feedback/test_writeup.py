"""The 意见采纳情况表 and the 起草说明: columns, grouping, totals, sections from data, placeholders."""

from __future__ import annotations

from dataclasses import replace

import pytest
from docx2python import docx2python

from desktop_app.drafting import edit as ed
from desktop_app.feedback.adoption import export_adoption
from desktop_app.feedback.decide import decide
from desktop_app.feedback.explain import export_explanation, sections
from desktop_app.feedback.items import FeedbackItem, Kind, Match, Status
from desktop_app.feedback.versions import save_version


def item(n: int, unit: str, clause_id: str | None, status: Status = Status.PENDING, reason: str = "", *,
         kind: Kind = Kind.COMMENT) -> FeedbackItem:
    return FeedbackItem(id=f"fb_{n:010d}", kind=kind, unit=unit, author=unit or "王芳", date="2026-03-02",
                        file=f"{unit or 'x'}.docx", quote="引文", text=f"意见{n}", clause_id=clause_id,
                        match=Match.ANCHOR if clause_id else Match.NONE, status=status, reason=reason)


@pytest.fixture
def decided(base_draft):
    items = (item(1, "鞍山市公安局", "part_2__para_5", Status.ADOPTED, "已采纳并修改"),
             item(2, "鞍山市教育局", "part_1__para_1", Status.REJECTED),
             item(3, "鞍山市公安局", "part_1__para_1", Status.PARTLY, "部分采纳：保留原表述"),
             item(4, "", None))
    return replace(base_draft, feedback=items)


def test_the_adoption_table_is_grouped_by_clause_in_draft_order_with_totals(decided, tmp_path):
    path = export_adoption(decided, tmp_path / "意见采纳情况表.docx")
    with docx2python(path) as doc:
        rows = [[" ".join(cell).strip() for cell in row] for row in doc.body[1]]
    rows = [r[:1] if len(set(r)) == 1 else r for r in rows]      # a merged row reads as one cell repeated
    assert rows[0] == ["序号", "反馈单位", "条款", "意见内容", "是否采纳", "处理情况及理由"]
    data = [r for r in rows[1:] if len(r) == 6]
    assert [r[0] for r in data] == ["1", "2", "3", "4"]
    assert [(r[1], r[2], r[4]) for r in data] == [
        ("鞍山市教育局", "（一）", "不采纳"), ("鞍山市公安局", "（一）", "部分采纳"),
        ("鞍山市公安局", "（五）", "采纳"), ("单位待确认（作者：王芳）", "未对应条款", "待定")]
    assert data[0][5] == "【请补充】"              # a rejection needs a stated reason
    assert data[0][3] == "（针对“引文”）意见2"
    groups = [r[0] for r in rows[1:] if len(r) == 1]
    assert groups[0].startswith("（一）") and groups[-1].startswith("合计：共 2 个单位反馈意见 4 条")
    assert "采纳 1 条，部分采纳 1 条，不采纳 1 条，待定 1 条" in groups[-1]
    assert "另有 1 条意见的反馈单位待确认" in groups[-1]


def test_the_explanation_comes_from_data_and_marks_the_rest(decided, corpus, tmp_path):
    draft = save_version(decided, "征求意见稿")
    draft = ed.set_included(draft, "part_1__para_2", False)
    made = dict(sections(draft, corpus))
    assert list(made) == ["起草目的和依据", "起草过程", "征求意见及采纳情况", "与相关部门协调情况和不同意见",
                          "主要内容", "与省实施措施相比的主要调整", "需要说明的其他事项"]
    assert "厅字〔2019〕56号" in made["起草目的和依据"][0] and "文号【请补充】" in made["起草目的和依据"][0]
    assert made["起草目的和依据"][1] == "起草目的：【请补充】。"
    assert any("形成《方案》征求意见稿" in line for line in made["起草过程"])
    assert made["征求意见及采纳情况"][0] == "就《方案》征求了鞍山市公安局、鞍山市教育局的意见（共 2 个单位）。"
    numbered = draft.numbered()
    assert made["主要内容"][0] == f"《方案》共 {len(numbered)} 个部分 {sum(len(p.clauses) for p in numbered)} 条。"
    left_out = draft.clause("part_1__para_2").heading
    assert any(left_out in line and "【请补充】" in line for line in made["与省实施措施相比的主要调整"])
    assert any("尚待起草" in line for line in made["需要说明的其他事项"])
    assert any("尚有 1 条反馈意见待研究决定" in line for line in made["需要说明的其他事项"])
    path = export_explanation(draft, corpus, tmp_path / "起草说明.docx")
    with docx2python(path) as doc:
        text = doc.text
    assert text.startswith("关于《鞍山市关于促进劳动力和人才社会性流动体制机制改革的实施方案》的起草说明")
    assert "一、起草目的和依据" in text and "七、需要说明的其他事项" in text


def test_unresolved_conflicts_are_open_matters(decided, corpus):
    clause = decided.clause("part_1__para_4")
    words = clause.body[10:16]
    before, after = clause.body[:10], clause.body[16:30]
    two = tuple(replace(item(10 + n, unit, clause.id, kind=Kind.DELETION), quote=words, before=before[-20:],
                        after=after) for n, unit in enumerate(("鞍山市公安局", "鞍山市财政局")))
    three = replace(two[1], id="fb_0000000099", kind=Kind.INSERTION, quote="别的词", before=before + words,
                    after=after)
    draft = replace(decided, feedback=(*decided.feedback, *two, three))   # 财政局 replaces what 公安局 deletes
    lines = dict(sections(draft, corpus))["与相关部门协调情况和不同意见"]
    assert any(words in line and "鞍山市公安局与鞍山市财政局" in line for line in lines)
    assert decide(draft, "fb_0000000099", Status.REJECTED) is not None
