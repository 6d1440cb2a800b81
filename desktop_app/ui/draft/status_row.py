"""The line under the draft editor: what happened last, the export's progress, the exported file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

ERROR_STYLE = "color: #b00020;"


class StatusRow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.last_export = ""
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.open_button = QPushButton(self.tr("打开文件"), self)
        self.folder_button = QPushButton(self.tr("打开所在文件夹"), self)
        self._show_result_buttons(False)
        self.open_button.clicked.connect(lambda: _open_url(self.last_export))
        self.folder_button.clicked.connect(lambda: _open_url(str(Path(self.last_export).parent)))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.progress)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)

    def say(self, text: str, error: bool = False) -> None:
        self.label.setStyleSheet(ERROR_STYLE if error else "")
        self.label.setText(text)

    def busy(self, text: str) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self._show_result_buttons(False)
        self.say(text)

    def progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def exported(self, path: str, text: str) -> None:
        self.progress.hide()
        self.last_export = path
        self._show_result_buttons(True)
        self.say(text)

    def failed(self, text: str) -> None:
        self.progress.hide()
        self.say(text, error=True)

    def _show_result_buttons(self, visible: bool) -> None:
        for button in (self.open_button, self.folder_button):
            button.setVisible(visible)


def _open_url(path: str) -> None:
    if path:
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))
