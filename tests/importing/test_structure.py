"""Header and structure detection, with property tests on arbitrary and generated text."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.numerals import int_to_cn
from desktop_app.importing import NoStructureError
from desktop_app.importing.build import structure_text
from desktop_app.importing.header import parse_date, split_header
from desktop_app.linking.docnumber import normalise_doc_number


@pytest.mark.parametrize(("raw", "expected"), [
    ("厅字〔2019〕56号", "厅字〔2019〕56号"),
    ("辽政办发[2020]12号", "辽政办发〔2020〕12号"),
    ("辽政办发（2020）12 号", "辽政办发〔2020〕12号"),
    ("国发［2019］3号", "国发〔2019〕3号"),
])
def test_document_numbers(raw, expected):
    assert normalise_doc_number(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("2019年12月25日", "2019-12-25"), ("（2020年5月8日）", "2020-05-08"),
    ("二〇二〇年五月二十八日", "2020-05-28"), ("2020年13月1日", ""), ("于2020年5月8日印发", ""),
])
def test_dates(raw, expected):
    assert parse_date(raw) == expected


def test_header_and_signature_become_metadata():
    """A 印发通知 without its own signature: the document is the Opinions it issues, with the notice's metadata."""
    text = ("中共中央办公厅 国务院办公厅印发《关于促进劳动力和人才社会性流动体制机制改革的意见》的通知\n"
            "厅字〔2019〕56号\n各省、自治区、直辖市党委和人民政府：\n现将《意见》印发给你们，请结合实际认真贯彻落实。\n"
            "一、总体要求\n（一）加强领导。建立机制。\n中共中央办公厅\n国务院办公厅\n2019年12月25日\n")
    doc = structure_text(text, doc_id="x").document
    assert doc.title == "关于促进劳动力和人才社会性流动体制机制改革的意见"
    assert (doc.doc_number, doc.date, doc.kind.value) == ("厅字〔2019〕56号", "2019-12-25", "central")
    assert doc.issuer == "中共中央办公厅、国务院办公厅"
    assert doc.preamble == ()
    assert doc.notice.title.startswith("中共中央办公厅　国务院办公厅印发《关于促进")
    assert doc.notice.addressees == "各省、自治区、直辖市党委和人民政府"
    assert doc.notice.paragraphs == ("现将《意见》印发给你们，请结合实际认真贯彻落实。",)
    assert doc.clauses[0].paragraphs == ("建立机制。",)


def test_two_line_title():
    header, rest = split_header(["辽宁省关于促进劳动力和人才社会性流动", "体制机制改革的实施措施", "一、甲"],
                                lambda line: line.startswith("一、"))
    assert header.title == "辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施" and rest == ["一、甲"]


def test_articles_with_chapters_and_items():
    text = ("某市人才工作办法\n第一章 总则\n第一条 为了促进人才流动，制定本办法。\n第二条 本办法适用于下列人员：\n"
            "（一）高校毕业生；\n（二）技术技能人才。\n第二章 附则\n第三条 本办法自印发之日起施行。\n")
    doc = structure_text(text, doc_id="rules").document
    assert [(p.num, p.heading) for p in doc.parts] == [("第一章", "总则"), ("第二章", "附则")]
    assert [(c.num, c.heading) for c in doc.clauses] == [
        ("第一条", "为了促进人才流动，制定本办法"), ("第二条", "本办法适用于下列人员："),
        ("第三条", "本办法自印发之日起施行")]
    assert [i.num + i.text for i in doc.clauses[1].items] == ["（一）高校毕业生；", "（二）技术技能人才。"]


def test_no_numbering_is_refused_or_split_by_paragraph():
    with pytest.raises(NoStructureError, match="按段落导入"):
        structure_text("第一段话。\n第二段话。", doc_id="p")
    doc = structure_text("第一段话。\n第二段话。", doc_id="p", by_paragraph=True).document
    assert [c.num for c in doc.clauses] == ["第1段", "第2段"]


_HAN = st.text(alphabet=st.sampled_from(list("人才流动推进加强服务保障机制体系就业创业档案公共基层")),
               min_size=2, max_size=12)
_ANY = st.text(alphabet=st.sampled_from(list("一二三十（）()、.第条章1 2。,，甲乙\n〔〕号年月日关于的意见市省“”")),
               max_size=300)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ANY)
def test_arbitrary_text_is_structured_or_refused_and_no_chinese_is_lost(text):
    try:
        got = structure_text(text, doc_id="x", by_paragraph=True)
    except NoStructureError:
        return
    except Exception as exc:  # only the typed import errors may come out
        assert type(exc).__module__.startswith("desktop_app"), exc
        return
    kept = "".join(got.header.taken) + got.document.full_text()
    for ch in "甲乙关于意见":
        assert kept.count(ch) == text.count(ch), ch


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.tuples(_HAN, _HAN), min_size=1, max_size=4), min_size=1, max_size=4))
def test_generated_plans_are_parsed_back(parts):
    lines, expected, n = ["某市实施方案"], [], 0
    for i, clauses in enumerate(parts, 1):
        lines.append(f"{int_to_cn(i)}、{clauses[0][0]}")
        for heading, body in clauses:
            n += 1
            lines.append(f"（{int_to_cn(n)}）{heading}。{body}。")
            expected.append((f"（{int_to_cn(n)}）", heading, (f"{body}。",)))
    doc = structure_text("\n".join(lines), doc_id="g").document
    assert [(c.num, c.heading, c.paragraphs) for c in doc.clauses] == expected
    assert len(doc.parts) == len(parts)
    assert len({c.id for c in doc.clauses}) == len(expected)


@settings(max_examples=40, deadline=None)
@given(st.lists(_HAN, min_size=1, max_size=30))
def test_generated_articles_are_parsed_back(bodies):
    text = "\n".join(f"第{int_to_cn(i)}条 {b}。" for i, b in enumerate(bodies, 1))
    doc = structure_text(text, doc_id="a").document
    assert [c.num for c in doc.clauses] == [f"第{int_to_cn(i)}条" for i in range(1, len(bodies) + 1)]
    assert [c.heading for c in doc.clauses] == bodies
    assert all(re.fullmatch(r"part_0__para_\d+", c.id) for c in doc.clauses)
