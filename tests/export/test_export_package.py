"""The complete document: division inline or annexed, 附件说明, 署名, 成文日期, 附注, annex pages, 版记, 印发通知."""

from __future__ import annotations

from dataclasses import replace

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from desktop_app.drafting import build_draft
from desktop_app.drafting.package import Column, DocumentPackage
from desktop_app.export import export_draft
from desktop_app.export.issuing import signature_positions

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
JOINT = ("中共鞍山市委办公室", "鞍山市人民政府办公室")


def package(**changes) -> DocumentPackage:
    base = DocumentPackage(issuers=JOINT, date="2020-07-05", cc=("省委办公厅", "省政府办公厅。"),
                           printer="鞍山市人民政府办公室", print_date="2020-07-06", public=True)
    return replace(base, **changes)


@pytest.fixture(scope="module")
def anshan(corpus, module_data_dir):
    return build_draft(corpus, "鞍山市")


def export(draft, corpus, folder, name, **changes):
    path = folder / name
    export_draft(replace(draft, package=package(**changes)), corpus, path)
    return open_docx(path)


@pytest.fixture(scope="module")
def annexed(anshan, corpus, tmp_path_factory):
    return export(anshan, corpus, tmp_path_factory.mktemp("pkg"), "annex.docx")


def texts(doc):
    return [p.text for p in doc.paragraphs]


def sections(doc):
    return doc.element.body.findall(f".//{W}sectPr")


def test_body_ends_with_annex_note_signature_date_and_public_note(annexed):
    paras = texts(annexed)
    note = paras.index("附件：重点任务分工表")
    assert paras[note - 1] == "" and paras[note + 1] == ""
    assert paras[note + 2: note + 6] == [*JOINT, "2020年7月5日", "（此件公开发布）"]


def test_signature_and_date_positions_follow_the_standard():
    sig, day = signature_positions(list(JOINT), "2020年7月5日")
    assert (sig, day) == (28 - 2 - 10, 28 - 2 - 10 + 2)          # the 署名 is the longer
    sig, day = signature_positions(["鞍山市人民政府"], "2020年12月15日")
    assert day == 28 - 2 - 7 and sig == day - 2                    # the date is the longer: it sets the place


def test_annex_is_a_landscape_section_with_label_title_and_the_division_table(annexed, anshan):
    sects = sections(annexed)
    assert len(sects) == 3
    body, annex, _ = sects
    assert annex.find(f"{W}pgSz").get(qn("w:orient")) == "landscape"
    assert annex.find(f"{W}type").get(qn("w:val")) == "nextPage"
    assert body.find(f"{W}pgSz").get(qn("w:orient")) is None
    paras = texts(annexed)
    label = paras.index("附件")
    assert paras[label + 1] == "" and paras[label + 2] == "重点任务分工表"
    label_run = annexed.paragraphs[label].runs[0]._r
    assert label_run.find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia")) == "黑体"
    table = annexed.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "重点任务", "具体措施", "牵头单位", "责任单位", "完成时限"]
    printed = [nc.clause for np in anshan.numbered() for nc in np.clauses]
    assert len(table.rows) == len(printed) + 1
    row = next(r for r in table.rows[1:] if "户籍" in r.cells[1].text)
    assert row.cells[3].text == "市公安局" and row.cells[4].text.startswith("市发展改革委、市人力资源社会保障局")
    assert row.cells[5].text == "【请补充】"
    assert [r.cells[0].text for r in table.rows[1:4]] == ["1", "2", "3"]


def test_landscape_pages_number_where_portrait_pages_do(annexed):
    annex = annexed.sections[1]
    body = annexed.sections[0]
    assert annex.footer.part is not body.footer.part and annex.even_page_footer.part is not body.even_page_footer.part
    odd = annex.footer._element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}graphicData")
    even = annex.even_page_footer._element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}"
                                                 "graphicData")
    assert 'vert="vert"' in etree_text(odd) and "PAGE" in etree_text(odd)      # odd: left edge, runs downwards
    assert 'vert="vert270"' in etree_text(even)                                # even: right edge, runs upwards
    assert annexed.sections[2].footer.part is body.footer.part                 # the 版记 page numbers as before


def etree_text(element) -> str:
    from lxml import etree

    return etree.tostring(element, encoding="unicode")


def test_colophon_is_on_an_even_page_between_separator_lines(annexed):
    final = sections(annexed)[-1]
    assert final.find(f"{W}type").get(qn("w:val")) == "evenPage"
    colophon = annexed.tables[-1]
    assert colophon.rows[0].cells[0].text == "抄送：省委办公厅，省政府办公厅。"
    assert colophon.rows[1].cells[0].text == "鞍山市人民政府办公室"
    assert colophon.rows[1].cells[1].text == "2020年7月6日印发"
    borders = colophon._tbl.find(f"{W}tblPr/{W}tblBorders")
    widths = {side: borders.find(f"{W}{side}").get(qn("w:sz")) for side in ("top", "insideH", "bottom")}
    assert widths == {"top": "8", "insideH": "6", "bottom": "8"}   # 0.35 mm, 0.25 mm, 0.35 mm
    heights = [int(r._tr.find(f"{W}trPr/{W}trHeight").get(qn("w:val"))) for r in colophon.rows]
    body = annexed.element.body
    blanks = 0
    node = colophon._tbl.getprevious()
    while (node is not None and node.tag == f"{W}p" and not "".join(node.itertext())
           and node.find(f".//{W}sectPr") is None):
        blanks += 1
        node = node.getprevious()
    assert blanks * 579 + sum(heights) == 22 * 579   # the last line on the bottom edge of the text block
    assert body.index(colophon._tbl) > body.index(annexed.tables[0]._tbl)


def test_missing_facts_are_to_be_supplied_never_guessed(anshan, corpus, tmp_path):
    doc = export(anshan, corpus, tmp_path, "bare.docx", issuers=(), date="", cc=(), printer="", print_date="",
                 public=False, notice=True)
    paras = texts(doc)
    assert paras[0] == "【请补充】"                      # the 文号
    plan = "《鞍山市关于促进劳动力和人才社会性流动体制机制改革的实施方案》"
    assert paras[2].replace("\n", "") == f"【请补充】关于印发{plan}的通知"
    assert "【请补充】" in doc.tables[-1].rows[0].cells[0].text
    assert doc.tables[-1].rows[0].cells[1].text == "【请补充】印发"
    assert len(doc.tables[-1].rows) == 1                  # no 抄送 line without recipients
    assert "（此件公开发布）" not in paras
    highlighted = [r for p in doc.paragraphs for r in p.runs if r.text == "【请补充】"]
    assert highlighted and all(r._r.find(f"{W}rPr/{W}highlight") is not None for r in highlighted)


def test_the_notice_wraps_the_plan(anshan, corpus, tmp_path):
    doc = export(anshan, corpus, tmp_path, "notice.docx", notice=True, doc_number="鞍委办发〔2020〕30号")
    paras = texts(doc)
    assert paras[0] == "鞍委办发〔2020〕30号"
    assert paras[2].replace("\n", "") == ("中共鞍山市委办公室　鞍山市人民政府办公室关于印发"
                                          "《鞍山市关于促进劳动力和人才社会性流动体制机制改革的实施方案》的通知")
    assert paras[4] == "各县（市）区党委和人民政府，市委各部委，市级国家机关各部门："
    assert paras[5] == ("《鞍山市关于促进劳动力和人才社会性流动体制机制改革的实施方案》已经市委、市政府同意，"
                        "现印发给你们，请结合实际认真贯彻落实。")
    assert paras[7:11] == [*JOINT, "2020年7月5日", "（此件公开发布）"]
    plan_title = doc.paragraphs[11]
    assert plan_title.text.replace("\n", "") == "鞍山市关于促进劳动力和人才社会性流动体制机制改革的实施方案"
    assert plan_title._p.find(f"{W}pPr/{W}pageBreakBefore") is not None
    assert paras.count("2020年7月5日") == 1            # the plan itself carries no second signature


def test_inline_division_and_chosen_columns(anshan, corpus, tmp_path):
    columns = (Column("序号", "序号"), Column("重点任务", "主要工作举措"), Column("牵头单位", "牵头部门"))
    doc = export(anshan, corpus, tmp_path, "both.docx", division="both", columns=columns)
    clause = next(p.text for p in doc.paragraphs if p.text.startswith("（五）改革户籍制度"))
    assert clause.endswith("（市公安局牵头，市发展改革委、市人力资源社会保障局按职责分工负责）")
    assert [c.text for c in doc.tables[0].rows[0].cells] == ["序号", "主要工作举措", "牵头部门"]
    lines = export(anshan, corpus, tmp_path, "lines.docx", division="inline", inline_form="lines")
    paras = texts(lines)
    at = next(i for i, t in enumerate(paras) if t.startswith("（五）改革户籍制度"))
    assert paras[at + 1] == "牵头单位：市公安局" and paras[at + 2].startswith("责任单位：市发展改革委")
    assert "附件：重点任务分工表" not in paras and len(sections(lines)) == 2


def test_no_division_at_all(anshan, corpus, tmp_path):
    doc = export(anshan, corpus, tmp_path, "none.docx", division="none")
    assert not any("牵头" in t for t in texts(doc))
    assert len(doc.tables) == 1 and len(sections(doc)) == 2


def test_no_style_carries_a_highlight(annexed):
    # Word's schema for styles has no w:highlight (Word offers to repair such a file)
    assert annexed.styles.element.findall(f".//{W}style//{W}highlight") == []


def test_the_clause_comment_names_its_units_and_why(annexed):
    comments = [c.text for c in annexed.comments]
    police = next(t for t in comments if "牵头单位 市公安局" in t)
    assert "分工：牵头单位 市公安局；责任单位 市发展改革委、市人力资源社会保障局" in police
    assert "完成时限 【请补充】" in police and "触发词：落户" in police
