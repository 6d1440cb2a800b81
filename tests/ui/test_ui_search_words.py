"""The search panel for how drafters type: syntax hint, 同义 on/off, suggestions, 结果已截断; 工具 → 检索词典."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.search import synonyms
from desktop_app.ui.dictionary_dialog import COLUMNS, REGISTRY, SHIPPED, DictionaryDialog, open_dictionary
from desktop_app.ui.models.search_model import HIT_ROLE, HTML_ROLE
from desktop_app.ui.search_service import Query
from desktop_app.workspace import Workspace
from tests.ui.helpers import wait_ready

WAIT = 30_000


def ask(qtbot, panel, type_chinese, text):
    with qtbot.waitSignal(panel.resultsShown, timeout=WAIT):
        type_chinese(panel.query_edit, text)


def test_the_syntax_is_explained_where_the_user_types(window):
    panel = window.search_panel
    hint = panel.hint_label.text()
    assert all(part in hint for part in ("空格", "OR", "-词", '"短语"', "文号"))
    assert panel.synonyms_box.text() == "同义" and panel.synonyms_box.isChecked()


def test_an_abbreviation_shows_how_it_matched_and_the_toggle_turns_it_off(qtbot, make_window, type_chinese):
    window = make_window(background=True)
    wait_ready(qtbot, window)
    panel = window.search_panel
    ask(qtbot, panel, type_chinese, "社保")
    first = panel.model.index(0)
    assert first.data(HIT_ROLE).matched_via == "synonym"
    assert "〔同义：社会保险" in first.data(HTML_ROLE)
    assert 'font-weight:bold">社会保险</span>' in first.data(HTML_ROLE)
    with qtbot.waitSignal(panel.resultsShown, timeout=WAIT):
        panel.synonyms_box.setChecked(False)
    assert panel.model.rowCount() == 0 and "没有找到" in panel.status_label.text()
    with qtbot.waitSignal(panel.resultsShown, timeout=WAIT):
        panel.synonyms_box.setChecked(True)
    assert panel.model.rowCount() > 0


def test_a_typo_offers_a_suggestion_that_searches_when_clicked(qtbot, make_window, type_chinese):
    window = make_window(background=True)
    wait_ready(qtbot, window)
    panel = window.search_panel
    ask(qtbot, panel, type_chinese, "户藉")
    assert panel.model.rowCount() == 0
    assert not panel.suggest_label.isHidden()
    assert "您是不是要找" in panel.suggest_label.text() and ">户籍</a>" in panel.suggest_label.text()
    with qtbot.waitSignal(panel.resultsShown, timeout=WAIT):
        panel.suggest_label.linkActivated.emit("户籍")
    assert panel.query_edit.text() == "户籍" and panel.model.rowCount() >= 2
    assert panel.suggest_label.isHidden()


def test_results_cut_at_the_limit_are_said_to_be(qtbot, make_window):
    window = make_window(background=True)
    wait_ready(qtbot, window)
    panel = window.search_panel
    with qtbot.waitSignal(panel.resultsShown, timeout=WAIT):
        window.search_service.search(Query("流动", limit=3))
    assert panel.model.rowCount() == 3
    assert "结果已截断" in panel.status_label.text()


def test_a_document_number_hit_is_labelled_and_opens_the_document(qtbot, make_window, type_chinese):
    window = make_window(background=True)
    wait_ready(qtbot, window)
    panel = window.search_panel
    ask(qtbot, panel, type_chinese, "厅字﹝2019﹞56号")
    hit = panel.model.index(0).data(HIT_ROLE)
    assert (hit.doc, hit.unit) == ("central", "title")
    assert "文件标题、文号和日期" in panel.model.index(0).data(HTML_ROLE)
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    assert (window.reader.doc_id, window.reader.unit_id) == ("central", "")


def test_the_dictionary_dialog_lists_entries_and_saves_the_users_own(qtbot, data_dir, no_modal_dialogs):
    workspace = Workspace(data_dir)
    dialog = DictionaryDialog(workspace)
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() >= 150
    assert table.item(0, len(COLUMNS) - 1).text() == SHIPPED
    assert not table.item(0, 0).flags() & Qt.ItemFlag.ItemIsEditable  # shipped entries are read only
    dialog.filter_edit.setText("人社局")
    shown = [r for r in range(table.rowCount()) if not table.isRowHidden(r)]
    assert [table.item(r, 0).text() for r in shown] == ["人社局"]
    dialog.filter_edit.setText("鞍山市医疗保障局")  # department names come from the registry, read only
    shown = [r for r in range(table.rowCount()) if not table.isRowHidden(r)]
    assert [(table.item(r, 0).text(), table.item(r, len(COLUMNS) - 1).text()) for r in shown] == [
        ("鞍山市医疗保障局", REGISTRY)]
    assert not table.item(shown[0], 1).flags() & Qt.ItemFlag.ItemIsEditable
    dialog.filter_edit.clear()

    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    row = table.rowCount() - 1
    assert table.item(row, 0).flags() & Qt.ItemFlag.ItemIsEditable
    for col, value in enumerate(("流动难", "流动障碍", "同义", "")):
        table.item(row, col).setText(value)
    dialog.buttons.accepted.emit()  # 保存 without a reason
    assert no_modal_dialogs and "缺少理由" in no_modal_dialogs[-1][1]
    assert not workspace.dictionary_path.exists()
    table.item(row, 3).setText("口语说法")
    with qtbot.waitSignal(dialog.saved, timeout=1000):
        dialog.buttons.accepted.emit()
    entries, problems = synonyms.read_user_entries(workspace.dictionary_path)
    assert [(e.term, e.equivalents, e.reason) for e in entries] == [("流动难", ("流动障碍",), "口语说法")]
    assert problems == []

    again = DictionaryDialog(workspace)
    qtbot.addWidget(again)
    assert again.table.item(again.user_rows()[0], 0).text() == "流动难"
    again.table.selectRow(again.user_rows()[0])
    qtbot.mouseClick(again.remove_button, Qt.MouseButton.LeftButton)
    assert again.user_rows() == [] and again.entries() == []


def test_tools_menu_opens_the_dictionary_and_a_save_searches_again(qtbot, make_window, type_chinese, monkeypatch):
    window = make_window(background=True)
    wait_ready(qtbot, window)
    titles = [a.text() for a in window.tools_menu.actions()]
    assert "检索词典…" in titles
    panel = window.search_panel
    ask(qtbot, panel, type_chinese, "流动难")
    assert panel.model.rowCount() == 0

    def save_and_accept(dialog):
        synonyms.save_user_entries(Workspace.from_environment(),
                                   [synonyms.make_entry("流动难", "流动障碍", "同义", "口语说法")])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DictionaryDialog, "exec", save_and_accept)
    with qtbot.waitSignal(panel.resultsShown, timeout=WAIT):
        open_dictionary(window)
    assert panel.model.rowCount() > 0
    assert panel.model.index(0).data(HIT_ROLE).matched_via == "synonym"
