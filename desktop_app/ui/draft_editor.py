"""The draft editor: a city's 实施方案 draft as a clause tree, each clause editable beside its sources.

Self-contained: ``DraftEditor(corpus, parent)`` needs nothing else from the
main window.  Edits go through the domain's :class:`DraftSession` (one undo
step each); the open draft is autosaved atomically and offered back after a
crash; exports run on a worker thread with progress, and the finished file can
be opened from the editor.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core.corpus import Corpus
from ..core.errors import LookupFailed, PolicyDeskError
from ..drafting import Draft, DraftSession, build_draft, load_draft, recoverable, save_draft, write_autosave
from ..drafting import edit as ed
from ..drafting.departments import RegistrySource  # HOOK(package)
from ..drafting.store import discard_autosave
from ..export import TargetExistsError, export_draft, export_table
from ..export.basis import basis_lines
from ..export.table import MARKS
from ..workspace import Workspace  # HOOK(package)
from .consultation import attach_consultation  # HOOK(consult)
from .division_pane import DivisionPane  # HOOK(package)
from .document_fields import DocumentFields  # HOOK(package)

AUTOSAVE_DELAY_MS = 1500
TEXT_COMMIT_DELAY_MS = 800
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class DraftTreeModel(QAbstractItemModel):
    """Parts (top level) and their clauses, numbered as they will print; checkable to include or exclude."""

    includeToggled = Signal(str, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._draft: Draft | None = None
        self._numbers: dict[str, str] = {}

    def set_draft(self, draft: Draft | None) -> None:
        self.beginResetModel()
        self._draft = draft
        self._numbers = draft.numbers() if draft else {}
        self.endResetModel()

    # ---- structure ---------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if self._draft is None or parent.column() > 0:
            return 0
        if not parent.isValid():
            return len(self._draft.parts)
        if parent.internalId() == 0:
            return len(self._draft.parts[parent.row()].clauses)
        return 0

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 2

    # ---- content -----------------------------------------------------------
    def unit(self, index: Index):
        """The DraftPart or DraftClause at *index* (None for an invalid index)."""
        if self._draft is None or not index.isValid():
            return None
        if index.internalId() == 0:
            return self._draft.parts[index.row()]
        return self._draft.parts[index.internalId() - 1].clauses[index.row()]

    def index_of(self, unit_id: str) -> QModelIndex:
        if self._draft is None:
            return QModelIndex()
        for p_row, part in enumerate(self._draft.parts):
            if part.id == unit_id:
                return self.index(p_row, 0)
            for c_row, clause in enumerate(part.clauses):
                if clause.id == unit_id:
                    return self.index(c_row, 0, self.index(p_row, 0))
        return QModelIndex()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        unit = self.unit(index)
        if unit is None:
            return None
        role = Qt.ItemDataRole(role)
        first = index.column() == 0
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(unit) if first else self._status(unit)
        if role == Qt.ItemDataRole.CheckStateRole:
            return (Qt.CheckState.Checked if unit.included else Qt.CheckState.Unchecked) if first else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return None if unit.id in self._numbers else QBrush(QColor("#888888"))
        tip = "\n".join(x for x in (self._label(unit), self._status(unit)) if x)
        return {Qt.ItemDataRole.ToolTipRole: tip, Qt.ItemDataRole.UserRole: unit.id}.get(role)

    def _label(self, unit) -> str:
        num = self._numbers.get(unit.id, "")
        return (num + unit.heading) if num else self.tr("（不纳入）") + unit.heading

    def _status(self, unit) -> str:
        notes = []
        if unit.to_complete:
            notes.append(self.tr("待起草"))
        flags = len(getattr(unit, "open_flags", ()))
        if flags:
            notes.append(self.tr("%n 条提示", "", flags))
        return "，".join(notes)

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        unit = self.unit(index)
        if unit is None or role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self.includeToggled.emit(unit.id, checked)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("部分与条款"), self.tr("待办"))[section] if 0 <= section < 2 else None
        return None


class _ExportSignals(QObject):
    progressed = Signal(int, int)
    finished = Signal(str)
    failed = Signal(str, bool)   # message, whether the target exists (replacement can be confirmed)


class _ExportJob(QRunnable):
    """Writes one export on the thread pool; touches no widget, reports by signal."""

    def __init__(self, job) -> None:
        super().__init__()
        self.job = job
        self.signals = _ExportSignals()

    def run(self) -> None:
        try:
            path = self.job(self.signals.progressed.emit)
        except TargetExistsError as exc:
            self.signals.failed.emit(str(exc), True)
        except PolicyDeskError as exc:
            self.signals.failed.emit(str(exc), False)
        except Exception as exc:  # a worker must always report back, whatever went wrong
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}", False)
        else:
            self.signals.finished.emit(str(path))


class DraftEditor(QWidget):
    """Edit a city's draft and export it.  Construct with ``DraftEditor(corpus, parent)``.

    The main window should call :meth:`confirm_close` from its ``closeEvent``;
    a ``False`` answer means the drafter cancelled.
    """

    draftChanged = Signal()
    exportFinished = Signal(str)
    exportFailed = Signal(str)

    def __init__(self, corpus: Corpus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.session: DraftSession | None = None
        self._current: str | None = None
        self._loading = False
        self._jobs: list[_ExportJob] = []
        self._pending_export: tuple[str, str] | None = None
        self._last_export = ""
        self._recoveries = []
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)   # exports one after another
        self.model = DraftTreeModel(self)
        self._registry_source = RegistrySource(Workspace.from_environment())  # HOOK(package): the app's Workspace
        self._text_timer = self._single_shot(TEXT_COMMIT_DELAY_MS, self._commit_text)
        self._autosave_timer = self._single_shot(AUTOSAVE_DELAY_MS, self._autosave)
        self._build()
        self.model.includeToggled.connect(self._on_include_toggled)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
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

    # ---- building the widgets ---------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_toolbar())
        layout.addWidget(self._build_recovery_banner())
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.tree = QTreeView(splitter)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        splitter.addWidget(self.tree)
        splitter.addWidget(self._build_editor())
        splitter.addWidget(self._build_sources())
        splitter.setSizes([320, 520, 420])
        layout.addWidget(splitter, 1)
        layout.addLayout(self._build_status())

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        self.city_box = QComboBox(bar)
        self.city_box.addItems([c.name for c in self.corpus.cities])
        bar.addWidget(self.city_box)
        self.act_new = bar.addAction(self.tr("新建草稿"), self._on_new)
        self.act_open = bar.addAction(self.tr("打开…"), self._on_open)
        self.act_save = bar.addAction(self.tr("保存"), self._on_save)
        self.act_save.setShortcut(QKeySequence.StandardKey.Save)
        self.act_save_as = bar.addAction(self.tr("另存为…"), self._on_save_as)
        bar.addSeparator()
        self.act_undo = bar.addAction(self.tr("撤销"), self.undo)
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = bar.addAction(self.tr("重做"), self.redo)
        self.act_redo.setShortcut(QKeySequence.StandardKey.Redo)
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

    def _build_recovery_banner(self) -> QFrame:
        self.banner = QFrame(self)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet("QFrame { background: #fff4ce; }")
        row = QHBoxLayout(self.banner)
        self.banner_label = QLabel(self.banner)
        self.restore_button = QPushButton(self.tr("恢复"), self.banner)
        self.discard_button = QPushButton(self.tr("放弃"), self.banner)
        row.addWidget(self.banner_label, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.discard_button)
        self.restore_button.clicked.connect(self._on_restore)
        self.discard_button.clicked.connect(self._on_discard_recovery)
        self.banner.hide()
        return self.banner

    def _build_editor(self) -> QTabWidget:
        tabs = QTabWidget(self)
        clause = QWidget(tabs)
        col = QVBoxLayout(clause)
        col.addWidget(QLabel(self.tr("标题"), clause))
        self.heading_edit = QLineEdit(clause)
        col.addWidget(self.heading_edit)
        col.addWidget(QLabel(self.tr("正文"), clause))
        self.body_edit = QPlainTextEdit(clause)
        col.addWidget(self.body_edit, 1)
        col.addWidget(QLabel(self.tr("提示（省级事项，市级方案不宜照搬）"), clause))
        self.flag_list = QListWidget(clause)
        self.flag_list.setWordWrap(True)
        self.flag_list.setAlternatingRowColors(True)
        self.flag_list.setSpacing(2)
        col.addWidget(self.flag_list)
        self.accept_button = QPushButton(self.tr("采用建议表述"), clause)
        col.addWidget(self.accept_button)
        tabs.addTab(clause, self.tr("条款"))
        self.division_pane = DivisionPane(self._registry_source, tabs)  # HOOK(package): 牵头单位/责任单位/完成时限
        tabs.addTab(self.division_pane, self.tr("分工"))  # HOOK(package)
        front = QWidget(tabs)
        col = QVBoxLayout(front)
        col.addWidget(QLabel(self.tr("文件标题"), front))
        self.title_edit = QLineEdit(front)
        col.addWidget(self.title_edit)
        col.addWidget(QLabel(self.tr("序言"), front))
        self.preamble_edit = QPlainTextEdit(front)
        col.addWidget(self.preamble_edit, 1)
        self.document_fields = DocumentFields(front, self._registry_source)  # HOOK(package): 发文要素、分工写法
        col.addWidget(self.document_fields)  # HOOK(package)
        tabs.addTab(front, self.tr("标题与序言"))
        for widget in (self.heading_edit, self.title_edit):
            widget.textEdited.connect(self._on_text_edited)
        for widget in (self.body_edit, self.preamble_edit):
            widget.textChanged.connect(self._on_text_edited)
        self.flag_list.currentRowChanged.connect(lambda _row: self._update_actions())
        self.accept_button.clicked.connect(self.accept_current_flag)
        self.editor_tabs = tabs
        return tabs

    def _build_sources(self) -> QTabWidget:
        tabs = QTabWidget(self)
        self.provincial_view = QTextBrowser(tabs)
        self.central_view = QTextBrowser(tabs)
        self.basis_view = QTextBrowser(tabs)
        tabs.addTab(self.provincial_view, self.tr("省实施措施"))
        tabs.addTab(self.central_view, self.tr("中央意见"))
        tabs.addTab(self.basis_view, self.tr("依据与批注"))
        attach_consultation(self, tabs)  # HOOK(consult): the 征求意见 tab (ui/consultation.py)
        from .precedents_panel import PrecedentsPanel  # HOOK(compare): 同题对照 in the sources pane

        self.precedents_panel = PrecedentsPanel(self.corpus, tabs)  # HOOK(compare)
        tabs.addTab(self.precedents_panel, self.tr("同题对照"))  # HOOK(compare)
        return tabs

    def _build_status(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.open_button = QPushButton(self.tr("打开文件"), self)
        self.folder_button = QPushButton(self.tr("打开所在文件夹"), self)
        for button in (self.open_button, self.folder_button):
            button.hide()
        self.open_button.clicked.connect(lambda: self._open_url(self._last_export))
        self.folder_button.clicked.connect(lambda: self._open_url(str(Path(self._last_export).parent)))
        row.addWidget(self.status_label, 1)
        row.addWidget(self.progress)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        return row

    # ---- the draft -----------------------------------------------------------
    @property
    def draft(self) -> Draft | None:
        return self.session.draft if self.session else None

    def new_draft(self, city: str) -> None:
        """Start a fresh draft for *city* from the provincial measures."""
        # HOOK(package): units named from the workspace's department registry
        self._set_session(DraftSession(build_draft(self.corpus, city, registry=self._registry_source())))
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

    def save_to(self, path: str) -> bool:
        self._flush_text()
        if self.session is None:
            return False
        try:
            save_draft(self.session.draft, path)
        except PolicyDeskError as exc:
            self._status(str(exc), error=True)
            return False
        self.session.mark_saved(path)
        discard_autosave(self.session.draft.id)
        self._status(self.tr("已保存 %1").replace("%1", path))
        self._update_actions()
        return True

    def _set_session(self, session: DraftSession) -> None:
        if self.session is not None:
            discard_autosave(self.session.draft.id)
        self.session = session
        session.changed.append(self._on_session_changed)
        self.division_pane.set_session(session)  # HOOK(package)
        self.document_fields.set_session(session)  # HOOK(package)
        self.city_box.setCurrentText(session.draft.city)
        self._current = None
        self.model.set_draft(session.draft)
        self.tree.expandAll()
        first = session.draft.clauses[0].id if session.draft.clauses else None
        if first:
            self.select(first)
        self._load_front()
        self._update_actions()
        self.draftChanged.emit()

    def select(self, unit_id: str) -> None:
        index = self.model.index_of(unit_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def confirm_close(self) -> bool:
        """Ask about unsaved changes; forget the autosave on a normal close.  False: the drafter cancelled."""
        self._flush_text()
        if self.session is None:
            return True
        if self.session.dirty:
            answer = QMessageBox.question(
                self, self.tr("草稿未保存"), self.tr("草稿有未保存的修改，是否保存？"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel:
                return False
            if answer == QMessageBox.StandardButton.Save and not self._on_save():
                return False
        discard_autosave(self.session.draft.id)
        self._autosave_timer.stop()
        return True

    # ---- edits (each one undo step) -----------------------------------------
    def _apply(self, label: str, edit, *args) -> bool:
        if self.session is None:
            return False
        self._flush_text()
        try:
            self.session.apply(label, edit, *args)
        except PolicyDeskError as exc:
            self._status(str(exc), error=True)
            return False
        return True

    def undo(self) -> None:
        self._flush_text()
        if self.session and self.session.undo():
            self._reload_current()

    def redo(self) -> None:
        self._flush_text()
        if self.session and self.session.redo():
            self._reload_current()

    def add_clause(self) -> str | None:
        """A new empty clause after the selected one (or at the end of the selected part)."""
        if self.session is None or self._current is None:
            return None
        self._flush_text()
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
            if self._apply(self.tr("删除条款"), ed.remove_clause, self._current) and neighbour:
                self.select(neighbour)

    def move_clause(self, delta: int) -> None:
        if self._is_clause(self._current):
            current = self._current
            self._apply(self.tr("移动条款"), ed.move_clause, current, delta)
            self.select(current)

    def accept_current_flag(self) -> None:
        row = self.flag_list.currentRow()
        if self._is_clause(self._current) and row >= 0:
            self._apply(self.tr("采用建议表述"), ed.accept_flag, self._current, row)
            self._reload_current()

    @Slot(str, bool)
    def _on_include_toggled(self, unit_id: str, included: bool) -> None:
        label = self.tr("纳入") if included else self.tr("不纳入")
        self._apply(label, ed.set_included, unit_id, included)

    def _unit(self, unit_id: str | None):
        """The selected DraftPart or DraftClause, or None."""
        if self.session is None or unit_id is None:
            return None
        draft = self.session.draft
        found = [u for u in (*draft.parts, *draft.clauses) if u.id == unit_id]
        return found[0] if found else None

    def _is_clause(self, unit_id: str | None) -> bool:
        return bool(self.session and unit_id and any(c.id == unit_id for c in self.session.draft.clauses))

    def _neighbour(self, clause_id: str) -> str | None:
        ids = [c.id for c in self.session.draft.clauses]
        i = ids.index(clause_id)
        rest = ids[i + 1:] + ids[:i][::-1]
        return rest[0] if rest else None

    # ---- text editing: committed after a pause, or before anything else ----
    @Slot()
    def _on_text_edited(self, *_args) -> None:
        if not self._loading and self.session is not None:
            self._text_timer.start()

    def _flush_text(self) -> None:
        if self._text_timer.isActive():
            self._text_timer.stop()
            self._commit_text()

    def _commit_text(self) -> None:
        if self.session is None:
            return
        draft = self.session.draft
        title, preamble = self.title_edit.text(), self.preamble_edit.toPlainText()
        if title.strip() != draft.title:
            self.session.apply(self.tr("编辑标题"), ed.set_title, title)
        if [p.strip() for p in preamble.split("\n") if p.strip()] != list(draft.preamble):
            self.session.apply(self.tr("编辑序言"), ed.set_preamble, preamble)
        if self._current is None:
            return
        heading, body = self.heading_edit.text(), self.body_edit.toPlainText()
        if self._is_clause(self._current):
            clause = self.session.draft.clause(self._current)
            if (heading.strip(), body.strip("\n")) != (clause.heading, clause.body):
                self.session.apply(self.tr("编辑条款"), ed.set_clause_text, self._current, heading, body)
        else:
            part = self.session.draft.part(self._current)
            if (heading.strip(), body) != (part.heading, "\n".join(part.paragraphs)):
                self.session.apply(self.tr("编辑部分"), ed.set_part_text, self._current, heading, body)

    # ---- reacting to changes -------------------------------------------------
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
        self._show_sources()
        self._autosave_timer.start()
        self._update_actions()
        self.draftChanged.emit()

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading:
            return
        self._flush_text()
        unit = self.model.unit(current)
        self._current = unit.id if unit else None
        self._reload_current()

    def _reload_current(self) -> None:
        """Put the selected unit's text in the editor (after selection, undo, redo, accepting a flag)."""
        self._loading = True
        try:
            unit = self._unit(self._current)
            self.heading_edit.setText(unit.heading if unit else "")
            body = unit.body if self._is_clause(self._current) else "\n".join(getattr(unit, "paragraphs", ()))
            self.body_edit.setPlainText(body)
            self.flag_list.clear()
            for flag in getattr(unit, "flags", ()):
                mark = self.tr("【已采用】") if flag.accepted else ""
                text = self.tr("%1“%2”\n建议：%3\n理由：%4").replace("%1", mark).replace("%2", flag.pattern) \
                    .replace("%3", flag.suggestion or self.tr("（无现成表述，请手工改写）")).replace("%4", flag.why)
                QListWidgetItem(text, self.flag_list)
            if self.flag_list.count():
                self.flag_list.setCurrentRow(0)
            self._mark_flagged(unit)
            self.division_pane.show_clause(self._current)  # HOOK(package)
            self._load_front()
        finally:
            self._loading = False
        self._show_sources()
        self._update_actions()

    def _mark_flagged(self, unit) -> None:
        """Highlight the passages with open flags in the body, so the drafter sees what to look at."""
        selections = []
        text = self.body_edit.toPlainText()
        for flag in getattr(unit, "open_flags", ()):
            start = text.find(flag.pattern)
            while start >= 0:
                sel = QTextEdit.ExtraSelection()
                sel.format.setBackground(QColor("#ffe08a"))
                cursor = self.body_edit.textCursor()
                cursor.setPosition(start)
                cursor.setPosition(start + len(flag.pattern), QTextCursor.MoveMode.KeepAnchor)
                sel.cursor = cursor
                selections.append(sel)
                start = text.find(flag.pattern, start + 1)
        self.body_edit.setExtraSelections(selections)

    def _load_front(self) -> None:
        was = self._loading
        self._loading = True
        self.title_edit.setText(self.draft.title if self.draft else "")
        self.preamble_edit.setPlainText("\n".join(self.draft.preamble) if self.draft else "")
        self._loading = was

    def _show_sources(self) -> None:
        draft = self.draft
        unit = draft.clause(self._current) if draft and self._is_clause(self._current) else None
        prov, central, basis = "", "", ""
        if unit is not None:
            if unit.source_id:
                try:
                    prov = self.corpus.unit(draft.provincial_doc, unit.source_id).full_text()
                except LookupFailed:
                    prov = self.tr("（知识库中找不到原条款）")
            else:
                prov = self.tr("省实施措施无对应条款。")
            central = "\n\n".join(self._central_text(i) for i in unit.carries_out) or self.tr("无对应中央条款。")
            basis = "\n".join(basis_lines(self.corpus, draft, unit))
        self.provincial_view.setPlainText(prov)
        self.central_view.setPlainText(central)
        self.basis_view.setPlainText(basis)
        self.precedents_panel.set_corpus(self.corpus)  # HOOK(compare): looked up once its tab is shown
        self.precedents_panel.show_draft_clause(draft, unit)  # HOOK(compare)

    def _central_text(self, unit_id: str) -> str:
        try:
            unit = self.corpus.unit(self.draft.central_doc, unit_id)
        except LookupFailed:
            return unit_id
        text = unit.full_text() if hasattr(unit, "lead") else "\n".join([unit.num + unit.heading, *unit.paragraphs])
        return text + ("\n" + MARKS[unit.completeness] if unit.completeness in MARKS else "")

    def _update_actions(self) -> None:
        has = self.session is not None
        clause = self._is_clause(self._current)
        for action in (self.act_save, self.act_save_as, self.act_export, self.act_table):
            action.setEnabled(has)
        self.act_add.setEnabled(has and self._current is not None)
        for action in (self.act_remove, self.act_up, self.act_down):
            action.setEnabled(clause)
        self.act_undo.setEnabled(bool(has and self.session.undo_label))
        self.act_redo.setEnabled(bool(has and self.session.redo_label))
        self.act_undo.setText(self.tr("撤销") + (f"“{self.session.undo_label}”" if has and self.session.undo_label
                                               else ""))
        self.act_redo.setText(self.tr("重做") + (f"“{self.session.redo_label}”" if has and self.session.redo_label
                                               else ""))
        row = self.flag_list.currentRow()
        flags = self.draft.clause(self._current).flags if clause else ()
        self.accept_button.setEnabled(0 <= row < len(flags) and not flags[row].accepted and bool(flags[row].suggestion))
        for widget in (self.heading_edit, self.body_edit, self.title_edit, self.preamble_edit):
            widget.setEnabled(has)

    # ---- autosave and recovery -------------------------------------------------
    def _autosave(self) -> None:
        if self.session is None or not self.session.dirty:
            return
        try:
            write_autosave(self.session.draft, self.session.path)
        except PolicyDeskError as exc:
            self._status(str(exc), error=True)

    def _offer_recovery(self) -> None:
        self._recoveries = recoverable()
        if not self._recoveries:
            self.banner.hide()
            return
        rec = self._recoveries[0]
        where = rec.saved_path or self.tr("未保存过")
        self.banner_label.setText(
            self.tr("发现上次未正常关闭时自动保存的草稿：%1（%2，自动保存于 %3）。是否恢复？")
            .replace("%1", rec.draft.city).replace("%2", where).replace("%3", rec.saved_at.replace("T", " ")[:19]))
        self.banner.show()

    @Slot()
    def _on_restore(self) -> None:
        if self.session is not None and not self.confirm_close():
            return
        rec = self._recoveries[0]
        session = DraftSession(rec.draft, path=rec.saved_path, dirty=True)
        self.session = None   # keep the autosave file until the recovered draft is saved or closed
        self._set_session(session)
        self._status(self.tr("已恢复自动保存的草稿，请及时保存。"))
        self._recoveries = self._recoveries[1:]
        self.banner.setVisible(bool(self._recoveries))
        if self._recoveries:
            self._offer_recovery()

    @Slot()
    def _on_discard_recovery(self) -> None:
        discard_autosave(self._recoveries[0].draft.id)
        self._offer_recovery()

    # ---- export on a worker ------------------------------------------------------
    def export_to(self, path: str, kind: str = "plan", overwrite: bool = False) -> None:
        """Export the draft (*kind* ``plan`` or ``table``) to *path* on a worker thread.

        ``exportFinished(path)`` or ``exportFailed(message)`` follows.  An existing
        file is replaced only after the drafter confirms.
        """
        self._flush_text()
        if self.session is None:
            return
        draft, corpus, track = self.session.draft, self.corpus, self.track_box.isChecked()
        if kind == "plan":
            def job(progress):
                return export_draft(draft, corpus, path, track_changes=track, overwrite=overwrite, progress=progress)
        else:
            def job(progress):
                return export_table(draft, corpus, path, overwrite=overwrite, progress=progress)
        runner = _ExportJob(job)
        runner.setAutoDelete(False)
        runner.signals.progressed.connect(self._on_export_progress)
        runner.signals.finished.connect(self._on_export_finished)
        runner.signals.failed.connect(self._on_export_failed)
        self._jobs.append(runner)
        self._pending_export = (path, kind)
        self.progress.setRange(0, 0)
        self.progress.show()
        for button in (self.open_button, self.folder_button):
            button.hide()
        self._status(self.tr("正在导出 %1 …").replace("%1", path))
        self._pool.start(runner)

    @Slot(int, int)
    def _on_export_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    @Slot(str)
    def _on_export_finished(self, path: str) -> None:
        self._forget_job()
        self.progress.hide()
        self._last_export = path
        for button in (self.open_button, self.folder_button):
            button.show()
        self._status(self.tr("已导出 %1").replace("%1", path))
        self.exportFinished.emit(path)

    @Slot(str, bool)
    def _on_export_failed(self, message: str, exists: bool) -> None:
        self._forget_job()
        self.progress.hide()
        pending = self._pending_export
        if exists and pending and self._confirm_replace(pending[0]):
            self.export_to(pending[0], pending[1], overwrite=True)
            return
        self._status(self.tr("导出失败：%1（草稿未受影响）").replace("%1", message), error=True)
        self.exportFailed.emit(message)

    def _forget_job(self) -> None:
        sender = self.sender()
        self._jobs = [j for j in self._jobs if j.signals is not sender]

    def _confirm_replace(self, path: str) -> bool:
        answer = QMessageBox.question(self, self.tr("文件已存在"),
                                      self.tr("%1 已存在，是否替换？").replace("%1", path))
        return answer == QMessageBox.StandardButton.Yes

    def wait_for_exports(self, msecs: int = 30000) -> bool:
        """Block until running exports finish (for closing the window and for tests)."""
        return self._pool.waitForDone(msecs)

    # ---- file dialogs --------------------------------------------------------------
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

    @Slot()
    def _on_save(self) -> bool:
        if self.session is None:
            return False
        if self.session.path:
            return self.save_to(self.session.path)
        return self._on_save_as()

    @Slot()
    def _on_save_as(self) -> bool:
        if self.session is None:
            return False
        suggested = self.session.path or f"{self.session.draft.city}实施方案草稿.json"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存草稿"), suggested, self.tr("PolicyDesk 草稿 (*.json)"))
        return bool(path) and self.save_to(path)

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

    def _open_url(self, path: str) -> None:
        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _status(self, text: str, error: bool = False) -> None:
        self.status_label.setStyleSheet("color: #b00020;" if error else "")
        self.status_label.setText(text)
