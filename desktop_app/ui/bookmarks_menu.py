"""The 书签 menu's list: every clause with a bookmark or a note, rebuilt each time the menu opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMenu

from ..core.corpus import Corpus
from ..core.errors import PolicyDeskError
from ..core.notes import NotesStore
from . import render


class BookmarksMenu(QObject):
    """Fills *menu* below its first *fixed* actions; choosing an entry calls ``open_unit(doc, unit)``."""

    def __init__(self, menu: QMenu, fixed: int, notes: NotesStore, corpus: Callable[[], Corpus],
                 open_unit: Callable[[str, str], None]) -> None:
        super().__init__(menu)
        self._menu, self._fixed, self._notes = menu, fixed, notes
        self._corpus, self._open_unit = corpus, open_unit
        menu.aboutToShow.connect(self._on_about_to_show)

    @Slot()
    def _on_about_to_show(self) -> None:
        for action in self._menu.actions()[self._fixed :]:
            self._menu.removeAction(action)
        entries = [(n, label) for n in self._notes.all() if (label := self._label(n.doc, n.unit))]
        if not entries:
            self._menu.addAction(self.tr("（还没有书签或笔记）")).setEnabled(False)
        for note, label in entries:
            mark = "★ " if note.bookmark else "✎ "
            action = self._menu.addAction(mark + label)
            action.triggered.connect(lambda _c=False, d=note.doc, u=note.unit: self._open_unit(d, u))

    def _label(self, doc: str, unit: str) -> str:
        """``中央（八）加大…``; empty when the clause is gone (its document was removed)."""
        corpus = self._corpus()
        try:
            if not unit:
                return corpus.document(doc).short_title
            ref = corpus.ref(doc, unit)
        except PolicyDeskError:
            return ""
        return render.ref_short(ref) + ref.unit.heading
