"""The search panel: type, and the hits update (debounced); Enter or click opens the clause.

The left 检索 page of the main window and a view (``ui/views.py``: ``set_corpus``, ``can_close``,
``save``).  It only asks and shows: queries go to :class:`~desktop_app.ui.search_service.SearchService`,
which runs them on the job runner's index lane and delivers only the newest answer (``resultsReady``).
Extending it: a new filter is a widget in ``_build`` whose value goes into :meth:`SearchPanel.current_query`
(and :class:`~desktop_app.ui.search_service.Query`); a pane beside the hits (e.g. the words a query was
expanded to) listens to ``resultsShown``/``service.resultsReady`` and reads the hits from ``self.model``;
work it needs done off the GUI thread goes through ``ui/workers.QueryOp`` (``latest_only`` for work redone as
the user types), never a thread of its own.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..core.corpus import Corpus
from ..core.labels import kind_label
from ..core.model import DocumentKind
from . import render
from .models.search_model import HIT_ROLE, HTML_ROLE, SearchResultsModel
from .search_service import Query, SearchService
from .views import SaveResult

DEBOUNCE_MS = 250


class HitDelegate(QStyledItemDelegate):
    """Draws a hit's rich text (title line and fragments with the matched words marked)."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(option.rect.width(), 200) - 8)
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.translate(opt.rect.left() + 4, opt.rect.top() + 3)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = opt.widget.viewport().width() if opt.widget is not None else 300
        opt.rect.setWidth(width)
        doc = self._document(opt, index)
        return QSize(width, int(doc.size().height()) + 8)


class SearchPanel(QWidget):
    """Search box, document and kind filters, status line and the hit list."""

    hitOpened = Signal(str, str, list)      # doc, unit, matched terms
    resultsShown = Signal(int)              # number of hits shown for the newest query

    def __init__(self, corpus: Corpus, service: SearchService, parent=None) -> None:
        super().__init__(parent)
        self._service = service
        self._shown_query: Query | None = None
        self._build()
        self.set_corpus(corpus)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_debounced)
        self.query_edit.textEdited.connect(self._on_text_edited)
        self.query_edit.returnPressed.connect(self._on_return_pressed)
        self.doc_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.kind_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.synonyms_box.toggled.connect(self._on_synonyms_toggled)
        self.suggest_label.linkActivated.connect(self._on_suggestion_clicked)
        self.results.activated.connect(self._on_hit_activated)
        self.results.clicked.connect(self._on_hit_activated)
        self.query_edit.installEventFilter(self)
        service.resultsReady.connect(self._on_results_ready)
        service.stateChanged.connect(self._on_state_changed)
        service.failed.connect(self._on_failed)

    def _build(self) -> None:
        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("searchBox")
        self.query_edit.setPlaceholderText(self.tr("检索全文（Ctrl+F）：如 户籍 落户"))
        self.query_edit.setClearButtonEnabled(True)
        self.doc_filter = QComboBox()
        self.kind_filter = QComboBox()
        self.synonyms_box = QCheckBox(self.tr("同义"))
        self.synonyms_box.setChecked(True)
        self.synonyms_box.setToolTip(self.tr("也找简称、全称和等同说法（社保 ↔ 社会保险），排在原词之后；"
                                             "词表见 工具 → 检索词典"))
        self.hint_label = QLabel(self.tr("空格＝同时出现　OR＝任一　-词＝排除　\"短语\"＝连续出现　"
                                         "文号、日期、繁体字也可检索"))
        self.hint_label.setObjectName("searchHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color:#888; font-size:small")
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("color:#666")
        self.suggest_label = QLabel()
        self.suggest_label.setObjectName("searchSuggestions")
        self.suggest_label.setWordWrap(True)
        self.suggest_label.setTextFormat(Qt.TextFormat.RichText)
        self.suggest_label.hide()
        self.model = SearchResultsModel(parent=self)
        self.results = QListView()
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        filters = QHBoxLayout()
        filters.addWidget(self.doc_filter, 1)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.synonyms_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.hint_label)
        layout.addLayout(filters)
        layout.addWidget(self.status_label)
        layout.addWidget(self.suggest_label)
        layout.addWidget(self.results, 1)

    def set_corpus(self, corpus: Corpus) -> None:
        current = self.doc_filter.currentData()
        self.doc_filter.blockSignals(True)
        self.doc_filter.clear()
        self.doc_filter.addItem(self.tr("全部文件"), "")
        for doc in corpus.documents:
            self.doc_filter.addItem(render.doc_short(doc) + "：" + doc.short_title, doc.id)
        self.doc_filter.setCurrentIndex(max(0, self.doc_filter.findData(current or "")))
        self.doc_filter.blockSignals(False)
        if not self.kind_filter.count():
            self.kind_filter.addItem(self.tr("全部层级"), "")
            for kind in DocumentKind:
                self.kind_filter.addItem(kind_label(kind), kind.value)
        self.model.set_doc_names({d.id: render.doc_short(d) for d in corpus.documents})

    def can_close(self) -> bool:
        return True  # nothing of the user's is kept here

    def save(self) -> SaveResult:
        return SaveResult(False, self.tr("检索没有需要保存的内容（笔记在阅读视图、草稿在城市草稿中保存）"))

    # ---- asking ---------------------------------------------------------------
    def focus_search(self) -> None:
        self.query_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_edit.selectAll()

    def set_query(self, text: str) -> None:
        """Put *text* in the box and search at once (used by screenshot mode and 'search selection')."""
        self.query_edit.setText(text)
        self._timer.stop()
        self._ask()

    def current_query(self) -> Query:
        return Query(self.query_edit.text().strip(), self.doc_filter.currentData() or None,
                     self.kind_filter.currentData() or None, synonyms=self.synonyms_box.isChecked())

    @Slot(str)
    def _on_text_edited(self, _text: str) -> None:
        self._timer.start()

    @Slot()
    def _on_debounced(self) -> None:
        self._ask()

    @Slot(int)
    def _on_filter_changed(self, _row: int) -> None:
        self._ask()

    @Slot(bool)
    def _on_synonyms_toggled(self, _on: bool) -> None:
        self._ask()

    @Slot(str)
    def _on_suggestion_clicked(self, text: str) -> None:
        self.set_query(text)

    def _ask(self) -> None:
        query = self.current_query()
        self._show_suggestions(())
        if not query.text:
            self._service.cancel()
            self.model.set_hits([])
            self.status_label.setText("")
            return
        self._service.search(query)
        if self._service.state == "ready":
            self.status_label.setText(self.tr("正在检索…"))
        elif self._service.state == "failed":
            self.status_label.setText(self.tr("检索不可用：%1").replace("%1", self._service.error))
        else:
            self.status_label.setText(self.tr("正在加载检索索引，加载完成后自动显示结果…"))

    # ---- answers -------------------------------------------------------------------
    @Slot(int, object, object)
    def _on_results_ready(self, generation: int, query: Query, hits) -> None:
        if generation != self._service.latest_generation:
            return
        self._shown_query = query
        self.model.set_hits(hits)
        if getattr(hits, "truncated", False):
            self.status_label.setText(self.tr("“%1”：显示前 %2 条结果（结果已截断，可加词缩小范围），回车或单击打开")
                                      .replace("%1", query.text).replace("%2", str(len(hits))))
        elif hits:
            self.status_label.setText(self.tr("“%1”：%2 条结果，回车或单击打开").replace("%1", query.text)
                                      .replace("%2", str(len(hits))))
        else:
            self.status_label.setText(self.tr("“%1”：没有找到").replace("%1", query.text))
        if hits:
            self.results.setCurrentIndex(self.model.index(0))
        self._show_suggestions(getattr(hits, "suggestions", ()))
        self.resultsShown.emit(len(hits))

    def _show_suggestions(self, suggestions) -> None:
        links = "　".join(f'<a href="{html.escape(s)}">{html.escape(s)}</a>' for s in suggestions)
        self.suggest_label.setText(self.tr("您是不是要找：%1").replace("%1", links) if links else "")
        self.suggest_label.setVisible(bool(links))

    @Slot(str)
    def _on_state_changed(self, state: str) -> None:
        if state == "ready" and not self.query_edit.text().strip():
            self.status_label.setText("")

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.status_label.setText(self.tr("检索不可用：%1").replace("%1", message))

    @Slot()
    def _on_return_pressed(self) -> None:
        index = self.results.currentIndex()
        if index.isValid():
            self._on_hit_activated(index)
        else:
            self._timer.stop()
            self._ask()

    @Slot(QModelIndex)
    def _on_hit_activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.hitOpened.emit(hit.doc, hit.id, list(hit.terms))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up/Down in the search box move through the hits, as in a browser's address bar.
        if watched is self.query_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                row = self.results.currentIndex().row() + (1 if key == Qt.Key.Key_Down else -1)
                row = max(0, min(row, self.model.rowCount() - 1))
                self.results.setCurrentIndex(self.model.index(row))
                return True
        return super().eventFilter(watched, event)
