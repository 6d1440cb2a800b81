"""The import window: check what was found in a file, correct it, choose links, then save.

``ImportDialog(corpus, path, parent)`` reads and structures the file and
suggests links on a worker thread (jieba and scoring take a second or two),
then shows the metadata (editable), the structure, and for each clause the
suggested links as check boxes, ticked when they score at least the threshold
``desktop_app.linking.ACCEPT_THRESHOLD``.  For a published plan it shows what
the 印发通知 gave (title, 主送, and the 文号/issuers/date taken from it) and under
each clause its 分工 read from the annex table, for the drafter to check.
Nothing is written until 保存.
When the file is the full text of the shipped central document, the window
lists the clauses it will complete instead of links.

After saving, ``documentImported(doc_id)`` is emitted; :func:`install` connects
it to ``window.reload_corpus``, which refreshes the views and updates the
search index on the window's index worker.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.corpus import Corpus
from ..core.errors import PolicyDeskError
from ..core.labels import division_fields, division_text, kind_label, notice_text
from ..core.model import Document, DocumentKind, Link, TaskDivision
from ..core.normalize import describe_changes
from ..core.xmlio import ID_RE
from ..importing import (
    EncodingUnclearError,
    ImportPlan,
    NoStructureError,
    UserStore,
    commit_import,
    plan_for,
    prepare_import,
)
from ..importing.textfile import KNOWN_ENCODINGS
from ..linking import ACCEPT_THRESHOLD, link_units, to_link
from .workers import Lane, QueryOp, describe_failure

FILE_FILTER = "政策文件 (*.txt *.docx *.html *.htm *.xml)"
_LINK_ROLE = Qt.ItemDataRole.UserRole + 1


class ImportDialog(QDialog):
    """Confirm and save one imported file.  Construct with ``(corpus, path, parent)``."""

    documentImported = Signal(str)
    analysisFinished = Signal(bool)   # True when a plan is shown, False when the file was refused

    def __init__(self, corpus: Corpus, path: str | Path, parent: QWidget | None = None, *,
                 store: UserStore | None = None) -> None:
        super().__init__(parent)
        self._corpus, self._path, self._store = corpus, Path(path), store
        self._plan: ImportPlan | None = None
        self._options: dict = {}
        self._saving = False
        self.setWindowTitle(self.tr("导入文档：%1").replace("%1", self._path.name))
        self.resize(1100, 760)
        self._build()
        self._connect()
        self._analyse()

    # ---- layout --------------------------------------------------------------------
    def _build(self) -> None:
        self.status = QLabel(self.tr("正在读取并分析 %1 …").replace("%1", self._path.name))
        self.status.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.overwrite_box = QCheckBox()
        self.overwrite_box.hide()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_structure())
        splitter.addWidget(self._build_links())
        splitter.setSizes([450, 650])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存到知识库"))
        self.save_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(self._build_form())
        layout.addWidget(self.details)
        layout.addWidget(self.overwrite_box)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

    def _build_form(self) -> QFormLayout:
        self.title_edit, self.id_edit = QLineEdit(), QLineEdit()
        self.issuer_edit, self.number_edit, self.date_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.kind_combo = QComboBox()
        for kind in DocumentKind:
            self.kind_combo.addItem(kind_label(kind), kind.value)
        form = QFormLayout()
        for label, widget in ((self.tr("标题"), self.title_edit), (self.tr("编号（英文）"), self.id_edit),
                              (self.tr("层级"), self.kind_combo), (self.tr("发文机关"), self.issuer_edit),
                              (self.tr("文号"), self.number_edit), (self.tr("日期"), self.date_edit)):
            form.addRow(label, widget)
        return form

    def _build_structure(self) -> QTreeWidget:
        self.structure = QTreeWidget()
        self.structure.setHeaderLabels([self.tr("编号"), self.tr("识别出的结构")])
        return self.structure

    def _build_links(self) -> QWidget:
        self.links = QTreeWidget()
        self.links.setHeaderLabels([self.tr("条款 / 建议落实的上级条款"), self.tr("得分")])
        header = self.links.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.links_hint = QLabel()
        self.links_hint.setWordWrap(True)
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(self.links_hint)
        box_layout.addWidget(self.links, 1)
        return box

    def _connect(self) -> None:
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.kind_combo.activated.connect(self._on_kind_changed)
        self.overwrite_box.toggled.connect(self._on_overwrite_toggled)

    # ---- analysis (on a worker) -----------------------------------------------------
    def _analyse(self, **options) -> None:
        self._options.update(options)
        corpus, path, opts = self._corpus, self._path, dict(self._options)
        self._run(lambda: prepare_import(corpus, path, **opts))

    def _replan(self) -> None:
        """Suggestions depend on the level (and completion on id and level): plan again for the edited values."""
        if self._plan is None:
            return
        kind = DocumentKind(self.kind_combo.currentData())
        doc = replace(self._plan.imported.document, kind=kind, id=self.id_edit.text().strip() or "x")
        imported = replace(self._plan.imported, document=doc)
        corpus, overwrite = self._corpus, self.overwrite_box.isChecked()
        self._run(lambda: plan_for(corpus, imported, overwrite=overwrite, explicit_id=doc.id))

    def _run(self, fn) -> None:
        """Analyse on the job runner; only the newest analysis is shown (the level may change meanwhile).

        The answer comes back through the runner's relay, never an object of this dialog: closing the
        dialog while the file is analysed drops the answer.
        """
        self.save_button.setEnabled(False)
        QueryOp(parent=self, op=fn, success=self._on_analysed).failure(self._on_failed) \
            .in_lane(Lane.IO).latest_only((id(self), "analyse")).run_in_background()

    def _on_analysed(self, plan: ImportPlan) -> None:
        self._plan = plan
        doc = plan.document
        for edit, value in ((self.title_edit, doc.title), (self.id_edit, doc.id), (self.issuer_edit, doc.issuer),
                            (self.number_edit, doc.doc_number), (self.date_edit, doc.date)):
            edit.setText(value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(doc.kind.value))
        completing = plan.completion is not None
        for edit in (self.title_edit, self.id_edit, self.issuer_edit, self.number_edit, self.date_edit):
            edit.setReadOnly(completing)
        self._show_details(plan)
        self._fill_structure(plan.imported.document)
        if completing:
            self._fill_completion(plan)
        else:
            self._fill_links(plan)
        self.status.setText(self.tr("请核对识别结果，可修改标题等信息，勾选要保存的链接，然后保存。"))
        self.save_button.setEnabled(True)
        self.analysisFinished.emit(True)

    def _on_failed(self, exc: Exception) -> None:
        if isinstance(exc, NoStructureError) and not self._options.get("by_paragraph"):
            answer = QMessageBox.question(self, self.tr("未识别出条款编号"), self.tr(
                "%1\n\n是否按段落导入（每段作为一条，编号记为“第N段”）？").replace("%1", exc.problem))
            if answer == QMessageBox.StandardButton.Yes:
                self._analyse(by_paragraph=True)
                return
        elif isinstance(exc, EncodingUnclearError) and not self._options.get("encoding"):
            encoding, ok = QInputDialog.getItem(self, self.tr("选择文件编码"), self.tr(
                "%1\n\n请选择文件的编码：").replace("%1", exc.problem), list(KNOWN_ENCODINGS), 2, False)
            if ok and encoding:
                self._analyse(encoding=encoding)
                return
        message = str(exc) if isinstance(exc, PolicyDeskError) else self.tr("无法导入 %1：%2").replace(
            "%1", str(self._path)).replace("%2", describe_failure(exc))
        self.status.setText(self.tr("无法导入：%1").replace("%1", message))
        self.status.setStyleSheet("color: #b00020;")
        self.save_button.setEnabled(False)
        self.analysisFinished.emit(False)

    # ---- showing the plan -------------------------------------------------------------
    def _show_details(self, plan: ImportPlan) -> None:
        src, doc = plan.imported, plan.document
        lines = [self.tr("文件：%1（%2%3）").replace("%1", src.path.name).replace("%2", src.format)
                 .replace("%3", "，" + src.encoding if src.encoding else ""),
                 self.tr("识别出 %1 部分、%2 条").replace("%1", str(len(doc.parts)))
                 .replace("%2", str(len(doc.clauses)))]
        lines += [self.tr("标点规范：%1").replace("%1", c) for c in describe_changes(doc.provenance.normalisation)]
        lines += [self.tr("注意：%1").replace("%1", n) for n in src.document.provenance.notes]
        if src.header.taken:
            lines.append(self.tr("文头、落款（不计入正文）：%1").replace("%1", " / ".join(src.header.taken)))
        lines += self._notice_lines(src.document)
        self.details.setText("\n".join(lines))

    def _notice_lines(self, doc: Document) -> list[str]:
        """What the 印发通知 gave: its title and 主送, and the 文号/issuers/date read from it (shown above)."""
        if doc.notice is None:
            return []
        unknown = self.tr("未识别")
        taken = self.tr("文号、发文机关、日期取自印发通知：%1；%2；%3").replace("%1", doc.doc_number or unknown) \
            .replace("%2", doc.issuer or unknown).replace("%3", doc.date or unknown)
        return [notice_text(doc.notice), taken]

    def _fill_structure(self, doc: Document) -> None:
        self.structure.clear()
        if doc.preamble:
            QTreeWidgetItem(self.structure, [self.tr("序言"), doc.preamble[0][:60]])
        for part in doc.parts:
            parent = QTreeWidgetItem(self.structure, [part.num, part.heading]) if part.num or part.heading else None
            for clause in part.clauses:
                item = QTreeWidgetItem([clause.num, clause.heading])
                item.setToolTip(1, clause.full_text())
                if clause.division is not None:  # read from the plan's 分工表 (or its text): shown to be checked
                    self._add_division(item, clause.division)
                (parent.addChild(item) if parent else self.structure.addTopLevelItem(item))
        self.structure.expandAll()
        self.structure.resizeColumnToContents(0)

    def _add_division(self, item: QTreeWidgetItem, division: TaskDivision) -> None:
        """分工 | 牵头单位 …, then 责任单位 … and 完成时限 … on lines of their own (none elided away)."""
        for n, field in enumerate(division_fields(division)):
            shown = QTreeWidgetItem(item, [self.tr("分工") if n == 0 else "", field])
            shown.setToolTip(1, division_text(division))

    def _fill_links(self, plan: ImportPlan) -> None:
        self.overwrite_box.hide()
        self.links.clear()
        self.links.setHeaderLabels([self.tr("条款 / 建议落实的上级条款"), self.tr("得分")])
        self.links_hint.setText(self.tr("勾选的链接随文档保存。已预先勾选：原文明确引用的条款，以及每个上级文件中"
                                        "得分最高且不低于 %1 的条款。").replace("%1", f"{ACCEPT_THRESHOLD:.2f}"))
        units = {u.id: u for u in link_units(plan.document)}
        for found in plan.suggestions:
            unit = units[found.unit_id]
            top = QTreeWidgetItem(self.links, [unit.num + unit.heading, ""])
            accepted = found.accepted()
            for s in found.suggestions:
                label = f"［{self._doc_label(s.doc)}］{s.num}{s.heading}"
                child = QTreeWidgetItem(top, [label, f"{s.score:.2f}" if s.reason == "text" else self.tr("原文引用")])
                child.setToolTip(0, self._corpus.ref(s.doc, s.id).citation + (f"\n{s.note}" if s.note else ""))
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Checked if s in accepted else Qt.CheckState.Unchecked)
                child.setData(0, _LINK_ROLE, to_link(plan.document.id, found.unit_id, s))
            if not found.suggestions:
                QTreeWidgetItem(top, [self.tr("（没有相近的上级条款）"), ""])
        self.links.expandAll()
        self.links.resizeColumnToContents(1)

    def _fill_completion(self, plan: ImportPlan) -> None:
        completion = plan.completion
        self.links.clear()
        self.links.setHeaderLabels([self.tr("将补全的条款（原为仅标题或部分原文）"), ""])
        self.links_hint.setText(self.tr("这是内置文档 %1 的全文：下列条款将改用导入的正文并标为全文，其余内容不变。")
                                .replace("%1", plan.document.id))
        for clause in plan.document.clauses:
            if clause.id in completion.filled:
                QTreeWidgetItem(self.links, [clause.num + clause.heading, self.tr("补全")])
        for num in completion.unmatched:
            QTreeWidgetItem(self.links, [num, self.tr("导入文本中没有，保持原样")])
        if completion.conflicts:
            self.overwrite_box.setText(self.tr("已有全文但与导入文本不同的 %1 条（%2）改用导入文本").replace(
                "%1", str(len(completion.conflicts))).replace("%2", "、".join(c.num for c in completion.conflicts)))
            self.overwrite_box.show()
        self.links.expandAll()

    def _doc_label(self, doc_id: str) -> str:
        """``省级 liaoning``: the level says at a glance which document the target is in."""
        return f"{kind_label(self._corpus.document(doc_id).kind)} {doc_id}"

    # ---- user actions ------------------------------------------------------------------
    @Slot(int)
    def _on_kind_changed(self, _index: int) -> None:
        self._replan()

    @Slot(bool)
    def _on_overwrite_toggled(self, _checked: bool) -> None:
        self._replan()

    def checked_links(self) -> list[Link]:
        """The links the user left ticked, with the (possibly corrected) document id."""
        doc_id = self.id_edit.text().strip()
        links = []
        for i in range(self.links.topLevelItemCount()):
            top = self.links.topLevelItem(i)
            for j in range(top.childCount()):
                child = top.child(j)
                link = child.data(0, _LINK_ROLE)
                if link is not None and child.checkState(0) == Qt.CheckState.Checked:
                    links.append(replace(link, source_doc=doc_id))
        return links

    @Slot()
    def _on_save(self) -> None:
        if self._plan is None:
            return
        problem = self._check_fields()
        if problem:
            QMessageBox.warning(self, self.tr("无法保存"), problem)
            return
        plan = self._plan
        if plan.completion is None:
            doc = replace(plan.document, id=self.id_edit.text().strip(), title=self.title_edit.text().strip(),
                          kind=DocumentKind(self.kind_combo.currentData()), issuer=self.issuer_edit.text().strip(),
                          doc_number=self.number_edit.text().strip(), date=self.date_edit.text().strip())
            plan = replace(plan, document=doc)
        links, store = (self.checked_links() if plan.completion is None else []), self._store
        self._saving = True
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("正在保存到知识库…"))
        # on the job runner: the knowledge-base lock may be held a while by another PolicyDesk
        QueryOp(parent=self, op=lambda: commit_import(plan, links, store=store, update_index=False),
                success=lambda _path: self._on_saved(plan.document.id)) \
            .failure(self._on_save_failed).in_lane(Lane.IO).run_in_background()

    def _on_saved(self, doc_id: str) -> None:
        self._saving = False
        self.documentImported.emit(doc_id)
        self.accept()

    def _on_save_failed(self, exc: Exception) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("未保存：%1").replace("%1", describe_failure(exc)))
        QMessageBox.warning(self, self.tr("无法保存"), describe_failure(exc))

    def reject(self) -> None:
        if not self._saving:  # a save under way finishes first (its result must reach the window)
            super().reject()

    def _check_fields(self) -> str:
        if not self.title_edit.text().strip():
            return self.tr("标题不能为空。")
        if not ID_RE.match(self.id_edit.text().strip()):
            return self.tr("编号须以英文字母开头，只含英文字母、数字、_ 和 -。")
        return ""
