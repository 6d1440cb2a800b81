"""The coverage view: which central clauses lower documents carry out, and the gaps."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ..core.corpus import Corpus
from .models.coverage_model import (
    COL_CITY,
    COL_PROVINCIAL,
    COL_RELATED,
    COL_TARGET,
    COL_TEXT,
    DRAFT_ROLE,
    GAP_ROLE,
    REFS_ROLE,
    CoverageModel,
)
from .views import SaveResult


class CoverageView(QWidget):
    """Double-click (or Enter) on a central clause opens it; on a carrying-out cell opens the comparison."""

    openRequested = Signal(str, str)
    compareRequested = Signal(list, list)
    draftClauseRequested = Signal(str)   # a clause of the open city draft

    def __init__(self, corpus: Corpus, parent=None) -> None:
        super().__init__(parent)
        self.model = CoverageModel(corpus, parent=self)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setObjectName("coverageTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_TARGET, QHeaderView.ResizeMode.Stretch)
        for col in (COL_TEXT, COL_PROVINCIAL, COL_CITY, COL_RELATED):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        self.table.activated.connect(self._on_cell_activated)
        self._update_summary()

    def set_corpus(self, corpus: Corpus) -> None:
        self.model.reset_corpus(corpus)
        self._update_summary()

    def can_close(self) -> bool:
        return True  # nothing of the user's is kept here

    def save(self) -> SaveResult:
        return SaveResult(False, self.tr("落实情况视图没有需要保存的内容（笔记在阅读视图、草稿在城市草稿中保存）"))

    def _update_summary(self) -> None:
        rows = self.model.rowCount()
        gaps = self.model.gap_labels()
        self._update_city_column()
        text = self.tr("中央意见共 %1 项（条款及无条款的部分），%2 项已有下级文件落实；").replace(
            "%1", str(rows)).replace("%2", str(rows - len(gaps)))
        if gaps:
            text += self.tr("尚无落实的缺口（红色）：%1。").replace("%1", "、".join(gaps))
        else:
            text += self.tr("没有缺口。")
        text += self.tr("双击中央条款打开原文，双击落实条款打开对照。")
        self.summary_label.setText(text)

    def set_city_draft(self, draft) -> None:
        self.model.set_city_draft(draft)
        self._update_city_column()

    def _update_city_column(self) -> None:
        self.table.setColumnHidden(COL_CITY, not self.model.has_city_entries())

    @Slot(QModelIndex)
    def _on_cell_activated(self, index: QModelIndex) -> None:
        target = self.model.index(index.row(), COL_TARGET).data(REFS_ROLE)[0]
        refs = [tuple(r) for r in index.data(REFS_ROLE) or []]
        drafted = index.data(DRAFT_ROLE) or []
        if drafted and not refs:
            self.draftClauseRequested.emit(drafted[0])
        elif index.column() in (COL_TARGET, COL_TEXT) or (index.data(GAP_ROLE) and not refs):
            self.openRequested.emit(*target)
        elif refs:
            self.compareRequested.emit(refs, [target])
        else:
            self.openRequested.emit(*target)

    def select_row_of(self, doc: str, unit: str) -> None:
        for row in range(self.model.rowCount()):
            if tuple(self.model.index(row, COL_TARGET).data(REFS_ROLE)[0]) == (doc, unit):
                self.table.setCurrentIndex(self.model.index(row, COL_TARGET))
                return


__all__ = ["CoverageView", "Qt"]
