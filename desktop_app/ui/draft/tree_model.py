"""The draft's clause tree: parts (top level) and their clauses, numbered as they will print."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ...drafting import Draft

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class DraftTreeModel(QAbstractItemModel):
    """Parts (top level) and their clauses, numbered as they will print; checkable to include or exclude."""

    includeToggled = Signal(str, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._draft: Draft | None = None
        self._numbers: dict[str, str] = {}

    def set_draft(self, draft: Draft | None) -> None:
        self.beginResetModel()
        self._draft = draft
        self._numbers = draft.numbers() if draft else {}
        self.endResetModel()

    # ---- structure ---------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if self._draft is None or parent.column() > 0:
            return 0
        if not parent.isValid():
            return len(self._draft.parts)
        if parent.internalId() == 0:
            return len(self._draft.parts[parent.row()].clauses)
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 2

    # ---- content -----------------------------------------------------------
    def unit(self, index: Index):
        """The DraftPart or DraftClause at *index* (None for an invalid index)."""
        if self._draft is None or not index.isValid():
            return None
        if index.internalId() == 0:
            return self._draft.parts[index.row()]
        return self._draft.parts[index.internalId() - 1].clauses[index.row()]

    def index_of(self, unit_id: str) -> QModelIndex:
        if self._draft is None:
            return QModelIndex()
        for p_row, part in enumerate(self._draft.parts):
            if part.id == unit_id:
                return self.index(p_row, 0)
            for c_row, clause in enumerate(part.clauses):
                if clause.id == unit_id:
                    return self.index(c_row, 0, self.index(p_row, 0))
        return QModelIndex()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        unit = self.unit(index)
        if unit is None:
            return None
        role = Qt.ItemDataRole(role)
        first = index.column() == 0
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(unit) if first else self._status(unit)
        if role == Qt.ItemDataRole.CheckStateRole:
            return (Qt.CheckState.Checked if unit.included else Qt.CheckState.Unchecked) if first else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return None if unit.id in self._numbers else QBrush(QColor("#888888"))
        tip = "\n".join(x for x in (self._label(unit), self._status(unit)) if x)
        return {Qt.ItemDataRole.ToolTipRole: tip, Qt.ItemDataRole.UserRole: unit.id}.get(role)

    def _label(self, unit) -> str:
        num = self._numbers.get(unit.id, "")
        return (num + unit.heading) if num else self.tr("（不纳入）") + unit.heading

    def _status(self, unit) -> str:
        notes = []
        if unit.to_complete:
            notes.append(self.tr("待起草"))
        flags = len(getattr(unit, "open_flags", ()))
        if flags:
            notes.append(self.tr("%n 条提示", "", flags))
        return "，".join(notes)

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        unit = self.unit(index)
        if unit is None or role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self.includeToggled.emit(unit.id, checked)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("部分与条款"), self.tr("待办"))[section] if 0 <= section < 2 else None
        return None
