"""The draft editor's toolbar: city, new/open/save, undo/redo, clause actions, revision mode, exports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QToolBar

if TYPE_CHECKING:
    from ...drafting import DraftSession
    from ..draft_editor import DraftEditor


class DraftToolBar(QToolBar):
    """Its actions call the editor's methods; :meth:`update_state` enables what applies."""

    def __init__(self, editor: DraftEditor) -> None:
        super().__init__(editor)
        self.city_box = QComboBox(self)
        self.city_box.addItems([c.name for c in editor.corpus.cities])
        self.addWidget(self.city_box)
        self.act_new = self.addAction(self.tr("新建草稿"), editor.ask_new)
        self.act_open = self.addAction(self.tr("打开…"), editor.files.ask_open)
        # Ctrl+S is the window's 文件 → 保存, which in this view saves the draft (one shortcut, one meaning)
        self.act_save = self.addAction(self.tr("保存"), editor.save)
        self.act_save.setToolTip(self.tr("保存草稿（Ctrl+S）"))
        self.act_save_as = self.addAction(self.tr("另存为…"), editor.save_as)
        self.addSeparator()
        undo, redo = QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo
        self.act_undo = self._scoped(editor, self.addAction(self.tr("撤销"), editor.undo), undo)
        self.act_redo = self._scoped(editor, self.addAction(self.tr("重做"), editor.redo), redo)
        self.addSeparator()
        self.act_add = self.addAction(self.tr("添加条款"), editor.add_clause)
        self.act_remove = self.addAction(self.tr("删除条款"), editor.remove_clause)
        self.act_up = self.addAction(self.tr("上移"), lambda: editor.move_clause(-1))
        self.act_down = self.addAction(self.tr("下移"), lambda: editor.move_clause(+1))
        self.addSeparator()
        self.track_box = QCheckBox(self.tr("修订模式"), self)
        self.track_box.setToolTip(self.tr("导出时以修订标出相对省实施措施的改动"))
        self.addWidget(self.track_box)
        self.act_export = self.addAction(self.tr("导出 Word…"), lambda: editor.exporter.ask("plan"))
        self.act_table = self.addAction(self.tr("导出对照表…"), lambda: editor.exporter.ask("table"))

    @staticmethod
    def _scoped(editor: DraftEditor, action: QAction, key) -> QAction:
        """A shortcut that acts only while the focus is in the editor (not in the window's other views)."""
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        editor.addAction(action)
        return action

    def update_state(self, session: DraftSession | None, has_current: bool, clause_selected: bool) -> None:
        has = session is not None
        for action in (self.act_save, self.act_save_as, self.act_export, self.act_table):
            action.setEnabled(has)
        self.act_add.setEnabled(has and has_current)
        for action in (self.act_remove, self.act_up, self.act_down):
            action.setEnabled(clause_selected)
        undo, redo = (session.undo_label, session.redo_label) if session is not None else ("", "")
        self.act_undo.setEnabled(bool(undo))
        self.act_redo.setEnabled(bool(redo))
        self.act_undo.setText(self.tr("撤销") + (f"“{undo}”" if undo else ""))
        self.act_redo.setText(self.tr("重做") + (f"“{redo}”" if redo else ""))
