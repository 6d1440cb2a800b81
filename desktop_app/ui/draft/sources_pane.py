"""The texts beside the selected clause: the provincial clause it comes from, the central clauses it
carries out, and the basis note that goes into the exported file's comment."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QTextBrowser, QWidget

from ...core.corpus import Corpus
from ...core.errors import LookupFailed
from ...core.labels import completeness_mark
from ...core.model import Clause
from ...drafting import Draft
from ...export.basis import basis_lines


class SourcesPane(QTabWidget):
    """Tabs 省实施措施 / 中央意见 / 依据与批注; further panes may be added as tabs (see ``panes.py``)."""

    def __init__(self, corpus: Corpus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus
        self.provincial_view = QTextBrowser(self)
        self.central_view = QTextBrowser(self)
        self.basis_view = QTextBrowser(self)
        self.addTab(self.provincial_view, self.tr("省实施措施"))
        self.addTab(self.central_view, self.tr("中央意见"))
        self.addTab(self.basis_view, self.tr("依据与批注"))

    def set_corpus(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def show_unit(self, draft: Draft | None, unit_id: str | None) -> None:
        clause = draft.clause(unit_id) if draft and unit_id and _is_clause(draft, unit_id) else None
        prov, central, basis = "", "", ""
        if draft is not None and clause is not None:
            prov = self._provincial_text(draft, clause)
            central = "\n\n".join(self._central_text(draft, i) for i in clause.carries_out) \
                or self.tr("无对应中央条款。")
            basis = "\n".join(basis_lines(self.corpus, draft, clause))
        self.provincial_view.setPlainText(prov)
        self.central_view.setPlainText(central)
        self.basis_view.setPlainText(basis)

    def _provincial_text(self, draft: Draft, clause) -> str:
        if not clause.source_id:
            return self.tr("省实施措施无对应条款。")
        try:
            return self.corpus.unit(draft.provincial_doc, clause.source_id).full_text()
        except LookupFailed:
            return self.tr("（知识库中找不到原条款）")

    def _central_text(self, draft: Draft, unit_id: str) -> str:
        try:
            unit = self.corpus.unit(draft.central_doc, unit_id)
        except LookupFailed:
            return unit_id
        text = unit.full_text() if isinstance(unit, Clause) else "\n".join([unit.num + unit.heading, *unit.paragraphs])
        mark = completeness_mark(unit.completeness)
        return text + ("\n" + mark if mark else "")


def _is_clause(draft: Draft, unit_id: str) -> bool:
    return any(c.id == unit_id for c in draft.clauses)
