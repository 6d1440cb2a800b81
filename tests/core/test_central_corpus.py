"""The central Opinions: verbatim where we have the text, marked incomplete where we don't, nothing invented."""

from __future__ import annotations

import pytest

from desktop_app import paths
from desktop_app.core.model import Completeness, DocumentKind

REFERENCE = paths.policy_texts_dir() / "sources" / "central-doc56.txt"


@pytest.fixture(scope="module")
def central(corpus):
    return corpus.document("central")


def _full_lines():
    lines = REFERENCE.read_text(encoding="utf-8").splitlines()
    start, end = lines.index("FULL"), lines.index("OUTLINE")
    return [ln for ln in lines[start + 1 : end] if ln.strip() and not ln.startswith("#")]


def test_metadata(central):
    assert central.title == "关于促进劳动力和人才社会性流动体制机制改革的意见"
    assert central.kind is DocumentKind.CENTRAL
    assert central.issuer == "中共中央办公厅、国务院办公厅"
    assert central.doc_number == "厅字〔2019〕56号"
    assert central.date == "2019-12-25"
    assert not central.is_complete


def test_structure(central):
    assert [p.num + p.heading for p in central.parts] == [
        "一、总体要求",
        "二、推动经济高质量发展，筑牢社会性流动基础",
        "三、畅通有序流动渠道，激发社会性流动活力",
        "四、完善评价激励机制，拓展社会性流动空间",
        "五、健全兜底保障机制，阻断贫困代际传递",
        "六、加强组织实施",
    ]
    assert len(central.clauses) == 16
    assert central.parts[0].clauses == ()
    assert central.parts[0].paragraphs[0].startswith("以习近平新时代中国特色社会主义思想为指导")


def test_full_text_is_verbatim_reference(central):
    full = _full_lines()
    lines = central.full_text().split("\n")
    assert lines[: len(full)] == full
    assert [c.completeness for c in central.clauses[:4]] == [Completeness.FULL] * 4


def test_incomplete_clauses_are_marked_with_notes(central):
    marks = {c.num: c.completeness for c in central.clauses[4:]}
    assert marks.pop("（五）") is Completeness.PARTIAL
    assert marks.pop("（十四）") is Completeness.PARTIAL
    assert set(marks.values()) == {Completeness.HEADING_ONLY}
    for clause in central.clauses[4:]:
        assert "导入官方全文" in clause.note


def test_no_text_invented_for_heading_only_clauses(central):
    reference = REFERENCE.read_text(encoding="utf-8")
    for clause in central.clauses[4:]:
        if clause.completeness is Completeness.HEADING_ONLY:
            assert clause.paragraphs == () and clause.items == ()
        for paragraph in clause.paragraphs:
            assert paragraph in reference  # only sentences the reference quotes
        assert clause.num + clause.heading + "。" in reference


def test_partial_clause_holds_the_quoted_sentences(central, corpus):
    clause = corpus.resolve("central", "（五）")
    assert clause.paragraphs == (
        "加大党政人才、企事业单位管理人才交流力度，进一步畅通企业、社会组织人员进入党政机关、"
        "国有企事业单位渠道。降低艰苦边远地区基层公务员招录门槛。",
    )
    assert "位置未经核实" in corpus.resolve("central", "（十四）").note
