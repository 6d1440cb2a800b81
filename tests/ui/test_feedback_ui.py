"""征求意见 in the window: the feedback pane, decisions as undoable edits, the file watcher, versions."""

from __future__ import annotations

from dataclasses import replace

import docx
import pytest
from docx.oxml.ns import qn

from desktop_app.cli import main
from desktop_app.drafting import build_draft, load_draft, save_draft
from desktop_app.drafting import edit as ed
from desktop_app.export import export_draft
from desktop_app.feedback.items import FeedbackItem, Kind, Status
from desktop_app.ui.draft_editor import DraftEditor
from desktop_app.ui.feedback_pane import FeedbackItemsModel, FeedbackPane
from desktop_app.ui.versions_dialog import VersionsDialog
from tests.feedback import helpers as h
from tests.feedback.conftest import unique_phrase

CLAUSE = "part_1__para_4"


def item(n: int, clause_id: str | None, unit: str = "鞍山市公安局") -> FeedbackItem:
    return FeedbackItem(id=f"fb_{n:010d}", kind=Kind.COMMENT, unit=unit, author="王芳", date="2026-03-02",
                        file="a.docx", quote="引文", text=f"意见{n}", clause_id=clause_id)


@pytest.fixture
def draft(corpus):
    return build_draft(corpus, "鞍山市")


def test_the_items_model_passes_the_model_tester(qtmodeltester, draft):
    model = FeedbackItemsModel()
    model.set_items([item(1, CLAUSE), item(2, None, unit="")], {}, {})
    qtmodeltester.check(model)


def test_the_pane_shows_the_current_clauses_items_and_emits_decisions(qtbot, draft, type_chinese):
    pane = FeedbackPane()
    qtbot.addWidget(pane)
    d = replace(draft, feedback=(item(1, CLAUSE), item(2, "part_1__para_1"), item(3, None, unit="")))
    pane.show_items(d, CLAUSE)
    assert pane.model.rowCount() == 1 and "意见1" in pane.model.index(0).data()
    pane.all_box.setChecked(True)
    assert pane.model.rowCount() == 3
    assert "【单位待确认】王芳" in pane.model.index(2).data()
    pane.all_box.setChecked(False)
    pane.select_item(item(1, CLAUSE).id)
    type_chinese(pane.reason_edit, "与本市实际相符")
    with qtbot.waitSignal(pane.decided) as signal:
        pane.buttons[Status.ADOPTED].click()
    assert signal.args == [item(1, CLAUSE).id, "adopted", "与本市实际相符"]


@pytest.fixture
def editor_with_file(qtbot, corpus, draft, tmp_path):
    path = tmp_path / "鞍山方案.json"
    save_draft(draft, path)
    editor = DraftEditor(corpus)
    qtbot.addWidget(editor)
    editor.resize(1400, 900)
    assert editor.open_draft(str(path))
    yield editor, path
    editor.wait_for_exports()


def returned(draft, corpus, tmp_path, edit):
    plan = export_draft(draft, corpus, tmp_path / "plan.docx", overwrite=True)
    doc = docx.Document(str(plan))
    edit(doc)
    doc.save(str(tmp_path / "returned.docx"))
    return tmp_path / "returned.docx"


def test_a_command_line_import_comes_into_the_open_window_without_losing_unsaved_edits(
        qtbot, corpus, editor_with_file, tmp_path, capsys):
    editor, path = editor_with_file
    clause = editor.draft.clause("part_2__para_5")
    editor.apply("编辑条款", ed.set_clause_text, clause.id, clause.heading, "窗口中尚未保存的正文。")
    assert editor.session.dirty
    file = returned(load_draft(path), corpus, tmp_path,
                    lambda doc: h.comment(doc, unique_phrase(load_draft(path), CLAUSE), "建议明确", "鞍山市公安局"))
    assert main(["feedback", "import", str(file), "--draft", str(path)]) == 0
    capsys.readouterr()
    qtbot.waitUntil(lambda: len(editor.draft.feedback) == 1, timeout=5000)
    assert editor.draft.clause("part_2__para_5").body == "窗口中尚未保存的正文。"
    assert editor.session.dirty
    editor.select(CLAUSE)
    assert editor.consultation.pane.model.rowCount() == 1


def test_adopting_an_insertion_in_the_window_changes_the_clause_and_undo_restores_it(
        qtbot, corpus, editor_with_file, tmp_path):
    editor, _ = editor_with_file
    phrase = unique_phrase(editor.draft, CLAUSE)
    file = returned(editor.draft, corpus, tmp_path, lambda doc: h.insert_after(doc, phrase, "依法", "鞍山市司法局"))
    before = editor.draft.clause(CLAUSE).body
    editor.consultation.import_files([(file, "")])
    qtbot.waitUntil(lambda: len(editor.draft.feedback) == 1, timeout=5000)
    editor.select(CLAUSE)
    pane = editor.consultation.pane
    pane.select_item(editor.draft.feedback[0].id)
    pane.buttons[Status.ADOPTED].click()
    assert phrase + "依法" in editor.draft.clause(CLAUSE).body
    assert editor.draft.feedback[0].status is Status.ADOPTED
    editor.undo()
    assert editor.draft.clause(CLAUSE).body == before
    assert editor.draft.feedback[0].status is Status.PENDING


def test_versions_dialog_saves_compares_and_exports(qtbot, corpus, editor_with_file, tmp_path):
    editor, _ = editor_with_file
    dialog = editor.consultation.open_versions()
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("征求意见稿")
    dialog.save_button.click()
    assert [v.name for v in editor.draft.versions] == ["征求意见稿"]
    clause = editor.draft.clause("part_2__para_5")
    editor.apply("编辑条款", ed.set_clause_text, clause.id, clause.heading, clause.body + "新增一句话。")
    dialog.refresh()
    dialog.compare()
    assert "1 条有改动" in dialog.status.text()
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        dialog.export_to(str(tmp_path / "对照.docx"))
    body = docx.Document(str(tmp_path / "对照.docx")).element.body
    assert "新增一句话。" in "".join(t.text for ins in body.iter(qn("w:ins")) for t in ins.iter(qn("w:t")))


def test_versions_dialog_standalone(qtbot, corpus, draft):
    dialog = VersionsDialog(lambda: draft, corpus)
    qtbot.addWidget(dialog)
    assert dialog.old_box.count() == 1 and dialog.old_box.currentText() == "当前稿"


def test_with_nothing_unsaved_the_window_takes_the_file_as_it_is(qtbot, corpus, editor_with_file, tmp_path, capsys):
    editor, path = editor_with_file
    assert not editor.session.dirty
    phrase = unique_phrase(editor.draft, CLAUSE)
    file = returned(editor.draft, corpus, tmp_path, lambda doc: h.delete(doc, phrase, "鞍山市财政局"))
    assert main(["feedback", "import", str(file), "--draft", str(path)]) == 0
    qtbot.waitUntil(lambda: len(editor.draft.feedback) == 1, timeout=5000)
    item_id = editor.draft.feedback[0].id
    assert main(["feedback", "decide", item_id, "--status", "adopted", "--draft", str(path)]) == 0
    capsys.readouterr()
    qtbot.waitUntil(lambda: phrase not in editor.draft.clause(CLAUSE).body, timeout=5000)
    assert not editor.session.dirty
    assert "读入" in editor.consultation.status.text()


def test_importing_in_the_window_asks_the_unit_of_a_persons_items(qtbot, corpus, editor_with_file, tmp_path,
                                                                 monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    editor, _ = editor_with_file
    asked = []

    def answer(_parent, _title, question, *args, **kwargs):
        asked.append(question)
        return "鞍山市住房城乡建设局", True
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    phrase = unique_phrase(editor.draft, CLAUSE)
    file = returned(editor.draft, corpus, tmp_path, lambda doc: h.comment(doc, phrase, "建议修改", "王芳"))
    editor.consultation.import_files([(file, "")])
    qtbot.waitUntil(lambda: bool(editor.draft.feedback) and bool(editor.draft.feedback[0].unit), timeout=5000)
    assert len(asked) == 1 and "王芳" in asked[0] and "returned.docx" in asked[0]
    assert (editor.draft.feedback[0].unit, editor.draft.feedback[0].author) == ("鞍山市住房城乡建设局", "王芳")
