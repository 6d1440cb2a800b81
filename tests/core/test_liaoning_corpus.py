"""The Liaoning measures as shipped: produced from the seed text by our own importer, nothing lost or added."""

from __future__ import annotations

import re

import pytest

from desktop_app import paths
from desktop_app.core.model import Completeness, DocumentKind
from desktop_app.core.normalize import normalize_text
from desktop_app.core.seedbuild import build_liaoning
from desktop_app.core.seedbuild import main as seedbuild_main
from desktop_app.core.xmlio import document_from_xml, document_to_xml, parse_xml_bytes

SEED = paths.policy_texts_dir() / "sources" / "liaoning-measures.txt"

PART_HEADINGS = [
    "推动经济高质量发展，筑牢社会性流动基础",
    "扩大公共服务供给，强化社会性流动保障",
    "完善评价激励机制，拓展社会性流动空间",
    "健全困难帮扶机制，阻断贫困代际传递",
]
# Typed from the seed text, clause by clause.
CLAUSE_HEADINGS = [
    "实施就业优先政策创造流动机会",
    "推动城乡区域协调发展促进流动均衡",
    "打造双创升级版激发创造活力",
    "优化营商环境增强流动动力",
    "改革户籍制度牵引区域合理流动",
    "健全公共服务体系推进流动便民化",
    "强化就业创业服务促进公平流动",
    "完善社会保险制度消除流动障碍",
    "扩大住房保障供给满足流动需求",
    "推进用人制度改革促进人才流动",
    "完善档案管理服务畅通职业转换",
    "拓展基层人员发展空间",
    "完善激励机制",
    "拓宽技术技能人才上升通道",
    "推进精准扶贫促进贫困群体向上流动",
    "推进农村和贫困地区教育发展保障起点公平",
    "推进公平就业保障困难人员发展机会",
    "强化社会救助和保障机制提高困难群众流动能力",
]
NUMS = ["一", "二", "三", "四", "五", "六", "七", "八", "九",
        "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八"]


@pytest.fixture(scope="module")
def liaoning(corpus):
    return corpus.document("liaoning")


def test_structure_four_parts_eighteen_clauses(liaoning):
    assert [p.num for p in liaoning.parts] == ["一、", "二、", "三、", "四、"]
    assert [p.heading for p in liaoning.parts] == PART_HEADINGS
    assert [len(p.clauses) for p in liaoning.parts] == [4, 7, 3, 4]
    assert [c.num for c in liaoning.clauses] == [f"（{n}）" for n in NUMS]
    assert [c.heading for c in liaoning.clauses] == CLAUSE_HEADINGS
    assert all(c.completeness is Completeness.FULL for c in liaoning.clauses)


def test_stable_ids(liaoning):
    assert liaoning.clauses[0].id == "part_1__para_1"
    assert liaoning.clauses[4].id == "part_2__para_5"
    assert liaoning.clauses[-1].id == "part_4__para_18"
    assert [p.id for p in liaoning.parts] == ["part_1", "part_2", "part_3", "part_4"]


def test_metadata_is_what_the_source_says_and_nothing_invented(liaoning):
    assert liaoning.title == "辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施"
    assert liaoning.kind is DocumentKind.PROVINCIAL
    assert (liaoning.issuer, liaoning.doc_number) == ("", "")
    assert (liaoning.date, liaoning.published_in) == ("2020-05-28", "辽宁日报")


def test_stored_text_equals_seed_under_documented_normalisation(liaoning):
    seed = SEED.read_text(encoding="utf-8")
    # The normalisation documented in desktop_app/core/normalize.py, written out independently for this seed:
    # half-width comma and brackets become full-width, and the stray spaces (all next to Chinese text) go.
    expected = seed.translate(str.maketrans({",": "，", "(": "（", ")": "）", " ": None}))
    assert liaoning.full_text() == expected.strip()
    assert normalize_text(seed).text.strip() == liaoning.full_text()


def test_no_character_lost_or_added(liaoning):
    seed = SEED.read_text(encoding="utf-8")
    stored = liaoning.full_text()
    assert len(stored) == len(seed.strip()) - seed.count(" ")
    # Every Chinese character of the seed, in order.
    han = re.compile(r"[\u4e00-\u9fff]")
    assert han.findall(stored) == han.findall(seed)


def test_provenance_records_what_was_normalised(liaoning):
    assert liaoning.provenance.normalisation == {"brackets": 21, "comma": 110, "spaces": 10}
    assert "liaoning-measures.txt" in liaoning.provenance.source
    assert any("文号" in n for n in liaoning.provenance.notes)


def test_no_half_width_punctuation_left(liaoning):
    text = liaoning.full_text()
    assert not re.search(r"[,()]| ", text)
    assert "“一网通办”" in text and "村（社区）干部、“三支一扶”" in text


def test_shipped_xml_is_a_fresh_import_of_the_seed(capsys):
    assert seedbuild_main(["--check"]) == 0, capsys.readouterr().err


def test_xml_round_trip_is_lossless():
    doc = build_liaoning(paths.policy_texts_dir())
    data = document_to_xml(doc)
    assert document_from_xml(parse_xml_bytes(data, "mem.xml"), "mem.xml") == doc
