"""What the main window keeps across restarts, and how it closes (the part of the shell that saves).

* Restarts: geometry and splitter in QSettings (``Workspace.window_state_path``), the last clause,
  view and left tab in :class:`~desktop_app.ui.settings.AppSettings` (``Workspace.settings_path``).
* Closing: :meth:`WindowState.close_main` asks every built view ``can_close()`` (novelWriter's
  ``closeMain``), then saves the settings and waits for running jobs.  The title bar, Ctrl+Q,
  文件 → 退出 and the session ending all come here.
* Saveables (qutebrowser's save manager): functions registered with ``add_saveable`` keep unsaved
  work without asking when the program may end without a normal close (the session ends without
  interaction allowed, or the application is told to quit).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QLabel, QSplitter, QWidget

from ..core.errors import PolicyDeskError
from ..workspace import WorkspaceError, os_reason
from .workers import running_count, wait_for_all

if TYPE_CHECKING:
    from .main_window import MainWindow

LEFT_SEARCH = 1
JOBS_TIMEOUT_MS = 60_000
SETTINGS_LOCK_TIMEOUT = 5.0  # preferences are not worth a long wait for another PolicyDesk's import


class WindowState:
    """Owned by the main window; see the module docstring."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.closed = False
        self._saveables: dict[str, Callable[[], None]] = {"settings": self.save}
        self.problem_label: QLabel | None = None

    # ---- restarts ------------------------------------------------------------------------
    def _qsettings(self) -> QSettings:
        return QSettings(str(self.window.workspace.window_state_path), QSettings.Format.IniFormat)

    def restore(self) -> None:
        w = self.window
        qs = self._qsettings()
        geometry, splitter = qs.value("geometry"), qs.value("splitter")
        if isinstance(geometry, QByteArray):
            w.restoreGeometry(geometry)
        else:
            w.resize(1400, 900)
        if isinstance(splitter, QByteArray):
            w.splitter.restoreState(splitter)
        for view in w.built_views():
            self.restore_splitters(view)
        s = w.settings
        try:
            w.open_unit(s.last_doc, s.last_unit)
        except PolicyDeskError:  # the remembered clause is gone (its document was removed)
            w.open_unit(w.corpus.documents[0].id)
        w._left.show("search" if s.left_tab == LEFT_SEARCH else "tree")
        if s.last_view in w.views:
            w.show_view(s.last_view)

    def restore_splitters(self, view: QWidget) -> None:
        """The remembered sizes of the named splitters inside *view* (called when a view is built)."""
        qs = self._qsettings()
        for splitter in _named_splitters(view):
            state = qs.value(f"splitters/{splitter.objectName()}")
            if isinstance(state, QByteArray):
                if splitter.isVisible():
                    splitter.restoreState(state)
                else:  # sizes restored into a splitter not laid out yet would be scaled down to nothing
                    _RestoreWhenShown(splitter, state)

    def save(self) -> None:
        """Geometry, splitters, left tab and view; a failure is said, never raised."""
        w = self.window
        if self.problem_label is not None:
            return  # the data directory cannot be written: nothing to try
        qs = self._qsettings()
        qs.setValue("geometry", w.saveGeometry())
        qs.setValue("splitter", w.splitter.saveState())
        for view in w.built_views():
            for splitter in _named_splitters(view):
                qs.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())
        qs.sync()
        w.settings.left_tab = w.left_tabs.currentIndex()
        w.settings.last_view = w.current_view()
        path = w.workspace.settings_path
        try:
            with w.workspace.lock(timeout=SETTINGS_LOCK_TIMEOUT):
                w.settings.save(path)
        except WorkspaceError as exc:
            self._say(w.tr("设置未能保存：%1").replace("%1", str(exc)))
        except OSError as exc:
            self._say(w.tr("设置未能保存：%1：%2").replace("%1", str(path)).replace("%2", os_reason(exc)))

    def show_data_problem(self, message: str) -> None:
        w = self.window
        label = QLabel(message)
        label.setObjectName("dataProblem")
        label.setStyleSheet("color: #b00020;")
        label.setToolTip(message)
        w.statusBar().addWidget(label, 1)
        self.problem_label = label

    def _say(self, message: str) -> None:
        if self.closed or not self.window.isVisible():
            print(f"policydesk: {message}", file=sys.stderr)
        else:
            self.window.statusBar().showMessage(message, 15000)

    # ---- closing -------------------------------------------------------------------------
    def add_saveable(self, name: str, keep: Callable[[], None]) -> None:
        self._saveables[name] = keep

    def close_main(self) -> bool:
        if self.closed:
            return True
        for view in self.window.built_views():
            if not view.can_close():
                return False
        self.save()
        self._finish()
        return True

    def commit_session(self, manager) -> None:
        """The desktop session is ending.  With interaction allowed, ask as a close does and close (as Qt 5's
        own session handling did); 取消 cancels the logout.  Without, keep everything quietly and stay
        open: the logout may still be cancelled by another program."""
        if self.closed:
            return
        if manager.allowsInteraction():
            ok = self.close_main()
            manager.release()
            if ok:
                self.window.close()
            else:
                manager.cancel()
        else:
            self.keep_unsaved_work()

    def quit_without_asking(self) -> None:
        """The application quits and no close asked the views: keep everything, then finish."""
        if self.closed:
            return
        self.keep_unsaved_work()
        self._finish()

    def keep_unsaved_work(self) -> None:
        """Call every saveable (no questions); the draft editor keeps its recovery file for next time."""
        for name, keep in self._saveables.items():
            try:
                keep()
            except (PolicyDeskError, OSError) as exc:
                print(f"policydesk: {name} 未能保存：{exc}", file=sys.stderr)

    def _finish(self) -> None:
        """Close the search index and wait for every running job (an export finishes writing its file).

        The window is hidden first: the drafter sees it close at once, not freeze while a job ends.
        """
        self.closed = True
        self.window.search_service.close()
        if running_count():
            self.window.hide()
        if not wait_for_all(JOBS_TIMEOUT_MS):
            print("policydesk: 后台任务在 60 秒内未结束，程序仍将退出", file=sys.stderr)


def _named_splitters(view: QWidget) -> list[QSplitter]:
    """The splitters inside *view* whose sizes are remembered: those given an object name."""
    return [s for s in view.findChildren(QSplitter) if s.objectName()]


class _RestoreWhenShown(QObject):
    """Restores a splitter's remembered sizes the first time it is shown (then it is laid out at its real size)."""

    def __init__(self, splitter: QSplitter, state: QByteArray) -> None:
        super().__init__(splitter)
        self._state = state
        splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QSplitter):
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._restore)  # once the show has laid the splitter out at its real size
        return False

    def _restore(self) -> None:
        splitter = self.parent()
        if isinstance(splitter, QSplitter):
            splitter.restoreState(self._state)
        self.deleteLater()
