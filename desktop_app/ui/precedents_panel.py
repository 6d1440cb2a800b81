"""The precedents panel (同题对照): other documents' clauses on the same upper clause, one click to compare.

Self-contained: give it a clause of the knowledge base (:meth:`show_unit`) or a
draft clause (:meth:`show_draft_clause`).  Picking a precedent compares the
clause with it below the list (same verdict as the comparison view); for a
clause of the knowledge base, “在对照视图中打开” asks the window to open the
full comparison (``compareRequested``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.compare import Mark
from ..core.comparing import ref_name, side_of
from ..core.corpus import Corpus
from ..core.errors import LookupFailed
from ..core.model import Relation
from ..core.precedents import PrecedentGroup, precedents_for, precedents_for_draft_clause
from ..core.verdict import ClauseComparison, Side, judge
from .views import SaveResult
from .workers import Lane, QueryOp

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
ADDED_STYLE = "background:#c9efc9"
MISSING_STYLE = "background:#fbd3d0; text-decoration:underline"


class PrecedentsPanel(QWidget):
    """A list of precedents grouped by upper clause, and the comparison with the one picked."""

    compareRequested = Signal(list, list)   # ([precedent (doc, unit)], [the clause (doc, unit)])
    precedentsShown = Signal()
    comparisonShown = Signal()

    def __init__(self, corpus: Corpus, parent=None) -> None:
        super().__init__(parent)
        self._corpus = corpus
        self._subject: Side | None = None
        self._subject_key: tuple[str, str] | None = None
        self._generation = 0
        self._pending = None
        self.groups: list[PrecedentGroup] = []
        self.result: ClauseComparison | None = None
        self.title_label = QLabel(self.tr("同题对照：选择一条条款后，这里列出其他文件如何落实同一上位条款。"))
        self.title_label.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("precedentsTree")
        self.tree.setHeaderLabels([self.tr("其他文件的条款"), self.tr("相似度")])
        self.tree.setRootIsDecorated(True)
        self.open_button = QPushButton(self.tr("在对照视图中打开"))
        self.open_button.setEnabled(False)
        self.detail = QTextBrowser()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.title_label)
        top_layout.addWidget(self.tree, 1)
        top_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.tree.itemActivated.connect(self._on_item_activated)
        self.open_button.clicked.connect(self._on_open_clicked)

    def sizeHint(self) -> QSize:
        return QSize(320, 480)   # the same whatever it shows, so the window's layout does not shift

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 200)

    def set_corpus(self, corpus: Corpus) -> None:
        if corpus is not self._corpus:
            self._corpus = corpus
            self.clear()

    def can_close(self) -> bool:
        return True  # nothing of the user's is kept here

    def save(self) -> SaveResult:
        return SaveResult(False, self.tr("同题对照没有需要保存的内容（笔记在阅读视图、草稿在城市草稿中保存）"))

    def clear(self) -> None:
        self._generation += 1
        self._subject, self._subject_key, self.groups, self.result = None, None, [], None
        self._pending = None
        self.tree.clear()
        self.detail.clear()
        self.open_button.setEnabled(False)

    # ---- what to show ------------------------------------------------------------
    def show_unit(self, doc: str, unit: str) -> None:
        """Precedents of a clause (or part) of the knowledge base."""
        if not unit:
            self.clear()
            return
        ref, corpus = self._corpus.ref(doc, unit), self._corpus
        self._start(side_of(ref), (doc, unit), lambda: precedents_for(corpus, doc, unit))

    def show_draft_clause(self, draft, clause) -> None:
        """Precedents of a draft clause (``drafting.DraftClause``), or nothing for None."""
        if draft is None or clause is None:
            self.clear()
            return
        text = "\n".join([clause.heading, *clause.paragraphs])
        corpus = self._corpus
        self._start(Side(self.tr("本条草稿"), text), None,
                    lambda: precedents_for_draft_clause(corpus, draft, clause))

    def _start(self, subject: Side, key, job) -> None:
        self.clear()
        self._subject, self._subject_key = subject, key
        self.title_label.setText(self.tr("正在查找同题条款…"))
        if not self.isVisible():
            self._pending = job   # looked up when the panel is shown (a hidden tab costs nothing)
            return
        self._run(job)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pending is not None:
            job, self._pending = self._pending, None
            self._run(job)

    def _run(self, job) -> None:
        generation = self._generation
        QueryOp(parent=self, op=job, success=lambda groups: self._on_found(generation, groups)) \
            .failure(lambda exc: self._on_failed(generation, exc)) \
            .in_lane(Lane.SEARCH).latest_only((id(self), "precedents")).run_in_background()

    @Slot()
    def _on_found(self, generation: int, groups: list[PrecedentGroup]) -> None:
        if generation != self._generation:
            return
        self.groups = groups
        for group in groups:
            top = QTreeWidgetItem([self.tr("落实 %1 的其他条款（%2 条）").replace("%1", ref_name(group.upper))
                                   .replace("%2", str(len(group.precedents))), ""])
            top.setToolTip(0, group.upper.citation + group.upper.label)
            self.tree.addTopLevelItem(top)
            for p in group.precedents:
                label = ref_name(p.ref) + p.ref.unit.heading[:16]
                if p.via is not None:
                    label += self.tr("（经%1）").replace("%1", ref_name(p.via))
                if p.relation is Relation.RELATED:
                    label += self.tr("〔相关〕")
                item = QTreeWidgetItem([label, f"{round(p.similarity * 100)}%"])
                item.setData(0, KEY_ROLE, [p.ref.doc.id, p.ref.unit.id])
                item.setToolTip(0, p.ref.citation)
                top.addChild(item)
            top.setExpanded(True)
        self.tree.resizeColumnToContents(0)
        found = sum(len(g.precedents) for g in groups)
        self.title_label.setText(self.tr("同题对照：其他文件中 %1 条落实或相关于同一上位条款；点一条即与本条对照。")
                                 .replace("%1", str(found)) if found else
                                 self.tr("同题对照：知识库中还没有其他文件落实同一上位条款。"))
        self.precedentsShown.emit()

    def _on_failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self.title_label.setText(self.tr("查找同题条款失败：%1").replace("%1", str(exc) or type(exc).__name__))
            self.precedentsShown.emit()

    # ---- comparing with one -------------------------------------------------------------
    def select_precedent(self, doc: str, unit: str) -> None:
        """Pick a precedent (as a click would): the comparison appears below."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                if top.child(j).data(0, KEY_ROLE) == [doc, unit]:
                    self.tree.setCurrentItem(top.child(j))
                    return

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_current_changed(self, item: QTreeWidgetItem | None, _previous) -> None:
        key = item.data(0, KEY_ROLE) if item is not None else None
        self.open_button.setEnabled(bool(key) and self._subject_key is not None)
        if not key or self._subject is None:
            return
        other, subject = side_of(self._corpus.ref(*key)), self._subject
        self._generation += 1
        generation = self._generation
        self.detail.setPlainText(self.tr("正在逐词比较…"))
        QueryOp(parent=self, op=lambda: judge(other, subject),
                success=lambda result: self._on_compared(generation, result)) \
            .failure(lambda exc: self._on_failed(generation, exc)) \
            .in_lane(Lane.SEARCH).latest_only((id(self), "judge")).run_in_background()

    def _on_compared(self, generation: int, result: ClauseComparison) -> None:
        if generation != self._generation:
            return
        self.result = result
        body = "".join(_span(s.text, ADDED_STYLE if s.mark is Mark.ONLY_B else "") for s in result.comparison.b)
        theirs = "".join(_span(s.text, MISSING_STYLE if s.mark is Mark.ONLY_A else "") for s in result.comparison.a)
        summary = "<br>".join(html.escape(line) for line in result.summary_lines())
        self.detail.setHtml(
            f"<p>{html.escape(self.tr('相似度 %1%').replace('%1', str(round(result.similarity * 100))))}<br>"
            f"{summary}</p><p><b>{html.escape(result.other.name)}</b>"
            f'（<span style="{ADDED_STYLE}">{html.escape(self.tr("本条独有"))}</span>）：<br>{body}</p>'
            f"<p><b>{html.escape(result.base.name)}</b>"
            f'（<span style="{MISSING_STYLE}">{html.escape(self.tr("对方独有"))}</span>）：<br>{theirs}</p>')
        self.comparisonShown.emit()

    @Slot(QTreeWidgetItem, int)
    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, KEY_ROLE) and self._subject_key is not None:
            self._on_open_clicked()

    @Slot()
    def _on_open_clicked(self) -> None:
        item = self.tree.currentItem()
        key = item.data(0, KEY_ROLE) if item is not None else None
        if key and self._subject_key is not None:
            self.compareRequested.emit([tuple(self._subject_key)], [tuple(key)])


def _span(text: str, style: str) -> str:
    escaped = html.escape(text).replace("\n", "<br>")
    return f'<span style="{style}">{escaped}</span>' if style else escaped


def install_precedents_tab(window) -> None:
    """Put the panel beside the reading view of *window* (a ``MainWindow``), following the clause being read.

    It is a tab of the left pane (目录 / 检索 / 同题对照): beside the clause without narrowing the views.
    """
    panel = PrecedentsPanel(window.corpus, window)
    window._left.add("precedents", panel, window.tr("同题对照"))
    window.precedents_panel = panel

    def follow(*_args) -> None:   # a hidden tab looks up only when it is shown
        panel.set_corpus(window.corpus)  # the knowledge base may have been re-read (an import)
        try:
            panel.show_unit(window.reader.doc_id, window.reader.unit_id)
        except LookupFailed:
            panel.clear()

    window.locationChanged.connect(follow)
    panel.compareRequested.connect(window._on_compare_units)


class DraftPrecedentsPane(QWidget):
    """:class:`PrecedentsPanel` as a pane of the draft editor (the contract of ui/draft/panes.py)."""

    def __init__(self, corpus: Corpus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.panel = PrecedentsPanel(corpus, self)
        layout.addWidget(self.panel)

    def set_corpus(self, corpus: Corpus) -> None:
        self.panel.set_corpus(corpus)

    def show_unit(self, draft, unit_id: str | None) -> None:
        unit = None if draft is None else next((u for u in (*draft.parts, *draft.clauses) if u.id == unit_id), None)
        self.panel.show_draft_clause(draft, unit)
