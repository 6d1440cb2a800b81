"""The drafter's notes as a table: 文件 | 条款 | 笔记 | 更新 (one row per note, from ``core.note_search``)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...core.note_search import NoteEntry

ROOT = QModelIndex()
KEY_ROLE = Qt.ItemDataRole.UserRole + 1   # (doc, unit) of the note


class NotesModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.entries: list[NoteEntry] = []

    def set_entries(self, entries: list[NoteEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        names = (self.tr("文件"), self.tr("条款"), self.tr("笔记"), self.tr("更新"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        if role == KEY_ROLE:
            return e.note.key
        if role == Qt.ItemDataRole.DisplayRole:
            return (e.document, e.label, " ／ ".join(e.note.text.splitlines()), e.note.updated[:10])[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{e.citation}\n{e.note.text}"
        return None
