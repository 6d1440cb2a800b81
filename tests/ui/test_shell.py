"""The application shell: closing asks about an unsaved draft, Ctrl+S saves what the view shows, notes are
kept on leaving, every view gets the new knowledge base, an unusable data directory still opens."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop_app.app import create_window
from desktop_app.drafting import load_draft, recoverable
from desktop_app.workspace import Workspace

Button = QMessageBox.StandardButton
TYPED = "加快落实本市落户政策。"


@pytest.fixture
def replies(monkeypatch):
    """Answer the 保存 / 不保存 / 取消 question and the Save As dialog; record what was asked."""
    state = {"answer": Button.Cancel, "save_as": "", "asked": [], "save_as_asked": 0}

    def exec_box(box):
        buttons = [b.text() for b in box.buttons()]
        state["asked"].append((box.windowTitle(), box.text()))
        state.setdefault("buttons", []).append(buttons)
        return state["answer"]

    def get_save_file_name(*_args, **_kwargs):
        state["save_as_asked"] += 1
        return state["save_as"], ""

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    return state


def draft_typed(window, type_chinese):
    """The draft view with a new 沈阳市 draft and text typed a moment ago (not yet committed)."""
    window.show_view("draft")
    editor = window.views["draft"]
    editor.new_draft("沈阳市")
    editor.select("part_2__para_5")
    editor.body_edit.moveCursor(editor.body_edit.textCursor().MoveOperation.End)
    type_chinese(editor.body_edit, TYPED)
    assert editor.draft.clause("part_2__para_5").body.endswith(TYPED) is False  # still pending
    return editor


# ---- closing with an unsaved city draft ------------------------------------------------------------
@pytest.mark.parametrize("how", ["title bar", "Ctrl+Q", "文件→退出"])
def test_closing_with_an_unsaved_draft_asks_and_cancel_keeps_the_window(qtbot, make_window, type_chinese,
                                                                        replies, how):
    window = make_window()
    editor = draft_typed(window, type_chinese)
    if how == "title bar":
        window.close()
    elif how == "Ctrl+Q":
        qtbot.keyClick(editor.body_edit, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    else:
        window.quit_action.trigger()
    assert [t for t, _ in replies["asked"]] == ["草稿未保存"]
    assert "沈阳市草稿有未保存的修改" in replies["asked"][0][1]
    assert sorted(replies["buttons"][0]) == sorted(["保存", "不保存", "取消"])
    assert window.isVisible() and editor.draft is not None
    assert editor.draft.clause("part_2__para_5").body.endswith(TYPED)  # the last keystrokes were committed


def test_save_on_close_asks_for_a_file_name_and_keeps_the_last_keystrokes(make_window, type_chinese,
                                                                          replies, tmp_path, data_dir):
    window = make_window()
    draft_typed(window, type_chinese)
    target = tmp_path / "沈阳草稿.json"
    replies.update(answer=Button.Save, save_as=str(target))
    window.close()
    assert not window.isVisible()
    assert load_draft(target).clause("part_2__para_5").body.endswith(TYPED)
    assert recoverable(Workspace(data_dir)) == []


def test_cancelling_the_file_name_cancels_the_close(qtbot, make_window, type_chinese, replies):
    window = make_window()
    draft_typed(window, type_chinese)
    replies.update(answer=Button.Save, save_as="")
    window.close()
    assert replies["save_as_asked"] == 1 and window.isVisible()


def test_a_normal_close_leaves_no_recovery_behind(qtbot, make_window, type_chinese, replies, data_dir):
    window = make_window()
    editor = draft_typed(window, type_chinese)
    editor.keep_for_recovery()  # as the autosave timer would have done meanwhile
    assert len(recoverable(Workspace(data_dir))) == 1
    replies.update(answer=Button.Discard)
    window.close()
    assert not window.isVisible()
    assert recoverable(Workspace(data_dir)) == []
    again = make_window()
    again.show_view("draft")
    banner = again.views["draft"].banner
    assert not banner.isVisibleTo(again.views["draft"]) and "上次未正常关闭" not in banner.label.text()


def test_closing_waits_for_a_running_export(make_window, replies, data_dir):
    window = make_window()
    window.show_view("draft")
    editor = window.views["draft"]
    editor.new_draft("沈阳市")
    target = data_dir.parent / "沈阳方案.docx"
    editor.export_to(str(target), "plan")
    window.close()
    assert not window.isVisible()
    assert target.read_bytes()[:2] == b"PK"  # the export finished before the window let go


class FakeSession:
    """What QGuiApplication.commitDataRequest hands over (QSessionManager cannot be built in a test)."""

    def __init__(self, interactive: bool) -> None:
        self.interactive, self.cancelled, self.released = interactive, False, False

    def allowsInteraction(self) -> bool:
        return self.interactive

    def release(self) -> None:
        self.released = True

    def cancel(self) -> None:
        self.cancelled = True


def test_the_session_ending_asks_like_a_close_and_cancel_stops_it(qtbot, make_window, type_chinese, replies):
    window = make_window()
    draft_typed(window, type_chinese)
    session = FakeSession(interactive=True)
    window.commit_session(session)
    assert session.cancelled and [t for t, _ in replies["asked"]] == ["草稿未保存"]
    assert window.isVisible()


def test_the_session_ending_closes_the_window_once_the_drafter_answered(make_window, type_chinese, replies):
    window = make_window()
    draft_typed(window, type_chinese)
    replies.update(answer=Button.Discard)
    session = FakeSession(interactive=True)
    window.commit_session(session)
    assert session.released and not session.cancelled
    assert not window.isVisible()


def test_a_quit_without_asking_keeps_the_draft_for_recovery(qtbot, make_window, type_chinese, replies, data_dir):
    window = make_window()
    draft_typed(window, type_chinese)
    QApplication.instance().aboutToQuit.emit()  # the application is told to quit (no questions possible)
    assert replies["asked"] == []
    (rec,) = recoverable(Workspace(data_dir))
    assert rec.draft.clause("part_2__para_5").body.endswith(TYPED)


def test_a_session_ending_without_interaction_keeps_notes_and_draft(qtbot, make_window, type_chinese, replies,
                                                                    data_dir):
    window = make_window()
    window.open_unit("liaoning", "part_1__para_1")
    type_chinese(window.reader.note_edit, "会前核对")
    draft_typed(window, type_chinese)
    window.commit_session(FakeSession(interactive=False))
    assert replies["asked"] == []
    assert window.notes.get("liaoning", "part_1__para_1").text == "会前核对"
    assert len(recoverable(Workspace(data_dir))) == 1
    window.close()  # the logout was cancelled elsewhere: the window is still there and still asks
    assert [t for t, _ in replies["asked"]] == ["草稿未保存"] and window.isVisible()


# ---- Ctrl+S: one shortcut, one meaning per view -------------------------------------------------
def test_ctrl_s_saves_the_draft_in_the_draft_view_and_the_note_in_the_reader(qtbot, make_window, type_chinese,
                                                                              replies, data_dir):
    window = make_window()
    editor = draft_typed(window, type_chinese)
    target = data_dir.parent / "沈阳.json"
    replies.update(save_as=str(target))
    qtbot.keyClick(editor.body_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_draft(target).clause("part_2__para_5").body.endswith(TYPED)
    assert window.statusBar().currentMessage() == f"已保存 {target}"

    window.open_unit("liaoning", "part_2__para_5")
    type_chinese(window.reader.note_edit, "核对落户条件")
    qtbot.keyClick(window.reader.note_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = json.loads((data_dir / "notes.json").read_text(encoding="utf-8"))
    assert [n["text"] for n in saved["notes"]] == ["核对落户条件"]
    assert window.statusBar().currentMessage().startswith("笔记已保存到")
    assert "我的笔记：核对落户条件" in window.reader.browser.toPlainText()


def test_the_status_line_claims_no_save_that_did_not_happen(qtbot, make_window, type_chinese, replies):
    window = make_window()
    editor = draft_typed(window, type_chinese)
    replies.update(save_as="")  # the drafter cancels the file name
    qtbot.keyClick(editor.body_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "草稿未保存：没有选择文件名"
    window.show_view("coverage")
    qtbot.keyClick(window.coverage_view.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "没有需要保存的内容" in window.statusBar().currentMessage()
    window.show_view("compare")
    compare = window.views["compare"]
    qtbot.keyClick(compare, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "没有需要保存的内容" in window.statusBar().currentMessage()
    window.open_unit("liaoning", "part_1__para_1")
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "笔记没有改动，无需保存"


# ---- notes are kept on leaving -------------------------------------------------------------------
def test_a_typed_note_is_kept_when_another_clause_is_opened(qtbot, window, type_chinese):
    window.open_unit("liaoning", "part_2__para_5")
    type_chinese(window.reader.note_edit, "待核实")
    window.open_unit("central", "part_2__para_1")
    assert window.notes.get("liaoning", "part_2__para_5").text == "待核实"
    assert "〔笔记〕" in window.tree_model.index_of("liaoning", "part_2__para_5").data()
    window.go_back()
    assert window.reader.note_edit.toPlainText() == "待核实"


def test_a_typed_note_is_kept_when_the_window_closes(qtbot, make_window, type_chinese, data_dir):
    window = make_window()
    window.open_unit("liaoning", "part_2__para_7")
    type_chinese(window.reader.note_edit, "下周讨论")
    window.close()
    assert not window.isVisible()
    assert make_window().notes.get("liaoning", "part_2__para_7").text == "下周讨论"


# ---- every built view gets the new knowledge base --------------------------------------------------
def test_an_import_reaches_the_draft_editor(qtbot, make_window, corpus, tmp_path, data_dir):
    from desktop_app.importing import UserStore, commit_import, prepare_import
    from tests.importing.test_central_and_store import TEST_BODY, _full_text_file

    window = make_window()
    window.show_view("draft")
    editor = window.views["draft"]
    editor.new_draft("沈阳市")
    editor.select("part_2__para_11")
    assert "【仅收录标题，正文缺失】" in editor.central_view.toPlainText()
    (tmp_path / "in").mkdir()
    plan = prepare_import(window.corpus, _full_text_file(corpus, tmp_path / "in"), doc_id="central")
    commit_import(plan, [], store=UserStore(Workspace(data_dir).documents_dir), update_index=False)
    window.reload_corpus("central")  # what the import dialog's documentImported does
    assert editor.corpus is window.corpus
    editor.select("part_2__para_5")
    editor.select("part_2__para_11")
    text = editor.central_view.toPlainText()
    assert "【仅收录标题，正文缺失】" not in text and TEST_BODY.format("（六）") in text


# ---- an unusable data directory ------------------------------------------------------------------
def test_a_data_directory_that_is_a_file_still_opens_the_shipped_documents(qtbot, tmp_path, no_modal_dialogs):
    blocker = tmp_path / "data-is-a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    window = create_window(Workspace(blocker), start_background=False, ask=True)
    qtbot.addWidget(window)
    window.show()
    assert {d.id for d in window.corpus.documents} == {"central", "liaoning"}
    label = window.state.problem_label
    assert "数据目录是一个文件" in label.text() and str(blocker) in label.text()
    qtbot.waitUntil(lambda: any(kind == "warning" for kind, _ in no_modal_dialogs), timeout=5000)
    assert "本次只能阅读" in no_modal_dialogs[-1][1]
    window.open_unit("liaoning", "part_2__para_5")
    assert window.reader.unit_id == "part_2__para_5"
    window.focus_search()
    window.search_panel.set_query("户籍")
    assert window.search_panel.status_label.text() == "检索不可用：数据目录不可用，无法建立检索索引"
    window.close()
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_data_directory_still_opens(qtbot, tmp_path, no_modal_dialogs):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        window = create_window(Workspace(folder), start_background=False)
        qtbot.addWidget(window)
        assert "数据目录不可写" in window.state.problem_label.text()
        window.close()
    finally:
        folder.chmod(0o755)
