"""笔记一览 in the window: search, open, export, carry into the open draft's basis comment (undoable)."""

from __future__ import annotations

from docx import Document as read_docx
from PySide6.QtWidgets import QFileDialog

from desktop_app.export.basis import basis_lines
from desktop_app.ui.models.notes_model import NotesModel


def test_notes_model_passes_the_model_tester(qtmodeltester, corpus, data_dir):
    from desktop_app.core.note_search import note_entries
    from desktop_app.core.notes import NotesStore

    store = NotesStore.load(data_dir / "n.json")
    store.set_text("liaoning", "part_2__para_5", "甲\n乙")
    model = NotesModel()
    model.set_entries(note_entries(store.all(), corpus))
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 2).data() == "甲 ／ 乙"


def test_search_open_export_and_carry(qtbot, window, type_chinese, tmp_path, monkeypatch):
    window.notes.set_text("liaoning", "part_2__para_5", "落户条件与公安局核对")
    window.notes.set_text("central", "part_2__para_1", "问人社局要数据")
    window.notes_list_action.trigger()
    dialog = window.notes_dialog
    assert dialog.isVisible() and dialog.model.rowCount() == 2
    assert not dialog.carry_button.isEnabled()          # no draft open yet
    type_chinese(dialog.query_edit, "公安")
    assert [e.note.unit for e in dialog.entries] == ["part_2__para_5"]
    assert dialog.count_label.text() == "共 1 条笔记"
    dialog.table.activated.emit(dialog.model.index(0, 0))
    assert (window.reader.doc_id, window.reader.unit_id) == ("liaoning", "part_2__para_5")

    target = tmp_path / "笔记.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    with qtbot.waitSignal(dialog.word_export.finished, timeout=30000):
        dialog.export_button.click()
    assert read_docx(str(target)).tables[0].rows[1].cells[3].text == "落户条件与公安局核对"

    window.show_view("draft")
    editor = window.views["draft"]
    with qtbot.waitSignal(editor.draftChanged, timeout=10000):
        editor.new_draft("沈阳市")
    dialog.refresh()
    assert dialog.carry_button.isEnabled()
    dialog.carry_button.click()
    assert dialog.status_label.text() == "已把笔记带入草稿 1 条的依据批注"
    five = next(c for c in editor.draft.clauses if c.source_id == "part_2__para_5")
    assert basis_lines(window.corpus, editor.draft, five)[-1].endswith("第（五）条：落户条件与公安局核对")
    assert editor.session.undo_label == "带入笔记"
