"""The draft editor: a city's 实施方案 draft as a clause tree, each clause editable beside its sources.

``DraftEditor(corpus, parent, autosave_dir=workspace.autosave_dir)`` is the 城市草稿 view of the main
window (built by ``desktop_app.app._draft_view``).  It composes the parts in ``ui/draft/``:

* ``tree_model.DraftTreeModel``: parts and clauses, numbered as they will print, checkable;
* ``clause_form.ClauseForm``: heading, body and flags of the selected unit; title and preamble;
* ``sources_pane.SourcesPane``: the provincial clause, the central clauses, the basis note;
* ``recovery_banner.RecoveryBanner``: the autosave of a session that did not close normally;
* ``status_row.StatusRow``: messages, export progress, the exported file.

Edits go through the domain's :class:`DraftSession` (one undo step each); typed text is committed
after a pause or before anything else happens (:meth:`DraftEditor.flush_text`).  The open draft is
autosaved atomically and offered back after a crash; a normal close (:meth:`can_close`) asks
保存 / 不保存 / 取消 and leaves no autosave behind.  Exports run on the window's job runner
(``ui/workers.py``, export lane) with progress.

Adding a pane (e.g. a per-clause 任务分工 or 征求意见 pane)
--------------------------------------------------------
Write a QWidget keeping the contract of ``ui/draft/panes.py`` (``show_unit(draft, unit_id)`` and
``set_corpus(corpus)``), build it in the view's factory and add it::

    editor = DraftEditor(corpus, window, autosave_dir=...)
    editor.add_pane(TaskPane(editor), editor.tr("任务分工"), beside="sources")

The editor then calls ``pane.show_unit`` whenever the selection or the draft changes (edits, undo,
redo, a new or opened draft) and ``pane.set_corpus`` after an import.  A pane that changes the draft
calls ``editor.apply(label, edit, *args)`` with a pure function ``edit(draft, *args) -> Draft`` (put
it in ``desktop_app/drafting/edit.py``): one undo step, autosaved, and every pane refreshed.  The
draft's data (new fields of ``DraftClause``) and its file format belong to ``desktop_app/drafting``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QSplitter,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core.corpus import Corpus
from ..core.errors import LookupFailed, PolicyDeskError
from ..drafting import Draft, DraftSession, build_draft, load_draft, recoverable, save_draft, write_autosave
from ..drafting import edit as ed
from ..drafting.store import Recovery, discard_autosave
from .draft.clause_form import ClauseForm
from .draft.export import DraftExport
from .draft.panes import DraftPane
from .draft.recovery_banner import RecoveryBanner
from .draft.sources_pane import SourcesPane
from .draft.status_row import StatusRow
from .draft.tree_model import DraftTreeModel
from .views import SaveResult

__all__ = ["DraftEditor", "DraftTreeModel"]

AUTOSAVE_DELAY_MS = 1500
TEXT_COMMIT_DELAY_MS = 800


class DraftEditor(QWidget):
    """Edit a city's draft and export it.  A view of the main window (``ui/views.py``)."""

    draftChanged = Signal()
    exportFinished = Signal(str)
    exportFailed = Signal(str)

    def __init__(self, corpus: Corpus, parent: QWidget | None = None, *, autosave_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.session: DraftSession | None = None
        self._autosave_dir = autosave_dir
        self._current: str | None = None
        self._loading = False
        self.model = DraftTreeModel(self)
        self._text_timer = self._single_shot(TEXT_COMMIT_DELAY_MS, self._commit_text)
        self._autosave_timer = self._single_shot(AUTOSAVE_DELAY_MS, self._autosave)
        self._build()
        self.exporter = DraftExport(self)
        self._panes: list[DraftPane] = [self.sources]
        self._connect()
        self._offer_recovery()
        self._update_actions()
        if self.session is None:
            self._status(self.tr("选择城市后点“新建草稿”，由省实施措施生成本市实施方案草稿；或点“打开”继续已保存的草稿。"))

    def _single_shot(self, ms: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    # ---- building ----------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_toolbar())
        self.banner = RecoveryBanner(self)
        layout.addWidget(self.banner)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.tree = QTreeView(splitter)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.form = ClauseForm(splitter)
        self.sources = SourcesPane(self.corpus, splitter)
        for widget in (self.tree, self.form, self.sources):
            splitter.addWidget(widget)
        splitter.setSizes([320, 520, 420])
        layout.addWidget(splitter, 1)
        self.status_row = StatusRow(self)
        layout.addWidget(self.status_row)
        self._alias_parts()

    def _alias_parts(self) -> None:
        """The parts' widgets under the names the editor has always offered (tests and tools use them)."""
        f, s, b, r = self.form, self.sources, self.banner, self.status_row
        self.heading_edit, self.body_edit, self.flag_list = f.heading_edit, f.body_edit, f.flag_list
        self.accept_button, self.title_edit, self.preamble_edit = f.accept_button, f.title_edit, f.preamble_edit
        self.editor_tabs = f
        self.provincial_view, self.central_view, self.basis_view = s.provincial_view, s.central_view, s.basis_view
        self.banner_label, self.restore_button, self.discard_button = b.label, b.restore_button, b.discard_button
        self.status_label, self.progress = r.label, r.progress
        self.open_button, self.folder_button = r.open_button, r.folder_button

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        self.city_box = QComboBox(bar)
        self.city_box.addItems([c.name for c in self.corpus.cities])
        bar.addWidget(self.city_box)
        self.act_new = bar.addAction(self.tr("新建草稿"), self._on_new)
        self.act_open = bar.addAction(self.tr("打开…"), self._on_open)
        # Ctrl+S is the window's 文件 → 保存, which in this view saves the draft (one shortcut, one meaning)
        self.act_save = bar.addAction(self.tr("保存"), self.save)
        self.act_save.setToolTip(self.tr("保存草稿（Ctrl+S）"))
        self.act_save_as = bar.addAction(self.tr("另存为…"), self.save_as)
        bar.addSeparator()
        self.act_undo = self._scoped(bar.addAction(self.tr("撤销"), self.undo), QKeySequence.StandardKey.Undo)
        self.act_redo = self._scoped(bar.addAction(self.tr("重做"), self.redo), QKeySequence.StandardKey.Redo)
        bar.addSeparator()
        self.act_add = bar.addAction(self.tr("添加条款"), self.add_clause)
        self.act_remove = bar.addAction(self.tr("删除条款"), self.remove_clause)
        self.act_up = bar.addAction(self.tr("上移"), lambda: self.move_clause(-1))
        self.act_down = bar.addAction(self.tr("下移"), lambda: self.move_clause(+1))
        bar.addSeparator()
        self.track_box = QCheckBox(self.tr("修订模式"), bar)
        self.track_box.setToolTip(self.tr("导出时以修订标出相对省实施措施的改动"))
        bar.addWidget(self.track_box)
        self.act_export = bar.addAction(self.tr("导出 Word…"), lambda: self._on_export("plan"))
        self.act_table = bar.addAction(self.tr("导出对照表…"), lambda: self._on_export("table"))
        return bar

    def _scoped(self, action, key):
        """A shortcut that acts only while the focus is in this editor (not in the other views)."""
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def _connect(self) -> None:
        self.model.includeToggled.connect(self._on_include_toggled)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.form.textEdited.connect(self._on_text_edited)
        self.form.flagRowChanged.connect(lambda _row: self._update_actions())
        self.form.acceptRequested.connect(self.accept_current_flag)
        self.banner.restoreRequested.connect(self._on_restore)
        self.banner.discardRequested.connect(self._on_discard_recovery)
        self.exporter.finished.connect(self.exportFinished)
        self.exporter.failed.connect(self.exportFailed)

    def add_pane(self, pane: QWidget, title: str, *, beside: str = "sources") -> None:
        """Add *pane* (the contract of ``ui/draft/panes.py``) as a tab beside the sources or the form."""
        if not isinstance(pane, DraftPane):
            raise TypeError(f"{type(pane).__name__} lacks show_unit/set_corpus: see ui/draft/panes.py")
        (self.sources if beside == "sources" else self.form).addTab(pane, title)
        self._panes.append(pane)
        pane.show_unit(self.draft, self._current)

    # ---- the view contract (ui/views.py) -----------------------------------------------------
    def set_corpus(self, corpus: Corpus) -> None:
        """After an import or a removal: the sources and new drafts use the new knowledge base."""
        self.corpus = corpus
        for pane in self._panes:
            pane.set_corpus(corpus)
        self._show_panes()

    def can_close(self) -> bool:
        return self.confirm_close()

    def save(self) -> SaveResult:
        """Save to the draft's file, or ask for one (Save As).  Ctrl+S in this view."""
        self.flush_text()
        if self.session is None:
            return SaveResult(False, self.tr("没有打开的草稿，未保存"))
        if self.session.path:
            return self.save_to(self.session.path)
        return self.save_as()

    def save_as(self) -> SaveResult:
        self.flush_text()
        if self.session is None:
            return SaveResult(False, self.tr("没有打开的草稿，未保存"))
        suggested = self.session.path or f"{self.session.draft.city}实施方案草稿.json"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存草稿"), suggested, self.tr("PolicyDesk 草稿 (*.json)"))
        if not path:
            return SaveResult(False, self.tr("草稿未保存：没有选择文件名"))
        return self.save_to(path)

    def keep_for_recovery(self) -> None:
        """The program ends without asking: write the unsaved draft's autosave (offered back next start)."""
        self.flush_text()
        self._autosave_timer.stop()
        self._autosave()

    # ---- the draft -------------------------------------------------------------------------
    @property
    def draft(self) -> Draft | None:
        return self.session.draft if self.session else None

    def new_draft(self, city: str) -> None:
        """Start a fresh draft for *city* from the provincial measures."""
        self._set_session(DraftSession(build_draft(self.corpus, city)))
        self._status(self.tr("已为%1生成草稿：请逐条核对提示和待起草部分。").replace("%1", self.draft.city))

    def open_draft(self, path: str) -> bool:
        try:
            draft = load_draft(path)
            self.corpus.city(draft.city)
        except (PolicyDeskError, LookupFailed) as exc:
            self._status(str(exc), error=True)
            return False
        self._set_session(DraftSession(draft, path=path))
        self._status(self.tr("已打开 %1").replace("%1", path))
        return True

    def save_to(self, path: str) -> SaveResult:
        self.flush_text()
        if self.session is None:
            return SaveResult(False, self.tr("没有打开的草稿，未保存"))
        try:
            save_draft(self.session.draft, path)
        except PolicyDeskError as exc:
            self._status(str(exc), error=True)
            return SaveResult(False, self.tr("草稿未保存：%1").replace("%1", str(exc)))
        self.session.mark_saved(path)
        self._discard_autosave(self.session.draft.id)
        message = self.tr("已保存 %1").replace("%1", path)
        self._status(message)
        self._update_actions()
        return SaveResult(True, message)

    def _set_session(self, session: DraftSession) -> None:
        if self.session is not None:
            self._discard_autosave(self.session.draft.id)
        self.session = session
        session.changed.append(self._on_session_changed)
        self.city_box.setCurrentText(session.draft.city)
        self._current = None
        self.model.set_draft(session.draft)
        self.tree.expandAll()
        first = session.draft.clauses[0].id if session.draft.clauses else None
        if first:
            self.select(first)
        self.form.show_front(session.draft)
        self._show_panes()
        self._update_actions()
        self.draftChanged.emit()

    def select(self, unit_id: str) -> None:
        index = self.model.index_of(unit_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def confirm_close(self) -> bool:
        """Ask 保存 / 不保存 / 取消 about unsaved changes; forget the autosave on a normal close.

        False: the drafter cancelled (or cancelled the file name of 保存, or the save failed).
        """
        self.flush_text()
        if self.session is None:
            return True
        if self.session.dirty:
            question = self.tr("%1草稿有未保存的修改，是否保存？").replace("%1", self.session.draft.city)
            answer = QMessageBox.question(
                self, self.tr("草稿未保存"), question,
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer not in (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard):
                return False
            if answer == QMessageBox.StandardButton.Save and not self.save().saved:
                return False
        self._autosave_timer.stop()
        self._discard_autosave(self.session.draft.id)
        return True

    # ---- edits (each one undo step) -------------------------------------------------------
    def apply(self, label: str, edit, *args) -> bool:
        """Apply ``edit(draft, *args) -> Draft`` as one undo step (panes use this); False if refused."""
        if self.session is None:
            return False
        self.flush_text()
        try:
            self.session.apply(label, edit, *args)
        except PolicyDeskError as exc:
            self._status(str(exc), error=True)
            return False
        return True

    def undo(self) -> None:
        self.flush_text()
        if self.session and self.session.undo():
            self._reload_current()

    def redo(self) -> None:
        self.flush_text()
        if self.session and self.session.redo():
            self._reload_current()

    def add_clause(self) -> str | None:
        """A new empty clause after the selected one (or at the end of the selected part)."""
        if self.session is None or self._current is None:
            return None
        self.flush_text()
        draft = self.session.draft
        if any(p.id == self._current for p in draft.parts):
            part_id, index = self._current, None
        else:
            part = draft.part_of(self._current)
            part_id, index = part.id, [c.id for c in part.clauses].index(self._current) + 1
        new_id = self.session.apply_returning(self.tr("添加条款"), ed.add_clause, part_id, index,
                                              self.tr("新条款标题"), "")
        self.select(new_id)
        self.heading_edit.setFocus()
        self.heading_edit.selectAll()
        return new_id

    def remove_clause(self) -> None:
        if self._is_clause(self._current):
            neighbour = self._neighbour(self._current)
            if self.apply(self.tr("删除条款"), ed.remove_clause, self._current) and neighbour:
                self.select(neighbour)

    def move_clause(self, delta: int) -> None:
        if self._is_clause(self._current):
            current = self._current
            self.apply(self.tr("移动条款"), ed.move_clause, current, delta)
            self.select(current)

    def accept_current_flag(self) -> None:
        row = self.flag_list.currentRow()
        if self._is_clause(self._current) and row >= 0:
            self.apply(self.tr("采用建议表述"), ed.accept_flag, self._current, row)
            self._reload_current()

    @Slot(str, bool)
    def _on_include_toggled(self, unit_id: str, included: bool) -> None:
        self.apply(self.tr("纳入") if included else self.tr("不纳入"), ed.set_included, unit_id, included)

    def _unit(self, unit_id: str | None):
        """The DraftPart or DraftClause of *unit_id*, or None."""
        if self.session is None or unit_id is None:
            return None
        draft = self.session.draft
        return next((u for u in (*draft.parts, *draft.clauses) if u.id == unit_id), None)

    def _is_clause(self, unit_id: str | None) -> bool:
        return bool(self.session and unit_id and any(c.id == unit_id for c in self.session.draft.clauses))

    def _neighbour(self, clause_id: str) -> str | None:
        ids = [c.id for c in self.session.draft.clauses]
        i = ids.index(clause_id)
        rest = ids[i + 1:] + ids[:i][::-1]
        return rest[0] if rest else None

    # ---- typed text: committed after a pause, or before anything else ---------------------
    @Slot()
    def _on_text_edited(self) -> None:
        if not self._loading and self.session is not None:
            self._text_timer.start()

    def flush_text(self) -> None:
        """Commit what the drafter typed in the last moments (before saving, closing, any edit)."""
        if self._text_timer.isActive():
            self._text_timer.stop()
            self._commit_text()

    def _commit_text(self) -> None:
        if self.session is None:
            return
        draft = self.session.draft
        title, preamble = self.form.front_text()
        if title.strip() != draft.title:
            self.session.apply(self.tr("编辑标题"), ed.set_title, title)
        if [p.strip() for p in preamble.split("\n") if p.strip()] != list(draft.preamble):
            self.session.apply(self.tr("编辑序言"), ed.set_preamble, preamble)
        if self._current is None:
            return
        heading, body = self.form.unit_text()
        if self._is_clause(self._current):
            clause = self.session.draft.clause(self._current)
            if (heading.strip(), body.strip("\n")) != (clause.heading, clause.body):
                self.session.apply(self.tr("编辑条款"), ed.set_clause_text, self._current, heading, body)
        else:
            part = self.session.draft.part(self._current)
            if (heading.strip(), body) != (part.heading, "\n".join(part.paragraphs)):
                self.session.apply(self.tr("编辑部分"), ed.set_part_text, self._current, heading, body)

    # ---- reacting to changes ------------------------------------------------------------
    def _on_session_changed(self, draft: Draft) -> None:
        current = self._current
        self._loading = True
        try:
            self.model.set_draft(draft)
            self.tree.expandAll()
            if current and self.model.index_of(current).isValid():
                self.tree.setCurrentIndex(self.model.index_of(current))
        finally:
            self._loading = False
        self._show_panes()
        self._autosave_timer.start()
        self._update_actions()
        self.draftChanged.emit()

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading:
            return
        self.flush_text()
        unit = self.model.unit(current)
        self._current = unit.id if unit else None
        self._reload_current()

    def _reload_current(self) -> None:
        """Put the selected unit in the form (after selection, undo, redo, accepting a flag)."""
        self._loading = True
        try:
            self.form.show_unit(self._unit(self._current), self._is_clause(self._current))
            self.form.show_front(self.draft)
        finally:
            self._loading = False
        self._show_panes()
        self._update_actions()

    def _show_panes(self) -> None:
        for pane in self._panes:
            pane.show_unit(self.draft, self._current)

    def _update_actions(self) -> None:
        has = self.session is not None
        clause = self._is_clause(self._current)
        for action in (self.act_save, self.act_save_as, self.act_export, self.act_table):
            action.setEnabled(has)
        self.act_add.setEnabled(has and self._current is not None)
        for action in (self.act_remove, self.act_up, self.act_down):
            action.setEnabled(clause)
        undo, redo = (self.session.undo_label, self.session.redo_label) if has else ("", "")
        self.act_undo.setEnabled(bool(undo))
        self.act_redo.setEnabled(bool(redo))
        self.act_undo.setText(self.tr("撤销") + (f"“{undo}”" if undo else ""))
        self.act_redo.setText(self.tr("重做") + (f"“{redo}”" if redo else ""))
        row = self.flag_list.currentRow()
        flags = self.draft.clause(self._current).flags if clause else ()
        self.accept_button.setEnabled(0 <= row < len(flags) and not flags[row].accepted and bool(flags[row].suggestion))
        self.form.set_editable(has)

    # ---- autosave and recovery ------------------------------------------------------------
    def _autosave(self) -> None:
        if self.session is None or not self.session.dirty:
            return
        try:
            write_autosave(self.session.draft, self.session.path, folder=self._autosave_dir)
        except PolicyDeskError as exc:
            self._status(str(exc), error=True)

    def _discard_autosave(self, draft_id: str) -> None:
        try:
            discard_autosave(draft_id, folder=self._autosave_dir)
        except OSError as exc:
            self._status(self.tr("自动保存的草稿未能删除：%1").replace("%1", str(exc)), error=True)

    def _offer_recovery(self) -> None:
        self.banner.offer(recoverable(folder=self._autosave_dir))

    @Slot(object)
    def _on_restore(self, rec: Recovery) -> None:
        if self.session is not None and not self.confirm_close():
            return
        session = DraftSession(rec.draft, path=rec.saved_path, dirty=True)
        self.session = None   # keep the autosave file until the recovered draft is saved or closed
        self._set_session(session)
        self._status(self.tr("已恢复自动保存的草稿，请及时保存。"))
        self.banner.offer([r for r in self.banner.recoveries if r is not rec])

    @Slot(object)
    def _on_discard_recovery(self, rec: Recovery) -> None:
        self._discard_autosave(rec.draft.id)
        self._offer_recovery()

    # ---- export on the job runner (ui/draft/export.py) -----------------------------------------
    def export_to(self, path: str, kind: str = "plan", overwrite: bool = False) -> None:
        """Export the draft (*kind* ``plan`` or ``table``) to *path* in the background.

        ``exportFinished(path)`` or ``exportFailed(message)`` follows.  An existing file is replaced
        only after the drafter confirms.
        """
        self.flush_text()
        if self.session is not None:
            self.exporter.start(self.session.draft, self.corpus, path, kind, overwrite=overwrite,
                                track_changes=self.track_box.isChecked())

    def wait_for_exports(self, msecs: int = 30000) -> bool:
        """Block until running exports finish (for tests; closing the window waits for every job)."""
        from .workers import Lane, lane_pool

        return lane_pool(Lane.EXPORT).waitForDone(msecs)

    # ---- file dialogs ------------------------------------------------------------------------
    @Slot()
    def _on_new(self) -> None:
        if self.session is not None and not self.confirm_close():
            return
        self.new_draft(self.city_box.currentText())

    @Slot()
    def _on_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("打开草稿"), "", self.tr("PolicyDesk 草稿 (*.json)"))
        if path and (self.session is None or self.confirm_close()):
            self.open_draft(path)

    def _on_export(self, kind: str) -> None:
        if self.session is None:
            return
        city = self.session.draft.city
        name = f"{city}实施方案（征求意见稿）.docx" if kind == "plan" else f"{city}实施方案对照表.docx"
        title = self.tr("导出 Word") if kind == "plan" else self.tr("导出对照表")
        path, _ = QFileDialog.getSaveFileName(self, title, name, self.tr("Word 文档 (*.docx)"))
        if path:
            # the file dialog has already asked before choosing an existing file
            self.export_to(path, kind, overwrite=True)

    def _status(self, text: str, error: bool = False) -> None:
        self.status_row.say(text, error)
