"""``policydesk feedback …`` and ``policydesk explain``: output, JSON fields, exit codes, files."""

from __future__ import annotations

import json

import docx

from desktop_app.cli import main
from desktop_app.drafting import load_draft

from . import helpers as h
from .conftest import unique_phrase

FIELDS = {"id", "clause_id", "num", "heading", "match", "kind", "unit", "author", "date", "file", "quote", "text",
          "status"}


def run(capsys, *args):
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def returned_files(base_draft, sent, tmp_path):
    police, person = tmp_path / "公安.docx", tmp_path / "王芳.docx"
    doc = docx.Document(str(sent))
    h.comment(doc, unique_phrase(base_draft, "part_1__para_4"), "建议明确牵头单位", author="鞍山市公安局")
    doc.save(str(police))
    doc = docx.Document(str(sent))
    h.insert_after(doc, unique_phrase(base_draft, "part_2__para_7"), "和技能人才", author="王芳")
    doc.save(str(person))
    return police, person


def test_import_json_decide_table_and_explain(capsys, base_draft, sent, tmp_path, draft_file):
    police, person = returned_files(base_draft, sent, tmp_path)
    code, out, _ = run(capsys, "feedback", "import", police, person, "--draft", draft_file, "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 2 and all(set(r) >= FIELDS for r in rows)
    comment = next(r for r in rows if r["kind"] == "comment")
    assert (comment["clause_id"], comment["num"], comment["match"], comment["unit"], comment["status"]) == (
        "part_1__para_4", "（四）", "anchor", "鞍山市公安局", "pending")
    assert comment["heading"] == base_draft.clause("part_1__para_4").heading and comment["file"] == "公安.docx"
    insertion = next(r for r in rows if r["kind"] == "insertion")
    assert (insertion["unit"], insertion["author"], insertion["quote"]) == (None, "王芳", "和技能人才")

    code, out, _ = run(capsys, "feedback", "import", police, f"{person}=鞍山市人社局", "--draft", draft_file)
    assert code == 0 and "新增 0 条意见" in out and "此前已导入" in out
    assert {i.unit for i in load_draft(draft_file).feedback} == {"鞍山市公安局", "鞍山市人社局"}

    code, out, _ = run(capsys, "feedback", "decide", insertion["id"][:9], "--status", "adopted", "--draft", draft_file)
    assert code == 0 and "采纳" in out and "已改入条文（七）" in out
    assert "和技能人才" in load_draft(draft_file).clause("part_2__para_7").body
    code, _, _ = run(capsys, "feedback", "decide", comment["id"], "--status", "rejected", "--reason", "已有规定",
                     "--draft", draft_file)
    assert code == 0

    code, out, _ = run(capsys, "feedback", "table", "--draft", draft_file, "-o", tmp_path / "表.docx")
    assert code == 0 and "共 2 个单位反馈意见 2 条，其中采纳 1 条，部分采纳 0 条，不采纳 1 条" in out
    code, out, _ = run(capsys, "explain", "--draft", draft_file, "-o", tmp_path / "说明.docx")
    assert code == 0 and (tmp_path / "说明.docx").stat().st_size > 0
    code, _, err = run(capsys, "explain", "--draft", draft_file, "-o", tmp_path / "说明.docx")
    assert code == 1 and "已存在" in err


def test_items_without_a_unit_are_named_on_the_command_line(capsys, base_draft, sent, tmp_path, draft_file):
    _, person = returned_files(base_draft, sent, tmp_path)
    code, out, _ = run(capsys, "feedback", "import", person, "--draft", draft_file)
    item = load_draft(draft_file).feedback[0]
    assert code == 0 and "反馈单位待确认" in out and item.id in out


def test_unknown_item_exits_2_and_another_drafts_file_exits_1(capsys, corpus, base_draft, tmp_path, draft_file):
    code, _, err = run(capsys, "feedback", "decide", "fb_nope", "--status", "adopted", "--draft", draft_file)
    assert code == 2 and "fb_nope" in err
    other = tmp_path / "other.json"
    assert run(capsys, "draft", "--city", "鞍山市", "--save", other, "-o", tmp_path / "other.docx")[0] == 0
    code, _, err = run(capsys, "feedback", "import", tmp_path / "other.docx", "--draft", draft_file)
    assert code == 1 and "另一份草稿" in err and "other.docx" in err


def test_versions_on_the_command_line(capsys, draft_file, tmp_path):
    assert run(capsys, "feedback", "version", "save", "征求意见稿", "--draft", draft_file)[0] == 0
    code, out, _ = run(capsys, "feedback", "version", "list", "--draft", draft_file, "--json")
    assert [v["name"] for v in json.loads(out)] == ["征求意见稿"]
    code, out, _ = run(capsys, "feedback", "version", "compare", "征求意见稿", "当前稿", "--draft", draft_file,
                       "-o", tmp_path / "对照.docx")
    assert code == 0 and "0 条有改动" in out and (tmp_path / "对照.docx").exists()
