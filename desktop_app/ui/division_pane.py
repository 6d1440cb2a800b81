"""Per-clause task division: 牵头单位, 责任单位 and 完成时限, with the topic rules' suggestion beside them.

Self-contained: ``DivisionPane(registry_source, parent)`` edits the clause shown
with :meth:`show_clause` of the session given to :meth:`set_session`; every
change is one undo step of that session (``drafting.division.set_division``).
Unit names complete from the department registry (the city's names valid on
the plan's date first); names the registry only infers are marked 待核.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import PolicyDeskError
from ..drafting import Draft, DraftSession
from ..drafting.departments import DEFAULT_PLAN_DATE, Registry
from ..drafting.division import (
    adopt_suggestion,
    city_practices,
    read_rules,
    reason_text,
    set_division,
    suggest_draft,
)
from ..drafting.model import DraftClause, SuggestedUnit
from ..drafting.package import TO_CHECK

SEPARATOR = "、"
MAX_TRIGGERS = 4


class UnitCompleter(QCompleter):
    """Completes the unit being typed after the last 、 (the others stay as they are)."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(SEPARATOR, maxsplit=1)[-1].strip()]

    def pathFromIndex(self, index) -> str:
        widget = self.widget()
        done = widget.text().split(SEPARATOR)[:-1] if isinstance(widget, QLineEdit) else []
        return SEPARATOR.join([*done, str(index.data())])


def split_units(text: str) -> list[str]:
    return [u.strip() for u in text.replace("，", SEPARATOR).replace(",", SEPARATOR).split(SEPARATOR) if u.strip()]


class DivisionPane(QWidget):
    """Edit one clause's division.  ``registry_source`` returns the current department registry."""

    edited = Signal(str)     # clause id, after an edit went into the session
    failed = Signal(str)     # a Chinese message

    def __init__(self, registry_source: Callable[[], Registry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._registry_source = registry_source
        self._corpus = None   # set by the editor (set_corpus): other cities' plans inform 重新建议
        self.session: DraftSession | None = None
        self.clause_id: str | None = None
        self._names = QStringListModel(self)
        self._build()
        self.lead_edit.editingFinished.connect(self._on_edited)
        self.partners_edit.editingFinished.connect(self._on_edited)
        self.deadline_edit.editingFinished.connect(self._on_edited)
        self.adopt_button.clicked.connect(self._on_adopt)
        self.resuggest_button.clicked.connect(self._on_resuggest)
        self._refresh()

    def _build(self) -> None:
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.lead_edit = QLineEdit(self)
        self.lead_edit.setPlaceholderText(self.tr("如 市公安局"))
        self.partners_edit = QLineEdit(self)
        self.partners_edit.setPlaceholderText(self.tr("多个单位用顿号分隔，如 市发展改革委、市财政局"))
        self.deadline_edit = QLineEdit(self)
        self.deadline_edit.setPlaceholderText(self.tr("如 2020年12月底前、长期坚持"))
        for edit in (self.lead_edit, self.partners_edit):
            completer = UnitCompleter(self._names, edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
        form.addRow(self.tr("牵头单位"), self.lead_edit)
        form.addRow(self.tr("责任单位"), self.partners_edit)
        form.addRow(self.tr("完成时限"), self.deadline_edit)
        col.addLayout(form)
        self.check_label = QLabel(self)
        self.check_label.setWordWrap(True)
        self.check_label.setStyleSheet("color: #a15c00;")
        col.addWidget(self.check_label)
        row = QHBoxLayout()
        self.suggestion_label = QLabel(self)
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.suggestion_label, 1)
        buttons = QVBoxLayout()
        self.adopt_button = QPushButton(self.tr("采用建议"), self)
        self.resuggest_button = QPushButton(self.tr("重新建议"), self)
        self.resuggest_button.setToolTip(self.tr("按分工规则和部门名录（成文日期）重新给出本条的建议；已填写的单位不变"))
        buttons.addWidget(self.adopt_button)
        buttons.addWidget(self.resuggest_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        col.addLayout(row)
        col.addStretch(1)

    # ---- what is shown --------------------------------------------------------------------
    def set_session(self, session: DraftSession | None) -> None:
        self.session = session
        if session is not None:
            session.changed.append(self._on_session_changed)
        self.clause_id = None
        self._refresh()

    def show_unit(self, _draft: Draft | None, unit_id: str | None) -> None:
        """The draft editor's pane contract (ui/draft/panes.py): the selection or the draft changed."""
        self.show_clause(unit_id)

    def set_corpus(self, corpus) -> None:
        """The pane contract: other cities' plans in the knowledge base inform 重新建议."""
        self._corpus = corpus

    def show_clause(self, clause_id: str | None) -> None:
        """Show *clause_id* of the session's draft (None or a part id: nothing to edit)."""
        draft = self.session.draft if self.session else None
        self.clause_id = clause_id if draft and any(c.id == clause_id for c in draft.clauses) else None
        self._refresh()

    def _clause(self) -> DraftClause | None:
        if self.session is None or self.clause_id is None:
            return None
        try:
            return self.session.draft.clause(self.clause_id)
        except KeyError:
            return None

    def _day(self, draft: Draft) -> str:
        return draft.package.date or DEFAULT_PLAN_DATE

    def _refresh(self) -> None:
        clause = self._clause()
        for widget in (self.lead_edit, self.partners_edit, self.deadline_edit):
            widget.setEnabled(clause is not None)
        if clause is None:
            for widget in (self.lead_edit, self.partners_edit, self.deadline_edit):
                widget.clear()
            self.suggestion_label.setText(self.tr("选择一条条款后可填写牵头单位、责任单位和完成时限。"))
            self.check_label.clear()
            self.adopt_button.setEnabled(False)
            self.resuggest_button.setEnabled(False)
            return
        draft = self.session.draft
        registry = self._registry_source()
        self._names.setStringList(list(registry.completions(draft.city, self._day(draft))))
        self.lead_edit.setText(clause.lead)
        self.partners_edit.setText(SEPARATOR.join(clause.partners))
        self.deadline_edit.setText(clause.deadline)
        self.suggestion_label.setText(self._suggestion_text(clause, registry))
        self.check_label.setText(self._check_text(clause, registry))
        s = clause.suggestion
        adopted = s is not None and (clause.lead, clause.partners) == (
            s.lead.name if s.lead else "", tuple(u.name for u in s.partners))
        self.adopt_button.setEnabled(s is not None and not adopted)
        self.resuggest_button.setEnabled(True)

    def _unit_text(self, unit: SuggestedUnit, registry: Registry) -> str:
        draft = self.session.draft
        mark = f"［{TO_CHECK}］" if registry.needs_check(draft.city, unit.name, self._day(draft)) else ""
        why = reason_text(unit, MAX_TRIGGERS)
        return self.tr("%1%2（%3）").replace("%1", unit.name).replace("%2", mark).replace("%3", why)

    def _suggestion_text(self, clause: DraftClause, registry: Registry) -> str:
        s = clause.suggestion
        if s is None or s.lead is None:
            return self.tr("暂无建议：本条未命中分工规则，或草稿生成时尚无此功能（可点“重新建议”）。"
                           "请按本市职责分工填写。")
        lead = self._unit_text(s.lead, registry)
        partners = "\n".join("　" + self._unit_text(u, registry) for u in s.partners) or self.tr("　无")
        return self.tr("建议牵头单位：\n　%1\n建议责任单位：\n%2").replace("%1", lead).replace("%2", partners)

    def _check_text(self, clause: DraftClause, registry: Registry) -> str:
        problem = getattr(self._registry_source, "problem", "")
        return "\n".join(x for x in (problem, self._unsure_text(clause, registry)) if x)

    def _unsure_text(self, clause: DraftClause, registry: Registry) -> str:
        draft = self.session.draft
        unsure = [n for n in (clause.lead, *clause.partners)
                  if n and registry.needs_check(draft.city, n, self._day(draft))]
        if not unsure:
            return ""
        return self.tr("%1：%2 为部门名录中的默认名称，尚未核实（工具 → 部门名录 可核实或修改）。") \
            .replace("%1", TO_CHECK).replace("%2", "、".join(unsure))

    # ---- edits ----------------------------------------------------------------------------
    @Slot()
    def _on_edited(self) -> None:
        clause = self._clause()
        if clause is None:
            return
        lead, partners = self.lead_edit.text().strip(), split_units(self.partners_edit.text())
        deadline = self.deadline_edit.text().strip()
        if (lead, tuple(partners), deadline) == (clause.lead, clause.partners, clause.deadline):
            return
        self._apply(self.tr("修改分工"), set_division, clause.id, lead, partners, deadline)

    @Slot()
    def _on_adopt(self) -> None:
        if self._clause() is not None:
            self._apply(self.tr("采用分工建议"), adopt_suggestion, self.clause_id)

    @Slot()
    def _on_resuggest(self) -> None:
        if self._clause() is not None:
            practices = city_practices(self._corpus) if self._corpus is not None else ()
            self._apply(self.tr("重新建议分工"), suggest_draft, read_rules(), self._registry_source(),
                        only=self.clause_id, practices=practices)

    def _apply(self, label: str, edit, *args, **kwargs) -> None:
        try:
            self.session.apply(label, edit, *args, **kwargs)
        except PolicyDeskError as exc:
            self.failed.emit(str(exc))
            return
        self.edited.emit(self.clause_id)

    def _on_session_changed(self, _draft: Draft) -> None:
        # after an edit, an undo or a redo: show the clause as the draft now has it
        self._refresh()
