"""工具 → 检索词典: the search dictionary's shipped entries and the department registry's names (read only) and
the user's own (editable).

:func:`install` adds the menu entry (``app.EXTENSION_MODULES``) and costs nothing: the search package is imported
the first time the dialog opens.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.errors import PolicyDeskError
from ..workspace import Workspace

COLUMNS = ("词", "等同的说法", "类别", "理由", "来源")
SHIPPED, USER, REGISTRY = "随程序提供", "我添加的", "部门名录"
SEPARATOR = "、"


def install(window) -> None:
    """Add 工具 → 检索词典… to the main window."""
    window.add_tool_action(window.tr("检索词典…"), lambda: open_dictionary(window))


def _synonyms():
    from ..search import synonyms  # whoosh and the analyzer: loaded when the dialog is first used

    return synonyms


class DictionaryDialog(QDialog):
    """Lists every entry; the user's rows can be edited, added and removed, and are saved to the workspace."""

    saved = Signal()

    def __init__(self, workspace: Workspace, parent=None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.setWindowTitle(self.tr("检索词典"))
        self.resize(900, 560)
        self._build()
        self._load()
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.add_button.clicked.connect(self._on_add)
        self.remove_button.clicked.connect(self._on_remove)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    def _build(self) -> None:
        intro = QLabel(self.tr("检索一个词时，也找出写作其简称、全称或等同说法的条款，排在原词命中之后"
                               "（检索框旁的“同义”可关闭）。随程序提供的词条只读；可以添加自己的词条，每条须写明理由。"
                               "各市部门的全称、简称取自部门名录（工具 → 部门名录），在那里修改。"))
        intro.setWordWrap(True)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("查找词条"))
        self.filter_edit.setClearButtonEnabled(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("dictionaryTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeaderItem(1).setToolTip(self.tr("几个说法用“、”分隔；每个说法都与“词”同义"))
        for column, width in ((0, 120), (1, 300), (2, 60)):
            self.table.setColumnWidth(column, width)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color:#b00020")
        self.add_button = QPushButton(self.tr("添加词条"))
        self.remove_button = QPushButton(self.tr("删除所选"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems_label)
        layout.addLayout(row)

    def _load(self) -> None:
        synonyms = _synonyms()
        try:
            user, problems = synonyms.read_user_entries(self._workspace.dictionary_path)
        except synonyms.DictionaryError as exc:
            user, problems = [], [str(exc)]
        self.table.setRowCount(0)
        for entry in synonyms.shipped_entries():
            self._add_row(entry, editable=False)
        from ..search.department_names import registry_entries

        registry, registry_problems = registry_entries(self._workspace.departments_path)
        for entry in registry:
            self._add_row(entry, editable=False, source=REGISTRY)
        for entry in user:
            self._add_row(entry, editable=True)
        self.problems_label.setText("\n".join([*(self.tr("用户词典有问题，未采用：%1").replace("%1", p)
                                                for p in problems), *registry_problems]))
        self.problems_label.setVisible(bool(problems or registry_problems))

    def _add_row(self, entry, *, editable: bool, source: str = SHIPPED) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = (entry.term, SEPARATOR.join(entry.equivalents), entry.category, entry.reason) \
            if entry is not None else ("", "", "同义", "")
        for col, value in enumerate((*values, USER if editable else source)):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if not editable or col == len(COLUMNS) - 1:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if not editable:
                    item.setForeground(Qt.GlobalColor.darkGray)
            self.table.setItem(row, col, item)
        return row

    def user_rows(self) -> list[int]:
        return [r for r in range(self.table.rowCount()) if self.table.item(r, len(COLUMNS) - 1).text() == USER]

    @Slot(str)
    def _on_filter_changed(self, text: str) -> None:
        needle = text.strip()
        for r in range(self.table.rowCount()):
            cells = " ".join(self.table.item(r, c).text() for c in range(len(COLUMNS) - 1))
            self.table.setRowHidden(r, bool(needle) and needle not in cells)

    @Slot()
    def _on_add(self) -> None:
        self.filter_edit.clear()
        row = self._add_row(None, editable=True)
        self.table.scrollToBottom()
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))

    @Slot()
    def _on_remove(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedItems()} & set(self.user_rows()), reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def entries(self) -> list:
        """The user's rows as ``synonyms.Entry``; raises ValueError naming the first row that is not acceptable."""
        synonyms = _synonyms()
        entries = []
        for n, row in enumerate(self.user_rows(), 1):
            cells = [self.table.item(row, c).text() for c in range(4)]
            if not any(c.strip() for c in (cells[0], cells[1], cells[3])):
                continue  # an empty row added and left
            try:
                entries.append(synonyms.make_entry(*cells))
            except ValueError as exc:
                message = self.tr("我添加的第 %1 条：%2").replace("%1", str(n)).replace("%2", str(exc))
                raise ValueError(message) from None
        return entries

    @Slot()
    def _on_save(self) -> None:
        try:
            _synonyms().save_user_entries(self._workspace, self.entries())
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("检索词典"), str(exc))
            return
        except PolicyDeskError as exc:  # the file or the knowledge-base lock
            QMessageBox.warning(self, self.tr("检索词典"), self.tr("未能保存：%1").replace("%1", str(exc)))
            return
        self.saved.emit()
        self.accept()


def open_dictionary(window) -> None:
    """Show the dialog over *window*; after a save, the search shown is asked again with the new entries."""
    dialog = DictionaryDialog(window.workspace, window)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        panel = window.search_panel
        if panel.query_edit.text().strip():
            panel.set_query(panel.query_edit.text())
