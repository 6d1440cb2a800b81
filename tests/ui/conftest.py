"""Fixtures for the window tests: the real main window, with modal dialogs replaced."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.app import create_window
from desktop_app.workspace import Workspace

# WORKAROUND: Qt's offscreen platform plugin warns "This plugin does not support propagateSizeHints()"
# whenever a top-level window's size constraints change (QPlatformWindow default implementation,
# QTBUG-67413); it is harmless and says nothing about our code.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def type_chinese():
    """Type Chinese the way a person does, through the input method (QTest's keyClicks handles only ASCII)."""

    def type_text(widget, text: str) -> None:
        widget.setFocus()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)

    return type_text


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """Message boxes would wait for a click: record them instead."""
    shown: list[tuple[str, str]] = []

    def record(kind):
        def box(_parent, title, text, *args, **kwargs):
            shown.append((kind, text))
            return QMessageBox.StandardButton.Ok

        return box

    for kind in ("about", "critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))

    def exec_box(box):  # a message box built by hand (e.g. 保存 / 不保存 / 取消): recorded, then cancelled
        shown.append(("box", box.text()))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return shown


@pytest.fixture
def make_window(qtbot, corpus, data_dir):
    """Build the real main window as the app does (settings and notes from the test's data dir)."""
    windows = []

    def make(*, background: bool = False):
        window = create_window(Workspace(data_dir), corpus, start_background=background)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        windows.append(window)
        return window

    yield make
    from desktop_app.ui.workers import wait_for_all

    for window in windows:
        window.search_service.close()
    wait_for_all()


@pytest.fixture
def window(make_window):
    return make_window()
