"""The main window: document tree and search on the left, reading / comparison / coverage views on the right.

Adding a tool (extension point)
-------------------------------
Other parts of PolicyDesk plug in here without editing this file:

* ``window.add_view(name, widget_or_factory, title, shortcut=None)`` adds a view as
  a tab on the right and an entry in the 视图 menu; given a zero-argument factory
  the view is built the first time it is shown.  ``name`` is what ``--view NAME``
  selects in screenshot mode.  ``desktop_app.app`` adds the city-draft editor
  (``ui/draft_editor.py``, ``DraftEditor(corpus, parent)``) this way as ``"draft"``
  and passes its draft to :meth:`MainWindow.set_city_draft` for the coverage view;
* ``window.add_tool_action(title, callback, shortcut=None)`` adds an entry to the
  工具 menu;
* ``window.reload_corpus(changed_doc)`` re-reads the corpus after an import and
  refreshes every view and the search index.

``desktop_app.app`` calls ``install(window)`` of each module in
``app.EXTENSION_MODULES`` that is present (``desktop_app.ui.import_dialog`` adds
工具 → 导入文档… and connects its ``documentImported`` to ``reload_corpus``).
Keep ``install`` cheap: import heavy libraries when the tool is first used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QMouseEvent
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
from .bookmarks_menu import BookmarksMenu
from .lazy_tabs import LazyTabs
from .navigation import History, Location
from .reader import ReaderView
from .search_service import SearchService
from .settings import AppSettings, window_state_path
from .tree_pane import TreePane

if TYPE_CHECKING:
    from .compare_view import CompareView
    from .coverage_view import CoverageView
    from .search_panel import SearchPanel

LEFT_TREE, LEFT_SEARCH = 0, 1


class MainWindow(QMainWindow):
    """Built by :func:`desktop_app.app.create_window`; the views talk to each other only through here."""

    locationChanged = Signal(str, str)

    def __init__(self, corpus: Corpus, notes: NotesStore, settings: AppSettings, parent=None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.notes = notes
        self.settings = settings
        self.history = History()
        self.city_draft = None
        self._view_actions: dict[str, QAction] = {}
        self._painted = False
        self._after_paint: list[Callable[[], None]] = []
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("政策起草助手 PolicyDesk"))
        self.search_service = SearchService(corpus, self)
        self._build_left()
        self._build_views()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        # Mouse back/forward: the filter sits on the window's platform window, which receives every mouse
        # press in this window before it reaches a widget.  Installed once the window exists on screen.
        self.after_first_paint(self._watch_mouse_buttons)

    # ---- construction --------------------------------------------------------------
    def _build_left(self) -> None:
        self.tree_pane = TreePane(self.corpus, self.notes, self)
        self.tree_model, self.tree_proxy = self.tree_pane.model, self.tree_pane.proxy
        self.tree, self.filter_edit = self.tree_pane.tree, self.tree_pane.filter_edit
        self.left_tabs = QTabWidget()
        self._left = LazyTabs(self.left_tabs)
        self._left.add("tree", self.tree_pane, self.tr("目录"))
        self._left.add("search", self._make_search_panel, self.tr("检索"))

    def _build_views(self) -> None:
        self.reader = ReaderView(self.corpus, self.notes, self)
        self.reader.set_font_size(self.settings.reader_font_pt)
        self.view_tabs = QTabWidget()
        self.view_tabs.setDocumentMode(True)
        self._views = LazyTabs(self.view_tabs)
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
        self.quit_action = self._action(self.file_menu, self.tr("退出"), self.close, QKeySequence.StandardKey.Quit)
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
        self.save_note_action = self._action(self.notes_menu, self.tr("保存笔记"), self.reader.save_note,
                                             QKeySequence.StandardKey.Save)
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

    # ---- extension points --------------------------------------------------------------
    def add_view(self, name: str, widget: QWidget | Callable[[], QWidget], title: str,
                 shortcut: str | None = None) -> QAction:
        """Add a view as a tab and a 视图 menu entry (Ctrl+1, Ctrl+2… unless *shortcut* is given).

        *widget* may be a zero-argument factory: the view is then built the first time it is shown.
        """
        self._views.add(name, widget, title)
        action = self._action(self.view_menu, title, lambda: self.show_view(name),
                              shortcut or f"Ctrl+{len(self.views)}")
        self._view_actions[name] = action
        return action

    def add_tool_action(self, title: str, callback: Callable[[], None], shortcut: str | None = None) -> QAction:
        """Add an entry to the 工具 menu (e.g. an import dialog)."""
        return self._action(self.tools_menu, title, callback, shortcut)

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
        """Re-read the corpus (after an import) and refresh the tree, views and search index."""
        try:
            corpus = Corpus.load_default()
        except PolicyDeskError as exc:  # a bad imported file: keep working with what was loaded
            QMessageBox.warning(self, self.tr("知识库"), self.tr("重新读取知识库失败，仍使用原来的内容：\n%1")
                                .replace("%1", str(exc)))
            return
        self.corpus = corpus
        self.tree_pane.reset_corpus(self.corpus)
        for view in (*self.views.values(), self._left.pages["search"]):
            if hasattr(view, "set_corpus"):
                view.set_corpus(self.corpus)  # views not built yet will read self.corpus when they are
        self.search_service.update_corpus(self.corpus, changed_doc)
        location = self.history.current
        if location is not None and location.doc not in {d.id for d in self.corpus.documents}:
            location = Location(self.corpus.documents[0].id, "", ())  # the document read was removed
        if location is not None:
            self.open_location(location, record=False)
        if changed_doc:
            self._on_error_message(self.tr("知识库已更新：%1").replace("%1", changed_doc))

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
        self.statusBar().showMessage(self.tr("已保存到 %1").replace("%1", str(self.notes.path)), 4000)

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
            "数据只保存在本机：%1").replace("%1", str(self.notes.path.parent)))

    # ---- state across restarts -----------------------------------------------------------
    def _qsettings(self) -> QSettings:
        return QSettings(str(window_state_path()), QSettings.Format.IniFormat)

    def restore_state(self) -> None:
        """Geometry and splitter from QSettings, the last clause, view and tab from the settings object."""
        qs = self._qsettings()
        geometry, splitter = qs.value("geometry"), qs.value("splitter")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        s = self.settings
        try:
            self.open_unit(s.last_doc, s.last_unit)
        except PolicyDeskError:  # the remembered clause is gone (its document was removed)
            self.open_unit(self.corpus.documents[0].id)
        self._left.show("search" if s.left_tab == LEFT_SEARCH else "tree")
        if s.last_view in self.views:
            self.show_view(s.last_view)

    def save_state(self) -> None:
        qs = self._qsettings()
        qs.setValue("geometry", self.saveGeometry())
        qs.setValue("splitter", self.splitter.saveState())
        qs.sync()
        self.settings.left_tab = self.left_tabs.currentIndex()
        self.settings.last_view = self.current_view()
        try:
            self.settings.save()
        except OSError as exc:
            self._on_error_message(self.tr("设置未能保存：%1").replace("%1", exc.strerror or str(exc)))

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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.search_service.close()
        super().closeEvent(event)

    def _watch_mouse_buttons(self) -> None:
        # Not an application-wide filter: that would run Python for every event of every object, and the
        # first events of Qt's private classes make PySide build every lazily made type and enum of Qt
        # (≈ 50 ms before the first paint when it was installed with the window: docs/benchmarks.md).
        handle = self.windowHandle()
        if handle is not None:
            handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Mouse back/forward buttons anywhere in this window move through the history, as in a browser.
        if (event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent)
                and watched is self.windowHandle()):
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        return super().eventFilter(watched, event)
