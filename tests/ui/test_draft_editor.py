"""The draft editor on its own: tree, editing beside the sources, flags, undo, export on a worker, recovery."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from desktop_app.drafting import recoverable
from desktop_app.ui.draft_editor import DraftEditor, DraftTreeModel


@pytest.fixture
def editor(qtbot, corpus):
    widget = DraftEditor(corpus)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.new_draft("沈阳市")
    yield widget
    widget.wait_for_exports()


def labels(model, parent=None):
    parent = parent or QModelIndex()
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_tree_model_passes_the_model_tester(qtmodeltester, corpus):
    from desktop_app.drafting import build_draft

    model = DraftTreeModel()
    model.set_draft(build_draft(corpus, "铁岭市"))
    qtmodeltester.check(model)


def test_tree_shows_the_numbered_draft(editor):
    model = editor.model
    assert labels(model)[:2] == ["一、总体要求", "二、推动经济高质量发展，筑牢社会性流动基础"]
    part2 = model.index(1, 0)
    assert labels(model, part2)[0] == "（一）实施就业优先政策创造流动机会"
    assert model.index(1, 1, part2).data() == "2 条提示"
    assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_selecting_a_clause_shows_its_text_sources_and_basis(editor):
    editor.select("part_1__para_3")
    assert editor.heading_edit.text() == "打造双创升级版激发创造活力"
    assert editor.body_edit.toPlainText().startswith("加强基础学科建设")
    assert editor.provincial_view.toPlainText().startswith("（三）打造双创升级版激发创造活力。")
    assert editor.central_view.toPlainText().startswith("（三）推进创新创业创造激发流动动力。")
    assert "依据：省实施措施第（三）条" in editor.basis_view.toPlainText()
    assert editor.flag_list.count() == 4
    editor.select("part_2__para_11")
    assert "【仅收录标题，正文缺失】" in editor.central_view.toPlainText()


def test_use_suggested_wording_then_undo_and_redo(editor):
    editor.select("part_1__para_3")
    editor.flag_list.setCurrentRow(0)
    assert editor.accept_button.isEnabled()
    editor.accept_button.click()
    assert "支持驻沈阳高等院校设置" in editor.body_edit.toPlainText()
    assert editor.flag_list.item(0).text().startswith("【已采用】")
    assert not editor.accept_button.isEnabled()
    assert editor.act_undo.text() == "撤销“采用建议表述”"
    editor.act_undo.trigger()
    assert "支持高等院校设置" in editor.body_edit.toPlainText()
    editor.act_redo.trigger()
    assert "支持驻沈阳高等院校设置" in editor.draft.clause("part_1__para_3").body


def test_excluding_a_clause_renumbers_the_rest(editor):
    model = editor.model
    part2 = model.index(1, 0)
    assert model.setData(model.index(0, 0, part2), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    part2 = model.index(1, 0)
    assert labels(model, part2)[:2] == ["（不纳入）实施就业优先政策创造流动机会",
                                        "（一）推动城乡区域协调发展促进流动均衡"]
    editor.undo()
    assert labels(model, model.index(1, 0))[0] == "（一）实施就业优先政策创造流动机会"


def test_typing_in_the_body_becomes_one_undo_step(editor, qtbot):
    editor.select("part_2__para_5")
    editor.body_edit.moveCursor(editor.body_edit.textCursor().MoveOperation.End)
    # QTest.keyClicks cannot type Chinese (it asserts on non-ASCII keys); an input method commits text like this
    editor.body_edit.insertPlainText("加快落实本市落户政策。")
    qtbot.waitUntil(lambda: editor.draft.clause("part_2__para_5").body.endswith("加快落实本市落户政策。"),
                    timeout=3000)
    assert editor.session.undo_label == "编辑条款"
    editor.undo()
    assert not editor.draft.clause("part_2__para_5").body.endswith("本市落户政策。")
    assert not editor.body_edit.toPlainText().endswith("本市落户政策。")


def test_add_move_and_remove_clauses(editor):
    editor.select("part_1__para_1")
    new_id = editor.add_clause()
    assert editor.draft.numbers()[new_id] == "（二）"
    editor.heading_edit.setText("建设区域性人才高地")
    editor.heading_edit.textEdited.emit("建设区域性人才高地")
    editor.move_clause(-1)
    assert editor.draft.numbers()[new_id] == "（一）"
    assert editor.draft.clause(new_id).heading == "建设区域性人才高地"
    editor.remove_clause()
    assert new_id not in editor.draft.numbers()
    assert editor.draft.numbers()["part_1__para_1"] == "（一）"


def test_export_runs_on_a_worker_and_the_result_can_be_opened(editor, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "沈阳方案.docx"
    editor.track_box.setChecked(True)
    with qtbot.waitSignal(editor.exportFinished, timeout=30000) as blocker:
        editor.export_to(str(target), "plan")
    assert blocker.args == [str(target)] and target.read_bytes()[:2] == b"PK"
    assert editor.open_button.isVisibleTo(editor) and not editor.progress.isVisibleTo(editor)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    editor.open_button.click()
    assert opened == [str(target)]
    with qtbot.waitSignal(editor.exportFinished, timeout=30000):
        editor.export_to(str(tmp_path / "对照表.docx"), "table")


def test_replacing_an_existing_file_needs_confirmation(editor, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "方案.docx"
    target.write_bytes(b"colleague's file")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    with qtbot.waitSignal(editor.exportFailed, timeout=30000):
        editor.export_to(str(target), "plan")
    assert target.read_bytes() == b"colleague's file"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(editor.exportFinished, timeout=30000):
        editor.export_to(str(target), "plan")
    assert target.read_bytes()[:2] == b"PK"


def test_failed_export_says_why_and_leaves_the_draft(editor, qtbot, tmp_path):
    before = editor.draft
    target = tmp_path / "没有这个文件夹" / "方案.docx"
    with qtbot.waitSignal(editor.exportFailed, timeout=30000):
        editor.export_to(str(target), "plan")
    assert "文件夹不存在" in editor.status_label.text() and str(target) in editor.status_label.text()
    assert editor.draft is before and not Path(target).exists()


def test_autosave_is_offered_back_by_the_next_editor(editor, qtbot, corpus, monkeypatch):
    editor.select("part_1__para_2")
    editor.model.setData(editor.model.index_of("part_1__para_2"), False, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: len(recoverable()) == 1, timeout=5000)
    second = DraftEditor(corpus)   # as after a crash: the first never closed
    qtbot.addWidget(second)
    assert second.banner.isVisibleTo(second) and "沈阳市" in second.banner_label.text()
    second.restore_button.click()
    assert not second.draft.clause("part_1__para_2").included and second.session.dirty
    assert not second.banner.isVisibleTo(second)
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: QMessageBox.StandardButton.Discard)
    assert second.confirm_close()
    assert recoverable() == []


def test_save_and_reopen(editor, tmp_path, corpus, qtbot):
    path = tmp_path / "沈阳.json"
    editor.select("part_1__para_3")
    editor.accept_current_flag()
    assert editor.save_to(str(path)) and not editor.session.dirty
    other = DraftEditor(corpus)
    qtbot.addWidget(other)
    assert other.open_draft(str(path))
    assert other.draft == editor.draft
    assert not other.open_draft(str(tmp_path / "none.json"))
    assert "不存在" in other.status_label.text()


def test_a_pane_added_beside_the_clause_follows_the_selection_and_edits_with_undo(editor):
    from PySide6.QtWidgets import QLabel

    from desktop_app.drafting import edit as ed

    class Lead(QLabel):
        """A per-clause pane as 任务分工 would be: shows what belongs to the clause, edits through the editor."""

        def show_unit(self, draft, unit_id) -> None:
            clause = draft.clause(unit_id) if draft and unit_id in {c.id for c in draft.clauses} else None
            self.setText(clause.heading if clause else "")

        def set_corpus(self, corpus) -> None:
            self.corpus = corpus

    pane = Lead()
    editor.add_pane(pane, "任务分工")
    assert editor.sources.tabText(editor.sources.indexOf(pane)) == "任务分工"
    editor.select("part_1__para_3")
    assert pane.text() == "打造双创升级版激发创造活力"
    assert editor.apply("改标题", ed.set_clause_text, "part_1__para_3", "新标题", "正文")
    assert pane.text() == "新标题" and editor.act_undo.text() == "撤销“改标题”"
    editor.undo()
    assert pane.text() == "打造双创升级版激发创造活力"
    beside_form = Lead()
    editor.add_pane(beside_form, "征求意见", beside="form")
    assert [editor.form.tabText(i) for i in range(editor.form.count())] == ["条款", "分工", "征求意见", "标题与序言"]
    with pytest.raises(TypeError, match="show_unit"):
        editor.add_pane(QLabel(), "无")
