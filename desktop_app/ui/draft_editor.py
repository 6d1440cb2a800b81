"""The draft editor: a city's 实施方案 draft as a clause tree, each clause editable beside its sources.

``DraftEditor(corpus, parent, workspace=workspace)`` is the 城市草稿 view of the main
window (built by ``desktop_app.app._draft_view``).  It composes the parts in ``ui/draft/``:

* ``tree_model.DraftTreeModel``: parts and clauses, numbered as they will print, checkable;
* ``clause_form.ClauseForm``: heading, body and flags of the selected unit; title and preamble;
* ``sources_pane.SourcesPane``: the provincial clause, the central clauses, the basis note;
* ``recovery_banner.RecoveryBanner``: the autosave of a session that did not close normally;
* ``status_row.StatusRow``: messages, export progress, the exported file;
* ``toolbar.DraftToolBar``, ``files.DraftFiles`` (保存, 另存为, the close question, autosave and
  recovery) and ``export.DraftExport`` (exports on the job runner).

Edits go through the domain's :class:`DraftSession` (one undo step each); typed text is committed
after a pause or before anything else happens (:meth:`DraftEditor.flush_text`).  The open draft is
autosaved atomically and offered back after a crash; a normal close (:meth:`can_close`) asks
保存 / 不保存 / 取消 and leaves no autosave behind.  Exports run on the window's job runner
(``ui/workers.py``, export lane) with progress.

Adding a pane (e.g. a per-clause 任务分工 or 征求意见 pane)
--------------------------------------------------------
Write a QWidget keeping the contract of ``ui/draft/panes.py`` (``show_unit(draft, unit_id)`` and
``set_corpus(corpus)``), build it in the view's factory and add it::

    editor = DraftEditor(corpus, window, workspace=window.workspace)
    editor.add_pane(TaskPane(editor), editor.tr("任务分工"), beside="sources")

The editor then calls ``pane.show_unit`` whenever the selection or the draft changes (edits, undo,
redo, a new or opened draft) and ``pane.set_corpus`` after an import.  A pane that changes the draft
calls ``editor.apply(label, edit, *args)`` with a pure function ``edit(draft, *args) -> Draft`` (put
it in ``desktop_app/drafting/edit.py``): one undo step, autosaved, and every pane refreshed.  The
draft's data (new fields of ``DraftClause``) and its file format belong to ``desktop_app/drafting``.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHeaderView,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core.corpus import Corpus
from ..core.errors import LookupFailed, PolicyDeskError
from ..drafting import Draft, DraftSession, build_draft, load_draft
from ..drafting import edit as ed
from ..drafting.departments import RegistrySource
from ..workspace import Workspace
from .consultation import attach_consultation
from .division_pane import DivisionPane
from .document_fields import DocumentFields
from .draft.clause_form import ClauseForm
from .draft.export import DraftExport
from .draft.files import DraftFiles
from .draft.panes import DraftPane
from .draft.recovery_banner import RecoveryBanner
from .draft.sources_pane import SourcesPane
from .draft.status_row import StatusRow
from .draft.toolbar import DraftToolBar
from .draft.tree_model import DraftTreeModel
from .precedents_panel import DraftPrecedentsPane
from .views import SaveResult

__all__ = ["DraftEditor", "DraftTreeModel"]

TEXT_COMMIT_DELAY_MS = 800


class DraftEditor(QWidget):
    """Edit a city's draft and export it.  A view of the main window (``ui/views.py``)."""

    draftChanged = Signal()
    exportFinished = Signal(str)
    exportFailed = Signal(str)

    def __init__(self, corpus: Corpus, parent: QWidget | None = None, *, workspace: Workspace | None = None) -> None:
        """*workspace*: where the autosave lives (the environment's when None, as for a test's editor)."""
        super().__init__(parent)
        self.corpus = corpus
        self.session: DraftSession | None = None
        self._current: str | None = None
        self._loading = False
        self.model = DraftTreeModel(self)
        self._text_timer = self._single_shot(TEXT_COMMIT_DELAY_MS, self._commit_text)
        self.exporter = DraftExport(self)
        self.files = DraftFiles(self, workspace)
        # the department registry names the units of the task division (its date: the plan's 成文日期)
        self._registry_source = RegistrySource(workspace or Workspace.from_environment())
        self._build()
        self._panes: list[DraftPane] = [self.sources]
        self._connect()
        self._add_standard_panes()
        self.files.offer_recovery()
        self._update_actions()
        if self.session is None:
            self.say(self.tr("选择城市后点“新建草稿”，由省实施措施生成本市实施方案草稿；或点“打开”继续已保存的草稿。"))

    def _single_shot(self, ms: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    # ---- building ----------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.toolbar = DraftToolBar(self)
        layout.addWidget(self.toolbar)
        self.banner = RecoveryBanner(self)
        layout.addWidget(self.banner)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("draftSplitter")  # its sizes are remembered across restarts (window_state.py)
        self.splitter = splitter
        self.tree = QTreeView(splitter)
        self.tree.setMinimumWidth(180)  # room for a clause's number and the start of its heading
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
        splitter.setStretchFactor(0, 0)  # a wider window widens the text and the sources, not the tree
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([300, 480, 380])
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
        t = self.toolbar
        self.city_box, self.track_box = t.city_box, t.track_box
        self.act_new, self.act_open, self.act_save = t.act_new, t.act_open, t.act_save
        self.act_save_as, self.act_undo, self.act_redo = t.act_save_as, t.act_undo, t.act_redo
        self.act_export, self.act_table, self.act_add = t.act_export, t.act_table, t.act_add
        self.act_remove, self.act_up, self.act_down = t.act_remove, t.act_up, t.act_down

    def _connect(self) -> None:
        self.model.includeToggled.connect(self._on_include_toggled)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.form.textEdited.connect(self._on_text_edited)
        self.form.flagRowChanged.connect(lambda _row: self._update_actions())
        self.form.acceptRequested.connect(self.accept_current_flag)
        self.banner.restoreRequested.connect(self.files.restore)
        self.banner.discardRequested.connect(self.files.discard_recovery)
        self.exporter.finished.connect(self.exportFinished)
        self.exporter.failed.connect(self.exportFailed)

    def _add_standard_panes(self) -> None:
        """分工 (task division) beside 条款, the issuing fields under the preamble, 征求意见 and 同题对照
        beside the sources."""
        self.division_pane = DivisionPane(self._registry_source, self.form)
        self.add_pane(self.division_pane, self.tr("分工"), beside="form")
        self.document_fields = DocumentFields(self.form, self._registry_source)
        self.form.add_front_widget(self.document_fields)
        attach_consultation(self, self.sources)
        self.precedents_panel = DraftPrecedentsPane(self.corpus, self.sources)
        self.add_pane(self.precedents_panel, self.tr("同题对照"))

    def add_pane(self, pane: QWidget, title: str, *, beside: str = "sources") -> None:
        """Add *pane* (the contract of ``ui/draft/panes.py``) as a tab beside the sources, or with
        ``beside="form"`` after the 条款 tab of the form."""
        if not isinstance(pane, DraftPane):
            raise TypeError(f"{type(pane).__name__} lacks show_unit/set_corpus: see ui/draft/panes.py")
        if beside == "sources":
            self.sources.addTab(pane, title)
        else:
            self.form.add_unit_tab(pane, title)
        self._panes.append(pane)
        pane.set_corpus(self.corpus)
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
        return self.files.save()

    def save_as(self) -> SaveResult:
        return self.files.save_as()

    def save_to(self, path: str) -> SaveResult:
        return self.files.save_to(path)

    def confirm_close(self) -> bool:
        """Ask 保存 / 不保存 / 取消 about unsaved changes (ui/draft/files.py).  False: cancelled."""
        return self.files.confirm_close()

    def keep_for_recovery(self) -> None:
        """The program ends without asking: keep the unsaved draft's autosave for the next start."""
        self.files.keep_for_recovery()

    # ---- the draft -------------------------------------------------------------------------
    @property
    def draft(self) -> Draft | None:
        return self.session.draft if self.session else None

    def new_draft(self, city: str) -> None:
        """Start a fresh draft for *city* from the provincial measures (units named from the registry)."""
        self.set_session(DraftSession(build_draft(self.corpus, city, registry=self._registry_source())))
        self.say(self.tr("已为%1生成草稿：请逐条核对提示和待起草部分。").replace("%1", self.draft.city))

    def open_draft(self, path: str) -> bool:
        try:
            draft = load_draft(path)
            self.corpus.city(draft.city)
        except (PolicyDeskError, LookupFailed) as exc:
            self.say(str(exc), error=True)
            return False
        self.set_session(DraftSession(draft, path=path))
        self.say(self.tr("已打开 %1").replace("%1", path))
        return True

    def set_session(self, session: DraftSession, *, forget_previous: bool = True) -> None:
        """Edit *session*'s draft; the previous draft's autosave is forgotten unless told otherwise."""
        if self.session is not None and forget_previous:
            self.files.discard(self.session.draft.id)
        self.session = session
        session.changed.append(self._on_session_changed)
        self.division_pane.set_session(session)
        self.document_fields.set_session(session)
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

    # ---- edits (each one undo step) -------------------------------------------------------
    def apply(self, label: str, edit, *args) -> bool:
        """Apply ``edit(draft, *args) -> Draft`` as one undo step (panes use this); False if refused."""
        if self.session is None:
            return False
        self.flush_text()
        try:
            self.session.apply(label, edit, *args)
        except PolicyDeskError as exc:
            self.say(str(exc), error=True)
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
        unit_is_clause = self._is_clause(self._current)
        for label, edit, args in self.form.pending_edits(self.session.draft, self._current, unit_is_clause):
            self.session.apply(label, edit, *args)

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
        self.files.timer.start()  # the autosave, a moment after the last change
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
        clause = self._is_clause(self._current)
        self.toolbar.update_state(self.session, self._current is not None, clause)
        row = self.flag_list.currentRow()
        flags = self.draft.clause(self._current).flags if clause else ()
        self.accept_button.setEnabled(0 <= row < len(flags) and not flags[row].accepted and bool(flags[row].suggestion))
        self.form.set_editable(self.session is not None)

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
    def ask_new(self) -> None:
        """新建草稿: a new draft for the city in the picker, once the open one may close."""
        if self.session is not None and not self.confirm_close():
            return
        self.new_draft(self.city_box.currentText())

    def say(self, text: str, error: bool = False) -> None:
        """Show *text* in the editor's status line (in red for a problem)."""
        self.status_row.say(text, error)
