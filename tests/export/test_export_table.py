"""The 对照表: landscape, three columns, one row per clause, gaps and incomplete central text marked."""

from __future__ import annotations

import pytest
from docx import Document as open_docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from desktop_app.export import export_table
from desktop_app.export.table import HEADERS, NO_PROVINCIAL

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def table_doc(edited_draft, corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("table") / "对照表.docx"
    export_table(edited_draft, corpus, path)
    return open_docx(path)


def clause_rows(table):
    return [r for r in table.rows if len(r._tr.tc_lst) == len(HEADERS)][1:]


def test_landscape_a4(table_doc):
    section = table_doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)


def test_four_columns_with_a_repeated_header(table_doc):
    table = table_doc.tables[0]
    header = table.rows[0]
    assert tuple(c.text for c in header.cells) == HEADERS
    assert HEADERS == ("中央意见", "省实施措施", "市实施方案（草稿）", "修改说明")
    assert header._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert len(table.columns) == 4


def test_one_row_per_clause_in_draft_order(table_doc, edited_draft):
    rows = clause_rows(table_doc.tables[0])
    clauses = [nc for np in edited_draft.numbered() for nc in np.clauses]
    general = 1  # 总体要求 has no clauses: one row of its own
    assert len(rows) == len(clauses) + general
    city_texts = [r.cells[2].text for r in rows[general:]]
    assert [t.split("。")[0] + "。" for t in city_texts] == [nc.lead for nc in clauses]
    first = rows[general]
    assert first.cells[0].text.startswith("（一）实施就业优先政策创造流动机会。")
    assert first.cells[1].text.startswith("（一）实施就业优先政策创造流动机会。坚持把稳定")


def test_gaps_and_incomplete_central_clauses_are_marked(table_doc, edited_draft):
    rows = clause_rows(table_doc.tables[0])
    by_city = {r.cells[2].text.split("。")[0]: r for r in rows}
    leadership = next(r for head, r in by_city.items() if "加强组织领导" in head)
    assert leadership.cells[1].text == NO_PROVINCIAL
    assert "【仅收录部分原文，非全文】" in leadership.cells[0].text
    law = next(r for head, r in by_city.items() if "强化法治保障" in head)
    assert "【仅收录标题，正文缺失】" in law.cells[0].text
    archive = next(r for head, r in by_city.items() if "完善档案管理服务" in head)
    assert archive.cells[0].text.startswith("（六）以档案服务改革畅通职业转换。")
    assert "【仅收录标题" in archive.cells[0].text
    added = next(r for head, r in by_city.items() if "加快建设沈阳现代化都市圈" in head)
    assert "新增" in added.cells[1].text and "无对应" in added.cells[0].text
    assert rows[0].cells[1].text == NO_PROVINCIAL and rows[0].cells[0].text.startswith("一、总体要求")


def test_same_official_faces(table_doc):
    styles = {s.style_id: s.element for s in table_doc.styles}
    for style_id, face in (("PDTableText", "仿宋_GB2312"), ("PDTableHead", "黑体")):
        fonts = styles[style_id].find(f"{W}rPr/{W}rFonts")
        assert fonts.get(qn("w:eastAsia")) == face
    cell_styles = {p.style.style_id for r in table_doc.tables[0].rows for c in r.cells for p in c.paragraphs}
    assert cell_styles <= {"PDTableText", "PDTableHead"}


def test_change_notes_say_why_and_the_citys_changes_are_underlined(table_doc, edited_draft):
    rows = clause_rows(table_doc.tables[0])
    by_city = {r.cells[2].text.split("。")[0]: r for r in rows}
    three = next(r for head, r in by_city.items() if head.startswith("（二）打造双创"))
    notes = three.cells[3].text
    assert "采用建议表述“支持驻沈阳高等院校设置”" in notes
    underlined = "".join(r.text for p in three.cells[2].paragraphs for r in p.runs if r.underline)
    assert "驻沈阳" in underlined and "打造双创升级版" not in underlined
    rewritten = next(r for r in rows if "认真贯彻落实" in r.cells[2].text)
    assert "起草人结合本市实际改写" in rewritten.cells[3].text
    added = next(r for head, r in by_city.items() if "加快建设沈阳现代化都市圈" in head)
    assert added.cells[3].text == "起草人新增条款"
    assert any(p.text.startswith("说明：") for p in table_doc.paragraphs)


def test_table_pages_are_numbered(table_doc):
    section = table_doc.sections[0]
    assert table_doc.settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        assert "PAGE" in "".join(footer._element.itertext())
