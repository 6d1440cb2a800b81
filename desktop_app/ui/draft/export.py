"""Exporting the draft (公文 Word file or 对照表) on the window's job runner, one after another."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...core.corpus import Corpus
from ...drafting import Draft
from ...export import TargetExistsError, export_draft, export_table
from ..workers import Lane, QueryOp, describe_failure
from .status_row import StatusRow


@dataclass(frozen=True)
class ExportRequest:
    draft: Draft
    corpus: Corpus
    path: str
    kind: str                 # "plan" (公文 Word file) or "table" (对照表)
    overwrite: bool
    track_changes: bool


class DraftExport(QObject):
    """Runs exports for *editor* (a widget with a ``status_row``); reports by ``finished``/``failed``."""

    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, editor: QWidget) -> None:
        super().__init__(editor)
        self._editor = editor

    @property
    def _row(self) -> StatusRow:
        return self._editor.status_row

    def ask(self, kind: str) -> None:
        """Ask where to export the editor's draft (*kind* ``plan`` or ``table``), then export it."""
        editor = self._editor
        if editor.session is None:
            return
        city = editor.session.draft.city
        name = f"{city}实施方案（征求意见稿）.docx" if kind == "plan" else f"{city}实施方案对照表.docx"
        title = self.tr("导出 Word") if kind == "plan" else self.tr("导出对照表")
        path, _ = QFileDialog.getSaveFileName(editor, title, name, self.tr("Word 文档 (*.docx)"))
        if path:
            # the file dialog has already asked before choosing an existing file
            editor.export_to(path, kind, overwrite=True)

    def start(self, draft: Draft, corpus: Corpus, path: str, kind: str, *, overwrite: bool,
              track_changes: bool) -> None:
        self._run(ExportRequest(draft, corpus, path, kind, overwrite, track_changes))

    def _run(self, req: ExportRequest) -> None:
        if req.kind == "plan":
            def job(progress):
                return export_draft(req.draft, req.corpus, req.path, track_changes=req.track_changes,
                                    overwrite=req.overwrite, progress=progress)
        else:
            def job(progress):
                return export_table(req.draft, req.corpus, req.path, overwrite=req.overwrite, progress=progress)
        self._row.busy(self.tr("正在导出 %1 …").replace("%1", req.path))
        QueryOp(parent=self._editor, op=job, success=lambda written: self._on_finished(str(written))) \
            .failure(lambda exc: self._on_failed(exc, req)) \
            .in_lane(Lane.EXPORT).with_progress(on_progress=self._row.progressed).run_in_background()

    def _on_finished(self, path: str) -> None:
        self._row.exported(path, self.tr("已导出 %1").replace("%1", path))
        self.finished.emit(path)

    def _on_failed(self, exc: Exception, req: ExportRequest) -> None:
        if isinstance(exc, TargetExistsError) and self._confirm_replace(req.path):
            self._run(replace(req, overwrite=True))
            return
        message = describe_failure(exc)
        self._row.failed(self.tr("导出失败：%1（草稿未受影响）").replace("%1", message))
        self.failed.emit(message)

    def _confirm_replace(self, path: str) -> bool:
        answer = QMessageBox.question(self._editor, self.tr("文件已存在"),
                                      self.tr("%1 已存在，是否替换？").replace("%1", path))
        return answer == QMessageBox.StandardButton.Yes
