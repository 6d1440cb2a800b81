"""笔记一览: search the drafter's notes, open one, export them, carry them into the open draft's basis comments."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ..core.corpus import Corpus
from ..core.note_search import NoteEntry, note_entries, search_notes
from ..core.notes import NotesStore
from .export_to_word import WordExport
from .models.notes_model import KEY_ROLE, NotesModel


class NotesDialog(QDialog):
    """Not modal: the drafter can read a clause and come back.  ``session`` gives the open draft's session or None."""

    openRequested = Signal(str, str)

    def __init__(self, notes: NotesStore, corpus: Corpus, session: Callable[[], object] | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("我的笔记"))
        self.resize(900, 500)
        self._notes, self._corpus, self._session = notes, corpus, session or (lambda: None)
        self.model = NotesModel(self)
        self.query_edit = QLineEdit()
        self.query_edit.setPlaceholderText(self.tr("检索笔记、条款或文件名（空格分隔的词须同时出现）"))
        self.count_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.export_button = QPushButton(self.tr("导出（Word 或文本）…"))
        self.carry_button = QPushButton(self.tr("带入草稿的依据批注"))
        self.carry_button.setToolTip(self.tr("把列出的笔记写入当前城市草稿中相应条款的依据批注（可撤销）"))
        self.status_label = QLabel()
        self.status_label.setObjectName("notesStatus")
        self.status_label.setWordWrap(True)
        self.word_export = WordExport(self, self.status_label, [self.export_button])
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.carry_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        self.status_label.hide()
        self.query_edit.textChanged.connect(self._on_query_changed)
        self.table.activated.connect(self._on_row_activated)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.carry_button.clicked.connect(self._on_carry_clicked)
        self.refresh()

    def set_corpus(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self.refresh()

    def refresh(self) -> None:
        entries = search_notes(note_entries(self._notes.all(), self._corpus), self.query_edit.text())
        self.model.set_entries(entries)
        self.count_label.setText(self.tr("共 %1 条笔记").replace("%1", str(len(entries))))
        self.carry_button.setEnabled(self._session() is not None and bool(entries))
        self.word_export.set_available(bool(entries))

    @property
    def entries(self) -> list[NoteEntry]:
        return self.model.entries

    @Slot(str)
    def _on_query_changed(self, _text: str) -> None:
        self.refresh()

    @Slot(QModelIndex)
    def _on_row_activated(self, index: QModelIndex) -> None:
        doc, unit = index.data(KEY_ROLE)
        self.openRequested.emit(doc, unit)

    @Slot()
    def _on_export_clicked(self) -> None:
        from ..export.notes_table import export_notes  # python-docx: loaded on the first export

        self.word_export.ask(self.tr("导出笔记"), self.tr("我的笔记.docx"), partial(export_notes, list(self.entries)),
                             file_filter=self.tr("Word 文件 (*.docx);;文本文件 (*.txt)"))

    @Slot()
    def _on_carry_clicked(self) -> None:
        session = self._session()
        if session is None:
            return
        from ..drafting.carry_notes import carry_notes

        entries = self.entries
        changed = carry_notes(session.draft, entries)[1]
        session.apply(self.tr("带入笔记"), lambda draft: carry_notes(draft, entries)[0])
        self.status_label.setText(self.tr("已把笔记带入草稿 %1 条的依据批注").replace("%1", str(changed))
                                  if changed else self.tr("草稿中没有需要带入笔记的条款"))
        self.status_label.show()


def open_notes_dialog(window) -> NotesDialog:
    """Show (building once) the notes dialog of *window* (a ``MainWindow``)."""
    dialog = getattr(window, "notes_dialog", None)
    if dialog is None:
        def session():
            editor = window.views.get("draft")
            return getattr(editor, "session", None) if editor is not None and "draft" not in \
                window._views.unbuilt else None

        dialog = NotesDialog(window.notes, window.corpus, session, window)
        dialog.openRequested.connect(window.open_unit)
        window.reader.noteChanged.connect(lambda _doc, _unit: dialog.refresh())
        window.notes_dialog = dialog
    dialog.set_corpus(window.corpus)
    dialog.show()
    dialog.activateWindow()
    return dialog
