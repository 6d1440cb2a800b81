"""The reading view: one clause, one part or a whole document, with link chips and the user's note."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QCursor, QFont, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..core.corpus import Corpus, UnitRef
from ..core.labels import RELATION_LABELS, completeness_label, completeness_notice
from ..core.model import Clause, Completeness, Document, Part
from ..core.notes import NotesStore
from ..workspace import os_reason
from . import render
from .views import SaveResult

TOOLTIP_CHARS = 300


class ReadOnlyBrowser(QTextBrowser):
    """A text browser that leaves editing shortcuts (Ctrl+D, Ctrl+K…) to the window: it edits nothing."""

    _OWN_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.SelectAll)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            own = any(event.matches(key) for key in self._OWN_KEYS)
            if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier) \
                    and not own:
                event.ignore()
                return True
        return super().event(event)


class ReaderView(QWidget):
    """Shows ``(doc, unit)``; ``unit == ""`` shows the whole document.

    The note typed under a clause is kept when another clause is opened or the window closes
    (save on leaving); Ctrl+S (the window's 文件 → 保存) saves it at once.
    """

    openRequested = Signal(str, str)
    compareRequested = Signal(str, str)
    noteChanged = Signal(str, str)     # a note or bookmark of (doc, unit) was written
    noteMessage = Signal(str)          # what a note save did, for the status line
    noteFailed = Signal(str)           # why a note or bookmark was not saved

    def __init__(self, corpus: Corpus, notes: NotesStore, parent=None) -> None:
        super().__init__(parent)
        self._corpus = corpus
        self._notes = notes
        self.doc_id = ""
        self.unit_id = ""
        self.terms: tuple[str, ...] = ()
        self._build()
        self.browser.anchorClicked.connect(self._on_anchor_clicked)
        self.browser.highlighted.connect(self._on_link_hovered)
        self.copy_button.clicked.connect(self.copy_with_citation)
        self.compare_button.clicked.connect(self._on_compare_clicked)
        self.save_note_button.clicked.connect(self._on_save_note_clicked)
        self.bookmark_box.toggled.connect(self._on_bookmark_toggled)

    def _build(self) -> None:
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet("color:#555")
        self.copy_button = QPushButton(self.tr("复制并注明出处"))
        self.copy_button.setToolTip(self.tr("把本条原文连同出处（如《…》第（五）条）复制到剪贴板"))
        self.compare_button = QPushButton(self.tr("与上位条款对照"))
        self.bookmark_box = QCheckBox(self.tr("书签"))
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.bookmark_box)
        top.addWidget(self.compare_button)
        top.addWidget(self.copy_button)
        self.chip_bar = QWidget()
        self.chip_layout = QHBoxLayout(self.chip_bar)
        self.chip_layout.setContentsMargins(0, 0, 0, 0)
        self.browser = ReadOnlyBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setObjectName("readerText")
        self.note_box = QGroupBox(self.tr("我的笔记（仅保存在本机）"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(self.tr("在此写下对本条的笔记，点“保存笔记”或按 Ctrl+S 保存；"
                                                  "打开别的条款或关闭窗口时也会自动保存"))
        self.note_edit.setMaximumHeight(80)
        self.save_note_button = QPushButton(self.tr("保存笔记"))
        note_layout = QHBoxLayout(self.note_box)
        note_layout.addWidget(self.note_edit, 1)
        note_layout.addWidget(self.save_note_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.chip_bar)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.note_box)

    # ---- the view contract (ui/views.py) --------------------------------------------
    def set_corpus(self, corpus: Corpus) -> None:
        self._corpus = corpus

    def can_close(self) -> bool:
        """Keep a typed note; if it cannot be written, ask before closing."""
        result = self.keep_note()
        if result is None or result.saved:
            return True
        answer = QMessageBox.question(self, self.tr("笔记未保存"), self.tr("%1\n\n仍要关闭吗？（笔记将丢失）")
                                      .replace("%1", result.message))
        return answer == QMessageBox.StandardButton.Yes

    def save(self) -> SaveResult:
        return self.save_note()

    def set_font_size(self, points: int) -> None:
        font = QFont(self.browser.font())
        font.setPointSize(points)
        self.browser.setFont(font)

    # ---- showing ----------------------------------------------------------
    def show_unit(self, doc_id: str, unit_id: str = "", terms: Sequence[str] = ()) -> None:
        """Show a clause, a part or (``unit_id == ""``) the whole document; *terms* are highlighted."""
        doc = self._corpus.document(doc_id)
        self.keep_note()  # the note typed under the clause being left
        unit = self._corpus.unit(doc_id, unit_id) if unit_id else None
        self.doc_id, self.unit_id, self.terms = doc_id, unit_id, tuple(terms)
        self.title_label.setText(self._title(doc, unit))
        self.browser.setHtml(self._body_html(doc, unit))
        self._fill_chips(doc_id, unit_id if isinstance(unit, Clause | Part) else "")
        self.compare_button.setEnabled(unit is not None and bool(self._counterparts()))
        self.compare_button.setText(self._compare_label())  # HOOK(compare): named for what it compares with
        self._load_note()
        if terms:
            self._scroll_to_first_mark()
        else:
            self.browser.verticalScrollBar().setValue(0)

    def current_ref(self) -> UnitRef | None:
        if not self.doc_id or not self.unit_id:
            return None
        return self._corpus.ref(self.doc_id, self.unit_id)

    def _title(self, doc: Document, unit: Part | Clause | None) -> str:
        if unit is None:
            return doc.title
        return self._corpus.ref(doc.id, unit.id).citation

    def _body_html(self, doc: Document, unit: Part | Clause | None) -> str:
        terms = self.terms
        if isinstance(unit, Clause):
            return render.clause_html(unit, terms) + self._completeness_notice(unit) + self._note_html(doc.id, unit.id)
        parts = doc.parts if unit is None else (unit,)
        out = []
        if unit is None:
            out.append(f'<h2 style="text-align:center">{render.marked_html(doc.title, [])}</h2>')
            out.append(self._meta_html(doc))
            out += [f'<p style="margin-top:6px">{render.marked_html(p, render.find_spans(p, terms))}</p>'
                    for p in doc.preamble]
        for part in parts:
            out.append(render.part_heading_html(part, terms) + self._completeness_notice(part))
            for clause in part.clauses:
                out.append(render.clause_html(clause, terms, anchor=True))
                out.append(self._completeness_notice(clause))
                out.append(render.links_line_html(self._corpus, doc.id, clause.id, self._relation_words()))
        return "".join(out)

    def _meta_html(self, doc: Document) -> str:
        bits = [doc.issuer, doc.doc_number, doc.date, doc.published_in]
        line = "　".join(b for b in bits if b)
        return f'<p style="text-align:center; color:#666">{render.marked_html(line, [])}</p>' if line else ""

    def _completeness_notice(self, unit: Part | Clause) -> str:
        if unit.completeness is Completeness.HEADING_ONLY:
            text = completeness_notice(unit.completeness) + (unit.note or self.tr("知识库中尚无本条全文，只有标题。"))
        elif unit.completeness is Completeness.PARTIAL:
            text = completeness_notice(unit.completeness) + (unit.note or self.tr("以上只是本条的部分原文，不是全文。"))
        else:
            return ""
        return render.notice_html(text)

    def _note_html(self, doc: str, unit: str) -> str:
        note = self._notes.get(doc, unit)
        if note is None or not note.text:
            return ""
        return render.notice_html(self.tr("我的笔记：") + note.text, colour="#eef6ee", border="#6aa84f")

    def _relation_words(self) -> dict[str, str]:
        return dict(RELATION_LABELS)

    # ---- link chips ----------------------------------------------------------
    def _fill_chips(self, doc_id: str, unit_id: str) -> None:
        while self.chip_layout.count():
            item = self.chip_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        views = []
        if unit_id:
            words = self._relation_words()
            views = [("→ ", v) for v in self._corpus.links_from(doc_id, unit_id)]
            views += [("← ", v) for v in self._corpus.links_to(doc_id, unit_id)]
            for arrow, view in views:
                self.chip_layout.addWidget(self._chip(arrow, view.other, words[view.relation.value]))
        self.chip_layout.addStretch(1)
        self.chip_bar.setVisible(bool(views))

    def _chip(self, arrow: str, ref: UnitRef, word: str) -> QToolButton:
        chip = QToolButton()
        chip.setObjectName("linkChip")
        chip.setText(f"{arrow}{render.ref_short(ref)} {word}")
        chip.setToolTip(self._preview(ref))
        chip.setStyleSheet("QToolButton { background:#e8f0fb; color:#1a5fb4; border:1px solid #b5cbe8;"
                           " border-radius:9px; padding:2px 8px; }")
        chip.clicked.connect(lambda _=False, d=ref.doc.id, u=ref.unit.id: self.openRequested.emit(d, u))
        return chip

    def chips(self) -> list[QToolButton]:
        return [self.chip_layout.itemAt(i).widget() for i in range(self.chip_layout.count())
                if isinstance(self.chip_layout.itemAt(i).widget(), QToolButton)]

    def _preview(self, ref: UnitRef) -> str:
        text = ref.unit.full_text()
        if len(text) > TOOLTIP_CHARS:
            text = text[:TOOLTIP_CHARS] + "…"
        if ref.unit.completeness is not Completeness.FULL:
            text += "\n" + self.tr("（知识库中本条为“%1”）").replace("%1", completeness_label(ref.unit.completeness))
        return ref.citation + "\n" + text

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        target = render.parse_unit_url(url.toString())
        if target:
            self.openRequested.emit(*target)

    @Slot(QUrl)
    def _on_link_hovered(self, url: QUrl) -> None:
        target = render.parse_unit_url(url.toString())
        if target is None:
            QToolTip.hideText()
            return
        QToolTip.showText(QCursor.pos() + QPoint(12, 12), self._preview(self._corpus.ref(*target)), self.browser)

    # ---- actions ---------------------------------------------------------------
    def citation_text(self) -> str:
        """The shown text followed by its citation, as put on the clipboard."""
        doc = self._corpus.document(self.doc_id)
        if not self.unit_id:
            return f"{doc.full_text()}\n（{doc.title}）"
        ref = self._corpus.ref(self.doc_id, self.unit_id)
        unit = ref.unit
        text = unit.full_text() if isinstance(unit, Clause) else "\n".join(
            [unit.full_text(), *(c.full_text() for c in unit.clauses)])
        if unit.completeness is not Completeness.FULL:
            label = completeness_label(unit.completeness)
            text += "\n" + self.tr("〔注：知识库中本条为“%1”，不是全文〕").replace("%1", label)
        return f"{text}\n（{ref.citation}）"

    @Slot()
    def copy_with_citation(self) -> None:
        if self.doc_id:
            QGuiApplication.clipboard().setText(self.citation_text())

    def _counterparts(self) -> tuple[UnitRef, ...]:
        up, down = self._corpus.counterparts(self.doc_id, self.unit_id)
        return up or down

    def _compare_label(self) -> str:  # HOOK(compare)
        up, down = self._corpus.counterparts(self.doc_id, self.unit_id) if self.unit_id else ((), ())
        return self.tr("与落实条款对照") if down and not up else self.tr("与上位条款对照")

    @Slot()
    def _on_compare_clicked(self) -> None:
        if self.unit_id:
            self.compareRequested.emit(self.doc_id, self.unit_id)

    # ---- notes -------------------------------------------------------------------
    def _load_note(self) -> None:
        note = self._notes.get(self.doc_id, self.unit_id)
        self.note_edit.setPlainText(note.text if note else "")
        self.bookmark_box.blockSignals(True)
        self.bookmark_box.setChecked(bool(note and note.bookmark))
        self.bookmark_box.blockSignals(False)

    def note_changed(self) -> bool:
        """Whether the note box differs from the stored note of the shown unit."""
        if not self.doc_id:
            return False
        note = self._notes.get(self.doc_id, self.unit_id)
        return self.note_edit.toPlainText().strip() != (note.text if note else "")

    def keep_note(self) -> SaveResult | None:
        """Save the typed note if it changed (None when there was nothing to save); no re-rendering."""
        if not self.note_changed():
            return None
        try:
            self._notes.set_text(self.doc_id, self.unit_id, self.note_edit.toPlainText())
        except OSError as exc:
            message = self.tr("笔记未能保存到 %1：%2").replace("%1", str(self._notes.path)) \
                .replace("%2", os_reason(exc))
            self.noteFailed.emit(message)
            return SaveResult(False, message)
        message = self.tr("笔记已保存到 %1").replace("%1", str(self._notes.path))
        self.noteChanged.emit(self.doc_id, self.unit_id)
        self.noteMessage.emit(message)
        return SaveResult(True, message)

    @Slot()
    def save_note(self) -> SaveResult:
        """Save the note of the shown unit now (button, Ctrl+S) and show it under the text."""
        if not self.doc_id:
            return SaveResult(False, self.tr("没有打开的条款，笔记未保存"))
        result = self.keep_note()
        if result is None:
            return SaveResult(False, self.tr("笔记没有改动，无需保存"))
        if result.saved:
            self.show_unit(self.doc_id, self.unit_id, self.terms)
        return result

    @Slot()
    def _on_save_note_clicked(self) -> None:
        result = self.save_note()
        if not result.saved:
            self.noteMessage.emit(result.message)

    @Slot(bool)
    def _on_bookmark_toggled(self, on: bool) -> None:
        if self.doc_id:
            try:
                self._notes.set_bookmark(self.doc_id, self.unit_id, on)
            except OSError as exc:
                self.noteFailed.emit(self.tr("书签未能保存到 %1：%2").replace("%1", str(self._notes.path))
                                     .replace("%2", os_reason(exc)))
                return
            self.noteChanged.emit(self.doc_id, self.unit_id)

    def _scroll_to_first_mark(self) -> None:
        cursor = self.browser.document().find(self.terms[0]) if self.terms else None
        if cursor is not None and not cursor.isNull():
            cursor.clearSelection()  # the highlight shows the words; a selection would hide it
            self.browser.setTextCursor(cursor)
            self.browser.ensureCursorVisible()
