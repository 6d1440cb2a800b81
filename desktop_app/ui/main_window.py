"""The main window: document tree and search on the left, the views on the right; the one application shell.

Built by :func:`desktop_app.app.create_window`, which passes the one
:class:`~desktop_app.workspace.Workspace` down; the views talk to each other only through here.

Adding a view or a tool (extension points)
------------------------------------------
* ``window.add_view(name, factory, title, shortcut=None)`` adds a view as a tab on the right and an
  entry in the 视图 menu.  *factory* is a zero-argument function that imports the view's module and
  builds it (``desktop_app.app._draft_view`` is the example): it runs the first time the view is
  shown, so the view costs nothing at start-up.  Every view keeps the contract of ``ui/views.py``
  (``set_corpus``, ``can_close``, ``save``).  ``name`` is what ``--view NAME`` selects.
* ``window.add_tool_action(title, callback, shortcut=None)`` adds an entry to the 工具 menu;
  ``desktop_app.app.TOOLS`` lists the functions that install tools (once the window is painted).
* ``window.add_saveable(name, keep)``: *keep()* is called when the program ends without the user
  being asked (the session ends, the process is told to quit): it must keep unsaved work without
  asking (the draft editor writes its recovery file).
* ``window.reload_corpus(changed_doc)`` re-reads the knowledge base after an import or a removal and
  calls ``set_corpus`` on every built view, the tree and the search index.

Closing asks the views
----------------------
Whatever starts it (title bar, Ctrl+Q, 文件 → 退出, the session ending), closing goes through
:meth:`MainWindow.close_main`: each built view's ``can_close()`` (the draft editor asks 保存 / 不保存 /
取消; the reader keeps a typed note), then the settings are saved and running jobs are waited for.
Ctrl+S (文件 → 保存) means the current view's ``save()``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QWidget,
)

from ..core.corpus import Corpus
from ..core.errors import PolicyDeskError
from ..core.notes import NotesStore
from ..workspace import Workspace
from .bookmarks_menu import BookmarksMenu
from .lazy_tabs import LazyTabs
from .navigation import History, Location
from .reader import ReaderView
from .search_service import SearchService
from .settings import AppSettings
from .tree_pane import TreePane
from .views import SaveResult
from .window_state import WindowState

if TYPE_CHECKING:
    from .compare_view import CompareView
    from .coverage_view import CoverageView
    from .search_panel import SearchPanel


class MainWindow(QMainWindow):
    """Built by :func:`desktop_app.app.create_window`; the views talk to each other only through here."""

    locationChanged = Signal(str, str)

    def __init__(self, workspace: Workspace, corpus: Corpus, notes: NotesStore, settings: AppSettings, *,
                 load_corpus: Callable[[], Corpus], parent=None) -> None:
        """*load_corpus* reads the knowledge base again (after an import or a removal)."""
        super().__init__(parent)
        self.workspace = workspace
        self.corpus = corpus
        self.notes = notes
        self.settings = settings
        self.history = History()
        self.city_draft = None
        self._load_corpus = load_corpus
        self._view_actions: dict[str, QAction] = {}
        self._painted = False
        self._after_paint: list[Callable[[], None]] = []
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("政策起草助手 PolicyDesk"))
        self.search_service = SearchService(corpus, workspace.index_parent, self)
        self.state = WindowState(self)
        self._build_left()
        self._build_views()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        from .precedents_panel import install_precedents_tab  # HOOK(compare): 同题对照 beside the clause

        install_precedents_tab(self)  # HOOK(compare)
        self.after_first_paint(self._watch_mouse_buttons)  # ui/mouse_buttons.py

    # ---- construction --------------------------------------------------------------
    def _build_left(self) -> None:
        self.tree_pane = TreePane(self.corpus, self.notes, self)
        self.tree_model, self.tree_proxy = self.tree_pane.model, self.tree_pane.proxy
        self.tree, self.filter_edit = self.tree_pane.tree, self.tree_pane.filter_edit
        self.left_tabs = QTabWidget()
        self._left = LazyTabs(self.left_tabs, on_built=self._restore_layout)
        self._left.add("tree", self.tree_pane, self.tr("目录"))
        self._left.add("search", self._make_search_panel, self.tr("检索"))

    def _build_views(self) -> None:
        self.reader = ReaderView(self.corpus, self.notes, self)
        self.reader.set_font_size(self.settings.reader_font_pt)
        self.view_tabs = QTabWidget()
        self.view_tabs.setDocumentMode(True)
        self._views = LazyTabs(self.view_tabs, on_built=self._restore_layout)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left_tabs)
        self.splitter.addWidget(self.view_tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([500, 900])
        self.setCentralWidget(self.splitter)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("文件(&F)"))
        self.edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        self.view_menu = bar.addMenu(self.tr("视图(&V)"))
        self.go_menu = bar.addMenu(self.tr("转到(&G)"))
        self.notes_menu = bar.addMenu(self.tr("书签(&B)"))
        self.tools_menu = bar.addMenu(self.tr("工具(&T)"))
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        self.save_action = self._action(self.file_menu, self.tr("保存"), self.save_current,
                                        QKeySequence.StandardKey.Save)
        self.save_action.setToolTip(self.tr("保存当前视图的内容：阅读视图中为笔记，城市草稿中为草稿"))
        self.file_menu.addSeparator()
        self.quit_action = self._action(self.file_menu, self.tr("退出"), self.close, "Ctrl+Q")
        self.copy_action = self._action(self.edit_menu, self.tr("复制并注明出处"), self.reader.copy_with_citation,
                                        "Ctrl+Shift+C")
        self.find_action = self._action(self.edit_menu, self.tr("检索…"), self.focus_search, "Ctrl+F")
        self.find_action.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("Ctrl+K")])
        self.filter_action = self._action(self.edit_menu, self.tr("筛选目录"), self.focus_filter, "Ctrl+L")
        self.add_view("reader", self.reader, self.tr("阅读"))
        self.add_view("compare", self._make_compare_view, self.tr("对照"))
        self.add_view("coverage", self._make_coverage_view, self.tr("落实情况"))
        self.back_action = self._action(self.go_menu, self.tr("后退"), self.go_back, "Alt+Left")
        self.forward_action = self._action(self.go_menu, self.tr("前进"), self.go_forward, "Alt+Right")
        self.compare_action = self._action(self.go_menu, self.tr("与上位条款对照"), self.compare_current, "Ctrl+E")
        self.bookmark_action = self._action(self.notes_menu, self.tr("添加/取消书签"), self.toggle_bookmark, "Ctrl+D")
        # no shortcut of its own: Ctrl+S is 文件 → 保存, which in the reading view saves the note
        self.save_note_action = self._action(self.notes_menu, self.tr("保存笔记"), self._save_note)
        self.notes_list_action = self._action(self.notes_menu, self.tr("笔记一览、检索与导出…"),
                                              self.open_notes_dialog)  # HOOK(compare)
        self.notes_menu.addSeparator()
        self.bookmarks = BookmarksMenu(self.notes_menu, 3, self.notes, lambda: self.corpus, self.open_unit)
        self._action(help_menu, self.tr("关于政策起草助手"), self._show_about)
        self._update_nav_actions()

    def _action(self, menu, title: str, slot: Callable, shortcut=None) -> QAction:
        action = QAction(title, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_status_bar(self) -> None:
        self.index_label = QLabel()
        self.index_busy = QProgressBar()
        self.index_busy.setRange(0, 0)
        self.index_busy.setMaximumWidth(120)
        self.index_busy.setMaximumHeight(14)
        self.statusBar().addPermanentWidget(self.index_label)
        self.statusBar().addPermanentWidget(self.index_busy)
        self._on_index_state(self.search_service.state)

    def _connect(self) -> None:
        self.tree_pane.unitPicked.connect(self._on_open_requested)
        self.reader.openRequested.connect(self._on_open_requested)
        self.reader.compareRequested.connect(self._on_compare_requested)
        self.reader.noteChanged.connect(self._on_note_changed)
        self.add_saveable("note", self.reader.keep_note)
        self.reader.noteMessage.connect(self._on_error_message)
        self.reader.noteFailed.connect(self._on_error_message)
        self.search_service.stateChanged.connect(self._on_index_state)
        self.view_tabs.currentChanged.connect(self._on_view_changed)

    # ---- views built on first use (the window appears before they exist) -------------------
    def _make_compare_view(self) -> CompareView:
        from .compare_view import CompareView

        return CompareView(self.corpus, self)

    def _make_coverage_view(self) -> CoverageView:
        from .coverage_view import CoverageView

        view = CoverageView(self.corpus, self)
        view.openRequested.connect(self._on_open_requested)
        view.compareRequested.connect(self._on_compare_units)
        view.draftClauseRequested.connect(self._on_draft_clause_requested)
        view.set_city_draft(self.city_draft)
        return view

    def _make_search_panel(self) -> SearchPanel:
        from .search_panel import SearchPanel

        panel = SearchPanel(self.corpus, self.search_service, self)
        panel.hitOpened.connect(self._on_hit_opened)
        return panel

    @property
    def compare_view(self) -> CompareView:
        return self._views.page("compare")  # type: ignore[return-value]

    @property
    def coverage_view(self) -> CoverageView:
        return self._views.page("coverage")  # type: ignore[return-value]

    @property
    def search_panel(self) -> SearchPanel:
        return self._left.page("search")  # type: ignore[return-value]

    @property
    def views(self) -> dict[str, QWidget]:
        return self._views.pages

    def _restore_layout(self, view: QWidget) -> None:
        self.state.restore_splitters(view)

    def built_views(self) -> list:
        """Every view built so far (right-hand tabs and the left 检索 page): the ones to ask and update."""
        return [*self._views.built().values(), *self._left.built().values()]

    # ---- extension points --------------------------------------------------------------
    def add_view(self, name: str, widget: QWidget | Callable[[], QWidget], title: str,
                 shortcut: str | None = None) -> QAction:
        """Add a view as a tab and a 视图 menu entry (Ctrl+1, Ctrl+2… unless *shortcut* is given).

        *widget* may be a zero-argument factory: the view is then built the first time it is shown.
        The view keeps the contract of ``ui/views.py`` (checked when it is built).
        """
        self._views.add(name, widget, title)
        action = self._action(self.view_menu, title, lambda: self.show_view(name),
                              shortcut or f"Ctrl+{len(self.views)}")
        self._view_actions[name] = action
        return action

    def add_tool_action(self, title: str, callback: Callable[[], None], shortcut: str | None = None) -> QAction:
        """Add an entry to the 工具 menu (e.g. an import dialog)."""
        return self._action(self.tools_menu, title, callback, shortcut)

    def add_saveable(self, name: str, keep: Callable[[], None]) -> None:
        """Register *keep()*: called to keep unsaved work when the program ends without asking."""
        self.state.add_saveable(name, keep)

    def set_city_draft(self, draft) -> None:
        """The city draft being edited (``desktop_app.drafting.Draft`` or None): the coverage view shows it."""
        self.city_draft = draft
        if "coverage" not in self._views.unbuilt:  # an unbuilt view reads city_draft when it is built
            self.coverage_view.set_city_draft(draft)

    @Slot(str)
    def _on_draft_clause_requested(self, unit_id: str) -> None:
        editor = self.views.get("draft")  # present when the city-draft editor is installed
        if editor is not None:
            self.show_view("draft")
            self.views["draft"].select(unit_id)

    def show_view(self, name: str) -> None:
        view = self._views.show(name)
        if name == "coverage" and self.reader.unit_id:
            view.select_row_of(self.reader.doc_id, self.reader.unit_id)

    def current_view(self) -> str:
        return self._views.name_of(self.view_tabs.currentWidget()) or "reader"

    def reload_corpus(self, changed_doc: str | None = None) -> None:
        """Re-read the knowledge base (after an import or a removal) and give it to every built view."""
        try:
            corpus = self._load_corpus()
        except PolicyDeskError as exc:  # a bad imported file: keep working with what was loaded
            QMessageBox.warning(self, self.tr("知识库"), self.tr("重新读取知识库失败，仍使用原来的内容：\n%1")
                                .replace("%1", str(exc)))
            return
        self.corpus = corpus
        for view in self.built_views():  # the tree too
            view.set_corpus(self.corpus)  # views not built yet read self.corpus when they are
        self.search_service.update_corpus(self.corpus, changed_doc)
        location = self.history.current
        if location is not None and location.doc not in {d.id for d in self.corpus.documents}:
            location = Location(self.corpus.documents[0].id, "", ())  # the document read was removed
        if location is not None:
            self.open_location(location, record=False)
        if changed_doc:
            self._on_error_message(self.tr("知识库已更新：%1").replace("%1", changed_doc))

    # ---- saving: one Ctrl+S, meaning the current view's save ------------------------------
    def save_current(self) -> SaveResult:
        """文件 → 保存 (Ctrl+S): the current view's ``save()``; the status line says what happened."""
        result = self._views.page(self.current_view()).save()
        self.statusBar().showMessage(result.message, 8000 if result.saved else 15000)
        return result

    def _save_note(self) -> None:
        result = self.reader.save_note()
        self.statusBar().showMessage(result.message, 8000 if result.saved else 15000)

    # ---- navigation ---------------------------------------------------------------------
    def open_unit(self, doc: str, unit: str = "", terms: Sequence[str] = ()) -> None:
        """Show a clause, part or whole document in the reading view and remember it in the history."""
        self.open_location(Location(doc, unit, tuple(terms)))

    def open_location(self, location: Location, *, record: bool = True) -> None:
        try:
            self.reader.show_unit(location.doc, location.unit, location.terms)
        except PolicyDeskError as exc:  # e.g. a search hit or history entry for a removed document
            self._on_error_message(self.tr("无法打开：%1").replace("%1", str(exc)))
            return
        if record:
            self.history.visit(location)
        self.settings.last_doc, self.settings.last_unit = location.doc, location.unit
        self.tree_pane.select(location.doc, location.unit)
        self.show_view("reader")
        self._update_nav_actions()
        self.locationChanged.emit(location.doc, location.unit)

    def go_back(self) -> None:
        location = self.history.back()
        if location is not None:
            self.open_location(location, record=False)

    def go_forward(self) -> None:
        location = self.history.forward()
        if location is not None:
            self.open_location(location, record=False)

    def compare_current(self) -> None:
        if self.reader.unit_id:
            self._on_compare_requested(self.reader.doc_id, self.reader.unit_id)

    def open_notes_dialog(self) -> None:  # HOOK(compare)
        from .notes_dialog import open_notes_dialog

        open_notes_dialog(self)

    def toggle_bookmark(self) -> None:
        if self.reader.doc_id:
            self.reader.bookmark_box.toggle()

    def focus_search(self) -> None:
        self._left.show("search")
        self.search_panel.focus_search()

    def focus_filter(self) -> None:
        self._left.show("tree")
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _update_nav_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())
        self.compare_action.setEnabled(bool(self.reader.unit_id))
        self.compare_action.setText(self.reader.compare_button.text())  # HOOK(compare)
        self.bookmark_action.setEnabled(bool(self.reader.doc_id))

    # ---- handlers --------------------------------------------------------------------------
    @Slot(str, str)
    def _on_open_requested(self, doc: str, unit: str) -> None:
        self.open_unit(doc, unit)

    @Slot(str, str, list)
    def _on_hit_opened(self, doc: str, unit: str, terms: list) -> None:
        self.open_unit(doc, unit, terms)

    @Slot(str, str)
    def _on_compare_requested(self, doc: str, unit: str) -> None:
        left, right = self.compare_view.counterparts_of(doc, unit)
        self._on_compare_units(left, right)

    @Slot(list, list)
    def _on_compare_units(self, left: list, right: list) -> None:
        self.show_view("compare")
        self.compare_view.compare_units([tuple(k) for k in left], [tuple(k) for k in right])

    @Slot(str, str)
    def _on_note_changed(self, doc: str, unit: str) -> None:
        self.tree_model.note_changed(doc, unit)

    @Slot(str)
    def _on_error_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    @Slot(str)
    def _on_index_state(self, state: str) -> None:
        text = {
            "idle": "",
            "loading": self.tr("正在加载分词词典和检索索引…"),
            "ready": self.tr("检索就绪"),
            "failed": self.tr("检索不可用：%1").replace("%1", self.search_service.error),
        }[state]
        self.index_label.setText(text)
        self.index_busy.setVisible(state == "loading")

    @Slot(int)
    def _on_view_changed(self, _index: int) -> None:
        self.settings.last_view = self.current_view()

    def _show_about(self) -> None:
        QMessageBox.about(self, self.tr("关于政策起草助手"), self.tr(
            "政策起草助手 PolicyDesk：离线的政策文件知识库和起草工具。\n"
            "数据只保存在本机：%1").replace("%1", str(self.workspace.data_dir)))

    def start_background(self) -> None:
        """Load jieba and open the search index on the serial worker (once)."""
        if self.search_service.state == "idle":
            self.search_service.start()

    def start_background_after_first_paint(self) -> None:
        """Start the background loading once the window has been painted.

        jieba's load is Python code holding the GIL; started before the first
        paint it would slow the window's appearance down by half a second.
        """
        self.after_first_paint(self.start_background)

    def after_first_paint(self, callback: Callable[[], None]) -> None:
        """Run *callback* on the GUI thread just after the window's first paint (at once if it was painted)."""
        if self._painted:
            QTimer.singleShot(0, callback)
        else:
            self._after_paint.append(callback)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            for callback in self._after_paint:
                QTimer.singleShot(0, callback)
            self._after_paint.clear()

    # ---- closing (ui/window_state.py) ---------------------------------------------------------
    def close_main(self) -> bool:
        """Ask every built view, save the settings, wait for jobs.  False: the user chose 取消."""
        return self.state.close_main()

    def commit_session(self, manager) -> None:
        """``QGuiApplication.commitDataRequest``: the desktop session is ending."""
        self.state.commit_session(manager)

    @Slot()
    def quit_without_asking(self) -> None:
        """``QCoreApplication.aboutToQuit`` without a normal close: keep everything without asking."""
        self.state.quit_without_asking()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_main():
            event.accept()
        else:
            event.ignore()

    def _watch_mouse_buttons(self) -> None:
        from .mouse_buttons import BackForwardButtons

        self._mouse_buttons = BackForwardButtons(self, self.go_back, self.go_forward)
