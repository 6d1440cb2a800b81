"""Notes: searched, exported with clause and document (Word or text), carried into a draft's basis comment."""

from __future__ import annotations

import json

from docx import Document as read_docx

from desktop_app.cli import main
from desktop_app.core.note_search import note_entries, search_notes
from desktop_app.core.notes import NotesStore
from desktop_app.drafting import build_draft, load_draft, save_draft
from desktop_app.export.basis import basis_lines


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_notes(data_dir) -> NotesStore:
    store = NotesStore.load(data_dir / "notes.json")
    store.set_text("liaoning", "part_2__para_5", "本市落户条件需与公安局核对。\n参考大连做法")
    store.set_text("central", "part_2__para_1", "就业优先：问人社局要近三年数据")
    store.set_bookmark("central", "part_3__para_4", True)
    store.set_text("gone", "part_1__para_1", "已删除文件上的笔记")
    return store


def test_entries_name_their_clause_and_document_and_can_be_searched(data_dir, corpus):
    entries = note_entries(write_notes(data_dir).all(), corpus)
    assert [e.citation for e in entries] == [
        "《关于促进劳动力和人才社会性流动体制机制改革的意见》第（一）条",
        "《辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施》第（五）条", "gone:part_1__para_1"]
    assert entries[2].label == "（条款已不在知识库中）"
    assert [e.note.unit for e in search_notes(entries, "公安 落户")] == ["part_2__para_5"]
    assert [e.note.unit for e in search_notes(entries, "户籍制度")] == ["part_2__para_5"]   # the clause's heading
    assert search_notes(entries, "公安 人社") == []


def test_cli_lists_searches_and_exports(capsys, data_dir, tmp_path):
    write_notes(data_dir)
    code, out, _ = run(capsys, "notes", "人社局", "--json")
    assert code == 0 and [n["id"] for n in json.loads(out)] == ["part_2__para_1"]
    assert run(capsys, "notes", "没有这个词")[0] == 1
    code, out, _ = run(capsys, "notes", "-o", str(tmp_path / "笔记.txt"))
    text = (tmp_path / "笔记.txt").read_text(encoding="utf-8")
    assert "第（五）条　（五）改革户籍制度" in text and "参考大连做法" in text
    code, out, _ = run(capsys, "notes", "-o", str(tmp_path / "笔记.docx"))
    table = read_docx(str(tmp_path / "笔记.docx")).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "文件", "条款", "笔记", "更新"]
    row = table.rows[2].cells
    assert row[1].text == "辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施"
    assert row[2].text.startswith("第（五）条") and row[3].text == "本市落户条件需与公安局核对。\n参考大连做法"
    assert run(capsys, "notes", "-o", str(tmp_path / "笔记.docx"))[0] == 1    # not overwritten without --force


def test_carried_into_the_basis_comment_of_the_draft_clause(capsys, data_dir, corpus, tmp_path):
    write_notes(data_dir)
    path = tmp_path / "d.json"
    save_draft(build_draft(corpus, "沈阳市"), path)
    code, out, _ = run(capsys, "notes", "--into-draft", str(path))
    assert code == 0 and "已把笔记带入 2 条的依据批注" in out
    draft = load_draft(path)
    five = next(c for c in draft.clauses if c.source_id == "part_2__para_5")
    assert basis_lines(corpus, draft, five)[-1] == (
        "笔记：《辽宁省关于促进劳动力和人才社会性流动体制机制改革的实施措施》"
        "第（五）条：本市落户条件需与公安局核对。 ／ 参考大连做法")
    one = next(c for c in draft.clauses if c.source_id == "part_1__para_1")
    assert basis_lines(corpus, draft, one)[-1].endswith("第（一）条：就业优先：问人社局要近三年数据")
    untouched = next(c for c in draft.clauses if c.source_id == "part_3__para_14")
    assert not any(line.startswith("笔记") for line in basis_lines(corpus, draft, untouched))
    code, out, _ = run(capsys, "notes", "--into-draft", str(path))
    assert "没有需要带入的笔记" in out                                        # repeating changes nothing
