"""The comparison view: a clause beside one clause it carries out (or is carried out by), differences marked.

A clause with several counterparts (a city clause linked to the provincial and
the central clause, a provincial clause carrying out two central clauses) is
compared with each of them on its own; the pair picker switches between them.
The comparison and the verdict come from :mod:`desktop_app.core.comparing` and
:mod:`desktop_app.core.verdict`, the same as ``policydesk compare``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.compare import Mark, Segment
from ..core.comparing import Pair, compare_keys, pairs_between, pairs_for
from ..core.corpus import Corpus, UnitRef
from ..core.labels import completeness_label
from ..core.model import Completeness, DocumentKind
from ..core.verdict import ClauseComparison
from . import render
from .export_to_word import WordExport
from .views import SaveResult
from .workers import Lane, QueryOp, describe_failure

ONLY_A_STYLE = "background:#c9efc9"
ONLY_B_STYLE = "background:#fbd3d0; text-decoration:underline"
Key = tuple[str, str]


class CompareView(QWidget):
    """Left: the clause being read (the lower one); right: the clause it is set against, one pair at a time."""

    comparisonShown = Signal()

    def __init__(self, corpus: Corpus, parent=None) -> None:
        super().__init__(parent)
        self._corpus = corpus
        self.left: list[Key] = []
        self.right: list[Key] = []
        self.pairs: list[Pair] = []
        self.pair: Pair | None = None
        self.result: ClauseComparison | None = None
        self._generation = 0
        self._syncing = False
        self.status_label = QLabel()    # how the last export went
        self.status_label.setObjectName("compareStatus")
        self.status_label.setWordWrap(True)
        self._build()
        self.word_export = WordExport(self, self.status_label, [self.export_button])
        self.word_export.set_available(False)
        self._fill_pickers()
        self.left_picker.activated.connect(self._on_picker_activated)
        self.right_picker.activated.connect(self._on_picker_activated)
        self.pair_picker.activated.connect(self._on_pair_activated)
        self.swap_button.clicked.connect(self._on_swap_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.left_browser.verticalScrollBar().valueChanged.connect(self._on_left_scrolled)
        self.right_browser.verticalScrollBar().valueChanged.connect(self._on_right_scrolled)

    def _build(self) -> None:
        self.left_picker, self.right_picker, self.pair_picker = QComboBox(), QComboBox(), QComboBox()
        for picker in (self.left_picker, self.right_picker):
            picker.setPlaceholderText(self.tr("（请选择条款）"))
            picker.setMinimumContentsLength(18)
            picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.swap_button = QPushButton(self.tr("左右互换"))
        self.export_button = QPushButton(self.tr("导出对照表（Word）…"))
        pickers = QHBoxLayout()
        pickers.addWidget(QLabel(self.tr("左：")))
        pickers.addWidget(self.left_picker, 1)
        pickers.addWidget(self.swap_button)
        pickers.addWidget(QLabel(self.tr("右：")))
        pickers.addWidget(self.right_picker, 1)
        pickers.addWidget(self.export_button)
        self.pair_row = QWidget()
        pair_layout = QHBoxLayout(self.pair_row)
        pair_layout.setContentsMargins(0, 0, 0, 0)
        pair_layout.addWidget(QLabel(self.tr("本条有多条对应条款，逐一对照（不合并）：")))
        pair_layout.addWidget(self.pair_picker, 1)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("background:#fff4e5; border:1px solid #e0a040; padding:4px")
        self.left_title, self.right_title = QLabel(), QLabel()
        self.left_browser, self.right_browser = QTextBrowser(), QTextBrowser()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("compareSplitter")  # remembered across restarts (window_state.py)
        for title, browser in ((self.left_title, self.left_browser), (self.right_title, self.right_browser)):
            title.setWordWrap(True)
            title.setStyleSheet("font-weight:bold")
            pane = QWidget()
            lay = QVBoxLayout(pane)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(title)
            lay.addWidget(browser, 1)
            self.splitter.addWidget(pane)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(pickers)
        layout.addWidget(self.pair_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status_label)
        self.warning_label.hide()
        self.status_label.hide()
        self.pair_row.hide()
        self.summary_label.setText(self.tr("在阅读视图中点“与上位条款对照”或“与落实条款对照”，或在上方选择任意两条进行对照。"))

    def _fill_pickers(self) -> None:
        for picker in (self.left_picker, self.right_picker):
            picker.clear()
            for doc in self._corpus.documents:
                for clause in doc.clauses:
                    picker.addItem(f"{render.doc_short(doc)}{clause.num}{clause.heading}", f"{doc.id}:{clause.id}")
            picker.setCurrentIndex(-1)

    def set_corpus(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._fill_pickers()

    def can_close(self) -> bool:
        return True  # nothing of the user's is kept here

    def save(self) -> SaveResult:
        return SaveResult(False, self.tr("对照视图没有需要保存的内容（笔记在阅读视图、草稿在城市草稿中保存）"))

    # ---- choosing what to compare ------------------------------------------------
    def counterparts_of(self, doc: str, unit: str) -> tuple[list[Key], list[Key]]:
        """The natural pairs for a clause, as (lower clauses, upper clauses)."""
        pairs = pairs_for(self._corpus, doc, unit)
        if not pairs:
            return [(doc, unit)], []
        return list(dict.fromkeys(p.other for p in pairs)), list(dict.fromkeys(p.base for p in pairs))

    def compare_units(self, left: Sequence[Key], right: Sequence[Key]) -> None:
        """Compare each clause of *left* with each of *right*, one pair at a time (the first shown)."""
        self.left, self.right = list(left), list(right)
        self.pairs = pairs_between(self.left, self.right)
        self.pair_picker.clear()
        for pair in self.pairs:
            other, base = self._corpus.ref(*pair.other), self._corpus.ref(*pair.base)
            self.pair_picker.addItem(f"{render.ref_short(other)} ↔ {render.ref_short(base)}")
        self.pair_row.setVisible(len(self.pairs) > 1)
        if not self.pairs:
            self._show_alone()
            return
        self.show_pair(0)

    def show_pair(self, index: int) -> None:
        """Compare the *index*-th pair in the background."""
        pair = self.pairs[index]
        self.pair, self.result = pair, None
        self.pair_picker.setCurrentIndex(index)
        self.word_export.set_available(False)
        self._select(self.left_picker, [pair.other])
        self._select(self.right_picker, [pair.base])
        ref_other, ref_base = self._corpus.ref(*pair.other), self._corpus.ref(*pair.base)
        self.left_title.setText(ref_other.citation)
        self.right_title.setText(ref_base.citation)
        self._show_warning([ref_other, ref_base])
        self._generation += 1
        generation, corpus = self._generation, self._corpus
        self.summary_label.setText(self.tr("正在逐词比较…"))
        QueryOp(parent=self, op=lambda: compare_keys(corpus, pair),
                success=lambda result: self._on_compared(generation, ref_other, ref_base, result)) \
            .failure(lambda exc: self._on_compare_failed(generation, exc)) \
            .in_lane(Lane.SEARCH).latest_only((id(self), "compare")).run_in_background()

    def _show_alone(self) -> None:
        refs_a, refs_b = self._refs(self.left), self._refs(self.right)
        self.pair, self.result = None, None
        self.word_export.set_available(False)
        self._select(self.left_picker, self.left)
        self._select(self.right_picker, self.right)
        self.left_title.setText(self._side_title(refs_a))
        self.right_title.setText(self._side_title(refs_b))
        self._show_warning(refs_a + refs_b)
        self.left_browser.setHtml(self._plain_html(refs_a))
        self.right_browser.setHtml(self._plain_html(refs_b))
        self.summary_label.setText(self.tr("本条没有可对照的上位或下位条款；请在右侧选择一条。"))
        self.comparisonShown.emit()

    def _refs(self, keys: Sequence[Key]) -> list[UnitRef]:
        return [self._corpus.ref(doc, unit) for doc, unit in keys]

    @staticmethod
    def _select(picker: QComboBox, keys: Sequence[Key]) -> None:
        row = picker.findData(f"{keys[0][0]}:{keys[0][1]}") if keys else -1
        picker.setCurrentIndex(row)  # -1 shows the placeholder

    # ---- showing -------------------------------------------------------------------
    def _on_compared(self, generation: int, ref_other: UnitRef, ref_base: UnitRef, result: ClauseComparison) -> None:
        if generation != self._generation:
            return  # a newer comparison was asked for meanwhile
        self.result = result
        only_other, only_base = self._mark_words(ref_other, ref_base)
        # judge() compares base (side a) with other (side b): the left pane shows side b.
        self.left_browser.setHtml(_segments_html(result.comparison.b, Mark.ONLY_B, ONLY_A_STYLE, only_other))
        self.right_browser.setHtml(_segments_html(result.comparison.a, Mark.ONLY_A, ONLY_B_STYLE, only_base))
        self.summary_label.setText(self._summary(result, only_other, only_base))
        self.word_export.set_available(True)
        self.comparisonShown.emit()

    def _on_compare_failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self.summary_label.setText(self.tr("比较失败：%1").replace("%1", describe_failure(exc)))
            self.comparisonShown.emit()

    def _mark_words(self, ref_other: UnitRef, ref_base: UnitRef) -> tuple[str, str]:
        lower = {DocumentKind.PROVINCIAL: 1, DocumentKind.CITY: 2}
        upper = {DocumentKind.CENTRAL: 0, DocumentKind.PROVINCIAL: 1}
        if ref_base.doc.kind in upper and lower.get(ref_other.doc.kind, -1) > upper[ref_base.doc.kind]:
            added = self.tr("省级新增") if ref_other.doc.kind is DocumentKind.PROVINCIAL else self.tr("下级新增")
            return added, self.tr("%1有而未采纳").replace("%1", render.doc_short(ref_base.doc))
        return self.tr("仅左侧有"), self.tr("仅右侧有")

    def _summary(self, result: ClauseComparison, only_left: str, only_right: str) -> str:
        pct = round(result.similarity * 100)
        legend = (self.tr("相似度 <b>%1%</b>").replace("%1", str(pct))
                  + f'　<span style="{ONLY_A_STYLE}">&nbsp;{html.escape(only_left)}&nbsp;</span>'
                  + f'　<span style="{ONLY_B_STYLE}">&nbsp;{html.escape(only_right)}&nbsp;</span>'
                  + "　" + self.tr("无底色：两边相同"))
        return legend + "<br>" + "<br>".join(html.escape(line) for line in result.summary_lines())

    def _show_warning(self, refs: list[UnitRef]) -> None:
        short = [r for r in refs if r.unit.completeness is not Completeness.FULL]
        if not short:
            self.warning_label.hide()
            return
        names = "、".join(f"{render.ref_short(r)}（{completeness_label(r.unit.completeness)}）" for r in short)
        self.warning_label.setText(self.tr("注意：%1 在知识库中不是全文，对照只涉及已收录的文字；"
                                           "“未采纳”不代表原文没有相应内容，也不判断措辞宽严。").replace("%1", names))
        self.warning_label.show()

    def _side_title(self, refs: list[UnitRef]) -> str:
        return "\n".join(r.citation for r in refs) or self.tr("（未选择）")

    @staticmethod
    def _plain_html(refs: list[UnitRef]) -> str:
        return "".join(render.clause_html(r.unit) if r.is_clause else render.part_heading_html(r.unit) for r in refs)

    # ---- pickers, export and scrolling ----------------------------------------------
    @Slot(int)
    def _on_picker_activated(self, _row: int) -> None:
        left = [_key(self.left_picker.currentData())] if self.sender() is self.left_picker else self.left
        right = [_key(self.right_picker.currentData())] if self.sender() is self.right_picker else self.right
        self.compare_units(left, right)

    @Slot(int)
    def _on_pair_activated(self, row: int) -> None:
        if 0 <= row < len(self.pairs):
            self.show_pair(row)

    @Slot()
    def _on_swap_clicked(self) -> None:
        self.compare_units(self.right, self.left)

    @Slot()
    def _on_export_clicked(self) -> None:
        if self.result is None:
            return
        from ..export.compare_table import export_comparison  # python-docx: loaded on the first export

        name = self.tr("%1与%2对照.docx").replace("%1", self.result.other.name).replace("%2", self.result.base.name)
        self.word_export.ask(self.tr("导出对照表"), name, partial(export_comparison, self.result))

    @Slot(int)
    def _on_left_scrolled(self, _value: int) -> None:
        self._sync(self.left_browser, self.right_browser)

    @Slot(int)
    def _on_right_scrolled(self, _value: int) -> None:
        self._sync(self.right_browser, self.left_browser)

    def _sync(self, source: QTextBrowser, target: QTextBrowser) -> None:
        if self._syncing:
            return
        src, dst = source.verticalScrollBar(), target.verticalScrollBar()
        self._syncing = True
        try:
            fraction = src.value() / src.maximum() if src.maximum() else 0.0
            dst.setValue(round(fraction * dst.maximum()))
        finally:
            self._syncing = False


def _key(data: str) -> Key:
    doc, _, unit = data.partition(":")
    return (doc, unit)


def _segments_html(segments: Sequence[Segment], mark: Mark, style: str, title: str) -> str:
    out = []
    for seg in segments:
        text = html.escape(seg.text).replace("\n", "<br>")
        if seg.mark is mark:
            out.append(f'<span style="{style}" title="{html.escape(title)}">{text}</span>')
        else:
            out.append(text)
    return f'<div style="line-height:160%">{"".join(out)}</div>'
