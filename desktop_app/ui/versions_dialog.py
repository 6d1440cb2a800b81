"""Named versions of the draft: save the current text under a name, compare any two, export the changes.

Self-contained: constructed with the draft (and a callable giving the current
one); ``saveRequested(name)`` asks the editor to save a version as an undoable
edit; the comparison and the Word export are done here (the export in the
background).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
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
from .export_to_word import WordExport


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
        self.word_export = WordExport(self, self.status, [self.export_button])
        self.word_export.finished.connect(self.exported)
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
        if (write := self._changes()) is not None:
            name = self.tr("修改对照（%1与%2）.docx").replace("%1", self.old_box.currentText()) \
                .replace("%2", self.new_box.currentText())
            self.word_export.ask(self.tr("导出修订对照"), name, write)

    def export_to(self, path: str) -> None:
        """Export the changes between the two chosen versions to *path* in the background (no question)."""
        if (write := self._changes()) is not None:
            self.word_export.start(path, write)

    def _changes(self) -> Callable[..., object] | None:
        draft = self._draft()
        if draft is None:
            return None
        return partial(export_changes, draft, self.corpus, self.old_box.currentText(), self.new_box.currentText())
