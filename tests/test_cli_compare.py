"""``policydesk compare``: the same comparison and verdict as the window, as text, JSON and a Word table."""

from __future__ import annotations

import json

from docx import Document as read_docx

from desktop_app.cli import main
from desktop_app.drafting import build_draft, save_draft


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_of_a_provincial_clause_against_its_central_clause(capsys):
    code, out, _ = run(capsys, "compare", "central:（四）", "liaoning:（五）", "--json")
    assert code == 0
    data = json.loads(out)
    assert 0.3 < data["similarity"] < 0.6
    assert {op for op, _ in data["diff"]} == {"equal", "insert", "delete"}
    assert ["insert", "统筹推进普通劳动者落户"] in data["diff"]
    assert data["verdict"] == "same" and data["incomplete"] is None
    omitted = [c for c in data["modal_changes"] if c["kind"] == "omitted"]
    assert any("确保社会保险缴纳年限" in c["a"] for c in omitted)  # left out, not "softened"
    assert "删去 1 句含约束性词语" in data["summary"]


def test_text_and_a_heading_only_clause(capsys):
    code, out, _ = run(capsys, "compare", "central:6", "liaoning:（十一）")
    assert code == 0
    assert "〔增：完善档案管理〕" in out
    assert "对照不完整：中央（六）在知识库中仅有标题，不判断措辞强弱。" in out
    code, out, _ = run(capsys, "compare", "central:（四）", "liaoning:（五）")
    assert "  · 删去 1 句含约束性词语\n" in out
    assert "    删去一句：完善城区常住人口500万以上的超大特大城市积分落户政策，精简积分项目，确保" in out
    code, out, _ = run(capsys, "compare", "central:6", "liaoning:（十一）", "--json")
    assert json.loads(out)["verdict"] is None
    assert json.loads(out)["incomplete"] == "中央（六）在知识库中仅有标题"


def test_a_draft_clause(capsys, corpus, tmp_path):
    draft = build_draft(corpus, "沈阳市")
    save_draft(draft, tmp_path / "d.json")
    code, out, _ = run(capsys, "compare", "liaoning:（五）", "draft:（五）", "--draft", str(tmp_path / "d.json"),
                       "--json")
    assert code == 0
    data = json.loads(out)
    assert data["b"]["name"] == "沈阳市草稿（五）"
    assert data["similarity"] > 0.8


def test_bad_addresses_exit_2(capsys):
    assert run(capsys, "compare", "draft:5", "liaoning:5")[0] == 2
    code, _, err = run(capsys, "compare", "liaoning", "liaoning:5")
    assert code == 2 and "文档:条款" in err
    assert run(capsys, "compare", "liaoning:（九十）", "liaoning:5")[0] == 2


def test_word_table_marks_the_differences(capsys, tmp_path):
    target = tmp_path / "对照.docx"
    code, out, _ = run(capsys, "compare", "central:（四）", "liaoning:（五）", "-o", str(target))
    assert code == 0 and "已导出对照表" in out
    doc = read_docx(str(target))
    table = doc.tables[0]
    assert len(table.columns) == 2
    assert table.rows[0].cells[0].text == "A　中央（四）" and table.rows[0].cells[1].text == "B　辽宁（五）"
    struck = "".join(r.text for p in table.rows[1].cells[0].paragraphs for r in p.runs if r.font.strike)
    underlined = "".join(r.text for p in table.rows[1].cells[1].paragraphs for r in p.runs if r.font.underline)
    assert "确保社会保险缴纳年限" in struck and "统筹推进普通劳动者落户" in underlined
    assert "删去 1 句含约束性词语" in doc.tables[1].rows[1].cells[0].text
    assert run(capsys, "compare", "central:4", "liaoning:5", "-o", str(target))[0] == 1  # not overwritten
