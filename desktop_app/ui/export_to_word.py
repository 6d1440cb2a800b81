"""Exporting a small Word document from a view: one way for every view, off the GUI thread.

A view builds one :class:`WordExport` with the label that is its status line and the buttons that
start exports, then hands it a domain export with its arguments bound::

    self.word_export = WordExport(self, self.status_label, [self.export_button])
    self.word_export.ask(self.tr("导出对照表"), "辽宁（五）与中央（四）对照.docx",
                         partial(export_comparison, self.result))

* The file dialog opens on the default name in the last folder exported to (``AppSettings.export_folder``
  of the window, kept across restarts).
* The domain export runs on the job runner's ``Lane.EXPORT`` (a progress dialog only after
  ``PROGRESS_DELAY_MS``); it writes atomically and raises its own typed errors, whose Chinese message
  names the file.  A file open in Word, WPS or LibreOffice is refused by the domain's own check
  (:func:`desktop_app.export.safety.check_target`) even though the file dialog asked about replacing it.
* Success and failure are one line in the status label: ``已导出：对照.docx`` or
  ``导出失败：<describe_failure>``; never a traceback on screen.
* While an export runs its buttons are disabled and a further request is refused, so one view never
  starts a second writer to the file it is writing.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QWidget

from ..core.errors import PolicyDeskError
from ..export.safety import TargetExistsError, TargetOpenError, check_target
from .settings import AppSettings
from .workers import Lane, QueryOp, describe_failure

Write = Callable[..., object]   # a domain export with its data bound: write(path, overwrite=...) -> the path
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')  # not allowed in Windows file names


def write_confirmed(write: Write, path: Path, replace_confirmed: bool) -> Path:
    """Run *write* for *path*; an existing file is replaced only if *replace_confirmed*, never while open.

    Raises:
        TargetOpenError: the file is open in Word, WPS or LibreOffice.
        TargetExistsError: the file exists and replacing it was not confirmed.
        ExportError: anything else that stops the export (the message names the file).
    """
    try:
        check_target(path, overwrite=False)
    except TargetOpenError:
        raise
    except TargetExistsError:
        if not replace_confirmed:
            raise
        return Path(str(write(path, overwrite=True)))
    return Path(str(write(path, overwrite=False)))  # created exclusively: never over a file made meanwhile


def safe_file_name(name: str) -> str:
    """*name* with the characters Windows refuses in file names replaced."""
    return _UNSAFE_IN_NAMES.sub("_", name).strip() or "导出.docx"


class WordExport(QObject):
    """Asks for the file, runs the export on ``Lane.EXPORT``, reports in *status*; see the module docstring."""

    finished = Signal(str)   # the path written
    failed = Signal(str)     # the line shown

    def __init__(self, view: QWidget, status: QLabel, buttons: Sequence[QAbstractButton] = ()) -> None:
        super().__init__(view)
        self._view, self._status, self._buttons = view, status, list(buttons)
        self._available = True
        self.busy = False

    def set_available(self, available: bool) -> None:
        """Whether the view has something to export; the buttons are enabled when it has and none runs."""
        self._available = available
        self._update_buttons()

    def ask(self, title: str, name: str, write: Write, *, file_filter: str | None = None) -> None:
        """Ask where to save (*name* in the last export folder), then export there."""
        if self._refused_while_busy():
            return
        default = str(self._folder() / safe_file_name(name))
        path, _ = QFileDialog.getSaveFileName(self._view, title, default, file_filter or self.tr("Word 文件 (*.docx)"))
        if not path:
            return
        target = Path(path)
        if not target.suffix:  # the dialog asked about the name typed, not about NAME.docx
            self.start(target.with_suffix(Path(name).suffix or ".docx"), write, replace_confirmed=False)
        else:
            self.start(target, write)  # the file dialog has already asked before choosing an existing file

    def start(self, path: str | Path, write: Write, *, replace_confirmed: bool = True) -> None:
        """Export to *path* in the background (no question asked)."""
        if self._refused_while_busy():
            return
        path = Path(path)
        self._remember(path.parent)
        self.busy = True
        self._update_buttons()
        self._say(self.tr("正在导出 %1 …").replace("%1", path.name), str(path))
        QueryOp(parent=self._view, op=lambda _progress: write_confirmed(write, path, replace_confirmed),
                success=self._on_finished) \
            .failure(self._on_failed) \
            .in_lane(Lane.EXPORT) \
            .with_progress(self.tr("正在导出 %1 …").replace("%1", path.name)) \
            .run_in_background()

    def _on_finished(self, path: Path) -> None:
        self._done()
        self._say(self.tr("已导出：%1").replace("%1", path.name), str(path))
        self.finished.emit(str(path))

    def _on_failed(self, exc: Exception) -> None:
        self._done()
        if not isinstance(exc, PolicyDeskError | OSError):  # a bug: keep its traceback for the report
            sys.stderr.write(getattr(exc, "__traceback_text__", "") or f"{exc!r}\n")
        line = self.tr("导出失败：%1").replace("%1", describe_failure(exc))
        self._say(line, line)
        self.failed.emit(line)

    def _done(self) -> None:
        self.busy = False
        self._update_buttons()

    def _refused_while_busy(self) -> bool:
        if self.busy:
            self._say(self.tr("上一个导出尚未完成，请稍候再试"), "")
        return self.busy

    def _update_buttons(self) -> None:
        for button in self._buttons:
            button.setEnabled(self._available and not self.busy)

    def _say(self, text: str, tooltip: str) -> None:
        self._status.setText(text)
        self._status.setToolTip(tooltip)
        self._status.show()

    # ---- the last folder exported to -------------------------------------------------------
    def _settings(self) -> AppSettings | None:
        """The window's settings (a view or dialog sits somewhere under the main window), if any."""
        widget: QWidget | None = self._view
        while widget is not None:
            settings = getattr(widget, "settings", None)
            if isinstance(settings, AppSettings):
                return settings
            widget = widget.parentWidget()
        return None

    def _folder(self) -> Path:
        settings = self._settings()
        if settings is not None and settings.export_folder and Path(settings.export_folder).is_dir():
            return Path(settings.export_folder)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def _remember(self, folder: Path) -> None:
        settings = self._settings()
        if settings is not None:
            settings.export_folder = str(folder)
