"""Notes and bookmarks, and what the window remembers across restarts."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from desktop_app.app import create_window
from desktop_app.ui.models.tree_model import NOTE_ROLE
from desktop_app.workspace import Workspace


def test_note_is_kept_across_restarts(qtbot, make_window, type_chinese, data_dir):
    window = make_window()
    window.open_unit("liaoning", "part_2__para_5")
    type_chinese(window.reader.note_edit, "本市需核对落户条件")
    qtbot.mouseClick(window.reader.save_note_button, Qt.MouseButton.LeftButton)
    assert "我的笔记：本市需核对落户条件" in window.reader.browser.toPlainText()
    assert "〔笔记〕" in window.tree_model.index_of("liaoning", "part_2__para_5").data()
    saved = json.loads((data_dir / "notes.json").read_text(encoding="utf-8"))
    assert saved["notes"][0]["text"] == "本市需核对落户条件"
    window.open_unit("central", "part_2__para_1")
    window.close()

    again = make_window()
    index = again.tree_model.index_of("liaoning", "part_2__para_5")
    assert index.data(NOTE_ROLE) == "note"
    assert "〔笔记〕" in index.data()
    assert "本市需核对落户条件" in index.data(Qt.ItemDataRole.ToolTipRole)
    again.open_unit("liaoning", "part_2__para_5")
    assert again.reader.note_edit.toPlainText() == "本市需核对落户条件"
    assert "我的笔记：本市需核对落户条件" in again.reader.browser.toPlainText()


def test_bookmark_shortcut_marks_the_tree_and_fills_the_menu(qtbot, make_window):
    window = make_window()
    window.open_unit("central", "part_4__para_8")
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.bookmark_box.isChecked()
    assert window.tree_model.index_of("central", "part_4__para_8").data().endswith("★")
    window.notes_menu.aboutToShow.emit()  # as when the user opens the menu
    titles = [a.text() for a in window.notes_menu.actions()]
    assert "★ 中央（八）加大对基层一线人员奖励激励力度" in titles
    window.open_unit("liaoning", "part_1__para_1")
    next(a for a in window.notes_menu.actions() if a.text().startswith("★ 中央（八）")).trigger()
    assert (window.reader.doc_id, window.reader.unit_id) == ("central", "part_4__para_8")
    window.close()
    assert make_window().notes.get("central", "part_4__para_8").bookmark


def test_clearing_a_note_removes_it(qtbot, window, type_chinese):
    window.open_unit("liaoning", "part_1__para_2")
    type_chinese(window.reader.note_edit, "临时")
    window.save_note_action.trigger()
    window.reader.note_edit.clear()
    window.save_note_action.trigger()
    assert window.notes.get("liaoning", "part_1__para_2") is None
    assert "笔记" not in window.tree_model.index_of("liaoning", "part_1__para_2").data()


def test_unreadable_notes_file_is_set_aside_not_overwritten(qtbot, make_window, data_dir):
    (data_dir / "notes.json").write_text("{broken", encoding="utf-8")
    window = make_window()
    aside = list(data_dir.glob("notes.unreadable-*.json"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{broken"
    assert "笔记文件无法读取" in window.statusBar().currentMessage()


def test_last_clause_view_and_splitter_are_restored(qtbot, make_window):
    window = make_window()
    window.open_unit("liaoning", "part_3__para_14")
    window.show_view("coverage")
    window.splitter.setSizes([300, 1100])
    left_width = window.splitter.sizes()[0]
    window.close()

    again = make_window()
    assert (again.reader.doc_id, again.reader.unit_id) == ("liaoning", "part_3__para_14")
    assert again.current_view() == "coverage"
    assert again.splitter.sizes()[0] == left_width


def test_shortcuts_focus_search_and_switch_views(qtbot, window):
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_panel.query_edit.hasFocus()
    window.reader.browser.setFocus()
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_panel.query_edit.hasFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "coverage"
    qtbot.keyClick(window.tree, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "reader"


def test_extension_point_adds_a_view_and_a_tool(qtbot, window):
    from PySide6.QtWidgets import QLabel

    from desktop_app.ui.views import SaveResult

    class Board(QLabel):
        """A view keeping the contract of ui/views.py."""

        def set_corpus(self, corpus) -> None:
            self.setText(str(len(corpus.documents)))

        def can_close(self) -> bool:
            return True

        def save(self) -> SaveResult:
            return SaveResult(False, "看板没有需要保存的内容")

    calls = []
    action = window.add_view("board", lambda: Board("看板"), "看板")
    window.add_tool_action("导入文件…", lambda: calls.append("import"))
    action.trigger()
    assert window.current_view() == "board"
    next(a for a in window.tools_menu.actions() if a.text() == "导入文件…").trigger()
    assert calls == ["import"]
    window.reload_corpus()
    assert window.views["board"].text() == "2"  # a built view is given the new corpus


def test_a_view_without_the_contract_is_refused_by_name(qtbot, window):
    from PySide6.QtWidgets import QLabel

    with pytest.raises(TypeError, match=r"'plain'.*can_close"):
        window.add_view("plain", QLabel("x"), "无")


def test_about_box_names_the_data_folder(window, no_modal_dialogs, data_dir):
    next(a for a in window.menuBar().actions() if a.text().startswith("帮助")).menu().actions()[0].trigger()
    kind, text = no_modal_dialogs[-1]
    assert kind == "about"
    assert str(data_dir) in text


def test_tools_install_after_the_first_paint(qtbot, corpus, monkeypatch, data_dir):
    from desktop_app import app
    from desktop_app.workspace import Workspace

    def install(window):
        window.add_tool_action("测试工具…", lambda: None)

    monkeypatch.setattr(app, "TOOLS", (install,))
    window = app.create_window(Workspace(data_dir), corpus, start_background=False, defer_tools=True)
    qtbot.addWidget(window)
    assert [a.text() for a in window.tools_menu.actions()] == []  # nothing installed before the window shows
    window.show()
    qtbot.waitUntil(lambda: [a.text() for a in window.tools_menu.actions()] == ["测试工具…"], timeout=5000)


def test_the_draft_views_layout_is_restored_and_its_tree_shows_headings(qtbot, make_window, corpus, data_dir):
    window = make_window()
    window.show_view("draft")
    editor = window.views["draft"]
    qtbot.waitUntil(lambda: editor.splitter.sizes()[0] > 0)
    assert editor.tree.width() >= 180  # the clause numbers and the start of the headings, not "（一…"
    editor.splitter.setSizes([200, 390, 280])  # narrower than the default (280): a drafter who wants more text
    sizes = editor.splitter.sizes()
    assert sizes[0] < 250
    window.close()

    # The next start, at the same size (the offscreen screen would shrink the remembered geometry).
    again = create_window(Workspace(data_dir), corpus)
    qtbot.addWidget(again)
    again.resize(window.size())
    again.show()
    assert again.current_view() == "draft"
    restored = again.views["draft"].splitter
    qtbot.waitUntil(lambda: restored.sizes() == sizes, timeout=2000)
