"""The draft's files for the editor: saving (保存 / 另存为), the close question, the autosave and its recovery.

The autosave of the open draft is written a moment after each change (``Workspace.autosave_dir``);
saving or a normal close removes it, so a file left there means the program did not close normally and
the next editor offers it back (the recovery banner).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...core.errors import PolicyDeskError
from ...drafting import DraftSession, recoverable, save_draft, write_autosave
from ...drafting.store import Recovery, discard_autosave
from ...workspace import Workspace
from ..views import SaveResult

if TYPE_CHECKING:
    from ..draft_editor import DraftEditor

AUTOSAVE_DELAY_MS = 1500
DRAFT_FILTER = "PolicyDesk 草稿 (*.json)"
Button = QMessageBox.StandardButton


class DraftFiles(QObject):
    def __init__(self, editor: DraftEditor, workspace: Workspace | None) -> None:
        super().__init__(editor)
        self.editor = editor
        self.workspace = workspace  # None: the environment's (a test's editor on its own)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_DELAY_MS)
        self.timer.timeout.connect(self.autosave)

    # ---- saving ---------------------------------------------------------------------------
    def save(self) -> SaveResult:
        """Save to the draft's file, or ask for one (Save As)."""
        session = self._flushed_session()
        if session is None:
            return SaveResult(False, self.tr("没有打开的草稿，未保存"))
        return self.save_to(session.path) if session.path else self.save_as()

    def save_as(self) -> SaveResult:
        session = self._flushed_session()
        if session is None:
            return SaveResult(False, self.tr("没有打开的草稿，未保存"))
        suggested = session.path or f"{session.draft.city}实施方案草稿.json"
        path, _ = QFileDialog.getSaveFileName(self.editor, self.tr("保存草稿"), suggested, self.tr(DRAFT_FILTER))
        if not path:
            return SaveResult(False, self.tr("草稿未保存：没有选择文件名"))
        return self.save_to(path)

    def save_to(self, path: str) -> SaveResult:
        session = self._flushed_session()
        if session is None:
            return SaveResult(False, self.tr("没有打开的草稿，未保存"))
        try:
            save_draft(session.draft, path)
        except PolicyDeskError as exc:
            self.editor.say(str(exc), error=True)
            return SaveResult(False, self.tr("草稿未保存：%1").replace("%1", str(exc)))
        session.mark_saved(path)
        self.discard(session.draft.id)
        message = self.tr("已保存 %1").replace("%1", path)
        self.editor.say(message)
        return SaveResult(True, message)

    def confirm_close(self) -> bool:
        """Ask 保存 / 不保存 / 取消 about unsaved changes; forget the autosave on a normal close.

        False: the drafter cancelled (or cancelled the file name of 保存, or the save failed).
        """
        session = self._flushed_session()
        if session is None:
            return True
        if session.dirty:
            question = self.tr("%1草稿有未保存的修改，是否保存？").replace("%1", session.draft.city)
            answer = self._ask_save(self.tr("草稿未保存"), question)
            if answer not in (Button.Save, Button.Discard):
                return False
            if answer == Button.Save and not self.save().saved:
                return False
        self.timer.stop()
        self.discard(session.draft.id)
        return True

    def _ask_save(self, title: str, text: str) -> QMessageBox.StandardButton:
        """保存 / 不保存 / 取消, in these words whatever Qt's own translation of the buttons says."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, Button.Save | Button.Discard | Button.Cancel,
                          self.editor)
        for button, word in ((Button.Save, self.tr("保存")), (Button.Discard, self.tr("不保存")),
                             (Button.Cancel, self.tr("取消"))):
            box.button(button).setText(word)
        box.setDefaultButton(Button.Save)
        box.setEscapeButton(Button.Cancel)
        return QMessageBox.StandardButton(box.exec())

    def ask_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.editor, self.tr("打开草稿"), "", self.tr(DRAFT_FILTER))
        if path and self.confirm_close():
            self.editor.open_draft(path)

    def _flushed_session(self) -> DraftSession | None:
        self.editor.flush_text()  # what was typed a moment ago belongs to what is saved
        return self.editor.session

    # ---- autosave and recovery --------------------------------------------------------------
    def autosave(self) -> None:
        session = self.editor.session
        if session is None or not session.dirty:
            return
        try:
            write_autosave(session.draft, session.path, workspace=self.workspace)
        except PolicyDeskError as exc:
            self.editor.say(str(exc), error=True)

    def keep_for_recovery(self) -> None:
        """The program ends without asking: write the unsaved draft's autosave (offered back next start)."""
        self._flushed_session()
        self.timer.stop()
        self.autosave()

    def discard(self, draft_id: str) -> None:
        try:
            discard_autosave(draft_id, workspace=self.workspace)
        except NotADirectoryError:
            pass  # the data directory is not a folder (the window says so): there is no autosave
        except OSError as exc:
            self.editor.say(self.tr("自动保存的草稿未能删除：%1").replace("%1", str(exc)), error=True)

    def offer_recovery(self) -> None:
        self.editor.banner.offer(recoverable(workspace=self.workspace))

    @Slot(object)
    def restore(self, rec: Recovery) -> None:
        if not self.confirm_close():
            return
        # the autosave file stays until the recovered draft is saved or closed
        self.editor.set_session(DraftSession(rec.draft, path=rec.saved_path, dirty=True), forget_previous=False)
        self.editor.say(self.tr("已恢复自动保存的草稿，请及时保存。"))
        banner = self.editor.banner
        banner.offer([r for r in banner.recoveries if r is not rec])

    @Slot(object)
    def discard_recovery(self, rec: Recovery) -> None:
        self.discard(rec.draft.id)
        self.offer_recovery()
