"""The feedback pane of the draft editor: the departments' items on the current clause, and the decisions.

Self-contained: :meth:`FeedbackPane.show_items` gives it the draft and the
clause; it emits ``decided(item_id, status, reason)`` and
``unitNamed(item_ids, unit)``, and the editor turns them into undoable edits.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..drafting.model import Draft
from ..feedback.decide import conflicting_ids
from ..feedback.items import KIND_LABELS, STATUS_LABELS, FeedbackItem, Status
from ..feedback.views import in_draft_order, opinion, place

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
STATUS_COLOURS = {Status.ADOPTED: "#2e7d32", Status.PARTLY: "#8d6e00", Status.REJECTED: "#b71c1c",
                  Status.PENDING: "#555555"}
ItemRole = Qt.ItemDataRole.UserRole + 1


class FeedbackItemsModel(QAbstractListModel):
    """The items shown: one row each, “单位 · 批注 · 状态” over the opinion."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[FeedbackItem] = []
        self._places: dict[str, str] = {}
        self._clashes: dict[str, list[str]] = {}

    def set_items(self, items: list[FeedbackItem], places: dict[str, str], clashes: dict[str, list[str]]) -> None:
        self.beginResetModel()
        self._items, self._places, self._clashes = list(items), places, clashes
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def item(self, row: int) -> FeedbackItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, item_id: str) -> int:
        return next((n for n, i in enumerate(self._items) if i.id == item_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            unit = item.unit or self.tr("【单位待确认】%1").replace("%1", item.author)
            clash = self.tr("【冲突】") if item.id in self._clashes else ""
            where = self._places.get(item.id, "")
            return (f"{clash}{unit} · {KIND_LABELS[item.kind]} · {STATUS_LABELS[item.status]} · {where}\n"
                    f"{opinion(item)}" + (f"\n{self.tr('理由')}：{item.reason}" if item.reason else ""))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("作者：%1　日期：%2　文件：%3").replace("%1", item.author).replace("%2", item.date) \
                .replace("%3", item.file)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(STATUS_COLOURS[item.status]))
        if role == ItemRole:
            return item.id
        return None


class FeedbackPane(QWidget):
    """Items of the current clause (or all items) with 采纳 / 部分采纳 / 不采纳 / 待定 and a reason."""

    decided = Signal(str, str, str)          # item id, status value, reason
    unitNamed = Signal(list, str)            # item ids, unit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._draft: Draft | None = None
        self._unit_id: str | None = None
        self.model = FeedbackItemsModel(self)
        col = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        col.addWidget(self.summary)
        self.all_box = QCheckBox(self.tr("显示全部意见（含未对应到条款的）"), self)
        col.addWidget(self.all_box)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(2)
        col.addWidget(self.view, 1)
        col.addWidget(QLabel(self.tr("处理情况及理由"), self))
        self.reason_edit = QLineEdit(self)
        col.addWidget(self.reason_edit)
        grid = QGridLayout()  # two by two: the pane stays narrow enough for the draft's tree to show headings
        self.buttons: dict[Status, QPushButton] = {}
        for n, status in enumerate((Status.ADOPTED, Status.PARTLY, Status.REJECTED, Status.PENDING)):
            button = QPushButton(STATUS_LABELS[status], self)
            button.clicked.connect(lambda _checked=False, s=status: self._on_decide(s))
            grid.addWidget(button, n // 2, n % 2)
            self.buttons[status] = button
        col.addLayout(grid)
        unit_row = QHBoxLayout()
        self.unit_edit = QLineEdit(self)
        self.unit_edit.setPlaceholderText(self.tr("作者是个人时，填写反馈单位"))
        self.unit_button = QPushButton(self.tr("设为反馈单位"), self)
        unit_row.addWidget(self.unit_edit, 1)
        unit_row.addWidget(self.unit_button)
        col.addLayout(unit_row)
        self.all_box.toggled.connect(lambda _on: self._refresh())
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.unit_button.clicked.connect(self._on_name_unit)
        self._update_buttons()

    def show_items(self, draft: Draft | None, unit_id: str | None) -> None:
        """Show the items of *unit_id* (a part or clause id) in *draft*, keeping the selected item if it is there."""
        self._draft, self._unit_id = draft, unit_id
        self._refresh()

    def current_item(self) -> FeedbackItem | None:
        return self.model.item(self.view.currentIndex().row())

    def select_item(self, item_id: str) -> None:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))

    def _refresh(self) -> None:
        keep = self.current_item().id if self.current_item() else None
        draft = self._draft
        if draft is None:
            self.model.set_items([], {}, {})
            self.summary.setText(self.tr("没有打开的草稿。"))
            self._update_buttons()
            return
        items = in_draft_order(draft)
        if not self.all_box.isChecked():
            items = [i for i in items if i.clause_id == self._unit_id]
        numbers = draft.numbers()
        places = {i.id: place(draft, i.clause_id, numbers) for i in items}
        self.model.set_items(items, places, conflicting_ids(draft))
        pending = sum(1 for i in draft.feedback if i.status is Status.PENDING)
        self.summary.setText(self.tr("本条意见 %1 条；全部意见 %2 条，待定 %3 条。")
                             .replace("%1", str(sum(1 for i in draft.feedback if i.clause_id == self._unit_id)))
                             .replace("%2", str(len(draft.feedback))).replace("%3", str(pending)))
        if keep:
            self.select_item(keep)
        self._update_buttons()

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.item(current.row())
        self.reason_edit.setText(item.reason if item else "")
        self.unit_edit.setText(item.unit if item else "")
        self._update_buttons()

    def _on_decide(self, status: Status) -> None:
        item = self.current_item()
        if item is not None:
            self.decided.emit(item.id, status.value, self.reason_edit.text().strip())

    def _on_name_unit(self) -> None:
        item, unit = self.current_item(), self.unit_edit.text().strip()
        if item is None or not unit or self._draft is None:
            return
        # every item of the same author in the same file gets the unit at once
        same = [i.id for i in self._draft.feedback if i.file == item.file and i.author == item.author and not i.unit]
        self.unitNamed.emit(same or [item.id], unit)

    def _update_buttons(self) -> None:
        item = self.current_item()
        for button in self.buttons.values():
            button.setEnabled(item is not None)
        self.reason_edit.setEnabled(item is not None)
        self.unit_button.setEnabled(item is not None)
