"""Plans as cities publish them: wrapped in a 印发通知, with an annex 分工表 and a 版记.

Every document here is written for the test in the shape of real published plans (the wrapper of
昆办通〔2021〕40号, the annex columns of city-plan-conventions §1); the city 试点市 and its text are
invented and marked as test content, never shipped.
"""

from __future__ import annotations

import json

import docx
import pytest

from desktop_app.cli import main
from desktop_app.core.corpus import Corpus
from desktop_app.importing import commit_import, load_file, prepare_import
from desktop_app.importing.errors import DuplicateContentError

ISSUERS = "中共试点市委办公室　试点市人民政府办公室"
PLAN = "试点市促进劳动力和人才社会性流动体制机制改革实施方案"
NOTICE_TEXT = f"《{PLAN}》已经市委、市政府同意，现印发给你们，请结合实际认真贯彻落实。"
ADDRESSEES = "各县（市）区党委和人民政府，市委各部委，市级国家机关各部门，各人民团体"
BODY = [
    "为贯彻落实省委、省政府有关部署（本段为测试文本），结合我市实际，制定本方案。",
    "一、畅通有序流动渠道",
    "（一）深化户籍制度改革。放宽城区落户条件，简化迁移手续（测试文本）。",
    "（二）健全社会救助体系。完善最低生活保障和特困人员救助供养制度（测试文本）。",
    "二、强化组织保障",
    "（三）加强组织领导。各地区各部门要把本方案落实情况纳入年度考核（测试文本）。",
]
HEADER_ROW = ["序号", "主要工作举措", "具体措施", "牵头单位", "配合单位", "完成时限"]
ROWS = [
    ["1", "（一）深化户籍制度改革", "放宽落户条件", "市公安局", "市发展改革委、市人力资源社会保障局", "2021年12月底前"],
    ["2", "（一）深化户籍制度改革", "推行网上迁移", "", "市数据局", "2022年6月底前"],          # 牵头单位 merged above
    ["3", "健全社会救助体系", "完善低保制度", "市民政局", "市财政局、市医保局", "持续推进"],        # heading only
    ["4", "加强组织领导", "纳入年度考核", "市委组织部", "各县（市）区政府", "长期坚持"],
]


def notice_docx(path, *, rows=ROWS, header=HEADER_ROW):
    d = docx.Document()
    for text in ["试点市人民政府办公室文件", "试点办通〔2021〕40号", ISSUERS,
                 "关于印发《试点市促进劳动力和人才社会性流动", "体制机制改革实施方案》的通知",
                 f"{ADDRESSEES}：", NOTICE_TEXT, ISSUERS, "2021年6月3日", "（此件公开发布）", PLAN, *BODY,
                 "附件：重点任务分工表"]:
        d.add_paragraph(text)
    d.add_page_break()
    d.add_paragraph("附件")
    d.add_paragraph("重点任务分工表")
    table = d.add_table(rows=1 + len(rows), cols=len(header))
    for i, row in enumerate([header, *rows]):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    lead = header.index("牵头单位") if "牵头单位" in header else None
    if lead is not None and rows is ROWS:
        table.cell(1, lead).merge(table.cell(2, lead))   # as Word does: the lead printed once for both measures
        table.cell(1, lead).text = "市公安局"
    d.add_paragraph("抄送：市纪委监委机关，市人大常委会办公室，市政协办公室。")
    d.add_paragraph("试点市人民政府办公室　　　2021年6月4日印发")
    d.save(path)
    return path


def clause_texts(doc):
    return [c.full_text() for c in doc.clauses]


def test_docx_notice_is_metadata_and_the_plan_is_the_document(files):
    doc = load_file(notice_docx(files / "shidian.docx")).document
    assert doc.title == PLAN
    assert (doc.doc_number, doc.date) == ("试点办通〔2021〕40号", "2021-06-03")
    assert doc.issuer == "中共试点市委办公室、试点市人民政府办公室"
    assert doc.kind.value == "city"
    assert doc.notice.title == f"{ISSUERS}关于印发《{PLAN}》的通知"
    assert doc.notice.addressees == ADDRESSEES
    assert doc.notice.paragraphs == (NOTICE_TEXT,)
    assert doc.preamble == (BODY[0],)
    assert [p.heading for p in doc.parts] == ["畅通有序流动渠道", "强化组织保障"]
    assert clause_texts(doc) == [BODY[2], BODY[3], BODY[5]]


def test_docx_annex_table_is_the_division_and_nothing_is_glued(files):
    doc = load_file(notice_docx(files / "shidian.docx")).document
    first, second, third = (c.division for c in doc.clauses)
    assert (first.lead, first.partners) == ("市公安局", ("市发展改革委", "市人力资源社会保障局", "市数据局"))
    assert first.deadline == "2021年12月底前；2022年6月底前"
    assert (second.lead, second.partners, second.deadline) == ("市民政局", ("市财政局", "市医保局"), "持续推进")
    assert (third.lead, third.partners, third.deadline) == ("市委组织部", ("各县（市）区政府",), "长期坚持")
    everything = doc.full_text()
    for word in ("附件", "分工表", "长期坚持", "抄送", "印发机关", "2021年6月4日印发"):
        assert word not in everything
    assert "各县（市）区政府" not in doc.issuer
    assert any("3 条" in n for n in doc.provenance.notes)


def test_txt_with_other_brackets_joint_issuers_and_no_annex(files):
    text = "\n".join([
        "中共试点市委办公室", "试点市人民政府办公室", "关于印发《试点市就业促进工作方案》的通知",
        "试点委办发﹝2022﹞7号", "各县（市）区委、区人民政府：",
        "《试点市就业促进工作方案》已经市委、市政府同意，现印发给你们，请认真组织实施。",
        "中共试点市委办公室", "试点市人民政府办公室", "2022年3月15日",
        "试点市就业促进工作方案", "一、主要任务", "（一）稳定就业岗位。落实减负稳岗政策（测试文本）。",
        "（二）加强技能培训。开展职业技能提升行动（测试文本）。",
    ])
    path = files / "jiuye.txt"
    path.write_text(text, encoding="utf-8")
    doc = load_file(path).document
    assert (doc.title, doc.doc_number) == ("试点市就业促进工作方案", "试点委办发〔2022〕7号")
    assert (doc.issuer, doc.date) == ("中共试点市委办公室、试点市人民政府办公室", "2022-03-15")
    assert doc.notice.addressees == "各县（市）区委、区人民政府"
    assert doc.notice.title == "中共试点市委办公室　试点市人民政府办公室关于印发《试点市就业促进工作方案》的通知"
    assert doc.preamble == ()
    assert clause_texts(doc) == ["（一）稳定就业岗位。落实减负稳岗政策（测试文本）。",
                                 "（二）加强技能培训。开展职业技能提升行动（测试文本）。"]
    assert all(c.division is None for c in doc.clauses)


def test_plan_without_notice_keeps_its_signature_and_never_takes_a_table_row_as_issuer(files):
    d = docx.Document()
    for text in [PLAN, *BODY, "附件：重点任务分工表", "试点市人民政府", "2021年6月3日"]:
        d.add_paragraph(text)
    d.add_paragraph("附件")
    table = d.add_table(rows=2, cols=4)
    for j, text in enumerate(["序号", "重点任务", "牵头单位", "责任单位"]):
        table.cell(0, j).text = text
    for j, text in enumerate(["1", "加强组织领导", "市委组织部", "市人力资源社会保障局"]):
        table.cell(1, j).text = text
    d.save(files / "plain.docx")
    doc = load_file(files / "plain.docx").document
    assert doc.notice is None
    assert (doc.title, doc.issuer, doc.date) == (PLAN, "试点市人民政府", "2021-06-03")
    assert clause_texts(doc)[-1] == BODY[5]
    assert doc.clauses[-1].division.lead == "市委组织部"
    assert doc.clauses[0].division is None


def test_rows_matching_no_clause_are_named_not_guessed(files):
    rows = [["1", "（九）完善人才评价体系", "改革职称评审", "市人力资源社会保障局", "", "2022年底前"]]
    doc = load_file(notice_docx(files / "odd.docx", rows=rows)).document
    assert all(c.division is None for c in doc.clauses)
    assert any("1 行未能对应到条款" in n and "（九）完善人才评价体系" in n for n in doc.provenance.notes)


def test_html_notice_is_recognised(files):
    paragraphs = "".join(f"<p>{t}</p>" for t in [
        "试点办通﹝2021﹞40号", f"{ISSUERS}关于印发《{PLAN}》的通知", f"{ADDRESSEES}：", NOTICE_TEXT, ISSUERS,
        "2021年6月3日", PLAN, *BODY])
    page = (f"<html><head><meta charset='utf-8'><title>{PLAN}</title></head>"
            f"<body><div class='article'>{paragraphs}</div></body></html>")
    (files / "page.html").write_text(page, encoding="utf-8")
    doc = load_file(files / "page.html").document
    assert (doc.title, doc.doc_number) == (PLAN, "试点办通〔2021〕40号")
    assert doc.notice is not None and clause_texts(doc) == [BODY[2], BODY[3], BODY[5]]


def test_saved_division_reads_back_and_show_prints_it(files, data_dir, capsys):
    plan = prepare_import(Corpus.load_default(), notice_docx(files / "shidian.docx"), doc_id="shidian")
    commit_import(plan, update_index=False)
    stored = Corpus.load_default().document("shidian")
    assert stored == plan.document
    assert main(["show", "shidian", "（二）", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["division"] == {"lead": "市民政局", "partners": ["市财政局", "市医保局"], "deadline": "持续推进"}
    assert main(["show", "shidian", "1"]) == 0
    shown = capsys.readouterr().out
    assert "牵头单位 市公安局；责任单位 市发展改革委、市人力资源社会保障局、市数据局" in shown
    assert main(["show", "shidian", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["notice"]["addressees"] == ADDRESSEES


def test_reimport_is_a_duplicate_unless_replacing(files, data_dir):
    path = notice_docx(files / "shidian.docx")
    commit_import(prepare_import(Corpus.load_default(), path, doc_id="shidian"), update_index=False)
    again = prepare_import(Corpus.load_default(), path, doc_id="shidian2")
    assert again.duplicate_of == "shidian"
    with pytest.raises(DuplicateContentError):
        commit_import(again, update_index=False)
    same_id = prepare_import(Corpus.load_default(), path, doc_id="shidian")
    commit_import(same_id, update_index=False, replace_existing=True)
    assert Corpus.load_default().document("shidian").clauses[0].division.lead == "市公安局"


def test_documents_without_notice_or_division_are_written_as_before(corpus, files):
    from desktop_app.core.xmlio import document_to_xml, read_document

    shipped = corpus.document("liaoning")
    data = document_to_xml(shipped)
    assert b"<notice" not in data and b"<division" not in data
    (files / "old.xml").write_bytes(data)
    again = read_document(files / "old.xml")
    assert again == shipped and again.notice is None and all(c.division is None for c in again.clauses)


def test_notice_with_points_of_its_own_stays_the_notice(files):
    """"……印发给你们，并就有关事项通知如下": the notice's own 一、二、 are not the plan's."""
    title = "2021年试点市重点工作任务分解方案"
    text = "\n".join([
        "市人民政府办公室关于印发2021年试点市", "重点工作任务分解方案的通知", "试政办发〔2021〕1号",
        "各县（市）区人民政府，市政府各部门：",
        f"《{title}》已经市政府同意，现印发给你们，并就有关事项通知如下（测试文本）：",
        "一、压实工作责任。各牵头单位要细化工作举措（测试文本）。",
        "二、加强督查考核。各牵头单位每月报送进展情况（测试文本）。",
        "试点市人民政府办公室", "2021年1月25日", "（此件公开发布）",
        title, "一、经济发展", "（一）稳住经济基本盘。全年地区生产总值增长6%左右（测试文本）。",
    ])
    (files / "tasks.txt").write_text(text, encoding="utf-8")
    doc = load_file(files / "tasks.txt").document
    assert (doc.title, doc.issuer, doc.doc_number, doc.date) == (
        title, "试点市人民政府办公室", "试政办发〔2021〕1号", "2021-01-25")
    assert [p.heading for p in doc.parts] == ["经济发展"]
    assert len(doc.notice.paragraphs) == 3 and doc.notice.paragraphs[1].startswith("一、压实工作责任")


def test_division_written_in_the_clauses_is_read(files):
    """The inline forms of city-plan-conventions §1: a bracket after the measure, or lines under it."""
    text = "\n".join([
        PLAN, "一、主要任务",
        "（一）深化户籍制度改革。放宽落户条件（测试文本）。（市公安局牵头，市发展改革委、市人力资源社会保障局按职责分工负责）",
        "（二）促进就业。实施就业优先政策（测试文本）。（市发展改革委、市人力资源社会保障局等负责，列第一位者为牵头单位，下同）",
        "（三）强化住房保障。扩大保障性住房供给（测试文本）。", "牵头单位：市住房城乡建设局",
        "责任单位：市财政局等有关部门，各区、县（市）政府", "完成时限：2022年底前",
        "（四）营造良好氛围。加强宣传，扩大社会各界参与（由媒体负责）。",
    ])
    (files / "inline.txt").write_text(text, encoding="utf-8")
    doc = load_file(files / "inline.txt").document
    first, second, third, fourth = (c.division for c in doc.clauses)
    assert (first.lead, first.partners) == ("市公安局", ("市发展改革委", "市人力资源社会保障局"))
    assert (second.lead, second.partners) == ("市发展改革委", ("市人力资源社会保障局",))
    assert (third.lead, third.partners, third.deadline) == (
        "市住房城乡建设局", ("市财政局等有关部门", "各区、县（市）政府"), "2022年底前")
    assert fourth is None
    assert doc.clauses[0].full_text().endswith("按职责分工负责）")   # the text stays as printed


def test_two_row_table_head(files):
    """责任单位 spanning 牵头单位 | 配合单位 in a second head row, as many 分工表 print it."""
    d = docx.Document()
    for text in [PLAN, *BODY]:
        d.add_paragraph(text)
    d.add_paragraph("附件")
    table = d.add_table(rows=3, cols=4)
    for i, row in enumerate([["序号", "重点任务", "责任单位", "责任单位"], ["序号", "重点任务", "牵头单位", "配合单位"],
                             ["1", "健全社会救助体系", "市民政局", "市医保局"]]):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    table.cell(0, 2).merge(table.cell(0, 3))
    d.save(files / "twohead.docx")
    doc = load_file(files / "twohead.docx").document
    assert (doc.clauses[1].division.lead, doc.clauses[1].division.partners) == ("市民政局", ("市医保局",))
    assert doc.clauses[0].division is None and "序号" not in doc.full_text()


def test_import_preview_shows_notice_and_division(files, data_dir, capsys):
    assert main(["import", str(notice_docx(files / "shidian.docx"))]) == 0
    out = capsys.readouterr().out
    assert f"印发通知：{ISSUERS}关于印发《{PLAN}》的通知（主送：{ADDRESSEES}）" in out
    assert "分工（原文件）：牵头单位 市民政局；责任单位 市财政局、市医保局；完成时限 持续推进" in out


def test_html_annex_table_with_merged_cells(files):
    rows = ("<tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>责任单位</th><th>完成时限</th></tr>"
            "<tr><td>1</td><td>（一）深化户籍制度改革</td><td rowspan='2'>市公安局</td><td>市发展改革委</td>"
            "<td>2021年底前</td></tr>"
            "<tr><td>2</td><td>（一）深化户籍制度改革</td><td>市数据局</td><td>2022年底前</td></tr>"
            "<tr><td>3</td><td>加强组织领导</td><td>市委组织部</td><td colspan='2'>各县（市）区政府</td></tr>")
    body = "".join(f"<p>{t}</p>" for t in [PLAN, *BODY, "附件", "重点任务分工表"])
    page = f"<html><head><meta charset='utf-8'></head><body><div>{body}<table>{rows}</table></div></body></html>"
    (files / "annex.html").write_text(page, encoding="utf-8")
    doc = load_file(files / "annex.html").document
    first, second, third = (c.division for c in doc.clauses)
    assert (first.lead, first.partners, first.deadline) == (
        "市公安局", ("市发展改革委", "市数据局"), "2021年底前；2022年底前")
    assert second is None
    assert (third.lead, third.partners, third.deadline) == ("市委组织部", ("各县（市）区政府",), "")
    assert "市数据局" not in doc.full_text()
