"""``policydesk coverage --by-city``: the three-level matrix as text, JSON and a Word table."""

from __future__ import annotations

import json

from docx import Document as read_docx

from desktop_app.cli import main
from desktop_app.drafting import build_draft, save_draft
from tests.core.cityplans import install_city_plans


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_and_json(capsys, data_dir):
    install_city_plans(data_dir)
    code, out, _ = run(capsys, "coverage", "--by-city")
    assert code == 0
    assert "    鞍山市（anshan）：鞍山（一）（经辽宁（五））；鞍山（四）" in out
    assert "    鞍山市（anshan）：【缺口】；相关：鞍山（三）" in out
    assert "辽宁：落实 13 项，缺口 4 项：一、总体要求、（十四）、（十五）、（十六）" in out
    code, out, _ = run(capsys, "coverage", "--by-city", "--city", "大连市", "--json")
    data = json.loads(out)
    assert [c["label"] for c in data["columns"]] == ["辽宁", "大连市（dalian）"]
    one = next(r for r in data["rows"] if r["label"].startswith("（一）"))
    assert one["cells"][1]["implements"][0]["label"] == "大连（一）"


def test_the_draft_and_the_word_table(capsys, data_dir, corpus, tmp_path):
    install_city_plans(data_dir)
    save_draft(build_draft(corpus, "鞍山市"), tmp_path / "d.json")
    target = tmp_path / "落实.docx"
    code, out, _ = run(capsys, "coverage", "--city", "鞍山市", "--draft", str(tmp_path / "d.json"),
                       "-o", str(target))
    assert code == 0 and "已导出落实矩阵" in out
    table = read_docx(str(target)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["中央条款", "辽宁", "鞍山市（anshan）", "鞍山市草稿"]
    four = next(r for r in table.rows if r.cells[0].text.startswith("（四）"))
    assert four.cells[2].text == "鞍山（一）（经辽宁（五））\n鞍山（四）"
    assert four.cells[3].text.split("\n")[:2] == ["鞍山市草稿（五）（经辽宁（五））",
                                                  "鞍山市草稿（六）（经辽宁（六））"]
    assert run(capsys, "coverage", "--by-city", "-o", str(target))[0] == 1   # existing file kept


def test_unknown_city_exits_2(capsys):
    code, _, err = run(capsys, "coverage", "--by-city", "--city", "北京")
    assert code == 2 and "没有城市" in err
