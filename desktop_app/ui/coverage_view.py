"""The coverage view: central clauses × (the province, each city's plans and the open draft), gaps highlighted."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.corpus import Corpus
from ..core.errors import PolicyDeskError
from .export_to_word import WordExport
from .models.coverage_model import (
    COL_TARGET,
    COL_TEXT,
    DRAFT_ROLE,
    GAP_ROLE,
    REFS_ROLE,
    RELATED_ROLE,
    VIA_ROLE,
    CoverageModel,
)
from .views import SaveResult


class CoverageView(QWidget):
    """Double-click (or Enter) on a central clause opens it; on a cell compares the clauses carrying it out."""

    openRequested = Signal(str, str)
    compareRequested = Signal(list, list)
    draftClauseRequested = Signal(str)   # a clause of the open city draft

    def __init__(self, corpus: Corpus, parent=None) -> None:
        super().__init__(parent)
        self.model = CoverageModel(corpus, parent=self)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.city_picker = QComboBox()
        self.city_picker.setObjectName("coverageCity")
        self.export_button = QPushButton(self.tr("导出 Word 表格…"))
        self.status_label = QLabel()
        self.status_label.setObjectName("coverageStatus")
        self.status_label.setWordWrap(True)
        self.word_export = WordExport(self, self.status_label, [self.export_button])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setObjectName("coverageTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("城市：")))
        bar.addWidget(self.city_picker)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        self.status_label.hide()
        self.table.activated.connect(self._on_cell_activated)
        self.city_picker.activated.connect(self._on_city_activated)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.model.modelReset.connect(self._on_model_reset)
        self._on_model_reset()

    def set_corpus(self, corpus: Corpus) -> None:
        self.model.reset_corpus(corpus)

    def can_close(self) -> bool:
        return True  # nothing of the user's is kept here

    def save(self) -> SaveResult:
        return SaveResult(False, self.tr("落实情况视图没有需要保存的内容（笔记在阅读视图、草稿在城市草稿中保存）"))

    def set_city_draft(self, draft) -> None:
        self.model.set_city_draft(draft)

    def set_city(self, city: str) -> None:
        """Show one city's columns ("" for all)."""
        self.model.set_city(city)

    @Slot()
    def _on_model_reset(self) -> None:
        header = self.table.horizontalHeader()
        header.setMaximumSectionSize(240)   # a long cell is elided (its tooltip lists it all), columns stay in view
        header.setSectionResizeMode(COL_TARGET, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(COL_TARGET, 240)
        for col in range(COL_TEXT, self.model.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self._fill_city_picker()
        self._update_summary()

    def _fill_city_picker(self) -> None:
        self.city_picker.clear()
        self.city_picker.addItem(self.tr("全部城市"), "")
        for city in self.model.cities():
            self.city_picker.addItem(city, city)
        self.city_picker.setCurrentIndex(max(0, self.city_picker.findData(self.model.city)))

    def _update_summary(self) -> None:
        matrix = self.model.matrix
        rows, gaps = len(matrix.rows), self.model.gap_labels()
        text = self.tr("中央意见共 %1 项（条款及无条款的部分），%2 项已有下级文件落实；").replace(
            "%1", str(rows)).replace("%2", str(rows - len(gaps)))
        text += (self.tr("各级都未落实的缺口：%1。").replace("%1", "、".join(gaps)) if gaps else self.tr("没有缺口。"))
        counts = [f"{c.label} {rows - len(matrix.gaps(n))} 项" for n, c in enumerate(matrix.columns)]
        text += self.tr("已落实：%1。").replace("%1", "，".join(counts))
        text += self.tr("“经辽宁（五）”表示通过所落实的省级条款间接落实；〔相关〕不算落实。"
                        "双击中央条款打开原文，双击其他格打开对照。")
        self.summary_label.setText(text)

    @Slot(int)
    def _on_city_activated(self, _row: int) -> None:
        try:
            self.set_city(self.city_picker.currentData() or "")
        except PolicyDeskError as exc:
            QMessageBox.warning(self, self.tr("落实情况"), str(exc))

    @Slot()
    def _on_export_clicked(self) -> None:
        from ..export.coverage_table import export_coverage  # python-docx: loaded on the first export

        name = self.tr("中央意见落实情况（%1）.docx").replace("%1", self.model.city or self.tr("全部城市"))
        self.word_export.ask(self.tr("导出落实情况"), name, partial(export_coverage, self.model.matrix))

    @Slot(QModelIndex)
    def _on_cell_activated(self, index: QModelIndex) -> None:
        target = tuple(self.model.index(index.row(), COL_TARGET).data(REFS_ROLE)[0])
        refs = [tuple(r) for r in index.data(REFS_ROLE) or []]
        drafted = index.data(DRAFT_ROLE) or []
        if index.column() in (COL_TARGET, COL_TEXT):
            self.openRequested.emit(*target)
        elif refs:  # each clause against the central clause and any provincial clause it goes through
            vias = [tuple(v) for v in index.data(VIA_ROLE) or []]
            self.compareRequested.emit(refs, [*vias, target])
        elif drafted:
            self.draftClauseRequested.emit(drafted[0])
        elif related := [tuple(r) for r in index.data(RELATED_ROLE) or []]:
            self.compareRequested.emit(related, [target])
        else:
            self.openRequested.emit(*target)

    def select_row_of(self, doc: str, unit: str) -> None:
        for row in range(self.model.rowCount()):
            if tuple(self.model.index(row, COL_TARGET).data(REFS_ROLE)[0]) == (doc, unit):
                self.table.setCurrentIndex(self.model.index(row, COL_TARGET))
                return


__all__ = ["GAP_ROLE", "CoverageView", "Qt"]
