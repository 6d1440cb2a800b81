"""The import window: see what was found, correct it, choose links, save; bad files refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.corpus import Corpus
from desktop_app.core.model import DocumentKind
from desktop_app.ui.import_dialog import ImportDialog
from tests.importing.helpers import snapshot
from tests.linking.test_suggest import MOCK_CITY_PLAN

# WORKAROUND: Qt's offscreen platform plugin warns "This plugin does not support propagateSizeHints()"
# when a top-level window's size constraints change (QTBUG-67413); harmless.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def answers(monkeypatch):
    """Message boxes answered without waiting for a click; what they said is recorded."""
    shown: list[tuple[str, str]] = []
    reply = {"question": QMessageBox.StandardButton.Yes}

    def record(kind):
        def box(_parent, _title, text, *args, **kwargs):
            shown.append((kind, text))
            return reply.get(kind, QMessageBox.StandardButton.Ok)
        return box

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    return shown


def _open(qtbot, corpus, path):
    dialog = ImportDialog(corpus, path)
    qtbot.addWidget(dialog)
    return dialog


def _analysed(qtbot, dialog) -> bool:
    with qtbot.waitSignal(dialog.analysisFinished, timeout=60_000) as blocker:
        pass
    return blocker.args[0]


def _suggestion_rows(dialog):
    rows = []
    for i in range(dialog.links.topLevelItemCount()):
        top = dialog.links.topLevelItem(i)
        children = [top.child(j) for j in range(top.childCount())]
        rows.append((top.text(0), [(c.text(0), c.checkState(0)) for c in children]))
    return rows


def test_user_checks_corrects_and_saves(qtbot, corpus, tmp_path, answers):
    path = tmp_path / "mock.txt"
    path.write_text(MOCK_CITY_PLAN, encoding="utf-8")
    dialog = _open(qtbot, corpus, path)
    assert not dialog.save_button.isEnabled()
    assert _analysed(qtbot, dialog)
    assert dialog.title_edit.text() == "某市促进劳动力和人才社会性流动体制机制改革实施方案"
    assert dialog.id_edit.text() == "mock"
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("city"))
    dialog.kind_combo.activated.emit(dialog.kind_combo.currentIndex())
    assert _analysed(qtbot, dialog)
    assert dialog.structure.topLevelItemCount() == 4  # preamble + three parts
    rows = _suggestion_rows(dialog)
    assert rows[0][0] == "（一）完善住房保障"
    first_label, first_state = rows[0][1][0]
    assert "（九）扩大住房保障供给满足流动需求" in first_label and first_state == Qt.CheckState.Checked
    # the user rejects that link and renames the document
    dialog.links.topLevelItem(0).child(0).setCheckState(0, Qt.CheckState.Unchecked)
    dialog.title_edit.setText("某市实施方案（征求意见稿）")
    dialog.id_edit.setText("mockcity")
    with qtbot.waitSignal(dialog.documentImported) as saved:
        dialog.save_button.click()
    assert saved.args == ["mockcity"]
    loaded = Corpus.load_default()
    doc = loaded.document("mockcity")
    assert (doc.title, doc.kind.value) == ("某市实施方案（征求意见稿）", "city")
    assert loaded.carries_out("mockcity", "part_1__para_1") == ()
    assert {r.unit.id for r in loaded.carries_out("mockcity", "part_1__para_2") if r.doc.id == "liaoning"} == {
        "part_4__para_18"}
    assert answers == []


def test_bad_file_is_refused_in_the_window(qtbot, corpus, tmp_path, data_dir, answers):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    before = snapshot(data_dir)
    dialog = _open(qtbot, corpus, path)
    assert not _analysed(qtbot, dialog)
    assert "empty.txt" in dialog.status.text() and "空" in dialog.status.text()
    assert not dialog.save_button.isEnabled()
    assert snapshot(data_dir) == before


def test_text_without_numbering_offers_paragraphs(qtbot, corpus, tmp_path, answers):
    path = tmp_path / "prose.txt"
    path.write_text("第一段，说明情况。\n第二段，提出要求。\n", encoding="utf-8")
    dialog = _open(qtbot, corpus, path)
    assert _analysed(qtbot, dialog)
    assert answers and answers[0][0] == "question" and "按段落导入" in answers[0][1]
    labels = [dialog.structure.topLevelItem(i).text(0) for i in range(dialog.structure.topLevelItemCount())]
    assert labels == ["第1段", "第2段"]


def test_closing_before_the_analysis_ends_is_harmless(qtbot, corpus, tmp_path, data_dir, answers):
    from desktop_app.ui.workers import wait_for_all

    path = tmp_path / "mock.txt"
    path.write_text(MOCK_CITY_PLAN, encoding="utf-8")
    dialog = ImportDialog(corpus, path)
    dialog.reject()
    dialog.deleteLater()
    qtbot.wait(10)
    assert wait_for_all(60_000)
    qtbot.wait(10)
    assert not (data_dir / "documents").exists() and answers == []


def test_opening_and_closing_the_dialog_mid_analysis_many_times(qtbot, corpus, tmp_path, answers):
    """The analysis reports through the job runner, never through an object of a dialog that may be gone."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from desktop_app.ui.workers import running_count, wait_for_all

    path = tmp_path / "mock.txt"
    path.write_text(MOCK_CITY_PLAN, encoding="utf-8")
    last = None
    for round_ in range(30):
        dialog = ImportDialog(corpus, path)
        dialog.show()
        for _ in range(round_ % 7):  # close at different points of the analysis
            QCoreApplication.processEvents()
        dialog.reject()
        dialog.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        last = dialog
    assert wait_for_all(120_000)
    qtbot.waitUntil(lambda: running_count() == 0, timeout=10_000)
    assert answers == [] and last is not None
    survivor = _open(qtbot, corpus, path)  # the process is still well: a new dialog analyses as usual
    assert _analysed(qtbot, survivor)


def test_invalid_id_is_not_saved(qtbot, corpus, tmp_path, data_dir, answers):
    path = tmp_path / "mock.txt"
    path.write_text(MOCK_CITY_PLAN, encoding="utf-8")
    dialog = _open(qtbot, corpus, path)
    assert _analysed(qtbot, dialog)
    dialog.id_edit.setText("沈阳方案")
    before = snapshot(data_dir)
    dialog.save_button.click()
    assert answers and answers[-1][0] == "warning" and "编号" in answers[-1][1]
    assert snapshot(data_dir) == before
    assert dialog.result() == 0  # still open, not accepted


def test_main_window_menu_imports_and_refreshes(qtbot, tmp_path, monkeypatch, answers):
    """工具 → 导入文档… in the real main window: the new document appears in the window's corpus and tree."""
    from PySide6.QtWidgets import QFileDialog

    from desktop_app.app import create_window
    from desktop_app.ui import import_dialog

    path = tmp_path / "mock.txt"
    path.write_text(MOCK_CITY_PLAN, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    opened: list[ImportDialog] = []
    monkeypatch.setattr(import_dialog.ImportDialog, "open", lambda self: opened.append(self))  # noqa: PLW0108 - binds self
    window = create_window(start_background=False)
    qtbot.addWidget(window)
    (action,) = [a for a in window.tools_menu.actions() if a.text() == "导入文档…"]
    action.trigger()
    (dialog,) = opened
    assert _analysed(qtbot, dialog)
    with qtbot.waitSignal(dialog.documentImported):
        dialog.save_button.click()
    assert "mock" in {d.id for d in window.corpus.documents}
    model = window.tree_model
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert any("某市促进劳动力和人才社会性流动体制机制改革实施方案" in (t or "") for t in titles)


def test_main_window_removes_an_imported_document(qtbot, tmp_path, monkeypatch, answers, data_dir):
    """工具 → 删除导入的文档…: the document, its links and its tree entry go; the shipped corpus stays."""
    from PySide6.QtWidgets import QInputDialog

    from desktop_app.app import create_window
    from desktop_app.core.textimport import import_plain_text
    from desktop_app.importing import UserStore

    doc = import_plain_text(MOCK_CITY_PLAN, doc_id="mock", title="某市实施方案", kind=DocumentKind.CITY)
    UserStore().save(doc, [])
    window = create_window(start_background=False)
    qtbot.addWidget(window)
    window.open_unit("mock", doc.clauses[0].id)
    assert "mock" in {d.id for d in window.corpus.documents}
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda _p, _t, _l, items, *a: (items[0], True)))
    (action,) = [a for a in window.tools_menu.actions() if a.text() == "删除导入的文档…"]
    action.trigger()
    assert {d.id for d in window.corpus.documents} == {"central", "liaoning"}
    assert not (data_dir / "documents" / "mock.xml").exists()
    assert window.reader.doc_id == "central"  # the document being read is gone: the first one is shown
    assert answers[-1][0] == "question" and "某市实施方案" in answers[-1][1]
    titles = [window.tree_model.index(r, 0).data() for r in range(window.tree_model.rowCount())]
    assert not any("某市实施方案" in (t or "") for t in titles)
