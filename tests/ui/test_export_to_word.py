"""Word exports from the window (ui/export_to_word.py): the five places that export, the way a person does it.

For each place: the file the drafter chooses is written off the GUI thread and holds what the view shows;
a file open in Word (its ``~$`` lock file beside it) or a folder that cannot be written is reported in the
view's status line in one Chinese line naming the file, and nothing is left behind; a second request while
an export runs starts no second writer.
"""

from __future__ import annotations

import errno
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

from desktop_app.core import fileio
from desktop_app.drafting import edit as ed
from desktop_app.ui.coverage_view import CoverageView
from desktop_app.ui.export_to_word import WordExport, safe_file_name
from desktop_app.ui.workers import wait_for_all

COLLEAGUES_COPY = b"the copy a colleague has open"


@dataclass
class Place:
    """One place in the window that exports: its helper, its button, and the domain export it calls."""

    export: WordExport
    button: QPushButton
    status: QLabel              # the view's status line
    module: Any                 # where the view finds the domain export at click time
    function: str
    default_name: str
    check: Any                  # check(document): the content the user would see in Word


@pytest.fixture
def chosen(monkeypatch):
    """The file dialog: records what it was asked and answers with ``chosen.path``."""
    class Dialog:
        def __init__(self) -> None:
            self.path: Path | None = None
            self.asked: list[str] = []

        def answer(self, _parent, _title, default, *_args, **_kwargs):
            self.asked.append(default)
            return (str(self.path), "") if self.path else ("", "")

    dialog = Dialog()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog.answer)
    return dialog


def table_texts(document, n: int = 0) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in document.tables[n].rows]


def compare_place(qtbot, window) -> Place:
    from desktop_app.export import compare_table

    window.open_unit("liaoning", "part_2__para_5")
    with qtbot.waitSignal(window.compare_view.comparisonShown, timeout=30000):
        window.compare_action.trigger()
    view = window.compare_view

    def check(document):
        rows = table_texts(document)
        assert rows[0] == ["A　中央（四）", "B　辽宁（五）"]
        assert rows[1][0].startswith("（四）") and rows[1][1].startswith("（五）改革户籍制度牵引区域合理流动")

    return Place(view.word_export, view.export_button, view.status_label, compare_table, "export_comparison",
                 "辽宁（五）与中央（四）对照.docx", check)


def coverage_place(qtbot, window) -> Place:
    from desktop_app.export import coverage_table

    window.show_view("coverage")
    view = window.coverage_view

    def check(document):
        rows = table_texts(document)
        assert rows[0][:2] == ["中央条款", "辽宁"]
        assert rows[1][0].startswith("一、") and len(rows) == view.model.rowCount() + 1

    return Place(view.word_export, view.export_button, view.status_label, coverage_table, "export_coverage",
                 "中央意见落实情况（全部城市）.docx", check)


def notes_place(qtbot, window) -> Place:
    from desktop_app.export import notes_table

    window.notes.set_text("liaoning", "part_2__para_5", "落户条件与公安局核对")
    window.notes_list_action.trigger()
    dialog = window.notes_dialog

    def check(document):
        rows = table_texts(document)
        assert rows[0] == ["序号", "文件", "条款", "笔记", "更新"] and len(rows) == 2
        assert rows[1][2].startswith("第（五）条") and rows[1][3] == "落户条件与公安局核对"

    return Place(dialog.word_export, dialog.export_button, dialog.status_label, notes_table, "export_notes",
                 "我的笔记.docx", check)


def _editor(qtbot, window):
    window.show_view("draft")
    editor = window.views["draft"]
    with qtbot.waitSignal(editor.draftChanged, timeout=10000):
        editor.new_draft("沈阳市")
    return editor


def consultation_place(qtbot, window) -> Place:
    from desktop_app.ui import consultation

    panel = _editor(qtbot, window).consultation

    def check(document):
        rows = table_texts(document)
        assert rows[0] == ["序号", "反馈单位", "条款", "意见内容", "是否采纳", "处理情况及理由"]
        assert rows[-1][0].startswith("合计：共 0 个单位反馈意见 0 条")

    return Place(panel.word_export, panel.table_button, panel.status, consultation, "export_adoption",
                 "意见采纳情况表.docx", check)


def versions_place(qtbot, window) -> Place:
    from desktop_app.ui import versions_dialog

    editor = _editor(qtbot, window)
    dialog = editor.consultation.open_versions()
    dialog.name_edit.setText("征求意见稿")
    dialog.save_button.click()
    clause = editor.draft.clause("part_2__para_5")
    editor.apply("编辑条款", ed.set_clause_text, clause.id, clause.heading, clause.body + "新增一句话。")
    dialog.refresh()

    def check(document):
        inserted = "".join(t.text for ins in document.element.body.iter(qn("w:ins")) for t in ins.iter(qn("w:t")))
        assert "新增一句话。" in inserted

    return Place(dialog.word_export, dialog.export_button, dialog.status, versions_dialog, "export_changes",
                 "修改对照（征求意见稿与当前稿）.docx", check)


PLACES = {"compare": compare_place, "coverage": coverage_place, "notes": notes_place,
          "consultation": consultation_place, "versions": versions_place}


@pytest.fixture(params=list(PLACES))
def place(request, qtbot, window) -> Place:
    return PLACES[request.param](qtbot, window)


def click(qtbot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_the_export_writes_the_file_off_the_gui_thread_and_says_so(qtbot, place, chosen, tmp_path, monkeypatch):
    calls, entered, release = [], threading.Event(), threading.Event()
    real = getattr(place.module, place.function)

    def watched(*args, **kwargs):
        calls.append(threading.current_thread())
        entered.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(place.module, place.function, watched)
    chosen.path = tmp_path / "导出" / place.default_name
    chosen.path.parent.mkdir()
    click(qtbot, place.button)
    assert Path(chosen.asked[-1]).name == place.default_name
    qtbot.waitUntil(entered.is_set, timeout=10000)
    assert not place.button.isEnabled()                 # one export at a time from this place
    place.export.ask("再导出一次", place.default_name, lambda *_a, **_k: pytest.fail("a second writer started"))
    assert "上一个导出尚未完成" in place.status.text() and len(chosen.asked) == 1
    with qtbot.waitSignal(place.export.finished, timeout=30000):
        release.set()
    assert len(calls) == 1 and calls[0] is not threading.main_thread()
    place.check(docx.Document(str(chosen.path)))
    assert place.status.text() == f"已导出：{place.default_name}"
    assert not place.status.isHidden()
    assert place.button.isEnabled()
    assert leftovers(chosen.path.parent) == []


def test_a_file_open_in_word_is_not_replaced(qtbot, place, chosen, tmp_path):
    chosen.path = tmp_path / place.default_name
    chosen.path.write_bytes(COLLEAGUES_COPY)
    (tmp_path / f"~${place.default_name}").write_bytes(b"lock")
    with qtbot.waitSignal(place.export.failed, timeout=30000):
        click(qtbot, place.button)
    status = place.status.text()
    assert status.startswith("导出失败：") and "\n" not in status
    assert str(chosen.path) in status and "正在 Word、WPS 或 LibreOffice 中打开" in status
    assert chosen.path.read_bytes() == COLLEAGUES_COPY
    assert leftovers(tmp_path) == []
    assert place.button.isEnabled()


def test_a_folder_that_cannot_be_written_is_said_and_nothing_is_left(qtbot, place, chosen, tmp_path, monkeypatch):
    def denied(*_args, **_kwargs):  # what a read-only folder does, also when the tests run as root
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(fileio.tempfile, "mkstemp", denied)
    chosen.path = tmp_path / "只读" / place.default_name
    chosen.path.parent.mkdir()
    with qtbot.waitSignal(place.export.failed, timeout=30000):
        click(qtbot, place.button)
    status = place.status.text()
    assert status == f"导出失败：{chosen.path}: 无法写入：没有写入权限，或文件正被其他程序（如 Word、WPS）打开"
    assert list(chosen.path.parent.iterdir()) == []


def test_the_next_export_starts_in_the_folder_exported_to_last(qtbot, window, chosen, tmp_path):
    first = compare_place(qtbot, window)
    chosen.path = tmp_path / "会议材料" / "对照.docx"
    chosen.path.parent.mkdir()
    with qtbot.waitSignal(first.export.finished, timeout=30000):
        click(qtbot, first.button)
    assert window.settings.export_folder == str(chosen.path.parent)   # saved with the settings on closing
    chosen.path = None                                                 # the drafter cancels the next one
    click(qtbot, notes_place(qtbot, window).button)
    assert chosen.asked[-1] == str(tmp_path / "会议材料" / "我的笔记.docx")


def test_a_name_typed_without_suffix_gets_docx_and_does_not_replace_unasked(qtbot, corpus, chosen, tmp_path):
    view = CoverageView(corpus)
    qtbot.addWidget(view)
    (tmp_path / "落实.docx").write_bytes(COLLEAGUES_COPY)
    chosen.path = tmp_path / "落实"            # the dialog asked about "落实", not about "落实.docx"
    with qtbot.waitSignal(view.word_export.failed, timeout=30000):
        click(qtbot, view.export_button)
    assert "落实.docx: 文件已存在" in view.status_label.text()
    assert (tmp_path / "落实.docx").read_bytes() == COLLEAGUES_COPY
    chosen.path = tmp_path / "新表"
    with qtbot.waitSignal(view.word_export.finished, timeout=30000):
        click(qtbot, view.export_button)
    assert table_texts(docx.Document(str(tmp_path / "新表.docx")))[0][0] == "中央条款"
    assert wait_for_all(30_000)


def test_default_names_are_valid_file_names_on_windows():
    assert safe_file_name('第一/二稿:"对照"?.docx') == "第一_二稿__对照__.docx"
    assert safe_file_name("落实情况（鞍山市）.docx") == "落实情况（鞍山市）.docx"


def test_the_form_and_the_explanation_go_the_same_way(qtbot, window, chosen, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    panel = _editor(qtbot, window).consultation
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("鞍山市公安局", True))
    chosen.path = tmp_path / "反馈表.docx"
    with qtbot.waitSignal(panel.word_export.finished, timeout=30000):
        click(qtbot, panel.form_button)
    assert Path(chosen.asked[-1]).name == "鞍山市公安局反馈表.docx"
    assert table_texts(docx.Document(str(chosen.path)))[0] == ["条款", "修改意见", "理由"]
    chosen.path = tmp_path / "起草说明.docx"
    with qtbot.waitSignal(panel.word_export.finished, timeout=30000):
        click(qtbot, panel.explain_button)
    assert "起草说明" in docx.Document(str(chosen.path)).paragraphs[0].text
    assert panel.status.text() == "已导出：起草说明.docx"
