"""The form for the selected part or clause (heading, body, the flags to check) and for the draft's
title and preamble.  It shows what it is given and says when the drafter typed; the editor commits."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...drafting import Draft
from ...drafting import edit as ed

FLAG_COLOUR = "#ffe08a"


class ClauseForm(QTabWidget):
    """Tabs 条款 and 标题与序言.  ``textEdited`` fires on every keystroke of the drafter (not when the
    editor fills the form); ``flagRowChanged`` and ``acceptRequested`` for the flag list."""

    textEdited = Signal()
    flagRowChanged = Signal(int)
    acceptRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self._build_clause_tab()
        self._build_front_tab()
        for line in (self.heading_edit, self.title_edit):
            line.textEdited.connect(self._on_edited)
        for box in (self.body_edit, self.preamble_edit):
            box.textChanged.connect(self._on_edited)
        self.flag_list.currentRowChanged.connect(self.flagRowChanged)
        self.accept_button.clicked.connect(self.acceptRequested)

    def _build_clause_tab(self) -> None:
        clause = QWidget(self)
        col = QVBoxLayout(clause)
        col.addWidget(QLabel(self.tr("标题"), clause))
        self.heading_edit = QLineEdit(clause)
        col.addWidget(self.heading_edit)
        col.addWidget(QLabel(self.tr("正文"), clause))
        self.body_edit = QPlainTextEdit(clause)
        col.addWidget(self.body_edit, 1)
        col.addWidget(QLabel(self.tr("提示（省级事项，市级方案不宜照搬）"), clause))
        self.flag_list = QListWidget(clause)
        self.flag_list.setWordWrap(True)
        self.flag_list.setAlternatingRowColors(True)
        self.flag_list.setSpacing(2)
        col.addWidget(self.flag_list)
        self.accept_button = QPushButton(self.tr("采用建议表述"), clause)
        col.addWidget(self.accept_button)
        self.addTab(clause, self.tr("条款"))

    def _build_front_tab(self) -> None:
        front = QWidget(self)
        col = self._front_layout = QVBoxLayout(front)
        col.addWidget(QLabel(self.tr("文件标题"), front))
        self.title_edit = QLineEdit(front)
        col.addWidget(self.title_edit)
        col.addWidget(QLabel(self.tr("序言"), front))
        self.preamble_edit = QPlainTextEdit(front)
        col.addWidget(self.preamble_edit, 1)
        self.addTab(front, self.tr("标题与序言"))

    def add_front_widget(self, widget: QWidget) -> None:
        """Add *widget* under the preamble in the 标题与序言 tab (e.g. the document's issuing fields)."""
        self._front_layout.addWidget(widget)

    def add_unit_tab(self, widget: QWidget, title: str) -> None:
        """Add a tab about the selected unit, after 条款 and before 标题与序言 (e.g. 分工)."""
        self.insertTab(self.count() - 1, widget, title)

    def _on_edited(self, *_args) -> None:
        if not self._filling:
            self.textEdited.emit()

    # ---- filling -----------------------------------------------------------------------
    def show_unit(self, unit, is_clause: bool) -> None:
        """Put a DraftPart or DraftClause (or nothing) in the 条款 tab."""
        self._filling = True
        try:
            self.heading_edit.setText(unit.heading if unit else "")
            body = unit.body if is_clause else "\n".join(getattr(unit, "paragraphs", ()))
            self.body_edit.setPlainText(body)
            self.flag_list.clear()
            for flag in getattr(unit, "flags", ()):
                mark = self.tr("【已采用】") if flag.accepted else ""
                text = self.tr("%1“%2”\n建议：%3\n理由：%4").replace("%1", mark).replace("%2", flag.pattern) \
                    .replace("%3", flag.suggestion or self.tr("（无现成表述，请手工改写）")).replace("%4", flag.why)
                QListWidgetItem(text, self.flag_list)
            if self.flag_list.count():
                self.flag_list.setCurrentRow(0)
            self._mark_flagged(unit)
        finally:
            self._filling = False

    def show_front(self, draft: Draft | None) -> None:
        """Put the draft's title and preamble in the 标题与序言 tab."""
        self._filling = True
        try:
            self.title_edit.setText(draft.title if draft else "")
            self.preamble_edit.setPlainText("\n".join(draft.preamble) if draft else "")
        finally:
            self._filling = False

    def set_editable(self, editable: bool) -> None:
        for widget in (self.heading_edit, self.body_edit, self.title_edit, self.preamble_edit):
            widget.setEnabled(editable)

    def _mark_flagged(self, unit) -> None:
        """Highlight the passages with open flags in the body, so the drafter sees what to look at."""
        selections = []
        text = self.body_edit.toPlainText()
        for flag in getattr(unit, "open_flags", ()):
            start = text.find(flag.pattern)
            while start >= 0:
                sel = QTextEdit.ExtraSelection()
                sel.format.setBackground(QColor(FLAG_COLOUR))
                cursor = self.body_edit.textCursor()
                cursor.setPosition(start)
                cursor.setPosition(start + len(flag.pattern), QTextCursor.MoveMode.KeepAnchor)
                sel.cursor = cursor
                selections.append(sel)
                start = text.find(flag.pattern, start + 1)
        self.body_edit.setExtraSelections(selections)

    # ---- reading -----------------------------------------------------------------------
    def unit_text(self) -> tuple[str, str]:
        """(heading, body) as typed."""
        return self.heading_edit.text(), self.body_edit.toPlainText()

    def front_text(self) -> tuple[str, str]:
        """(title, preamble) as typed."""
        return self.title_edit.text(), self.preamble_edit.toPlainText()

    def pending_edits(self, draft: Draft, unit_id: str | None, is_clause: bool) -> list[tuple[str, object, tuple]]:
        """The edits (undo label, ``drafting.edit`` function, arguments) that bring *draft* in line with
        what is typed here; empty when nothing differs."""
        edits: list[tuple[str, object, tuple]] = []
        title, preamble = self.front_text()
        if title.strip() != draft.title:
            edits.append((self.tr("编辑标题"), ed.set_title, (title,)))
        if [p.strip() for p in preamble.split("\n") if p.strip()] != list(draft.preamble):
            edits.append((self.tr("编辑序言"), ed.set_preamble, (preamble,)))
        if unit_id is None:
            return edits
        heading, body = self.unit_text()
        if is_clause:
            clause = draft.clause(unit_id)
            if (heading.strip(), body.strip("\n")) != (clause.heading, clause.body):
                edits.append((self.tr("编辑条款"), ed.set_clause_text, (unit_id, heading, body)))
        else:
            part = draft.part(unit_id)
            if (heading.strip(), body) != (part.heading, "\n".join(part.paragraphs)):
                edits.append((self.tr("编辑部分"), ed.set_part_text, (unit_id, heading, body)))
        return edits
