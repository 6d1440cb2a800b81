"""The issuing facts of a draft (发文机关, 成文日期, 文号, 抄送, 印发机关, 印发日期, 印发通知, 公开) and how its
task division is printed, for the 标题与序言 tab.

Self-contained: ``DocumentFields(parent)`` edits the package of the session given
to :meth:`set_session`; a finished field becomes one undo step
(``drafting.edit.set_package``).  A bad date or column list is shown in red and
not applied.  Left empty, a fact is printed as 【请补充】.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..drafting import Draft, DraftSession
from ..drafting import edit as ed
from ..drafting.departments import Registry
from ..drafting.division import set_package_following
from ..drafting.package import (
    DIVISION_LABELS,
    INLINE_FORMS,
    DivisionMode,
    DocumentPackage,
    PackageError,
    columns_text,
    parse_columns,
    parse_date,
)

INLINE_FORM_LABELS = {"lead": "甲牵头，乙、丙按职责分工负责", "joint": "甲、乙、丙负责",
                      "first-listed": "列第一位者为牵头单位", "lines": "条款下另起“牵头单位：”“责任单位：”"}


def _names(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.replace("，", "、").replace(",", "、").split("、") if x.strip())


class IssuersEdit(QPlainTextEdit):
    """One issuer a line; finishing (leaving the field) is reported like QLineEdit's editingFinished."""

    editingFinished = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


class DocumentFields(QWidget):
    """Edit a draft's document package."""

    edited = Signal()
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None, registry_source: Callable[[], Registry] | None = None) -> None:
        super().__init__(parent)
        self._registry_source = registry_source   # given: a new 成文日期 renames units that changed by then
        self.session: DraftSession | None = None
        self._loading = False
        self._build()
        self._connect()
        self._load()

    def _build(self) -> None:
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.issuers_edit = IssuersEdit(self)
        self.issuers_edit.setPlaceholderText(self.tr("每行一个机关，主办机关在前，如\n中共鞍山市委办公室\n鞍山市人民政府办公室"))
        self.issuers_edit.setMaximumHeight(70)
        self.date_edit = QLineEdit(self)
        self.date_edit.setPlaceholderText(self.tr("如 2020-07-15（部门名称也按此日期取用）"))
        self.number_edit = QLineEdit(self)
        self.number_edit.setPlaceholderText(self.tr("如 鞍政办发〔2020〕12号；不填则印发通知中写【请补充】"))
        self.cc_edit = QLineEdit(self)
        self.cc_edit.setPlaceholderText(self.tr("用顿号分隔，如 省委办公厅、省政府办公厅"))
        self.printer_edit = QLineEdit(self)
        self.printer_edit.setPlaceholderText(self.tr("如 鞍山市人民政府办公室"))
        self.print_date_edit = QLineEdit(self)
        self.print_date_edit.setPlaceholderText(self.tr("如 2020-07-16"))
        self.notice_box = QCheckBox(self.tr("以“关于印发《……》的通知”包装方案"), self)
        self.addressee_edit = QLineEdit(self)
        self.addressee_edit.setPlaceholderText(self.tr("不填则按发文机关取通常写法"))
        self.public_box = QCheckBox(self.tr("附注“（此件公开发布）”"), self)
        self.division_box = QComboBox(self)
        for mode in DivisionMode.ALL:
            self.division_box.addItem(self.tr(DIVISION_LABELS[mode]), mode)
        self.form_box = QComboBox(self)
        for key in INLINE_FORMS:
            self.form_box.addItem(self.tr(INLINE_FORM_LABELS[key]), key)
        self.columns_edit = QLineEdit(self)
        self.columns_edit.setPlaceholderText(self.tr("列及顺序，可改名：序号,重点任务,牵头单位=牵头部门"))
        for label, widget in ((self.tr("发文机关"), self.issuers_edit), (self.tr("成文日期"), self.date_edit),
                              (self.tr("发文字号"), self.number_edit), (self.tr("抄送"), self.cc_edit),
                              (self.tr("印发机关"), self.printer_edit), (self.tr("印发日期"), self.print_date_edit),
                              ("", self.notice_box), (self.tr("主送"), self.addressee_edit), ("", self.public_box),
                              (self.tr("分工写法"), self.division_box), (self.tr("括注形式"), self.form_box),
                              (self.tr("分工表列"), self.columns_edit)):
            form.addRow(label, widget)
        col.addLayout(form)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        col.addWidget(self.error_label)

    def _connect(self) -> None:
        for edit in (self.issuers_edit, self.date_edit, self.number_edit, self.cc_edit, self.printer_edit,
                     self.print_date_edit, self.addressee_edit, self.columns_edit):
            edit.editingFinished.connect(self._on_edited)
        for box in (self.notice_box, self.public_box):
            box.toggled.connect(self._on_edited)
        for combo in (self.division_box, self.form_box):
            combo.currentIndexChanged.connect(self._on_edited)

    # ---- showing ---------------------------------------------------------------------------
    def set_session(self, session: DraftSession | None) -> None:
        self.session = session
        if session is not None:
            session.changed.append(self._on_session_changed)
        self._load()

    def _on_session_changed(self, _draft: Draft) -> None:
        self._load()

    def _load(self) -> None:
        pkg = self.session.draft.package if self.session else DocumentPackage()
        self._loading = True
        try:
            self.issuers_edit.setPlainText("\n".join(pkg.issuers))
            self.date_edit.setText(pkg.date)
            self.number_edit.setText(pkg.doc_number)
            self.cc_edit.setText("、".join(pkg.cc))
            self.printer_edit.setText(pkg.printer)
            self.print_date_edit.setText(pkg.print_date)
            self.notice_box.setChecked(pkg.notice)
            self.addressee_edit.setText(pkg.addressee)
            self.public_box.setChecked(pkg.public)
            self.division_box.setCurrentIndex(max(0, self.division_box.findData(pkg.division)))
            self.form_box.setCurrentIndex(max(0, self.form_box.findData(pkg.inline_form)))
            self.columns_edit.setText(columns_text(pkg.columns))
            inline = pkg.division in (DivisionMode.INLINE, DivisionMode.BOTH)
            self.form_box.setEnabled(inline and self.session is not None)
            self.columns_edit.setEnabled(pkg.division in (DivisionMode.ANNEX, DivisionMode.BOTH)
                                         and self.session is not None)
        finally:
            self._loading = False
        for widget in self.findChildren(QWidget):
            if widget not in (self.form_box, self.columns_edit, self.error_label):
                widget.setEnabled(self.session is not None)

    # ---- editing ---------------------------------------------------------------------------
    def package(self) -> DocumentPackage:
        """The package the fields describe.

        Raises:
            PackageError: a bad date or column list.
        """
        base = self.session.draft.package if self.session else DocumentPackage()
        issuers = tuple(x.strip() for x in self.issuers_edit.toPlainText().split("\n") if x.strip())
        return replace(
            base, issuers=issuers, date=parse_date(self.date_edit.text()), doc_number=self.number_edit.text().strip(),
            cc=_names(self.cc_edit.text()), printer=self.printer_edit.text().strip(),
            print_date=parse_date(self.print_date_edit.text()), notice=self.notice_box.isChecked(),
            addressee=self.addressee_edit.text().strip(), public=self.public_box.isChecked(),
            division=self.division_box.currentData(), inline_form=self.form_box.currentData(),
            columns=parse_columns(self.columns_edit.text()))

    @Slot()
    def _on_edited(self, *_args) -> None:
        if self._loading or self.session is None:
            return
        try:
            package = self.package()
        except PackageError as exc:
            self.error_label.setText(str(exc))
            self.failed.emit(str(exc))
            return
        self.error_label.clear()
        if package == self.session.draft.package:
            return
        if self._registry_source is not None:
            self.session.apply(self.tr("修改发文信息"), set_package_following, package, self._registry_source())
        else:
            self.session.apply(self.tr("修改发文信息"), ed.set_package, package)
        self.edited.emit()
