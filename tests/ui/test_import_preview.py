"""The import window's preview of a published plan: the 印发通知 and each clause's 分工 are shown to be checked.

The .docx is written here in the shape of a published plan (notice wrapper, plan, annex 分工表, 版记); the city
测试市 and every line of it are test content.
"""

from __future__ import annotations

import docx
import pytest

from desktop_app.ui.import_dialog import ImportDialog

# WORKAROUND: Qt's offscreen platform plugin warns "This plugin does not support propagateSizeHints()"
# when a top-level window's size constraints change (QTBUG-67413); harmless.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

ISSUER = "测试市人民政府办公室"
PLAN = "测试市稳就业测试实施方案"
NOTICE_TITLE = f"{ISSUER}关于印发《{PLAN}》的通知"
ADDRESSEES = "各县（市）区人民政府，市政府各部门"
DOC_NUMBER = "测政办发〔2022〕7号"
LINES = [
    f"{ISSUER}文件", DOC_NUMBER, NOTICE_TITLE, f"{ADDRESSEES}：",
    f"《{PLAN}》已经市政府同意，现印发给你们，请认真贯彻落实。", ISSUER, "2022年3月8日",
    PLAN,
    "为做好测试工作（本段为测试文本），制定本方案。",
    "一、稳定就业岗位",
    "（一）扩大测试岗位。开发测试性岗位（测试文本）。",
    "（二）加强测试培训。开展测试技能培训（测试文本）。",
    "附件：重点任务分工表",
]
TABLE = [
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "（一）扩大测试岗位", "市测试人社局", "市测试财政局、市测试民政局", "2022年底前"],
    ["2", "（二）加强测试培训", "市测试教育局", "市测试人社局", "持续推进"],
]


def published_docx(path):
    d = docx.Document()
    for text in LINES:
        d.add_paragraph(text)
    d.add_page_break()
    d.add_paragraph("附件")
    d.add_paragraph("重点任务分工表")
    table = d.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for i, row in enumerate(TABLE):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    d.add_paragraph("抄送：市委办公室。")
    d.add_paragraph(f"{ISSUER}　　　2022年3月9日印发")
    d.save(path)
    return path


def structure_rows(dialog):
    rows, pending = [], [dialog.structure.topLevelItem(i) for i in range(dialog.structure.topLevelItemCount())]
    while pending:
        item = pending.pop(0)
        rows.append((item.text(0), item.text(1)))
        pending[:0] = [item.child(j) for j in range(item.childCount())]
    return rows


def test_the_preview_shows_the_notice_its_number_and_each_clauses_lead(qtbot, corpus, tmp_path):
    dialog = ImportDialog(corpus, published_docx(tmp_path / "ceshi.docx"))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.analysisFinished, timeout=60_000) as done:
        pass
    assert done.args == [True]
    details = dialog.details.text()
    assert f"印发通知：{NOTICE_TITLE}（主送：{ADDRESSEES}）" in details
    assert f"文号、发文机关、日期取自印发通知：{DOC_NUMBER}；{ISSUER}；2022-03-08" in details
    assert (dialog.title_edit.text(), dialog.number_edit.text()) == (PLAN, DOC_NUMBER)
    rows = structure_rows(dialog)
    first = rows.index(("（一）", "扩大测试岗位"))
    assert rows[first + 1:first + 4] == [("分工", "牵头单位 市测试人社局"),
                                         ("", "责任单位 市测试财政局、市测试民政局"), ("", "完成时限 2022年底前")]
    second = rows.index(("（二）", "加强测试培训"))
    assert rows[second + 1] == ("分工", "牵头单位 市测试教育局")


def test_a_plan_without_notice_shows_no_notice_lines(qtbot, corpus, tmp_path):
    path = tmp_path / "plain.docx"
    d = docx.Document()
    for text in LINES[7:12]:
        d.add_paragraph(text)
    d.save(path)
    dialog = ImportDialog(corpus, path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.analysisFinished, timeout=60_000) as done:
        pass
    assert done.args == [True]
    assert "印发通知" not in dialog.details.text()
    assert not any(num == "分工" or text.startswith("牵头单位") for num, text in structure_rows(dialog))
