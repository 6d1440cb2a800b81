"""Mouse back/forward buttons anywhere in a window move through its history, as in a browser."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget


class BackForwardButtons(QObject):
    """Installed on the window's platform window, which receives every mouse press in the window first.

    Not an application-wide filter: that would run Python for every event of every object, and the
    first events of Qt's private classes make PySide build every lazily made type and enum of Qt
    (≈ 50 ms before the first paint when it was installed with the window: docs/benchmarks.md).
    Install it once the window exists on screen.
    """

    def __init__(self, window: QWidget, back: Callable[[], None], forward: Callable[[], None]) -> None:
        super().__init__(window)
        self._back, self._forward = back, forward
        handle = window.windowHandle()
        if handle is not None:
            handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.BackButton:
                self._back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self._forward()
                return True
        return super().eventFilter(watched, event)
