"""The coverage table: each central clause with the clauses that carry it out; gaps highlighted."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...core.corpus import Corpus, CoverageRow, UnitRef
from ...core.labels import completeness_label
from ...core.model import Completeness, DocumentKind
from ..render import ref_short

ROOT = QModelIndex()  # the invisible root, as default parent

REFS_ROLE = Qt.ItemDataRole.UserRole + 1   # list of (doc, unit) the cell points at
GAP_ROLE = Qt.ItemDataRole.UserRole + 2
DRAFT_ROLE = Qt.ItemDataRole.UserRole + 3  # ids of the open city draft's clauses carrying the row out

COL_TARGET, COL_TEXT, COL_PROVINCIAL, COL_CITY, COL_RELATED = range(5)
GAP_BG = QColor("#fde2e1")


class CoverageModel(QAbstractTableModel):
    """Rows: the target document's clauses (and clause-less parts).  Columns: 条款, 收录, 省级落实, 市级落实, 相关."""

    def __init__(self, corpus: Corpus, target_doc: str = "central", parent=None) -> None:
        super().__init__(parent)
        self._target_doc = target_doc
        self._rows: list[tuple[CoverageRow, tuple[UnitRef, ...], tuple[UnitRef, ...]]] = []
        self._draft_city = ""
        self._draft_by_target: dict[str, list[tuple[str, str]]] = {}  # central id -> [(draft unit id, number)]
        self._load(corpus)

    def _load(self, corpus: Corpus) -> None:
        rows = corpus.coverage(self._target_doc)
        provincial = corpus.coverage(self._target_doc, by_kind=DocumentKind.PROVINCIAL)
        city = corpus.coverage(self._target_doc, by_kind=DocumentKind.CITY)
        self._rows = [(r, p.implemented_by, c.implemented_by) for r, p, c in zip(rows, provincial, city, strict=True)]

    def reset_corpus(self, corpus: Corpus) -> None:
        self.beginResetModel()
        self._load(corpus)
        self.endResetModel()

    def set_city_draft(self, draft) -> None:
        """Show which clauses of the open city draft (``desktop_app.drafting.Draft`` or None) carry each row out."""
        by_target: dict[str, list[tuple[str, str]]] = {}
        if draft is not None:
            for npart in draft.numbered():
                for target in npart.part.carries_out:
                    by_target.setdefault(target, []).append((npart.part.id, npart.num))
                for nclause in npart.clauses:
                    for target in nclause.clause.carries_out:
                        by_target.setdefault(target, []).append((nclause.clause.id, nclause.num))
        self._draft_city = draft.city if draft is not None else ""
        self._draft_by_target = by_target
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_CITY), self.index(len(self._rows) - 1, COL_CITY))

    def has_city_entries(self) -> bool:
        return bool(self._draft_by_target) or any(city for _, _, city in self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        names = (self.tr("中央条款"), self.tr("收录情况"), self.tr("省级落实"), self.tr("市级落实"),
                 self.tr("相关条款"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: PLR0911 - one answer per role
        if not index.isValid():
            return None
        row, provincial, city = self._rows[index.row()]
        col = index.column()
        if role == GAP_ROLE:
            return row.is_gap
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(GAP_BG) if row.is_gap else None
        if role == DRAFT_ROLE:
            return [unit for unit, _ in self._draft_by_target.get(row.target.unit.id, [])] if col == COL_CITY else []
        refs = self._refs(row, provincial, city, col)
        if role == REFS_ROLE:
            return [(r.doc.id, r.unit.id) for r in refs]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, refs, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(r.citation + " " + r.label for r in refs) or None
        return None

    @staticmethod
    def _refs(row: CoverageRow, provincial, city, col: int) -> tuple[UnitRef, ...]:
        return {COL_TARGET: (row.target,), COL_TEXT: (row.target,), COL_PROVINCIAL: provincial,
                COL_CITY: city, COL_RELATED: row.related}[col]

    def _display(self, row: CoverageRow, refs: tuple[UnitRef, ...], col: int) -> str:
        if col == COL_TARGET:
            return row.target.label
        if col == COL_TEXT:
            return self._completeness(row.target.unit.completeness)
        if col == COL_PROVINCIAL and row.is_gap:
            return self.tr("缺口：尚无落实条款")
        names = [ref_short(r) for r in refs]
        if col == COL_CITY:
            drafted = self._draft_by_target.get(row.target.unit.id, [])
            names += [self.tr("%1草稿%2").replace("%1", self._draft_city).replace("%2", num) for _, num in drafted]
        return "、".join(names)

    def _completeness(self, value: Completeness) -> str:
        return completeness_label(value)

    def gap_labels(self) -> list[str]:
        return [r.target.label for r, _, _ in self._rows if r.is_gap]
