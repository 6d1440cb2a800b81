"""The left pane's 目录 page: a filter box over the document tree."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal, Slot
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from ..core.corpus import Corpus
from ..core.notes import NotesStore
from .models.tree_model import COL_LINKS, COL_TITLE, DOC_ROLE, UNIT_ROLE, DocumentTreeModel, TreeFilterProxy
from .views import SaveResult

LINKS_COLUMN_WIDTH = 48
# Documents are shown expanded, in order, while their rows add up to at most this many; the others start
# collapsed (a library of hundreds of plans would otherwise lay out every clause before the window appears).
EXPANDED_ROWS = 300


class TreePane(QWidget):
    """Emits ``unitPicked(doc, unit)`` when the user moves to a row (unit ``""`` for a whole document)."""

    unitPicked = Signal(str, str)

    def __init__(self, corpus: Corpus, notes: NotesStore, parent=None) -> None:
        super().__init__(parent)
        self._syncing = False
        self.model = DocumentTreeModel(corpus, notes, self)
        self.proxy = TreeFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("treeFilter")
        self.filter_edit.setPlaceholderText(self.tr("筛选条款：输入编号或词语"))
        self.filter_edit.setClearButtonEnabled(True)
        self.tree = QTreeView()
        self.tree.setObjectName("documentTree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # A fixed width: sizing to contents would measure every row before the window can appear.
        header.setSectionResizeMode(COL_LINKS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_LINKS, LINKS_COLUMN_WIDTH)
        self._expand_initial()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)

    # ---- the view contract (ui/views.py) --------------------------------------------
    def set_corpus(self, corpus: Corpus) -> None:
        self.model.reset_corpus(corpus)
        self._expand_initial()

    def _expand_initial(self) -> None:
        """Expand the first documents, up to :data:`EXPANDED_ROWS` rows; a filter expands everything it keeps."""
        if self.filter_edit.text().strip():
            self.tree.expandAll()
            return
        budget = EXPANDED_ROWS
        for row in range(self.proxy.rowCount()):
            doc = self.proxy.index(row, COL_TITLE)
            rows = self.model.unit_rows(doc.data(DOC_ROLE))
            if rows > budget:
                break
            budget -= rows
            self.tree.expandRecursively(doc)

    def can_close(self) -> bool:
        return True  # nothing of the user's is kept here

    def save(self) -> SaveResult:
        return SaveResult(False, self.tr("目录没有需要保存的内容"))

    def select(self, doc: str, unit: str) -> None:
        """Make (doc, unit) the current row without emitting ``unitPicked``."""
        index = self.proxy.mapFromSource(self.model.index_of(doc, unit))
        if not index.isValid():
            return
        self._syncing = True
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.tree.selectionModel().setCurrentIndex(index, flags)
            self.tree.scrollTo(index)
        finally:
            self._syncing = False

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._syncing and current.isValid():
            self.unitPicked.emit(current.data(DOC_ROLE), current.data(UNIT_ROLE))

    @Slot(str)
    def _on_filter_changed(self, text: str) -> None:
        self.proxy.set_filter_words(text)
        if text.strip():
            self.tree.expandAll()
        else:
            self.tree.collapseAll()
            self._expand_initial()
