"""The document tree: documents → parts → clauses, with completeness, link counts and note marks."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from ...core.corpus import Corpus
from ...core.labels import completeness_label, completeness_tag
from ...core.model import Clause, Completeness, Document, Part
from ...core.notes import NotesStore

ROOT = QModelIndex()  # the invisible root, as default parent

DOC_ROLE = Qt.ItemDataRole.UserRole + 1       # the document id
UNIT_ROLE = Qt.ItemDataRole.UserRole + 2      # the part/clause id ("" for a document)
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3    # the text the filter box matches
INCOMPLETE_ROLE = Qt.ItemDataRole.UserRole + 4
NOTE_ROLE = Qt.ItemDataRole.UserRole + 5      # "" / "note" / "bookmark" / "note+bookmark"

COL_TITLE, COL_LINKS = 0, 1
_INCOMPLETE_FG = QColor("#8a6d3b")  # a QColor, not a QBrush: QBrush would load QGradient and its enums

_DISPLAY, _TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
_FOREGROUND, _FONT = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_CENTRED = int(Qt.AlignmentFlag.AlignCenter)
# The roles this model answers; a view asks every cell for a dozen, so the others return at once.
_ANSWERED = frozenset(int(r) for r in (_DISPLAY, _TOOLTIP, _FOREGROUND, _FONT, _ALIGNMENT, DOC_ROLE, UNIT_ROLE,
                                       FILTER_ROLE, INCOMPLETE_ROLE, NOTE_ROLE))


@dataclass(eq=False)
class _Node:
    doc: Document
    unit: Part | Clause | None
    parent: _Node | None
    row: int
    children: list[_Node] = field(default_factory=list)


class DocumentTreeModel(QAbstractItemModel):
    """Two columns: the document/part/clause as printed, and its number of cross-links."""

    def __init__(self, corpus: Corpus, notes: NotesStore, parent=None) -> None:
        super().__init__(parent)
        self._corpus = corpus
        self._notes = notes
        self._roots: list[_Node] = []
        self._by_key: dict[tuple[str, str], _Node] = {}
        self._link_counts: dict[tuple[str, str], int] = {}
        self._bold: QFont | None = None
        self._build()

    def _build(self) -> None:
        self._roots, self._by_key, self._link_counts = [], {}, {}
        for link in self._corpus.links:
            for key in ((link.source_doc, link.source_id), (link.target_doc, link.target_id)):
                self._link_counts[key] = self._link_counts.get(key, 0) + 1
        for doc in self._corpus.documents:
            root = _Node(doc, None, None, len(self._roots))
            self._roots.append(root)
            self._by_key[(doc.id, "")] = root
            for part in doc.parts:
                if not (part.num or part.heading):
                    continue
                pnode = _Node(doc, part, root, len(root.children))
                root.children.append(pnode)
                self._by_key[(doc.id, part.id)] = pnode
                for clause in part.clauses:
                    cnode = _Node(doc, clause, pnode, len(pnode.children))
                    pnode.children.append(cnode)
                    self._by_key[(doc.id, clause.id)] = cnode

    def reset_corpus(self, corpus: Corpus) -> None:
        """Show a reloaded corpus (after an import)."""
        self.beginResetModel()
        self._corpus = corpus
        self._build()
        self.endResetModel()

    # ---- structure -----------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = ROOT) -> QModelIndex:
        # The checks of hasIndex() written out: hasIndex would call back rowCount and columnCount from C++,
        # and the view asks for an index for every role of every cell it paints.
        if row < 0 or not 0 <= column < 2:
            return QModelIndex()
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            siblings = self._node(parent).children
        else:
            siblings = self._roots
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, child: QModelIndex | QPersistentModelIndex = ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        up = self._node(child).parent
        if up is None:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        if not parent.isValid():
            return len(self._roots)
        if parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("文件与条款"), self.tr("链接"))[section] if 0 <= section < 2 else None
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS  # asked for every row painted: the enum lookups are done once, at import

    # ---- data ------------------------------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ANSWERED or not index.isValid():
            return None
        node = self._node(index)
        key = (node.doc.id, node.unit.id if node.unit else "")
        if role == DOC_ROLE:
            return key[0]
        if role == UNIT_ROLE:
            return key[1]
        if index.column() == COL_LINKS:
            return self._links_data(node, key, role)
        return self._title_data(node, key, role)

    def _title_data(self, node: _Node, key: tuple[str, str], role: int):  # noqa: PLR0911 - one answer per role
        unit = node.unit
        if role == _DISPLAY:
            return self._display(node) + self._note_mark(key)
        if role == _TOOLTIP:
            return self._tooltip(node, key)
        if role == FILTER_ROLE:
            return node.doc.title if unit is None else unit.num + unit.heading + _body(unit)
        if role == INCOMPLETE_ROLE:
            return unit is not None and unit.completeness is not Completeness.FULL
        if role == NOTE_ROLE:
            return self._note_kind(key)
        if role == _FOREGROUND and unit is not None and unit.completeness is not Completeness.FULL:
            return _INCOMPLETE_FG
        if role == _FONT and unit is None:
            if self._bold is None:
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        return None

    def _links_data(self, node: _Node, key: tuple[str, str], role: int):
        count = self._link_counts.get(key, 0)
        if role == _DISPLAY:
            return str(count) if count and node.unit is not None else ""
        if role == _TOOLTIP and count:
            return self.tr("%n 条交叉链接", "", count)
        if role == _ALIGNMENT:
            return _CENTRED
        return None

    def _display(self, node: _Node) -> str:
        unit = node.unit
        if unit is None:
            return node.doc.short_title
        return unit.num + unit.heading + completeness_tag(unit.completeness)

    def _note_kind(self, key: tuple[str, str]) -> str:
        note = self._notes.get(*key)
        if note is None:
            return ""
        kinds = (["note"] if note.text else []) + (["bookmark"] if note.bookmark else [])
        return "+".join(kinds)

    def _note_mark(self, key: tuple[str, str]) -> str:
        kind = self._note_kind(key)
        marks = ("★" if "bookmark" in kind else "") + (self.tr("〔笔记〕") if "note" in kind else "")
        return " " + marks if marks else ""

    def _tooltip(self, node: _Node, key: tuple[str, str]) -> str:
        unit = node.unit
        lines = [node.doc.title if unit is None else unit.num + unit.heading]
        if unit is not None and unit.completeness is not Completeness.FULL:
            lines.append(self.tr("知识库中本条为“%1”：%2").replace("%1", completeness_label(unit.completeness))
                         .replace("%2", unit.note or ""))
        note = self._notes.get(*key)
        if note is not None and note.text:
            lines.append(self.tr("笔记：") + note.text)
        return "\n".join(lines)

    # ---- lookups used by the window ------------------------------------------
    def index_of(self, doc: str, unit: str = "") -> QModelIndex:
        node = self._by_key.get((doc, unit))
        return QModelIndex() if node is None else self.createIndex(node.row, 0, node)

    def unit_rows(self, doc: str) -> int:
        """The number of part and clause rows under document *doc*."""
        node = self._by_key.get((doc, ""))
        return 0 if node is None else sum(1 + len(part.children) for part in node.children)

    def note_changed(self, doc: str, unit: str) -> None:
        """Refresh the marks of one row after its note or bookmark changed."""
        index = self.index_of(doc, unit)
        if index.isValid():
            self.dataChanged.emit(index, index.siblingAtColumn(COL_LINKS))

    @staticmethod
    def _node(index: QModelIndex | QPersistentModelIndex) -> _Node:
        return index.internalPointer()  # type: ignore[return-value]


def _body(unit: Part | Clause) -> str:
    return unit.body if isinstance(unit, Clause) else "".join(unit.paragraphs)


class TreeFilterProxy(QSortFilterProxyModel):
    """The filter box: keeps rows whose number, heading or text contains the typed words, with their parents."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(False)
        self.setFilterRole(FILTER_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(COL_TITLE)

    def set_filter_words(self, text: str) -> None:
        self.beginFilterChange()
        self._words = [w for w in text.split() if w]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        words = self._words
        if not words:
            return True
        index = self.sourceModel().index(source_row, COL_TITLE, source_parent)
        haystack = str(self.sourceModel().data(index, FILTER_ROLE) or "").lower()
        return all(w.lower() in haystack for w in words)
