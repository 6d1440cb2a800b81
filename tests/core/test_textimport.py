"""The plain-text importer users' own files go through."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.model import DocumentKind
from desktop_app.core.normalize import normalize_text
from desktop_app.core.textimport import import_plain_text, parse_text


def test_four_levels():
    text = (
        "序言。\n一、总体要求\n(一)加强领导。具体如下:\n1.成立领导小组。\n"
        "(1)组长由市长担任。\n(2)副组长。\n2.建立制度。\n(二)强化保障。"
    )
    parsed = parse_text(text)
    assert parsed.preamble == ("序言。",)
    (part,) = parsed.parts
    first, second = part.clauses
    assert (first.num, first.heading, first.paragraphs) == ("（一）", "加强领导", ("具体如下：",))
    assert [i.num for i in first.items] == ["1.", "2."]
    assert [s.num + s.text for s in first.items[0].items] == ["（1）组长由市长担任。", "（2）副组长。"]
    assert first.items[0].items[1].id == "part_1__para_1__item_1__subitem_2"
    assert second.heading == "强化保障" and second.id == "part_1__para_2"


def test_clauses_without_parts_and_continuation_lines():
    parsed = parse_text("（一）甲。乙。\n丙。\n（二）丁")
    (part,) = parsed.parts
    assert part.num == "" and part.id == "part_0"
    assert part.clauses[0].paragraphs == ("乙。", "丙。")
    assert (part.clauses[1].heading, part.clauses[1].heading_end) == ("丁", "")


def test_numbering_gaps_and_duplicates_are_reported():
    parsed = parse_text("一、甲\n（一）乙。\n（三）丙。\n（三）丁。")
    assert any("不连续" in w for w in parsed.warnings)
    assert [c.id for c in parsed.parts[0].clauses] == ["part_1__para_1", "part_1__para_3", "part_1__para_3_2"]


def test_normalisation_rules():
    cases = {
        "实施(一)项,共1,000人": "实施（一）项，共1,000人",
        "推进 “一网通办” 工作": "推进“一网通办”工作",
        '加快 "一网通办"': "加快“一网通办”",
        "下载(PDF)文件": "下载(PDF)文件",
        "AI technology 与 人工智能": "AI technology与人工智能",
        "  首尾空格  ": "首尾空格",
        "问题:如何?好!": "问题：如何？好！",
    }
    for raw, expected in cases.items():
        assert normalize_text(raw).text == expected, raw


def test_recorded_changes_count_each_rule():
    assert normalize_text("甲,乙,丙 (丁)").changes == {"brackets": 1, "comma": 2, "spaces": 1}


def test_metadata_passes_through():
    doc = import_plain_text("一、甲", doc_id="x", title="标题", kind=DocumentKind.CITY,
                            doc_number="沈政办发〔2020〕1号")
    assert doc.doc_number == "沈政办发〔2020〕1号" and doc.parts[0].heading == "甲"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二三十（）()、.1 2。,，甲乙\n\"“”")), max_size=200))
def test_parser_never_loses_chinese_text(text):
    parsed = parse_text(text)
    assert parsed is not None
    kept = "".join(parsed.preamble) + "".join(
        p.full_text() + "".join(c.full_text() for c in p.clauses) for p in parsed.parts
    )
    assert [ch for ch in kept if ch in "甲乙"] == [ch for ch in text if ch in "甲乙"]
