"""Named versions of the draft: save the current text under a name, compare any two, export the changes.

Self-contained: constructed with the draft (and a callable giving the current
one); ``saveRequested(name)`` asks the editor to save a version as an undoable
edit; the comparison and the Word export are done here (the export in the
background).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.corpus import Corpus
from ..core.errors import PolicyDeskError
from ..drafting.model import Draft
from ..feedback.versions import CURRENT, compare_versions, export_changes
from .workers import Lane, QueryOp, describe_failure


class VersionsDialog(QDialog):
    saveRequested = Signal(str)
    exported = Signal(str)

    def __init__(self, draft: Callable[[], Draft | None], corpus: Corpus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("版本"))
        self._draft, self.corpus = draft, corpus
        col = QVBoxLayout(self)
        col.addWidget(QLabel(self.tr("已保存的版本"), self))
        self.list = QListWidget(self)
        col.addWidget(self.list)
        grid = QGridLayout()
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("版本名称，如 征求意见稿、送审稿"))
        self.save_button = QPushButton(self.tr("把当前稿保存为版本"), self)
        grid.addWidget(self.name_edit, 0, 0, 1, 2)
        grid.addWidget(self.save_button, 0, 2)
        self.old_box, self.new_box = QComboBox(self), QComboBox(self)
        self.compare_button = QPushButton(self.tr("比较"), self)
        grid.addWidget(self.old_box, 1, 0)
        grid.addWidget(self.new_box, 1, 1)
        grid.addWidget(self.compare_button, 1, 2)
        col.addLayout(grid)
        self.result = QTextBrowser(self)
        col.addWidget(self.result, 1)
        self.export_button = QPushButton(self.tr("导出修订对照 Word…"), self)
        col.addWidget(self.export_button)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        col.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.save_button.clicked.connect(self._on_save)
        self.compare_button.clicked.connect(self.compare)
        self.export_button.clicked.connect(self._on_export)
        self.refresh()
        self.resize(640, 560)

    def refresh(self) -> None:
        draft = self._draft()
        versions = list(draft.versions) if draft else []
        self.list.clear()
        self.list.addItems([f"{v.name}　{v.saved[:10]}" for v in versions])
        names = [v.name for v in versions] + [CURRENT]
        for box, pick in ((self.old_box, 0), (self.new_box, len(names) - 1)):
            box.clear()
            box.addItems(names)
            box.setCurrentIndex(pick)

    def _on_save(self) -> None:
        name = self.name_edit.text().strip()
        if name:
            self.saveRequested.emit(name)
            self.name_edit.clear()
            self.refresh()

    def compare(self) -> None:
        draft = self._draft()
        if draft is None:
            return
        old, new = self.old_box.currentText(), self.new_box.currentText()
        try:
            changes = compare_versions(draft, old, new)
        except PolicyDeskError as exc:
            self.status.setText(str(exc))
            return
        lines = [f"<p><b>{c.change}</b> {c.num}{c.heading}</p>" for c in changes]
        self.result.setHtml("".join(lines) or self.tr("两个版本的条款相同。"))
        self.status.setText(self.tr("“%1”→“%2”：%3 条有改动").replace("%1", old).replace("%2", new)
                            .replace("%3", str(len(changes))))

    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出修订对照"), "修改对照.docx", "Word (*.docx)")
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        draft, corpus = self._draft(), self.corpus
        old, new = self.old_box.currentText(), self.new_box.currentText()
        if draft is None:
            return
        self.status.setText(self.tr("正在导出…"))
        QueryOp(parent=self, op=lambda: str(export_changes(draft, corpus, old, new, path, overwrite=True)),
                success=self._on_exported) \
            .failure(lambda exc: self.status.setText(describe_failure(exc))).in_lane(Lane.EXPORT).run_in_background()

    def _on_exported(self, path: str) -> None:
        self.status.setText(self.tr("已导出 %1").replace("%1", path))
        self.exported.emit(path)
