"""工具 → 部门名录: the drafter views, checks and edits each city's departments.

Self-contained: ``DepartmentsDialog(workspace, parent)``.  One city at a time
is edited in a table (简称, 全称, 职责, 起, 止, 状态, 来源); 核实 marks the selected
names as checked by the drafter; 保存 writes the whole registry to
``Workspace.departments_path`` under the knowledge-base lock; 恢复默认 forgets
the drafter's copy.  ``install(window)`` adds the menu entry.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import PolicyDeskError
from ..drafting.departments import (
    CONFIRMED_SOURCE,
    VERIFIED,
    Department,
    Registry,
    load_registry,
    reset_registry,
    save_registry,
)
from ..drafting.package import TO_CHECK
from ..workspace import Workspace

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
HEADERS = ("简称", "全称", "职责", "起", "止", "状态", "来源")
FIELDS = ("short", "name", "keys", "valid_from", "valid_to", "status", "source")


class DepartmentsModel(QAbstractTableModel):
    """One city's departments, editable cell by cell."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.city = ""
        self.rows: list[Department] = []

    def set_rows(self, city: str, rows: tuple[Department, ...] | list[Department]) -> None:
        self.beginResetModel()
        self.city, self.rows = city, list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(HEADERS[section])
        return None

    def _text(self, d: Department, column: int) -> str:
        field = FIELDS[column]
        if field == "keys":
            return "；".join(d.keys)
        if field == "status":
            return self.tr("已核实") if d.verified else self.tr(TO_CHECK)
        return getattr(d, field)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        d = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(d, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and not d.verified and FIELDS[index.column()] == "status":
            return QBrush(QColor("#a15c00"))
        if role == Qt.ItemDataRole.ToolTipRole and not d.verified:
            return self.tr("按通行命名推定的默认名称，使用前请核实")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and FIELDS[index.column()] != "status":
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        field, text = FIELDS[index.column()], " ".join(str(value).split())
        if field in ("valid_from", "valid_to") and text and not _is_date(text):
            return False
        if field in ("short", "name") and not text:
            return False
        old = self.rows[index.row()]
        new = replace(old, keys=tuple(k.strip() for k in text.replace(";", "；").split("；") if k.strip())) \
            if field == "keys" else replace(old, **{field: text})
        if new == old:
            return False
        # the drafter's own wording is the drafter's: it counts as checked
        if field in ("short", "name"):
            new = replace(new, status=VERIFIED, source=CONFIRMED_SOURCE)
        self.rows[index.row()] = new
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        return True

    def confirm(self, row: int) -> None:
        self.rows[row] = replace(self.rows[row], status=VERIFIED, source=self.rows[row].source
                                 if self.rows[row].verified else CONFIRMED_SOURCE)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def add(self) -> int:
        row = len(self.rows)
        self.beginInsertRows(_ROOT, row, row)
        self.rows.append(Department(self.city, (), self.tr("新部门全称"), self.tr("新部门简称"), "", "", VERIFIED,
                                    CONFIRMED_SOURCE))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        self.beginRemoveRows(_ROOT, row, row)
        del self.rows[row]
        self.endRemoveRows()


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


class DepartmentsDialog(QDialog):
    """View and edit the department registry; saved for the whole workspace."""

    saved = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, city: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("部门名录"))
        self.workspace = workspace
        problem = ""
        try:
            self.registry: Registry = load_registry(workspace)
        except PolicyDeskError as exc:
            self.registry, problem = load_registry(None), self.tr("%1；现显示默认名录，保存将替换该文件").replace(
                "%1", str(exc))
        self.model = DepartmentsModel(self)
        self._dirty = False
        self._build()
        self.status_label.setText(problem)
        self.city_box.addItems(list(self.registry.cities()))
        if city:
            self.city_box.setCurrentText(city)
        self._show_city(self.city_box.currentText())
        self.city_box.currentTextChanged.connect(self._on_city_changed)
        self.model.dataChanged.connect(self._on_model_edited)
        self.model.rowsInserted.connect(self._on_model_edited)
        self.model.rowsRemoved.connect(self._on_model_edited)
        self.resize(980, 560)

    def _build(self) -> None:
        col = QVBoxLayout(self)
        top = QHBoxLayout()
        self.city_box = QComboBox(self)
        top.addWidget(QLabel(self.tr("城市"), self))
        top.addWidget(self.city_box)
        top.addStretch(1)
        col.addLayout(top)
        note = QLabel(self.tr("“待核”的名称是按辽宁各市通行命名推定的默认值，请对照本市“三定”方案或近期文件核实；"
                              "修改简称或全称、或点“核实”，即视为已核实。有效期用于按成文日期取用名称。"), self)
        note.setWordWrap(True)
        col.addWidget(note)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        col.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton(self.tr("核实所选"), self)
        self.add_button = QPushButton(self.tr("添加部门"), self)
        self.remove_button = QPushButton(self.tr("删除所选"), self)
        self.reset_button = QPushButton(self.tr("恢复默认名录"), self)
        self.save_button = QPushButton(self.tr("保存"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        for button in (self.confirm_button, self.add_button, self.remove_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.status_label = QLabel(self)
        buttons.addWidget(self.status_label)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        col.addLayout(buttons)
        self.confirm_button.clicked.connect(self._on_confirm)
        self.add_button.clicked.connect(self._on_add)
        self.remove_button.clicked.connect(self._on_remove)
        self.reset_button.clicked.connect(self._on_reset)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)

    # ---- editing ------------------------------------------------------------------------------
    def _selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def _show_city(self, city: str) -> None:
        self.model.set_rows(city, self.registry.of_city(city))

    def _keep_city(self) -> None:
        if self.model.city:
            self.registry = self.registry.replaced_city(self.model.city, self.model.rows)

    @Slot(str)
    def _on_city_changed(self, city: str) -> None:
        self._keep_city()
        self._show_city(city)

    def _on_model_edited(self, *_args) -> None:
        self._dirty = True
        self.status_label.setText(self.tr("有未保存的修改"))

    @Slot()
    def _on_confirm(self) -> None:
        for row in self._selected_rows():
            self.model.confirm(row)

    @Slot()
    def _on_add(self) -> None:
        row = self.model.add()
        self.table.selectRow(row)
        self.table.edit(self.model.index(row, 0))

    @Slot()
    def _on_remove(self) -> None:
        for row in reversed(self._selected_rows()):
            self.model.remove(row)

    @Slot()
    def save(self) -> bool:
        self._keep_city()
        try:
            save_registry(self.workspace, self.registry)
        except PolicyDeskError as exc:
            self.status_label.setText(str(exc))
            return False
        self._dirty = False
        self.status_label.setText(self.tr("已保存到 %1").replace("%1", str(self.workspace.departments_path)))
        self.saved.emit()
        return True

    @Slot()
    def _on_reset(self) -> None:
        try:
            reset_registry(self.workspace)
        except PolicyDeskError as exc:
            self.status_label.setText(str(exc))
            return
        self.registry = load_registry(self.workspace)
        self._show_city(self.city_box.currentText())
        self._dirty = False
        self.status_label.setText(self.tr("已恢复默认名录"))
        self.saved.emit()

    @property
    def dirty(self) -> bool:
        return self._dirty


def install(window) -> None:
    """Add 工具 → 部门名录… to the main window."""
    def show() -> None:
        draft = getattr(window, "city_draft", None)
        dialog = DepartmentsDialog(window.workspace, window, draft.city if draft else "")
        dialog.exec()

    window.add_tool_action(window.tr("部门名录…"), show)


__all__ = ["DepartmentsDialog", "DepartmentsModel", "install"]
