"""征求意见 in the draft editor: the feedback pane, the import and write-up actions, and the file watcher.

:func:`attach_consultation` adds one tab to the editor's side panel and wires
it to the editor through a few public names (``session``, ``tree``, ``model``,
``draftChanged``, ``apply``, ``_current``, ``corpus``).  When another program
(``policydesk feedback import`` / ``decide``) changes the open draft's file,
the new items come in: straight away when the window has nothing unsaved,
merged with its unsaved edits otherwise (``feedback.merge``).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Slot
from PySide6.QtWidgets import QFileDialog, QGridLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from ..core.errors import PolicyDeskError
from ..drafting.model import Draft
from ..drafting.store import load_draft
from ..feedback.adoption import export_adoption
from ..feedback.decide import decide, set_unit
from ..feedback.explain import export_explanation
from ..feedback.form import export_form
from ..feedback.importer import ImportResult, import_returned
from ..feedback.items import Status
from ..feedback.merge import merge_from_disk
from ..feedback.versions import save_version
from .export_to_word import WordExport
from .feedback_pane import FeedbackPane
from .versions_dialog import VersionsDialog
from .workers import Lane, QueryOp, describe_failure


class ConsultationPanel(QWidget):
    """The 征求意见 tab of the draft editor."""

    def __init__(self, editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self._session = None
        self._base: Draft | None = None      # the file as last loaded or saved here, for merging
        self.watcher = QFileSystemWatcher(self)
        col = QVBoxLayout(self)
        row = QGridLayout()
        self.import_button = QPushButton(self.tr("导入反馈…"), self)
        self.form_button = QPushButton(self.tr("反馈表…"), self)
        self.table_button = QPushButton(self.tr("采纳情况表…"), self)
        self.explain_button = QPushButton(self.tr("起草说明…"), self)
        self.versions_button = QPushButton(self.tr("版本…"), self)
        buttons = (self.import_button, self.form_button, self.versions_button, self.table_button, self.explain_button)
        for n, b in enumerate(buttons):    # two rows: the side panel stays narrow
            row.addWidget(b, n // 3, n % 3)
        col.addLayout(row)
        self.pane = FeedbackPane(self)
        col.addWidget(self.pane, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        col.addWidget(self.status)
        self.word_export = WordExport(self, self.status, [self.form_button, self.table_button, self.explain_button])
        self.pane.decided.connect(self._on_decided)
        self.pane.unitNamed.connect(self._on_unit_named)
        self.import_button.clicked.connect(self._on_import)
        self.form_button.clicked.connect(self._on_form)
        self.table_button.clicked.connect(self._on_adoption_table)
        self.explain_button.clicked.connect(self._on_explanation)
        self.versions_button.clicked.connect(self.open_versions)
        self.watcher.fileChanged.connect(self._on_file_changed)
        editor.draftChanged.connect(self.refresh)
        editor.tree.selectionModel().currentChanged.connect(lambda *_: self.refresh())

    # ---- following the editor -------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        session = self.editor.session
        if session is not self._session:
            self._session = session
            self._base = session.draft if session is not None and not session.dirty else None
        self._watch(session.path if session else None)
        unit = self.editor.model.unit(self.editor.tree.currentIndex())
        self.pane.show_items(session.draft if session else None, unit.id if unit is not None else None)

    def _watch(self, path: str | None) -> None:
        files = self.watcher.files()
        if path and files == [str(Path(path))]:
            return
        if files:
            self.watcher.removePaths(files)
        if path and Path(path).exists():
            self.watcher.addPath(str(Path(path)))

    @Slot(str)
    def _on_file_changed(self, path: str) -> None:
        self.take_in_file(path)

    def take_in_file(self, path: str) -> None:
        """The file changed on disk: take its new items in, keeping the window's unsaved edits."""
        session = self.editor.session
        if Path(path).exists() and path not in self.watcher.files():
            self.watcher.addPath(path)          # an atomic replace ends the old watch
        if session is None or session.path is None or Path(session.path) != Path(path):
            return
        try:
            theirs = load_draft(path)
        except PolicyDeskError:
            return                              # half-written by a program that does not write atomically
        mine = session.draft
        if theirs == mine or theirs.id != mine.id:
            self._base = theirs
            return
        merged = theirs if not session.dirty else merge_from_disk(self._base, mine, theirs)
        was_dirty = session.dirty
        self.editor.apply(self.tr("读入文件中的新意见"), lambda _d: merged)
        if not was_dirty:
            session.mark_saved(session.path)
        self._base = theirs
        added = len({i.id for i in theirs.feedback} - {i.id for i in mine.feedback})
        self.status.setText(self.tr("草稿文件已被其他程序修改，已读入 %1 条新意见。").replace("%1", str(added)))
        self.refresh()

    # ---- decisions --------------------------------------------------------------------
    @Slot(str, str, str)
    def _on_decided(self, item_id: str, status: str, reason: str) -> None:
        label = self.tr("意见决定：%1").replace("%1", Status(status).label)
        if self.editor.apply(label, decide, item_id, Status(status), reason):
            self.status.setText(self.tr("已记录：%1").replace("%1", Status(status).label))
        self.refresh()
        self.pane.select_item(item_id)

    @Slot(list, str)
    def _on_unit_named(self, item_ids: list, unit: str) -> None:
        self.editor.apply(self.tr("设定反馈单位"), set_unit, item_ids, unit)
        self.refresh()

    # ---- import and write-up -------------------------------------------------------------
    def _on_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("导入各单位返回的 Word 文件"), "", "Word (*.docx)")
        if files:
            self.import_files([(Path(f), "") for f in files])

    def import_files(self, sources: list[tuple[Path, str]]) -> None:
        session = self.editor.session
        if session is None:
            return
        draft = session.draft
        self.status.setText(self.tr("正在读取 %1 个文件…").replace("%1", str(len(sources))))
        QueryOp(parent=self, op=lambda: import_returned(draft, sources), success=self._on_imported) \
            .failure(lambda exc: self.status.setText(describe_failure(exc))).in_lane(Lane.IO).run_in_background()

    def _on_imported(self, result: ImportResult) -> None:
        if self.editor.session is None:
            return
        if result.added:
            self.editor.apply(self.tr("导入反馈意见"), lambda d: _with_items(d, result.draft))
        lines = [self.tr("新增意见 %1 条").replace("%1", str(len(result.added)))]
        lines += [f"{r.path.name}：{r.error}" for r in result.failed]
        lines += [f"{r.path.name}：{self.tr('未能读取')}{p}" for r in result.files for p in r.problems]
        self.status.setText("；".join(lines))
        self.ask_units(result)
        self.refresh()

    def ask_units(self, result: ImportResult) -> None:
        """Authors who are people: ask once per file and author which unit the items come from."""
        groups: dict[tuple[str, str], list[str]] = {}
        for item in result.added:
            if not item.unit:
                groups.setdefault((item.file, item.author), []).append(item.id)
        for (file, author), ids in groups.items():
            question = self.tr("《%1》中作者“%2”的 %3 条意见来自哪个单位？（可稍后在下方填写）") \
                .replace("%1", file).replace("%2", author or self.tr("未署名")).replace("%3", str(len(ids)))
            unit, ok = QInputDialog.getText(self, self.tr("反馈单位"), question)
            if ok and unit.strip():
                self.editor.apply(self.tr("设定反馈单位"), set_unit, ids, unit.strip())

    def _on_form(self) -> None:
        session = self.editor.session
        unit, ok = QInputDialog.getText(self, self.tr("征求意见反馈表"), self.tr("反馈单位："))
        if session is None or not ok or not unit.strip():
            return
        unit = unit.strip()
        self.word_export.ask(self.tr("保存反馈表"), self.tr("%1反馈表.docx").replace("%1", unit),
                             partial(export_form, session.draft, unit))

    @Slot()
    def _on_adoption_table(self) -> None:
        if self.editor.session is not None:
            self.word_export.ask(self.tr("导出意见采纳情况表"), self.tr("意见采纳情况表.docx"),
                                 partial(export_adoption, self.editor.session.draft))

    @Slot()
    def _on_explanation(self) -> None:
        if self.editor.session is not None:
            self.word_export.ask(self.tr("导出起草说明"), self.tr("起草说明.docx"),
                                 partial(export_explanation, self.editor.session.draft, self.editor.corpus))

    def open_versions(self) -> VersionsDialog:
        dialog = VersionsDialog(lambda: self.editor.draft, self.editor.corpus, self)
        dialog.saveRequested.connect(lambda name: self.editor.apply(self.tr("保存版本"), save_version, name))
        dialog.show()
        return dialog


def _with_items(mine: Draft, imported: Draft) -> Draft:
    """The window's draft with the imported items (the import ran on the draft as it was when it started)."""
    return merge_from_disk(None, mine, imported)


def attach_consultation(editor, tabs) -> ConsultationPanel:
    """Add the 征求意见 tab to the editor's side tabs; returns the panel."""
    panel = ConsultationPanel(editor, tabs)
    tabs.addTab(panel, panel.tr("征求意见"))
    editor.consultation = panel
    return panel
