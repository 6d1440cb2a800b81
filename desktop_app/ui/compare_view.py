"""The comparison view: a clause beside the clause(s) it carries out, differences marked word by word."""

from __future__ import annotations

import html
from collections.abc import Sequence

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

from ..core.compare import Comparison, Direction, Mark, Segment, Strength, compare
from ..core.corpus import Corpus, UnitRef
from ..core.labels import completeness_label
from ..core.model import Completeness, DocumentKind
from . import render
from .views import SaveResult
from .workers import Lane, QueryOp, describe_failure

ONLY_A_STYLE = "background:#c9efc9"
ONLY_B_STYLE = "background:#fbd3d0; text-decoration:underline"
Key = tuple[str, str]


class CompareView(QWidget):
    """Side ``a`` (left) is the clause being read, side ``b`` (right) the clause(s) it is set against."""

    comparisonShown = Signal()

    def __init__(self, corpus: Corpus, parent=None) -> None:
        super().__init__(parent)
        self._corpus = corpus
        self.left: list[Key] = []
        self.right: list[Key] = []
        self.comparison: Comparison | None = None
        self._generation = 0
        self._syncing = False
        self._build()
        self._fill_pickers()
        self.left_picker.activated.connect(self._on_picker_activated)
        self.right_picker.activated.connect(self._on_picker_activated)
        self.swap_button.clicked.connect(self._on_swap_clicked)
        self.left_browser.verticalScrollBar().valueChanged.connect(self._on_left_scrolled)
        self.right_browser.verticalScrollBar().valueChanged.connect(self._on_right_scrolled)

    def _build(self) -> None:
        self.left_picker = QComboBox()
        self.right_picker = QComboBox()
        for picker in (self.left_picker, self.right_picker):
            picker.setPlaceholderText(self.tr("（请选择条款）"))
            picker.setMinimumContentsLength(18)
            picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.swap_button = QPushButton(self.tr("左右互换"))
        pickers = QHBoxLayout()
        pickers.addWidget(QLabel(self.tr("左：")))
        pickers.addWidget(self.left_picker, 1)
        pickers.addWidget(self.swap_button)
        pickers.addWidget(QLabel(self.tr("右：")))
        pickers.addWidget(self.right_picker, 1)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("background:#fff4e5; border:1px solid #e0a040; padding:4px")
        self.left_title, self.right_title = QLabel(), QLabel()
        self.left_browser, self.right_browser = QTextBrowser(), QTextBrowser()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        for title, browser in ((self.left_title, self.left_browser), (self.right_title, self.right_browser)):
            title.setWordWrap(True)
            title.setStyleSheet("font-weight:bold")
            pane = QWidget()
            lay = QVBoxLayout(pane)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(title)
            lay.addWidget(browser, 1)
            splitter.addWidget(pane)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(pickers)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(splitter, 1)
        self.warning_label.hide()
        self.summary_label.setText(self.tr("在阅读视图中点“与上位条款对照”，或在上方选择任意两条进行对照。"))

    def _fill_pickers(self) -> None:
        for picker in (self.left_picker, self.right_picker):
            picker.clear()
            for doc in self._corpus.documents:
                for clause in doc.clauses:
                    label = f"{render.doc_short(doc)}{clause.num}{clause.heading}"
                    picker.addItem(label, f"{doc.id}:{clause.id}")
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
        """The natural pair for a clause: it and what it carries out, or what carries it out and it."""
        up, down = self._corpus.counterparts(doc, unit)
        if up:
            return [(doc, unit)], [(r.doc.id, r.unit.id) for r in up]
        if down:
            return [(r.doc.id, r.unit.id) for r in down], [(doc, unit)]
        return [(doc, unit)], []

    def compare_units(self, left: Sequence[Key], right: Sequence[Key]) -> None:
        """Compare the text of *left* with that of *right* (each one or more clauses) in the background."""
        self.left, self.right = list(left), list(right)
        self._select(self.left_picker, self.left)
        self._select(self.right_picker, self.right)
        refs_a, refs_b = self._refs(self.left), self._refs(self.right)
        self.left_title.setText(self._side_title(refs_a))
        self.right_title.setText(self._side_title(refs_b))
        self._show_warning(refs_a + refs_b)
        if not refs_a or not refs_b:
            self.comparison = None
            self.left_browser.setHtml(self._plain_html(refs_a))
            self.right_browser.setHtml(self._plain_html(refs_b))
            self.summary_label.setText(self.tr("本条没有可对照的上位或下位条款；请在右侧选择一条。"))
            self.comparisonShown.emit()
            return
        self._generation += 1
        generation = self._generation
        text_a, text_b = _joined(refs_a), _joined(refs_b)
        self.summary_label.setText(self.tr("正在逐词比较…"))
        QueryOp(parent=self, op=lambda: compare(text_a, text_b),
                success=lambda result: self._on_compared(generation, refs_a, refs_b, result)) \
            .failure(lambda exc: self._on_compare_failed(generation, exc)) \
            .in_lane(Lane.SEARCH).latest_only((id(self), "compare")).run_in_background()

    def _refs(self, keys: Sequence[Key]) -> list[UnitRef]:
        return [self._corpus.ref(doc, unit) for doc, unit in keys]

    @staticmethod
    def _select(picker: QComboBox, keys: Sequence[Key]) -> None:
        row = picker.findData(f"{keys[0][0]}:{keys[0][1]}") if keys else -1
        picker.setCurrentIndex(row)  # -1 shows the placeholder

    # ---- showing -------------------------------------------------------------------
    def _on_compared(self, generation: int, refs_a: list[UnitRef], refs_b: list[UnitRef], result: Comparison) -> None:
        if generation != self._generation:
            return  # a newer comparison was asked for meanwhile
        self.comparison = result
        only_a, only_b = self._mark_words(refs_a, refs_b)
        self.left_browser.setHtml(_segments_html(result.a, Mark.ONLY_A, ONLY_A_STYLE, only_a))
        self.right_browser.setHtml(_segments_html(result.b, Mark.ONLY_B, ONLY_B_STYLE, only_b))
        self.summary_label.setText(self._summary(result, only_a, only_b, refs_a, refs_b))
        self.comparisonShown.emit()

    def _on_compare_failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self.summary_label.setText(self.tr("比较失败：%1").replace("%1", describe_failure(exc)))
            self.comparisonShown.emit()

    def _mark_words(self, refs_a: list[UnitRef], refs_b: list[UnitRef]) -> tuple[str, str]:
        kinds_a = {r.doc.kind for r in refs_a}
        kinds_b = {r.doc.kind for r in refs_b}
        if kinds_b == {DocumentKind.CENTRAL} and kinds_a <= {DocumentKind.PROVINCIAL, DocumentKind.CITY}:
            added = self.tr("省级新增") if kinds_a == {DocumentKind.PROVINCIAL} else self.tr("下级新增")
            return added, self.tr("中央有而未采纳")
        return self.tr("仅左侧有"), self.tr("仅右侧有")

    def _summary(self, result: Comparison, only_a: str, only_b: str, refs_a, refs_b) -> str:
        pct = round(result.similarity * 100)
        legend = (self.tr("相似度 <b>%1%</b>").replace("%1", str(pct))
                  + f'　<span style="{ONLY_A_STYLE}">&nbsp;{html.escape(only_a)}&nbsp;</span>'
                  + f'　<span style="{ONLY_B_STYLE}">&nbsp;{html.escape(only_b)}&nbsp;</span>'
                  + "　" + self.tr("无底色：两边相同"))
        return legend + "<br>" + html.escape(self._shift_text(result, refs_a, refs_b))

    def _shift_text(self, result: Comparison, refs_a, refs_b) -> str:
        if not result.shifts:
            return self.tr("约束性措辞：两边一致。")
        name_a = "、".join(render.ref_short(r) for r in refs_a)
        name_b = "、".join(render.ref_short(r) for r in refs_b)
        parts = []
        for shift in result.shifts:
            kind = self.tr("约束性") if shift.strength is Strength.STRONG else self.tr("倡导性")
            parts.append(self.tr("%1词“%2”：左 %3 次，右 %4 次").replace("%1", kind).replace("%2", shift.term)
                         .replace("%3", str(shift.count_a)).replace("%4", str(shift.count_b)))
        verdict = {
            Direction.SOFTER: self.tr("%1 的措辞比 %2 宽松"),
            Direction.STRONGER: self.tr("%1 的措辞比 %2 严格"),
            Direction.MIXED: self.tr("%1 与 %2 的措辞有松有紧"),
            Direction.SAME: self.tr("%1 与 %2 的措辞强度相当"),
        }[result.direction].replace("%1", name_a).replace("%2", name_b)
        return self.tr("措辞变化：") + "；".join(parts) + "。" + verdict + "。"

    def _show_warning(self, refs: list[UnitRef]) -> None:
        short = [r for r in refs if r.unit.completeness is not Completeness.FULL]
        if not short:
            self.warning_label.hide()
            return
        names = "、".join(f"{render.ref_short(r)}（{completeness_label(r.unit.completeness)}）" for r in short)
        self.warning_label.setText(self.tr("注意：%1 在知识库中不是全文，对照只涉及已收录的文字；"
                                           "“未采纳”不代表原文没有相应内容。").replace("%1", names))
        self.warning_label.show()

    def _side_title(self, refs: list[UnitRef]) -> str:
        return "\n".join(r.citation for r in refs) or self.tr("（未选择）")

    @staticmethod
    def _plain_html(refs: list[UnitRef]) -> str:
        return "".join(render.clause_html(r.unit) if r.is_clause else render.part_heading_html(r.unit) for r in refs)

    # ---- pickers and scrolling -------------------------------------------------------
    @Slot(int)
    def _on_picker_activated(self, _row: int) -> None:
        left = [_key(self.left_picker.currentData())] if self.sender() is self.left_picker else self.left
        right = [_key(self.right_picker.currentData())] if self.sender() is self.right_picker else self.right
        self.compare_units(left, right)

    @Slot()
    def _on_swap_clicked(self) -> None:
        self.compare_units(self.right, self.left)

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


def _joined(refs: Sequence[UnitRef]) -> str:
    return "\n".join(r.unit.full_text() for r in refs)


def _segments_html(segments: Sequence[Segment], mark: Mark, style: str, title: str) -> str:
    out = []
    for seg in segments:
        text = html.escape(seg.text).replace("\n", "<br>")
        if seg.mark is mark:
            out.append(f'<span style="{style}" title="{html.escape(title)}">{text}</span>')
        else:
            out.append(text)
    return f'<div style="line-height:160%">{"".join(out)}</div>'
