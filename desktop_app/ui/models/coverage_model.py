"""The coverage matrix: central clauses down; the province, then each city's plans and the open draft across.

A cell names the clauses carrying the row out (``经辽宁（五）`` when through the
provincial clause) and, apart, the clauses only related to it; cells nobody
carries out are highlighted.  The data is :func:`desktop_app.core.coverage_matrix.build_matrix`.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...core.corpus import Corpus
from ...core.coverage_matrix import DRAFT_DOC, Cell, CoverageMatrix, build_matrix
from ...core.errors import LookupFailed
from ...core.labels import completeness_label
from ...core.model import Completeness

ROOT = QModelIndex()  # the invisible root, as default parent

REFS_ROLE = Qt.ItemDataRole.UserRole + 1     # (doc, unit) of the clauses the cell points at (implementers)
GAP_ROLE = Qt.ItemDataRole.UserRole + 2      # the cell (or, in the first columns, the row) is a gap
DRAFT_ROLE = Qt.ItemDataRole.UserRole + 3    # ids of the open city draft's clauses carrying the row out
VIA_ROLE = Qt.ItemDataRole.UserRole + 4      # (doc, unit) of provincial clauses the cell's clauses go through
RELATED_ROLE = Qt.ItemDataRole.UserRole + 5  # (doc, unit) of clauses only related

COL_TARGET, COL_TEXT, COL_PROVINCIAL = range(3)   # COL_PROVINCIAL: the first province's column
FIXED = 2
GAP_BG = QColor("#fde2e1")
RELATED_FG = QColor("#777777")


class CoverageModel(QAbstractTableModel):
    """Rows: the central clauses (and clause-less parts).  Columns: 中央条款, 收录情况, then the matrix's columns."""

    def __init__(self, corpus: Corpus, target_doc: str = "central", parent=None) -> None:
        super().__init__(parent)
        self._corpus = corpus
        self._target_doc = target_doc
        self._draft = None
        self._city = ""
        self.matrix: CoverageMatrix = build_matrix(corpus, None, "", target_doc)

    def _rebuild(self) -> None:
        self.beginResetModel()
        self.matrix = build_matrix(self._corpus, self._draft, self._city, self._target_doc)
        self.endResetModel()

    def reset_corpus(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._rebuild()

    def set_city_draft(self, draft) -> None:
        """The open city draft (``desktop_app.drafting.Draft`` or None) becomes its city's last column."""
        self._draft = draft
        self._rebuild()

    def set_city(self, city: str) -> None:
        """Show only *city*'s columns (after the province's); "" shows every city.

        Raises:
            LookupFailed: an unknown city.
        """
        self._city = city
        try:
            self._rebuild()
        except LookupFailed:
            self._city = ""
            self._rebuild()
            raise

    @property
    def city(self) -> str:
        return self._city

    def cities(self) -> list[str]:
        """Every city the filter can offer: the listed cities, then others that have documents."""
        listed = [c.name for c in self._corpus.cities]
        found = build_matrix(self._corpus, self._draft, "", self._target_doc).cities() if self._city else \
            self.matrix.cities()
        return listed + [c for c in found if c not in listed]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.matrix.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else FIXED + len(self.matrix.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("中央条款"), self.tr("收录情况"))[section] if section < FIXED else \
                self.matrix.columns[section - FIXED].label
        if role == Qt.ItemDataRole.ToolTipRole and section >= FIXED:
            return self.matrix.columns[section - FIXED].title or None
        return None

    def cell(self, index: QModelIndex | QPersistentModelIndex) -> Cell | None:
        return self.matrix.rows[index.row()].cells[index.column() - FIXED] if index.column() >= FIXED else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: PLR0911 - one answer per role
        if not index.isValid():
            return None
        row, cell = self.matrix.rows[index.row()], self.cell(index)
        if role == GAP_ROLE:
            return row.is_gap if cell is None else not cell.implements
        if role == Qt.ItemDataRole.BackgroundRole:
            gap = row.is_gap if cell is None else not cell.implements
            return QBrush(GAP_BG) if gap else None
        if cell is None:
            return self._fixed(row, index.column(), role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(cell)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(cell)
        if role == Qt.ItemDataRole.ForegroundRole and not cell.implements and cell.related:
            return QBrush(RELATED_FG)
        return self._keys(cell, role)

    def _fixed(self, row, column: int, role: int):
        if role == REFS_ROLE:
            return [(row.target.doc.id, row.target.unit.id)]
        if role in (DRAFT_ROLE, VIA_ROLE, RELATED_ROLE):
            return []
        if role == Qt.ItemDataRole.DisplayRole:
            return row.target.label if column == COL_TARGET else self._completeness(row.target.unit.completeness)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TARGET:
            return row.target.citation
        return None

    @staticmethod
    def _keys(cell: Cell, role: int):
        if role == REFS_ROLE:
            return [e.key for e in cell.implements if e.key[0] != DRAFT_DOC]
        if role == DRAFT_ROLE:
            return [e.key[1] for e in (*cell.implements, *cell.pending) if e.key[0] == DRAFT_DOC]
        if role == VIA_ROLE:
            return list(dict.fromkeys((e.via.doc.id, e.via.unit.id) for e in cell.implements if e.via))
        if role == RELATED_ROLE:
            return [e.key for e in cell.related if e.key[0] != DRAFT_DOC]
        return None

    def _display(self, cell: Cell) -> str:
        text = "、".join(e.label + (self.tr("（经%1）").replace("%1", e.via_label) if e.via else "")
                        for e in cell.implements)
        for entries, word in ((cell.pending, self.tr("待起草")), (cell.related, self.tr("相关"))):
            if entries:
                extra = f"〔{word}：{'、'.join(e.label for e in entries)}〕"
                text = f"{text}　{extra}" if text else extra
        return text or self.tr("缺口")

    def _tooltip(self, cell: Cell) -> str:
        lines = [self.tr("落实：%1").replace("%1", e.label) + (self.tr("，经%1").replace("%1", e.via_label)
                                                             if e.via else "") for e in cell.implements]
        lines += [self.tr("待起草（不算落实）：%1").replace("%1", e.label) for e in cell.pending]
        lines += [self.tr("相关（不算落实）：%1").replace("%1", e.label) for e in cell.related]
        return "\n".join(lines) or self.tr("尚无落实条款")

    def _completeness(self, value: Completeness) -> str:
        return completeness_label(value)

    def gap_labels(self) -> list[str]:
        return [r.target.label for r in self.matrix.rows if r.is_gap]

    def column_of(self, label: str) -> int:
        """The model column whose heading is *label*, or -1."""
        return next((FIXED + n for n, c in enumerate(self.matrix.columns) if c.label == label), -1)
