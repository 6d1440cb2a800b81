"""The yellow banner offering back a draft autosaved by a session that did not close normally."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ...drafting.store import Recovery


class RecoveryBanner(QFrame):
    """Shows the newest of the recoveries it is given; ``restoreRequested``/``discardRequested`` name it."""

    restoreRequested = Signal(object)   # Recovery
    discardRequested = Signal(object)   # Recovery

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recoveries: list[Recovery] = []
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame { background: #fff4ce; }")
        row = QHBoxLayout(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("恢复"), self)
        self.discard_button = QPushButton(self.tr("放弃"), self)
        row.addWidget(self.label, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.discard_button)
        self.restore_button.clicked.connect(lambda: self._emit(self.restoreRequested))
        self.discard_button.clicked.connect(lambda: self._emit(self.discardRequested))
        self.hide()

    def offer(self, recoveries: list[Recovery]) -> None:
        """Show the first of *recoveries* (newest first); hide when there is none."""
        self.recoveries = list(recoveries)
        if not self.recoveries:
            self.hide()
            return
        rec = self.recoveries[0]
        where = rec.saved_path or self.tr("未保存过")
        self.label.setText(
            self.tr("发现上次未正常关闭时自动保存的草稿：%1（%2，自动保存于 %3）。是否恢复？")
            .replace("%1", rec.draft.city).replace("%2", where).replace("%3", rec.saved_at.replace("T", " ")[:19]))
        self.show()

    def _emit(self, signal) -> None:
        if self.recoveries:
            signal.emit(self.recoveries[0])
